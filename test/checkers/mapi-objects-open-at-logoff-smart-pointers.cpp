// CComPtr is ATL (not in mingw-w64): those cases run on the mock headers. A
// project's own holder (operator-> to an interface and a destructor) is
// recognised without configuration and runs on both header sets.
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff,mapi-session-release' %s -- %mock %cxx -DHAVE_ATL 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,ATL --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff,mapi-session-release' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>

template <class T> class Holder {
  T *P = nullptr;

public:
  Holder() = default;
  ~Holder() {
    if (P)
      P->Release();
  }
  T **operator&() { return &P; }
  T *operator->() const { return P; }
};

void HolderOutlivesLogoff(LPMAPISESSION lpSession) {
  Holder<IMsgStore> Store;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &Store)))
    return;
  lpSession->Logoff(0, 0, 0);
  // CHECK: :[[@LINE-1]]:3: warning: 'Store' is still open when 'lpSession' logs off [mapi-objects-open-at-logoff]
  // CHECK: :[[@LINE-4]]:14: note: opened here
  // CHECK: :[[@LINE+1]]:1: note: released here, after the Logoff
}

void HolderInInnerScope(LPMAPISESSION lpSession) {
  {
    Holder<IMsgStore> Store;
    if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &Store)))
      return;
  }
  lpSession->Logoff(0, 0, 0);
}

// A session in a holder: its destructor releases it.
void SessionHolderWithoutLogoff() {
  Holder<IMAPISession> Session;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &Session)))
    return;
}
// CHECK: :[[@LINE-1]]:1: warning: session 'Session' is released without a Logoff on this path [mapi-session-release]
// CHECK: :[[@LINE-4]]:14: note: 'Session' is logged on here

#ifdef HAVE_ATL
#include <atlbase.h>

// Filled by a helper's out-parameter.
HRESULT OpenDefaultStore(LPMAPISESSION s, LPMDB *pp) {
  return s->OpenMsgStore(0, 0, NULL, NULL, MAPI_BEST_ACCESS, pp);
}
void FilledByHelperInnerScope(LPMAPISESSION lpSession) {
  {
    CComPtr<IMsgStore> spMDB;
    if (FAILED(OpenDefaultStore(lpSession, &spMDB)))
      return;
  }
  lpSession->Logoff(0, 0, 0);
}
void FilledByHelperOutlives(LPMAPISESSION lpSession) {
  CComPtr<IMsgStore> spMDB;
  if (FAILED(OpenDefaultStore(lpSession, &spMDB)))
    return;
  lpSession->Logoff(0, 0, 0);
  // ATL: :[[@LINE-1]]:3: warning: 'spMDB' is still open when 'lpSession' logs off [mapi-objects-open-at-logoff]
  // ATL: :[[@LINE-4]]:14: note: opened inside this call
  // ATL: :[[@LINE-17]]:10: note: opened here
  // ATL: :[[@LINE+1]]:1: note: released here, after the Logoff
}

void ComPtrOutlivesLogoff(LPMAPISESSION lpSession) {
  CComPtr<IMAPITable> spTable;
  if (FAILED(lpSession->GetMsgStoresTable(0, &spTable)))
    return;
  lpSession->Logoff(0, 0, 0);
  // ATL: :[[@LINE-1]]:3: warning: 'spTable' is still open when 'lpSession' logs off [mapi-objects-open-at-logoff]
  // ATL: :[[@LINE-4]]:14: note: opened here
  // ATL: :[[@LINE+1]]:1: note: released here, after the Logoff
}

void ComPtrReleasedEarly(LPMAPISESSION lpSession) {
  CComPtr<IMAPITable> spTable;
  if (FAILED(lpSession->GetMsgStoresTable(0, &spTable)))
    return;
  spTable.Release();
  lpSession->Logoff(0, 0, 0);
}

void ComPtrSessionProper() {
  CComPtr<IMAPISession> spSession;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &spSession)))
    return;
  spSession->Logoff(0, 0, 0);
}
#endif
