// Notifications registered in optional steps of one routine, each cookie
// tested before its Unadvise at one cleanup label. Paths that registered and
// paths that did not meet at the label as one state (the cookie's zero test
// and the store's null test tell them apart again), so nothing is reported
// where every cookie is unadvised, and the one the cleanup forgets is.
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mock -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mingw -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

#ifdef __cplusplus
#define CALL(obj, method, ...) ((obj)->method(__VA_ARGS__))
#define CALL0(obj, method) ((obj)->method())
#else
#define CALL(obj, method, ...) ((obj)->lpVtbl->method((obj), __VA_ARGS__))
#define CALL0(obj, method) ((obj)->lpVtbl->method(obj))
#endif

HRESULT WatchSteps(LPMAPISESSION lpSes, LPMAPIADVISESINK lpSink, ULONG f) {
  HRESULT hr = S_OK;
  LPMDB lpStore = NULL;
  ULONG ulMail = 0, ulMoved = 0, ulDeleted = 0;
  hr = CALL(lpSes, OpenMsgStore, 0, 0, NULL, NULL, MDB_NO_DIALOG, &lpStore);
  if (FAILED(hr))
    goto Cleanup;
  if (f & 1) {
    hr = CALL(lpStore, Advise, 0, NULL, fnevNewMail, lpSink, &ulMail);
    if (FAILED(hr))
      goto Cleanup;
  }
  if (f & 2) {
    hr = CALL(lpStore, Advise, 0, NULL, fnevObjectMoved, lpSink, &ulMoved);
    if (FAILED(hr))
      goto Cleanup;
  }
  if (f & 4) {
    hr = CALL(lpStore, Advise, 0, NULL, fnevObjectDeleted, lpSink, &ulDeleted);
    if (FAILED(hr))
      goto Cleanup;
  }
Cleanup:
  if (lpStore && ulMail)
    CALL(lpStore, Unadvise, ulMail);
  if (ulMoved)
    CALL(lpStore, Unadvise, ulMoved);
  if (ulDeleted != 0)
    CALL(lpStore, Unadvise, ulDeleted);
  if (lpStore)
    CALL0(lpStore, Release);
  return hr;
}

HRESULT WatchStepsForgetOne(LPMAPISESSION lpSes, LPMAPIADVISESINK lpSink,
                            ULONG f) {
  HRESULT hr = S_OK;
  LPMDB lpStore = NULL;
  ULONG ulMail = 0, ulMoved = 0;
  hr = CALL(lpSes, OpenMsgStore, 0, 0, NULL, NULL, MDB_NO_DIALOG, &lpStore);
  if (FAILED(hr))
    goto Cleanup;
  if (f & 1) {
    hr = CALL(lpStore, Advise, 0, NULL, fnevNewMail, lpSink, &ulMail);
    if (FAILED(hr))
      goto Cleanup;
  }
  if (f & 2) {
    hr = CALL(lpStore, Advise, 0, NULL, fnevObjectMoved, lpSink, &ulMoved);
    // CHECK: :[[@LINE-1]]:10: warning: Advise on 'lpStore' has no Unadvise before the object goes away [mapi-missing-unadvise]
    if (FAILED(hr))
      goto Cleanup;
  }
Cleanup:
  if (ulMail)
    CALL(lpStore, Unadvise, ulMail);
  if (lpStore)
    CALL0(lpStore, Release);
  // CHECK: :[[@LINE-1]]:5: note: 'lpStore' is released here while still advised
  return hr;
}
