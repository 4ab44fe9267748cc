// A helper that opens a store from a session its caller already logged off
// and uses it: reported at the helper's call, naming the caller's session
// (the store is the helper's own object, unknown to the caller).
// RUN: %mapi_tidy --checks='-*,mapi-use-after-logoff' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-use-after-logoff' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

static void PeekInbox(LPMAPISESSION lpSes) {
  LPMDB lpStore = NULL;
  ULONG cbEid = 0;
  LPENTRYID lpEid = NULL;
  if (lpSes->lpVtbl->OpenMsgStore(lpSes, 0, 0, NULL, NULL, MDB_NO_DIALOG, &lpStore) != S_OK)
    return;
  lpStore->lpVtbl->GetReceiveFolder(lpStore, NULL, 0, &cbEid, &lpEid, NULL);
  MAPIFreeBuffer(lpEid);
  lpStore->lpVtbl->Release(lpStore);
}

void Shutdown(void) {
  LPMAPISESSION lpSes = NULL;
  if (MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSes) != S_OK)
    return;
  lpSes->lpVtbl->Logoff(lpSes, 0, 0, 0);
  PeekInbox(lpSes);
  // CHECK: :[[@LINE-1]]:3: warning: 'GetReceiveFolder' on 'lpSes' runs after 'lpSes' logged off (through 'PeekInbox') [mapi-use-after-logoff]
  // CHECK: :[[@LINE-12]]:3: note: it happens here
  // CHECK: :[[@LINE-4]]:3: note: logged off here
  // CHECK: :[[@LINE-4]]:3: warning: 'OpenMsgStore' on 'lpSes' runs after 'lpSes' logged off (through 'PeekInbox') [mapi-use-after-logoff]
  // CHECK: :[[@LINE-17]]:7: note: it happens here
  // CHECK: :[[@LINE-7]]:3: note: logged off here
  lpSes->lpVtbl->Release(lpSes);
}
