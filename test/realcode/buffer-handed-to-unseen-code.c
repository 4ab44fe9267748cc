// MAPI memory handed to code this file cannot see, directly or through a
// small helper that has no MAPI call of its own, is that code's to free; a
// pointer stepped through the buffer still points into it.
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

void ReturnToPool(void *p); /* a project deallocator defined elsewhere */

/* No MAPI event of its own, but it hands the rows on. */
static void DropRows(LPSRowSet lpSet) {
  ULONG k;
  for (k = 0; k < lpSet->cRows; k++)
    ReturnToPool(lpSet->aRow[k].lpProps);
  ReturnToPool(lpSet);
}

void ReadOneRow(LPMAPITABLE lpTable) {
  LPSRowSet lpSet = NULL;
  if (FAILED(CALL(lpTable, QueryRows, 1, 0, &lpSet)))
    return;
  DropRows(lpSet);
}

/* Walks the result with p++ and hands the match to the caller. */
HRESULT FindTagged(LPMAPIPROP lpObj, LPSPropTagArray lpTags, ULONG ulTag,
                   LPSPropValue *lppOut) {
  ULONG n = 0, k;
  LPSPropValue lpWalk = NULL;
  HRESULT hr = CALL(lpObj, GetProps, lpTags, 0, &n, &lpWalk);
  if (FAILED(hr))
    return hr;
  for (k = 0; k < n; k++) {
    LPSPropValue lpCur = lpWalk;
    lpWalk++;
    if (lpCur->ulPropTag == ulTag)
      *lppOut = lpCur;
    else
      ReturnToPool(lpCur);
  }
  ReturnToPool(lpWalk);
  return hr;
}

/* Still a leak: nothing hands this one on. */
ULONG CountOnly(LPMAPITABLE lpTable) {
  LPSRowSet lpSet = NULL;
  if (FAILED(CALL(lpTable, QueryRows, 1, 0, &lpSet)))
    // CHECK: :[[@LINE-1]]:14: warning: MAPI memory in 'lpSet' is not freed on some path [mapi-unfreed-buffer]
    return 0;
  return lpSet->cRows;
  // CHECK: :[[@LINE-1]]:3: note: this exit does not free it
}
