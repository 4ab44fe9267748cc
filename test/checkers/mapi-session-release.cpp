// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,REQ --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,REQ --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s \
// RUN:   --config="{CheckOptions: [{key: mapi-session-release.RequireLogoff, value: false}]}" \
// RUN:   -- %mingw %cxx 2>&1 | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>

HRESULT NeverReleased() {
  LPMAPISESSION lpSession = NULL;
  HRESULT hr = MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSession);
  // CHECK: :[[@LINE-1]]:16: warning: session 'lpSession' is never released on some path [mapi-session-release]
  if (FAILED(hr))
    return hr;
  lpSession->Logoff(0, 0, 0);
  return S_OK;
  // CHECK: :[[@LINE-1]]:3: note: this exit leaves it open
}

void ReleasedBeforeLogoff() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSession)))
    return;
  lpSession->Release();
  // CHECK: :[[@LINE-1]]:3: warning: session 'lpSession' is released before its Logoff [mapi-session-release]
  // CHECK: :[[@LINE+1]]:3: note: Logoff runs here
  lpSession->Logoff(0, 0, 0);
}

void ReleasedWithoutLogoff() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSession)))
    return;
  lpSession->Release();
  // REQ: :[[@LINE-1]]:3: warning: session 'lpSession' is released without a Logoff on this path [mapi-session-release]
  // REQ: :[[@LINE-4]]:14: note: 'lpSession' is logged on here
}

// --- silent ---------------------------------------------------------------------
void Proper() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSession)))
    return;
  lpSession->Logoff(0, MAPI_LOGOFF_UI, 0);
  lpSession->Release();
}

// Handed to the caller through an out-parameter: the caller owns it.
HRESULT Logon(LPMAPISESSION *lppSession) {
  return MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, lppSession);
}

// Logged on through a helper, released through a helper.
void CloseSession(LPMAPISESSION s) {
  if (s) {
    s->Logoff(0, 0, 0);
    s->Release();
  }
}
void ThroughHelpers() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(Logon(&lpSession)))
    return;
  CloseSession(lpSession);
}

// Kept in a member: another method of the TU releases it.
class CClient {
  LPMAPISESSION m_lpSession = NULL;

public:
  HRESULT Start() {
    return MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &m_lpSession);
  }
  void Stop() {
    if (m_lpSession) {
      m_lpSession->Logoff(0, 0, 0);
      m_lpSession->Release();
      m_lpSession = NULL;
    }
  }
};

// Kept in a member that nothing in the TU ever releases.
class CLeakyClient {
  LPMAPISESSION m_lpSession = NULL;

public:
  HRESULT Start() {
    return MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &m_lpSession);
    // CHECK: :[[@LINE-1]]:12: warning: session 'm_lpSession' is never released in this translation unit [mapi-session-release]
  }
  void Stop() { m_lpSession->Logoff(0, 0, 0); }
};

// A borrowed reference: AddRef'd copy of a session it was given.
class CSessionUser {
  LPMAPISESSION m_lpSession;

public:
  explicit CSessionUser(LPMAPISESSION s) : m_lpSession(s) { s->AddRef(); }
  ~CSessionUser() { m_lpSession->Release(); }
};

// Handed to code we cannot see, which may have logged it off.
void Shutdown(LPMAPISESSION s);
void HandedOn() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSession)))
    return;
  Shutdown(lpSession);
  lpSession->Release();
}
