// RUN: %mapi_tidy --checks='-*,mapi-use-after-logoff' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-use-after-logoff' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

/* C vtable calls: arguments shift by one. */
void UseAfterLogoff(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  LPMAPITABLE lpTable = NULL;
  if (FAILED(lpSession->lpVtbl->OpenMsgStore(lpSession, 0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  lpSession->lpVtbl->Logoff(lpSession, 0, 0, 0);
  lpMDB->lpVtbl->GetReceiveFolderTable(lpMDB, 0, &lpTable);
  // CHECK: :[[@LINE-1]]:3: warning: 'GetReceiveFolderTable' on 'lpMDB' runs after 'lpSession' logged off [mapi-use-after-logoff]
  // CHECK: :[[@LINE-3]]:3: note: logged off here
  UlRelease(lpMDB);
  lpSession->lpVtbl->Release(lpSession);
}

/* Release after Logoff is not a use. */
void ReleaseAfterLogoff(LPMAPISESSION lpSession) {
  lpSession->lpVtbl->Logoff(lpSession, 0, 0, 0);
  lpSession->lpVtbl->Release(lpSession);
}
