// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#define COBJMACROS
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

void Late(LPMAPISESSION lpSession) {
  LPADRBOOK lpAdrBook = NULL;
  if (FAILED(lpSession->lpVtbl->OpenAddressBook(lpSession, 0, NULL, 0, &lpAdrBook)))
    return;
  lpSession->lpVtbl->Logoff(lpSession, 0, 0, 0);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpAdrBook' is still open when 'lpSession' logs off [mapi-objects-open-at-logoff]
  // CHECK: :[[@LINE-4]]:14: note: opened here
  // CHECK: :[[@LINE+1]]:3: note: released here, after the Logoff
  IUnknown_Release((IUnknown *)lpAdrBook);
}

/* goto Cleanup with guarded releases, in every C spelling. */
HRESULT Clean(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  LPADRBOOK lpAdrBook = NULL;
  LPMAPITABLE lpTable = NULL;
  HRESULT hr = lpSession->lpVtbl->OpenMsgStore(lpSession, 0, 0, NULL, NULL, 0, &lpMDB);
  if (FAILED(hr))
    goto Cleanup;
  hr = lpSession->lpVtbl->OpenAddressBook(lpSession, 0, NULL, 0, &lpAdrBook);
  if (FAILED(hr))
    goto Cleanup;
  hr = lpSession->lpVtbl->GetStatusTable(lpSession, 0, &lpTable);
Cleanup:
  if (lpTable)
    lpTable->lpVtbl->Release(lpTable);
  if (lpAdrBook)
    IUnknown_Release((IUnknown *)lpAdrBook);
  UlRelease(lpMDB);
  lpSession->lpVtbl->Logoff(lpSession, 0, 0, 0);
  return hr;
}
