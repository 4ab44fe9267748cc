// A helper that leaks its own buffer or session is reported once, in the
// helper, however many functions call it; its callers get nothing.
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-session-release' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-session-release' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-session-release' %s -- %mock -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-session-release' %s -- %mingw -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>

static ULONG SubtreeSize(LPMDB lpStore) {
  LPSPropValue lpVal = NULL;
  if (FAILED(HrGetOneProp((LPMAPIPROP)lpStore, PR_IPM_SUBTREE_ENTRYID, &lpVal)))
    // CHECK: :[[@LINE-1]]:14: warning: MAPI memory in 'lpVal' is not freed on some path [mapi-unfreed-buffer]
    return 0;
  return lpVal->Value.bin.cb;
  // CHECK: :[[@LINE-1]]:3: note: this exit does not free it
}

ULONG FirstCaller(LPMDB lpStore) { return SubtreeSize(lpStore) + 1; }
ULONG SecondCaller(LPMDB lpStore) { return SubtreeSize(lpStore) * 2; }
void ThirdCaller(LPMDB lpStore, ULONG *pcb) {
  if (lpStore)
    *pcb = SubtreeSize(lpStore);
}

static HRESULT LogonAndForget(void) {
  LPMAPISESSION lpSes = NULL;
  HRESULT hr = MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, &lpSes);
  // CHECK: :[[@LINE-1]]:16: warning: session 'lpSes' is never released on some path [mapi-session-release]
  return hr;
  // CHECK: :[[@LINE-1]]:3: note: this exit leaves it open
}

void UsesLogonOnce(void) { LogonAndForget(); }
void UsesLogonTwice(void) {
  if (SUCCEEDED(LogonAndForget()))
    LogonAndForget();
}

/* The helper hands its buffer out: the caller that drops it leaks it. */
static HRESULT GetSubtree(LPMDB lpStore, LPSPropValue *lppVal) {
  return HrGetOneProp((LPMAPIPROP)lpStore, PR_IPM_SUBTREE_ENTRYID, lppVal);
}

ULONG CallerLeaks(LPMDB lpStore) {
  LPSPropValue lpOut = NULL;
  if (FAILED(GetSubtree(lpStore, &lpOut)))
    // CHECK: :[[@LINE-1]]:14: warning: MAPI memory in 'lpOut' is not freed on some path [mapi-unfreed-buffer]
    // CHECK: :[[@LINE-7]]:10: note: allocated inside this call
    return 0;
  return lpOut->Value.bin.cb;
  // CHECK: :[[@LINE-1]]:3: note: this exit does not free it
}

ULONG CallerFrees(LPMDB lpStore) {
  LPSPropValue lpOut = NULL;
  ULONG cb = 0;
  if (FAILED(GetSubtree(lpStore, &lpOut)))
    return 0;
  cb = lpOut->Value.bin.cb;
  MAPIFreeBuffer(lpOut);
  return cb;
}
