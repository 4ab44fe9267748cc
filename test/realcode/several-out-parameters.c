// One call that can hand back several buffers (GetReceiveFolder's entry ID
// and message class): each out-parameter is its own buffer, and a NULL
// out-parameter allocates nothing.
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mock -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mingw -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

#ifdef __cplusplus
#define CALL(obj, method, ...) ((obj)->method(__VA_ARGS__))
#else
#define CALL(obj, method, ...) ((obj)->lpVtbl->method((obj), __VA_ARGS__))
#endif

/* Only the entry ID is asked for, and it is never freed. */
HRESULT InboxLeaks(LPMDB lpStore, LPMAPIFOLDER *lppInbox) {
  ULONG cbEid = 0, ulType = 0;
  LPENTRYID lpEid = NULL;
  HRESULT hr = CALL(lpStore, GetReceiveFolder, NULL, 0, &cbEid, &lpEid, NULL);
  // CHECK: :[[@LINE-1]]:16: warning: MAPI memory in 'lpEid' is not freed on some path [mapi-unfreed-buffer]
  if (FAILED(hr))
    return hr;
  return CALL(lpStore, OpenEntry, cbEid, lpEid, NULL, 0, &ulType, (LPUNKNOWN *)lppInbox);
  // CHECK: :[[@LINE-1]]:3: note: this exit does not free it
}

/* Both asked for: the class is freed, the entry ID is not. */
HRESULT ClassFreedOnly(LPMDB lpStore, LPMAPIFOLDER *lppInbox) {
  ULONG cbEid = 0, ulType = 0;
  LPENTRYID lpEid = NULL;
  LPSTR lpszClass = NULL;
  HRESULT hr = CALL(lpStore, GetReceiveFolder, NULL, 0, &cbEid, &lpEid, &lpszClass);
  // CHECK: :[[@LINE-1]]:16: warning: MAPI memory in 'lpEid' is not freed on some path [mapi-unfreed-buffer]
  if (FAILED(hr))
    return hr;
  hr = CALL(lpStore, OpenEntry, cbEid, lpEid, NULL, 0, &ulType, (LPUNKNOWN *)lppInbox);
  MAPIFreeBuffer(lpszClass);
  return hr;
  // CHECK: :[[@LINE-1]]:3: note: this exit does not free it
}

/* Both freed: silent. */
HRESULT BothFreed(LPMDB lpStore, LPMAPIFOLDER *lppInbox) {
  ULONG cbEid = 0, ulType = 0;
  LPENTRYID lpEid = NULL;
  LPSTR lpszClass = NULL;
  HRESULT hr = CALL(lpStore, GetReceiveFolder, NULL, 0, &cbEid, &lpEid, &lpszClass);
  if (FAILED(hr))
    return hr;
  hr = CALL(lpStore, OpenEntry, cbEid, lpEid, NULL, 0, &ulType, (LPUNKNOWN *)lppInbox);
  MAPIFreeBuffer(lpszClass);
  MAPIFreeBuffer(lpEid);
  return hr;
}
