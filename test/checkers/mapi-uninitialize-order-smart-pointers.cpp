// ATL's CComPtr and wil are not part of mingw-w64, so the CComPtr cases run on
// the mock headers only; the user smart pointer (option SmartPointerTypes)
// runs on both header sets.
// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order' %s -- %mock %cxx -DHAVE_ATL 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=ATL --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order' %s \
// RUN:   --config="{CheckOptions: [{key: mapi-uninitialize-order.SmartPointerTypes, value: AutoIface}]}" \
// RUN:   -- %mock %cxx -DHAVE_ATL -DUSE_OPTION 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=ATL,OPT --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order' %s \
// RUN:   --config="{CheckOptions: [{key: mapi-uninitialize-order.SmartPointerTypes, value: AutoIface}]}" \
// RUN:   -- %mingw %cxx -DUSE_OPTION 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=OPT --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>

// A project's own smart pointer, named in SmartPointerTypes.
template <class T> class AutoIface {
  T *P = nullptr;

public:
  AutoIface() = default;
  ~AutoIface() {
    if (P)
      P->Release();
  }
  T **operator&() { return &P; }
  T *operator->() const { return P; }
};

#ifdef USE_OPTION
void UserPointerOutlivesMapi() {
  MAPIInitialize(NULL);
  AutoIface<IMAPISession> Session;
  MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &Session);
  Session->Logoff(0, 0, 0);
  MAPIUninitialize();
}
// OPT: :[[@LINE-1]]:1: warning: the destructor of 'Session' releasing its IMAPISession runs after MAPIUninitialize [mapi-uninitialize-order]
// OPT: :[[@LINE-6]]:27: note: 'Session' is declared here
// OPT: :[[@LINE-4]]:3: note: MAPIUninitialize was called here

void UserPointerInInnerScope() {
  MAPIInitialize(NULL);
  {
    AutoIface<IMAPISession> Session;
    MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &Session);
    Session->Logoff(0, 0, 0);
  }
  MAPIUninitialize();
}
#endif

#ifdef HAVE_ATL
#include <atlbase.h>

int SmartPointerOutlivesMapi() {
  MAPIInitialize(NULL);
  CComPtr<IMAPISession> spSession;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &spSession)))
    return 1;
  spSession->Logoff(0, 0, 0);
  MAPIUninitialize();
  return 0;
  // ATL: :[[@LINE-1]]:3: warning: the destructor of 'spSession' releasing its IMAPISession runs after MAPIUninitialize [mapi-uninitialize-order]
  // ATL: :[[@LINE-7]]:25: note: 'spSession' is declared here
  // ATL: :[[@LINE-4]]:3: note: MAPIUninitialize was called here
}

void InnerScope() {
  MAPIInitialize(NULL);
  {
    CComPtr<IMAPISession> spSession;
    MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &spSession);
    spSession->Logoff(0, 0, 0);
  }
  MAPIUninitialize();
}

void ReleasedEarly() {
  MAPIInitialize(NULL);
  CComPtr<IMAPISession> spSession;
  MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &spSession);
  spSession->Logoff(0, 0, 0);
  spSession.Release();
  MAPIUninitialize();
}

void NeverFilled() {
  CComPtr<IMsgStore> spStore; // stays NULL: its destructor does nothing
  MAPIUninitialize();
}
#endif
