// RUN: %mapi_tidy --checks='-*,mapi-unbalanced-initialize' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unbalanced-initialize' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

/* This translation unit never calls OleInitialize or ScInitMapiUtil. */
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

void Shutdown(void) {
  OleUninitialize();
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize has no matching OleInitialize in this translation unit [mapi-unbalanced-initialize]
  MAPIUninitialize();
  DeinitMapiUtil();
  // CHECK: :[[@LINE-1]]:3: warning: DeinitMapiUtil has no matching ScInitMapiUtil in this translation unit [mapi-unbalanced-initialize]
}

HRESULT LogonOnce(LPMAPISESSION *lppSession) {
  HRESULT hr;
  if (FAILED(hr = MAPIInitialize(NULL)))
    return hr;
  // CHECK: :[[@LINE-2]]:19: warning: MAPIInitialize succeeded here but an error path leaves the function without MAPIUninitialize [mapi-unbalanced-initialize]
  hr = MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, lppSession);
  if (hr != S_OK)
    return hr;
  // CHECK: :[[@LINE-1]]:5: note: this exit leaks the initialization
  (*lppSession)->lpVtbl->Logoff(*lppSession, 0, 0, 0);
  (*lppSession)->lpVtbl->Release(*lppSession);
  MAPIUninitialize();
  return S_OK;
}

/* The same shape with the error path cleaned up stays silent. */
HRESULT LogonOnceClean(LPMAPISESSION *lppSession) {
  HRESULT hr = MAPIInitialize(NULL);
  if (hr != S_OK)
    return hr;
  hr = MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, lppSession);
  if (hr) {
    MAPIUninitialize();
    return hr;
  }
  (*lppSession)->lpVtbl->Logoff(*lppSession, 0, 0, 0);
  (*lppSession)->lpVtbl->Release(*lppSession);
  MAPIUninitialize();
  return S_OK;
}

/* Initialization kept on success (the caller owns it): silent. */
static BOOL g_fMapi;
HRESULT StartMapi(void) {
  HRESULT hr = MAPIInitialize(NULL);
  if (SUCCEEDED(hr))
    g_fMapi = TRUE;
  return hr;
}
