// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

// --- OleUninitialize after MAPIUninitialize, directly ---------------------
void WrongOrder() {
  MAPIUninitialize();
  OleUninitialize();
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first [mapi-uninitialize-order]
  // CHECK: :[[@LINE-3]]:3: note: MAPIUninitialize was called here
}

void RightOrder() {
  OleUninitialize();
  MAPIUninitialize();
}

// --- through helpers ------------------------------------------------------------
void TermMapi() { MAPIUninitialize(); }
void TermOle() { OleUninitialize(); }
void ShutdownViaHelpers() {
  TermMapi();
  TermOle();
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first (through 'TermOle') [mapi-uninitialize-order]
  // CHECK: :[[@LINE-5]]:18: note: it happens here
  // CHECK: :[[@LINE-4]]:3: note: MAPIUninitialize runs inside this call
  // CHECK: :[[@LINE-8]]:19: note: MAPIUninitialize was called here
}

// --- through GetProcAddress'd pointers ------------------------------------------------
void DynamicShutdown(HMODULE hMapi) {
  LPMAPIUNINITIALIZE pfnUninit =
      (LPMAPIUNINITIALIZE)GetProcAddress(hMapi, "MAPIUninitialize");
  pfnUninit();
  OleUninitialize();
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first [mapi-uninitialize-order]
  // CHECK: :[[@LINE-3]]:3: note: MAPIUninitialize was called here
}

typedef void(WINAPI *PFNVOID)(void);
PFNVOID g_pfnTerm;
void LoadTerm(HMODULE h) { g_pfnTerm = (PFNVOID)GetProcAddress(h, "MAPIUninitialize"); }
void DynamicShutdownGlobal() {
  g_pfnTerm();
  OleUninitialize();
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first [mapi-uninitialize-order]
  // CHECK: :[[@LINE-3]]:3: note: MAPIUninitialize was called here
}

// --- scope guards built in LIFO order -------------------------------------------------
template <class F> struct ScopeExit {
  F Fn;
  explicit ScopeExit(F Fn) : Fn(Fn) {}
  ~ScopeExit() { Fn(); }
};
template <class F> ScopeExit<F> OnExit(F Fn) { return ScopeExit<F>(Fn); }

int GuardsInNaturalOrder() {
  OleInitialize(NULL);
  auto OleGuard = OnExit([] { OleUninitialize(); });
  MAPIInitialize(NULL);
  auto MapiGuard = OnExit([] { MAPIUninitialize(); });
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first (when the scope guard 'OleGuard' runs) [mapi-uninitialize-order]
  // CHECK: :[[@LINE-5]]:31: note: it happens here
  // CHECK: :[[@LINE-6]]:8: note: 'OleGuard' is declared here
  // CHECK: :[[@LINE-5]]:32: note: MAPIUninitialize was called here
}

int GuardsInRightOrder() {
  MAPIInitialize(NULL);
  auto MapiGuard = OnExit([] { MAPIUninitialize(); });
  OleInitialize(NULL);
  auto OleGuard = OnExit([] { OleUninitialize(); });
  return 0;
}

// --- RAII init objects: the natural teardown order is wrong --------------------------
struct OleSession {
  OleSession() { OleInitialize(NULL); }
  ~OleSession() { OleUninitialize(); }
};
struct MapiSession {
  MapiSession() { MAPIInitialize(NULL); }
  ~MapiSession() { MAPIUninitialize(); }
};
void RaiiTeardown() {
  OleSession Ole;
  MapiSession Mapi;
}
// CHECK: :[[@LINE-1]]:1: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first (when 'Ole' is destroyed) [mapi-uninitialize-order]
// CHECK: :[[@LINE-11]]:19: note: it happens here
// CHECK: :[[@LINE-5]]:14: note: 'Ole' is declared here
// CHECK: :[[@LINE-9]]:20: note: MAPIUninitialize was called here

