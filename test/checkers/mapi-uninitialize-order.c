// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#define COBJMACROS
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

void WrongOrder(void) {
  MAPIUninitialize();
  OleUninitialize();
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first [mapi-uninitialize-order]
  // CHECK: :[[@LINE-3]]:3: note: MAPIUninitialize was called here
}

/* C vtable calls, IUnknown_Release and UlRelease after MAPIUninitialize. */
void LateCalls(LPMAPISESSION lpSession, LPMDB lpMDB, LPMAPITABLE lpTable) {
  lpSession->lpVtbl->Logoff(lpSession, 0, 0, 0);
  MAPIUninitialize();
  lpMDB->lpVtbl->Release(lpMDB);
  // CHECK: :[[@LINE-1]]:3: warning: 'Release' on 'lpMDB' runs after MAPIUninitialize [mapi-uninitialize-order]
  // CHECK: :[[@LINE-3]]:3: note: MAPIUninitialize was called here
  IUnknown_Release((IUnknown *)lpTable);
  // CHECK: :[[@LINE-1]]:3: warning: 'Release' on 'lpTable' runs after MAPIUninitialize [mapi-uninitialize-order]
  // CHECK: :[[@LINE-6]]:3: note: MAPIUninitialize was called here
  UlRelease(lpSession);
  // CHECK: :[[@LINE-1]]:3: warning: 'UlRelease' on 'lpSession' runs after MAPIUninitialize [mapi-uninitialize-order]
  // CHECK: :[[@LINE-9]]:3: note: MAPIUninitialize was called here
}

/* A release macro that nulls the pointer, used by a shutdown helper. */
#define MAPI_RELEASE(p)                                                        \
  do {                                                                         \
    if (p) {                                                                   \
      (p)->lpVtbl->Release(p);                                                 \
      (p) = NULL;                                                              \
    }                                                                          \
  } while (0)

static LPMDB g_lpMDB;
static LPADRBOOK g_lpAdrBook;

void CloseObjects(void) {
  MAPI_RELEASE(g_lpMDB);
  MAPI_RELEASE(g_lpAdrBook);
}

void GoodShutdown(void) {
  CloseObjects();
  OleUninitialize();
  MAPIUninitialize();
  DeinitMapiUtil();
  /* Re-running the guarded teardown is harmless: every pointer is NULL. */
  CloseObjects();
}

void BadShutdown(void) {
  MAPIUninitialize();
  CloseObjects();
  // CHECK: :[[@LINE-1]]:3: warning: 'Release' on 'g_lpAdrBook' runs after MAPIUninitialize (through 'CloseObjects') [mapi-uninitialize-order]
  // CHECK: :[[@LINE-16]]:3: note: it happens here
  // CHECK: :[[@LINE-4]]:3: note: MAPIUninitialize was called here
  // CHECK: :[[@LINE-4]]:3: warning: 'Release' on 'g_lpMDB' runs after MAPIUninitialize (through 'CloseObjects') [mapi-uninitialize-order]
  // CHECK: :[[@LINE-20]]:3: note: it happens here
  // CHECK: :[[@LINE-7]]:3: note: MAPIUninitialize was called here
}

typedef void(WINAPI *PFNTERM)(void);
void DynamicShutdown(HMODULE hMapi) {
  PFNTERM pfnTerm = (PFNTERM)GetProcAddress(hMapi, "MAPIUninitialize");
  pfnTerm();
  OleUninitialize();
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first [mapi-uninitialize-order]
  // CHECK: :[[@LINE-3]]:3: note: MAPIUninitialize was called here
}

/* A lookalike vtable: not a MAPI interface. */
struct IWidgetVtbl;
typedef struct IWidget { const struct IWidgetVtbl *lpVtbl; } IWidget;
struct IWidgetVtbl { ULONG (*Release)(IWidget *This); };
void Lookalike(IWidget *w) {
  MAPIUninitialize();
  w->lpVtbl->Release(w);
}
