// A session kept in a member: logged on in one method, released in another,
// and no code of the translation unit ever logs it off. Each method alone
// looks fine; only the whole TU shows that Logoff (step 4) is missing.
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mock %cxx -DWITH_ATL 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,ATL --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s \
// RUN:   --config="{CheckOptions: [{key: mapi-session-release.RequireLogoff, value: false}]}" \
// RUN:   -- %mock %cxx -DWITH_ATL 2>&1 | FileCheck %s --check-prefix=OFF --allow-empty \
// RUN:   --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#ifdef WITH_ATL
#include <atlbase.h>
#endif

#define SAFE_RELEASE(p) do { if (p) { (p)->Release(); (p) = NULL; } } while (0)

// Raw member: Connect() logs on, Disconnect() releases through a macro.
class CMailbox {
public:
  HRESULT Connect() {
    return MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, &m_lpSes);
  }
  void Disconnect() { SAFE_RELEASE(m_lpSes); }
  // Borrowers: an accessor and a hand-off to code elsewhere do not log off.
  LPMAPISESSION session() const { return m_lpSes; }
  HRESULT OpenStore(ULONG cb, LPENTRYID eid);

private:
  LPMAPISESSION m_lpSes = NULL;
};
// CHECK: :[[@LINE-8]]:23: warning: session 'm_lpSes' is released without a Logoff; nothing in this translation unit logs it off [mapi-session-release]
// CHECK: :[[@LINE-11]]:12: note: 'm_lpSes' is logged on here

HRESULT OpenElsewhere(LPMAPISESSION lpSes, ULONG cb, LPENTRYID eid);
HRESULT CMailbox::OpenStore(ULONG cb, LPENTRYID eid) {
  return OpenElsewhere(m_lpSes, cb, eid);
}

// A borrowed reference: AddRef'd from another owner, released here. Not
// the owner, so it owes no Logoff.
class CBorrower {
public:
  explicit CBorrower(LPMAPISESSION lpSes) : m_lpSes(lpSes) { m_lpSes->AddRef(); }
  ~CBorrower() { m_lpSes->Release(); }

private:
  LPMAPISESSION m_lpSes;
};

// The owner hands the session to a function named like a logoff that lives
// in another file: it may well log off there, so nothing is said.
void LogoffSession(LPMAPISESSION lpSes);

class CDelegating {
public:
  HRESULT Start() {
    return MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, &m_lpSes);
  }
  void Stop() {
    LogoffSession(m_lpSes);
    m_lpSes->Release();
    m_lpSes = NULL;
  }

private:
  LPMAPISESSION m_lpSes = NULL;
};

// A class with methods in another file (Shutdown() there may log off):
// this file alone cannot tell, so nothing is said.
class CSplitClient {
public:
  HRESULT Connect() {
    return MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, &m_lpSes);
  }
  void Close() {
    if (m_lpSes)
      m_lpSes->Release();
    m_lpSes = NULL;
  }
  void Shutdown(); // defined in another file

private:
  LPMAPISESSION m_lpSes = NULL;
};

#ifdef WITH_ATL
// Smart pointer member: logged on in the constructor, released with the
// smart pointer's own Release() in the destructor.
class CProfile {
public:
  CProfile() {
    if (SUCCEEDED(MAPIInitialize(NULL)))
      MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_LOGON_UI, &m_spSes);
  }
  ~CProfile() {
    m_spSes.Release();
    MAPIUninitialize();
  }

private:
  CComPtr<IMAPISession> m_spSes;
};
// ATL: :[[@LINE-7]]:5: warning: session 'm_spSes' is released without a Logoff; nothing in this translation unit logs it off [mapi-session-release]
// ATL: :[[@LINE-11]]:7: note: 'm_spSes' is logged on here
#endif

// OFF-NOT: warning:
