// FreeProws frees the row set itself, every row's properties with it: a
// MAPIFreeBuffer of the same row set afterwards frees it a second time.
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

ULONG CountRows(LPMAPITABLE lpTable) {
  LPSRowSet lpRows = NULL;
  ULONG c = 0;
  if (FAILED(CALL(lpTable, QueryRows, 10, 0, &lpRows)))
    return 0;
  c = lpRows->cRows;
  FreeProws(lpRows);
  MAPIFreeBuffer(lpRows);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpRows' is freed twice [mapi-unfreed-buffer]
  // CHECK: :[[@LINE-3]]:3: note: first freed here
  // CHECK: :[[@LINE-7]]:14: note: allocated here
  return c;
}

/* Both branches free the rows, then the shared tail frees them again. */
void BothBranches(LPMAPITABLE lpTable, BOOL fFirst) {
  LPSRowSet lpRows = NULL;
  if (FAILED(CALL(lpTable, QueryRows, 1, 0, &lpRows)))
    return;
  if (fFirst)
    FreeProws(lpRows);
  else
    FreeProws(lpRows);
  MAPIFreeBuffer(lpRows);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpRows' is freed twice [mapi-unfreed-buffer]
  // CHECK: :[[@LINE-5]]:5: note: first freed here
  // CHECK: :[[@LINE-9]]:14: note: allocated here
}

/* Silent: FreeProws alone, and MAPIFreeBuffer of a set QueryRows failed
   to fill (nothing was allocated, the pointer is still NULL). */
void Correct(LPMAPITABLE lpTable) {
  LPSRowSet lpRows = NULL;
  if (FAILED(CALL(lpTable, QueryRows, 1, 0, &lpRows))) {
    MAPIFreeBuffer(lpRows);
    return;
  }
  FreeProws(lpRows);
}
