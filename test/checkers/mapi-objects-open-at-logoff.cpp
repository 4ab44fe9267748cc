// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

// Never released, and released after Logoff.
void Leaky(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  LPADRBOOK lpAdrBook = NULL;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  lpSession->OpenAddressBook(0, NULL, 0, &lpAdrBook);
  lpSession->Logoff(0, 0, 0);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpAdrBook' is still open when 'lpSession' logs off [mapi-objects-open-at-logoff]
  // CHECK: :[[@LINE-3]]:3: note: opened here
  // CHECK: :[[@LINE-3]]:3: warning: 'lpMDB' is still open when 'lpSession' logs off [mapi-objects-open-at-logoff]
  // CHECK: :[[@LINE-7]]:14: note: opened here
  // CHECK: :[[@LINE+1]]:3: note: released here, after the Logoff
  lpMDB->Release();
}

// A helper that releases too late: Logoff runs inside it.
void LogoffThenRelease(LPMAPISESSION s, LPMDB m) {
  s->Logoff(0, 0, 0);
  m->Release();
}
void LateHelper(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  LogoffThenRelease(lpSession, lpMDB);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpMDB' is still open when 'lpSession' logs off (through 'LogoffThenRelease') [mapi-objects-open-at-logoff]
  // CHECK: :[[@LINE-9]]:3: note: it happens here
  // CHECK: :[[@LINE-5]]:14: note: opened here
}

// A helper handing the object back through an out-parameter.
HRESULT OpenStore(LPMAPISESSION s, LPMDB *pp) {
  return s->OpenMsgStore(0, 0, NULL, NULL, MAPI_BEST_ACCESS, pp);
}
void ViaOutParam(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  if (FAILED(OpenStore(lpSession, &lpMDB)))
    return;
  lpSession->Logoff(0, 0, 0);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpMDB' is still open when 'lpSession' logs off [mapi-objects-open-at-logoff]
  // CHECK: :[[@LINE-4]]:14: note: opened inside this call
  // CHECK: :[[@LINE-9]]:10: note: opened here
  // CHECK: :[[@LINE+1]]:3: note: released here, after the Logoff
  lpMDB->Release();
}

// --- silent ---------------------------------------------------------------------
// goto Cleanup blocks guarded by if (p), release before Logoff.
HRESULT WithCleanup(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  LPMAPITABLE lpTable = NULL;
  HRESULT hr = lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB);
  if (FAILED(hr))
    goto Cleanup;
  hr = lpSession->GetMsgStoresTable(0, &lpTable);
  if (FAILED(hr))
    goto Cleanup;
Cleanup:
  if (lpTable)
    lpTable->Release();
  if (lpMDB)
    lpMDB->Release();
  lpSession->Logoff(0, 0, 0);
  return hr;
}

// A loop that opens and releases a store per row.
void PerRow(LPMAPISESSION lpSession, ULONG cRows) {
  for (ULONG i = 0; i < cRows; ++i) {
    LPMDB lpMDB = NULL;
    if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
      continue;
    lpMDB->Release();
  }
  lpSession->Logoff(0, 0, 0);
}

// Release macros that null the pointer; UlRelease.
#define MAPI_RELEASE(p) do { if (p) { (p)->Release(); (p) = NULL; } } while (0)
void Macros(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  LPADRBOOK lpAdrBook = NULL;
  lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB);
  lpSession->OpenAddressBook(0, NULL, 0, &lpAdrBook);
  MAPI_RELEASE(lpMDB);
  UlRelease(lpAdrBook);
  lpSession->Logoff(0, 0, 0);
}

// StoreLogoff followed by Release, then the session's Logoff.
void StoreLogoffFirst(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  ULONG ulFlags = LOGOFF_ORDERLY;
  lpMDB->StoreLogoff(&ulFlags);
  lpMDB->Release();
  lpSession->Logoff(0, 0, 0);
}

// Conditional opens paired with null-checked releases.
void Conditional(LPMAPISESSION lpSession, BOOL fWantAddressBook) {
  LPADRBOOK lpAdrBook = NULL;
  if (fWantAddressBook)
    lpSession->OpenAddressBook(0, NULL, 0, &lpAdrBook);
  if (lpAdrBook)
    lpAdrBook->Release();
  lpSession->Logoff(0, 0, 0);
}

// Two sessions: objects of the other one do not count.
void TwoSessions(LPMAPISESSION lpA, LPMAPISESSION lpB) {
  LPMDB lpStoreB = NULL;
  lpB->OpenMsgStore(0, 0, NULL, NULL, 0, &lpStoreB);
  lpA->Logoff(0, 0, 0);
  if (lpStoreB)
    lpStoreB->Release();
  lpB->Logoff(0, 0, 0);
}

// Members released in Close() before Logoff.
class CClient {
  LPMAPISESSION m_lpSession = NULL;
  LPMDB m_lpMDB = NULL;

public:
  HRESULT Open() {
    return m_lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &m_lpMDB);
  }
  void Close() {
    if (m_lpMDB) {
      m_lpMDB->Release();
      m_lpMDB = NULL;
    }
  }
  void End() {
    Close();
    m_lpSession->Logoff(0, 0, 0);
  }
};
void UseClient(CClient &C) {
  if (SUCCEEDED(C.Open()))
    C.End();
}

// Opened into a member in one method, never released anywhere in the TU,
// and the session member is logged off in another method.
class CLeaky {
  LPMAPISESSION m_lpSession = NULL;
  LPMDB m_lpMDB = NULL;

public:
  HRESULT Open() {
    return m_lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &m_lpMDB);
  }
  void End() { m_lpSession->Logoff(0, 0, 0); }
  // CHECK: :[[@LINE-1]]:16: warning: 'm_lpMDB' is still open when 'm_lpSession' logs off [mapi-objects-open-at-logoff]
  // CHECK: :[[@LINE-4]]:12: note: opened here
  // CHECK: :[[@LINE-9]]:9: note: nothing in this translation unit releases 'm_lpMDB'
};
