// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>

/* C vtable calls: the out-parameter shifts by one. */
HRESULT CountStores(LPMAPISESSION lpSession, ULONG *pcStores) {
  LPMAPITABLE lpTable = NULL;
  LPSRowSet lpRows = NULL;
  HRESULT hr = lpSession->lpVtbl->GetMsgStoresTable(lpSession, 0, &lpTable);
  if (FAILED(hr))
    return hr;
  hr = lpTable->lpVtbl->QueryRows(lpTable, 50, 0, &lpRows);
  // CHECK: :[[@LINE-1]]:8: warning: MAPI memory in 'lpRows' is not freed on some path [mapi-unfreed-buffer]
  if (SUCCEEDED(hr)) {
    *pcStores = lpRows->cRows;
    if (*pcStores == 0) {
      lpTable->lpVtbl->Release(lpTable);
      return MAPI_E_NOT_FOUND;
      // CHECK: :[[@LINE-1]]:7: note: this exit does not free it
    }
    FreeProws(lpRows);
  }
  lpTable->lpVtbl->Release(lpTable);
  return hr;
}

/* A cached entry ID in a global, freed at shutdown: silent. */
static LPSPropValue g_lpInboxEID;
HRESULT CacheInbox(LPMDB lpMDB) {
  return HrGetOneProp((LPMAPIPROP)lpMDB, PR_ENTRYID, &g_lpInboxEID);
}
void DropCache(void) {
  MAPIFreeBuffer(g_lpInboxEID);
  g_lpInboxEID = NULL;
}

/* LocalFree on MAPI memory. */
void WrongFree(LPMDB lpMDB) {
  LPSPropValue lpProp = NULL;
  if (FAILED(HrGetOneProp((LPMAPIPROP)lpMDB, PR_DISPLAY_NAME, &lpProp)))
    return;
  LocalFree(lpProp);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpProp' is MAPI memory; free it with MAPIFreeBuffer, not 'LocalFree' [mapi-unfreed-buffer]
  // CHECK: :[[@LINE-4]]:14: note: allocated here
}
