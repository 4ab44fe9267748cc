// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

static LPMAPISESSION g_lpSession;

void NoLogoff(void) {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSession)))
    return;
  UlRelease(lpSession);
  // CHECK: :[[@LINE-1]]:3: warning: session 'lpSession' is released without a Logoff on this path [mapi-session-release]
  // CHECK: :[[@LINE-4]]:14: note: 'lpSession' is logged on here
}

/* Kept in a global: owned by the TU, not this function. */
HRESULT Start(void) {
  return MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &g_lpSession);
}
void Stop(void) {
  if (g_lpSession) {
    g_lpSession->lpVtbl->Logoff(g_lpSession, 0, 0, 0);
    g_lpSession->lpVtbl->Release(g_lpSession);
    g_lpSession = NULL;
  }
}
