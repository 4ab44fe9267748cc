// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s \
// RUN:   --config="{CheckOptions: [{key: mapi-missing-unadvise.AdviseFunctions, value: WatchStore}, {key: mapi-missing-unadvise.UnadviseFunctions, value: UnwatchStore}]}" \
// RUN:   -- %mingw %cxx -DWITH_OPTIONS 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,OPT --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

// A local connection never unadvised.
void LocalLeak(LPMDB lpMDB, LPMAPIADVISESINK lpSink) {
  ULONG ulConn = 0;
  lpMDB->Advise(0, NULL, fnevNewMail, lpSink, &ulConn);
  // CHECK: :[[@LINE-1]]:3: warning: Advise on 'lpMDB' is never matched by an Unadvise of 'ulConn' [mapi-missing-unadvise]
}
// CHECK: :[[@LINE-1]]:1: note: this exit leaves it registered

// The advised object is released while still advised.
void ReleasedWhileAdvised(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink) {
  LPMAPITABLE lpTable = NULL;
  ULONG ulConn = 0;
  if (FAILED(lpSession->GetMsgStoresTable(0, &lpTable)))
    return;
  if (FAILED(lpTable->Advise(fnevTableModified, lpSink, &ulConn))) {
    lpTable->Release();
    return;
  }
  lpTable->Release();
  // CHECK: :[[@LINE-5]]:14: warning: Advise on 'lpTable' has no Unadvise before the object goes away [mapi-missing-unadvise]
  // CHECK: :[[@LINE-2]]:3: note: 'lpTable' is released here while still advised
}

// The session logs off with the registration live.
void LoggedOffWhileAdvised(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink) {
  ULONG ulConn = 0;
  if (FAILED(lpSession->Advise(0, NULL, fnevCriticalError, lpSink, &ulConn)))
    return;
  lpSession->Logoff(0, 0, 0);
  // CHECK: :[[@LINE-3]]:14: warning: Advise on 'lpSession' has no Unadvise before the object goes away [mapi-missing-unadvise]
  // CHECK: :[[@LINE-2]]:3: note: 'lpSession' logs off here while it is still advised
  lpSession->Unadvise(ulConn);
}

// A member connection that nothing in the TU unadvises.
class CLeakyWatcher {
  LPMDB m_lpMDB = NULL;
  ULONG m_ulConn = 0;

public:
  HRESULT Start(LPMAPIADVISESINK lpSink) {
    return m_lpMDB->Advise(0, NULL, fnevNewMail, lpSink, &m_ulConn);
    // CHECK: :[[@LINE-1]]:12: warning: the connection kept in 'm_ulConn' is never passed to Unadvise in this translation unit [mapi-missing-unadvise]
  }
};

// --- silent -----------------------------------------------------------------
// Start() advises, Stop() unadvises through the member; the destructor too.
class CWatcher {
  LPMDB m_lpMDB;
  LPMAPIADVISESINK m_lpSink;
  ULONG m_ulConnection;

public:
  CWatcher() : m_lpMDB(NULL), m_lpSink(NULL), m_ulConnection(0) {}
  ~CWatcher() { Stop(); }
  HRESULT Start(LPMAPISESSION s) {
    HRESULT hr = s->OpenMsgStore(0, 0, NULL, NULL, 0, &m_lpMDB);
    if (FAILED(hr))
      return hr;
    hr = HrAllocAdviseSink(NULL, NULL, &m_lpSink);
    if (FAILED(hr))
      return hr;
    hr = m_lpMDB->Advise(0, NULL, fnevNewMail, m_lpSink, &m_ulConnection);
    // The sink can go now: MAPI keeps its own reference until Unadvise.
    m_lpSink->Release();
    m_lpSink = NULL;
    return hr;
  }
  void Stop() {
    if (m_lpMDB && m_ulConnection) {
      m_lpMDB->Unadvise(m_ulConnection);
      m_ulConnection = 0;
    }
    if (m_lpMDB) {
      m_lpMDB->Release();
      m_lpMDB = NULL;
    }
  }
};
void RunWatcher(LPMAPISESSION s) {
  CWatcher W;
  if (SUCCEEDED(W.Start(s)))
    W.Stop();
}

// A table's Advise with its Unadvise before the table's Release.
void TableProper(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink) {
  LPMAPITABLE lpTable = NULL;
  ULONG ulConn = 0;
  if (FAILED(lpSession->GetStatusTable(0, &lpTable)))
    return;
  if (SUCCEEDED(lpTable->Advise(fnevTableModified, lpSink, &ulConn)))
    lpTable->Unadvise(ulConn);
  lpTable->Release();
}

// A failed Advise registered nothing.
HRESULT FailedAdvise(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink) {
  LPMAPITABLE lpTable = NULL;
  ULONG ulConn = 0;
  HRESULT hr = lpSession->GetMsgStoresTable(0, &lpTable);
  if (FAILED(hr))
    return hr;
  if (FAILED(hr = lpTable->Advise(fnevTableModified, lpSink, &ulConn))) {
    lpTable->Release();
    return hr;
  }
  lpTable->Unadvise(ulConn);
  lpTable->Release();
  return S_OK;
}

// Re-registration from inside a notification callback.
struct CContext {
  LPMDB lpMDB;
  LPMAPIADVISESINK lpSink;
  ULONG ulConn;
};
LONG WINAPI OnNotify(LPVOID lpvContext, ULONG cNotif, LPNOTIFICATION lpNotifs) {
  CContext *C = (CContext *)lpvContext;
  C->lpMDB->Unadvise(C->ulConn);
  C->lpMDB->Advise(0, NULL, fnevNewMail, C->lpSink, &C->ulConn);
  return 0;
}

// A copy of the cookie, and a cookie handed to code we cannot see.
void CookieCopy(LPMDB lpMDB, LPMAPIADVISESINK lpSink) {
  ULONG ulConn = 0;
  if (FAILED(lpMDB->Advise(0, NULL, fnevNewMail, lpSink, &ulConn)))
    return;
  ULONG ulCopy = ulConn;
  lpMDB->Unadvise(ulCopy);
}
void KeepCookie(ULONG *lpulConn);
void CookieHandedOn(LPMDB lpMDB, LPMAPIADVISESINK lpSink) {
  ULONG ulConn = 0;
  if (FAILED(lpMDB->Advise(0, NULL, fnevNewMail, lpSink, &ulConn)))
    return;
  KeepCookie(&ulConn);
}

#ifdef WITH_OPTIONS
// Project wrappers without a body: object first, connection last.
HRESULT WatchStore(LPMDB lpMDB, ULONG *lpulConn);
HRESULT UnwatchStore(LPMDB lpMDB, ULONG ulConn);
void WrapperLeak(LPMDB lpMDB) {
  ULONG ulConn = 0;
  WatchStore(lpMDB, &ulConn);
  // OPT: :[[@LINE-1]]:3: warning: Advise on 'lpMDB' is never matched by an Unadvise of 'ulConn' [mapi-missing-unadvise]
}
// OPT: :[[@LINE-1]]:1: note: this exit leaves it registered
void WrapperProper(LPMDB lpMDB) {
  ULONG ulConn = 0;
  if (SUCCEEDED(WatchStore(lpMDB, &ulConn)))
    UnwatchStore(lpMDB, ulConn);
}
#endif
