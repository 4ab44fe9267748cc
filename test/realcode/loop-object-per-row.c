// A loop over rows that opens one object per row: released in the same
// iteration it is silent; leaked, it is reported once, at the open.
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mock -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mingw -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

#ifdef __cplusplus
#define CALL(obj, method, ...) ((obj)->method(__VA_ARGS__))
#define RELEASE(obj) ((obj)->Release())
#else
#define CALL(obj, method, ...) ((obj)->lpVtbl->method((obj), __VA_ARGS__))
#define RELEASE(obj) ((obj)->lpVtbl->Release(obj))
#endif

static HRESULT Touch(LPMAPIFOLDER lpFolder) { return lpFolder ? S_OK : E_FAIL; }

void VisitFolders(LPMAPITABLE lpTable, LPMDB lpStore) {
  for (;;) {
    LPSRowSet lpRows = NULL;
    LPMAPIFOLDER lpFolder = NULL;
    ULONG ulType = 0;
    if (FAILED(CALL(lpTable, QueryRows, 1, 0, &lpRows)) || !lpRows)
      break;
    if (lpRows->cRows == 0) {
      FreeProws(lpRows);
      break;
    }
    if (SUCCEEDED(CALL(lpStore, OpenEntry, lpRows->aRow[0].lpProps[0].Value.bin.cb,
                       (LPENTRYID)lpRows->aRow[0].lpProps[0].Value.bin.lpb, NULL, 0,
                       &ulType, (LPUNKNOWN *)&lpFolder))) {
      Touch(lpFolder);
      RELEASE(lpFolder);
    }
    FreeProws(lpRows);
  }
}

void LeakEachRow(LPMAPITABLE lpTable) {
  for (;;) {
    LPSRowSet lpRows = NULL;
    if (FAILED(CALL(lpTable, QueryRows, 1, 0, &lpRows)))
      // CHECK: :[[@LINE-1]]:16: warning: MAPI memory in 'lpRows' is not freed on some path [mapi-unfreed-buffer]
      break;
    if (lpRows->cRows == 0)
      break;
  }
}
// CHECK: :[[@LINE-1]]:1: note: this exit does not free it