// --- MAPI calls after MAPIUninitialize --------------------------------------------------
void LateCalls(LPMAPISESSION lpSession, LPMDB lpMDB, LPSPropValue lpProp) {
  lpSession->Logoff(0, 0, 0);
  MAPIUninitialize();
  MAPIFreeBuffer(lpProp);
  // CHECK: :[[@LINE-1]]:3: warning: 'MAPIFreeBuffer' on 'lpProp' runs after MAPIUninitialize [mapi-uninitialize-order]
  // CHECK: :[[@LINE-3]]:3: note: MAPIUninitialize was called here
  lpMDB->Release();
  // CHECK: :[[@LINE-1]]:3: warning: 'Release' on 'lpMDB' runs after MAPIUninitialize [mapi-uninitialize-order]
  // CHECK: :[[@LINE-6]]:3: note: MAPIUninitialize was called here
  UlRelease(lpSession);
  // CHECK: :[[@LINE-1]]:3: warning: 'UlRelease' on 'lpSession' runs after MAPIUninitialize [mapi-uninitialize-order]
  // CHECK: :[[@LINE-9]]:3: note: MAPIUninitialize was called here
}

void ReleaseStore(LPMDB p) {
  if (p)
    p->Release();
}
void LateReleaseInHelper(LPMDB lpMDB) {
  MAPIUninitialize();
  ReleaseStore(lpMDB);
  // CHECK: :[[@LINE-1]]:3: warning: 'Release' on 'p' runs after MAPIUninitialize (through 'ReleaseStore') [mapi-uninitialize-order]
  // CHECK: :[[@LINE-6]]:5: note: it happens here
  // CHECK: :[[@LINE-4]]:3: note: MAPIUninitialize was called here
}

// --- correct code that stays silent ------------------------------------------------------
void ReleaseThenUninit(LPMDB lpMDB, LPSPropValue lpProp) {
  MAPIFreeBuffer(lpProp);
  lpMDB->Release();
  MAPIUninitialize();
  DeinitMapiUtil(); // the procedure does not order these two
}

void DeinitBefore() {
  DeinitMapiUtil();
  MAPIUninitialize();
}

void Reinitialized(LPMDB lpMDB) {
  MAPIUninitialize();
  MAPIInitialize(NULL);
  lpMDB->Release();
}

// A guarded teardown re-run by the destructor after the pointers are null.
class CClient {
  LPMDB m_lpMDB;
  LPSPropValue m_lpEID;

public:
  CClient() : m_lpMDB(NULL), m_lpEID(NULL) {}
  ~CClient() { Teardown(); }
  void Teardown() {
    if (m_lpEID) {
      MAPIFreeBuffer(m_lpEID);
      m_lpEID = NULL;
    }
    if (m_lpMDB) {
      m_lpMDB->Release();
      m_lpMDB = NULL;
    }
  }
  HRESULT Open(LPMAPISESSION s);
};
int RunClient(LPMAPISESSION s) {
  CClient Client;
  Client.Open(s);
  Client.Teardown();
  MAPIUninitialize();
  return 0;
}

// Lookalikes: not the API.
namespace fake {
void MAPIUninitialize();
}
struct Connection {
  void Release();
};
void Lookalikes(Connection &C) {
  fake::MAPIUninitialize();
  OleUninitialize();
  MAPIUninitialize();
  C.Release();
}

// A wrapper method that shares the API's name is judged by its body.
class CGlobalCache {
  bool m_fInit;

public:
  void MAPIUninitialize() {
    if (m_fInit) {
      ::MAPIUninitialize();
      m_fInit = false;
    }
  }
};
void WrapperThenOle(CGlobalCache &Cache) {
  Cache.MAPIUninitialize();
  OleUninitialize();
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first [mapi-uninitialize-order]
  // CHECK: :[[@LINE-3]]:3: note: MAPIUninitialize runs inside this call
  // CHECK: :[[@LINE-10]]:7: note: MAPIUninitialize was called here
}
