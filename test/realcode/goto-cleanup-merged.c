// One cleanup label reached from many failure points: the paths that
// arrive there differ only in which objects they opened, and each is told
// apart again by its variable's null test (`if (p) release`), so they are
// one state at the label and the routine is followed whole, not per site.
// What depends on a flag or a result stays apart, so the clean routines
// are silent and the real leak is found once.
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-objects-open-at-logoff' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-objects-open-at-logoff' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-objects-open-at-logoff' %s -- %mock -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-objects-open-at-logoff' %s -- %mingw -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>

#ifdef __cplusplus
#define CALL(obj, method, ...) ((obj)->method(__VA_ARGS__))
#define RELEASE(obj) ((obj)->Release())
#else
#define CALL(obj, method, ...) ((obj)->lpVtbl->method((obj), __VA_ARGS__))
#define RELEASE(obj) ((obj)->lpVtbl->Release(obj))
#endif
#define TRY(x)                                                              \
  do {                                                                      \
    hr = (x);                                                               \
    if (FAILED(hr))                                                         \
      goto Cleanup;                                                         \
  } while (0)

/* Six optional steps, each opening what it needs; every failure jumps to
   the one label, which releases whatever is open: silent. */
HRESULT Survey(LPMAPISESSION lpSes, ULONG ulSteps) {
  LPMDB lpStore = NULL;
  LPMAPIFOLDER lpInbox = NULL, lpOutbox = NULL, lpDrafts = NULL;
  LPMAPITABLE lpTable = NULL, lpRules = NULL;
  LPSPropValue lpName = NULL, lpSize = NULL, lpMask = NULL;
  ULONG ulType = 0;
  HRESULT hr = S_OK;
  TRY(CALL(lpSes, OpenMsgStore, 0, 0, NULL, NULL, 0, &lpStore));
  if (ulSteps & 1)
    TRY(CALL(lpStore, OpenEntry, 0, NULL, NULL, 0, &ulType,
             (LPUNKNOWN *)&lpInbox));
  if (ulSteps & 2)
    TRY(CALL(lpStore, OpenEntry, 0, NULL, NULL, 0, &ulType,
             (LPUNKNOWN *)&lpOutbox));
  if (ulSteps & 4)
    TRY(CALL(lpStore, OpenEntry, 0, NULL, NULL, 0, &ulType,
             (LPUNKNOWN *)&lpDrafts));
  if (lpInbox) {
    TRY(CALL(lpInbox, GetContentsTable, 0, &lpTable));
    TRY(CALL(lpInbox, GetContentsTable, 0, &lpRules));
  }
  if (ulSteps & 8)
    TRY(HrGetOneProp((LPMAPIPROP)lpStore, PR_DISPLAY_NAME, &lpName));
  if (ulSteps & 16)
    TRY(HrGetOneProp((LPMAPIPROP)lpStore, PR_MESSAGE_SIZE, &lpSize));
  if (ulSteps & 32)
    TRY(HrGetOneProp((LPMAPIPROP)lpStore, PR_STORE_SUPPORT_MASK, &lpMask));
Cleanup:
  if (lpMask)
    MAPIFreeBuffer(lpMask);
  if (lpSize)
    MAPIFreeBuffer(lpSize);
  if (lpName)
    MAPIFreeBuffer(lpName);
  if (lpRules)
    RELEASE(lpRules);
  if (lpTable)
    RELEASE(lpTable);
  if (lpDrafts)
    RELEASE(lpDrafts);
  if (lpOutbox)
    RELEASE(lpOutbox);
  if (lpInbox)
    RELEASE(lpInbox);
  if (lpStore)
    RELEASE(lpStore);
  return hr;
}

/* The same shape, but the cleanup forgets one buffer: reported once. */
HRESULT SurveyForgets(LPMAPISESSION lpSes, ULONG ulSteps) {
  LPMDB lpStore = NULL;
  LPMAPIFOLDER lpInbox = NULL;
  LPSPropValue lpName = NULL, lpSize = NULL;
  ULONG ulType = 0;
  HRESULT hr = S_OK;
  TRY(CALL(lpSes, OpenMsgStore, 0, 0, NULL, NULL, 0, &lpStore));
  if (ulSteps & 1)
    TRY(CALL(lpStore, OpenEntry, 0, NULL, NULL, 0, &ulType,
             (LPUNKNOWN *)&lpInbox));
  if (ulSteps & 2)
    TRY(HrGetOneProp((LPMAPIPROP)lpStore, PR_DISPLAY_NAME, &lpName));
  // CHECK: :[[@LINE-1]]:9: warning: MAPI memory in 'lpName' is not freed on some path [mapi-unfreed-buffer]
  // CHECK: :[[@LINE+10]]:3: note: this exit does not free it
  if (ulSteps & 4)
    TRY(HrGetOneProp((LPMAPIPROP)lpStore, PR_MESSAGE_SIZE, &lpSize));
Cleanup:
  if (lpSize)
    MAPIFreeBuffer(lpSize);
  if (lpInbox)
    RELEASE(lpInbox);
  if (lpStore)
    RELEASE(lpStore);
  return hr;
}

/* Opened under a flag and released under the same flag: the flag keeps the
   paths apart, so neither is judged on the other's facts. */
void FlagGuarded(LPMDB lpStore, BOOL fWant) {
  LPSPropValue lpName = NULL;
  BOOL fGot = FALSE;
  if (fWant && HrGetOneProp((LPMAPIPROP)lpStore, PR_DISPLAY_NAME, &lpName) == S_OK)
    fGot = TRUE;
  if (fGot)
    MAPIFreeBuffer(lpName);
}

/* Freed under the result that allocated it, tested twice: silent. */
void ResultGuarded(LPMDB lpStore) {
  LPSPropValue lpName = NULL;
  HRESULT hr = HrGetOneProp((LPMAPIPROP)lpStore, PR_DISPLAY_NAME, &lpName);
  ULONG ul = 0;
  if (SUCCEEDED(hr))
    ul = lpName->Value.l;
  if (ul > 10)
    ul = 10;
  if (SUCCEEDED(hr))
    MAPIFreeBuffer(lpName);
}

/* Rows of a table, one buffer per row, with a counter the bound does not
   fix: still one buffer at a time, silent. */
void PerRow(LPMAPITABLE lpTable, LPSRowSet lpRows) {
  ULONG i;
  for (i = 0; i < lpRows->cRows; i++) {
    LPSPropValue lpProp = NULL;
    if (FAILED(HrGetOneProp((LPMAPIPROP)lpTable, PR_DISPLAY_NAME, &lpProp)))
      continue;
    MAPIFreeBuffer(lpProp);
  }
}
