// RUN: %mapi_tidy --checks='-*,mapi-use-after-logoff' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-use-after-logoff' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>

void StoreUsedAfterLogoff(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  lpSession->Logoff(0, 0, 0);
  LPSPropValue lpProp = NULL;
  HrGetOneProp(lpMDB, PR_DISPLAY_NAME, &lpProp);
  // CHECK: :[[@LINE-1]]:3: warning: 'HrGetOneProp' on 'lpMDB' runs after 'lpSession' logged off [mapi-use-after-logoff]
  // CHECK: :[[@LINE-4]]:3: note: logged off here
  lpMDB->Release(); // Release is not a use
  lpSession->Release();
}

void SessionUsedAfterLogoff(LPMAPISESSION lpSession) {
  lpSession->Logoff(0, 0, 0);
  LPMAPITABLE lpTable = NULL;
  lpSession->GetMsgStoresTable(0, &lpTable);
  // CHECK: :[[@LINE-1]]:3: warning: 'GetMsgStoresTable' on 'lpSession' runs after 'lpSession' logged off [mapi-use-after-logoff]
  // CHECK: :[[@LINE-4]]:3: note: logged off here
  lpSession->Release();
}

// A folder opened from a store opened from the session: transitive.
void FolderAfterLogoff(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  LPMAPIFOLDER lpFolder = NULL;
  ULONG ulType = 0;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  if (SUCCEEDED(lpMDB->OpenEntry(0, NULL, NULL, 0, &ulType, (LPUNKNOWN *)&lpFolder))) {
    lpFolder->Release();
    lpMDB->Release();
    lpSession->Logoff(0, 0, 0);
    return;
  }
  lpSession->Logoff(0, 0, 0);
  lpMDB->Unadvise(1);
  // CHECK: :[[@LINE-1]]:3: warning: 'Unadvise' on 'lpMDB' runs after 'lpSession' logged off [mapi-use-after-logoff]
  // CHECK: :[[@LINE-3]]:3: note: logged off here
  lpMDB->Release();
}

// Logoff inside a helper: reported at the use, with a note at the call.
void EndSession(LPMAPISESSION s) { s->Logoff(0, 0, 0); }
void UseAfterHelperLogoff(LPMAPISESSION lpSession, LPMDB *lppMDB) {
  LPMDB lpMDB = NULL;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  EndSession(lpSession);
  lpMDB->GetPropList(0, NULL);
  // CHECK: :[[@LINE-1]]:3: warning: 'GetPropList' on 'lpMDB' runs after 'lpSession' logged off [mapi-use-after-logoff]
  // CHECK: :[[@LINE-3]]:3: note: Logoff runs inside this call
  // CHECK: :[[@LINE-9]]:36: note: logged off here
  *lppMDB = lpMDB;
}

// --- silent ------------------------------------------------------------------
// Two sessions: logging off one leaves the other's objects valid.
void TwoSessions(LPMAPISESSION lpA, LPMAPISESSION lpB) {
  LPMDB lpStoreB = NULL;
  if (FAILED(lpB->OpenMsgStore(0, 0, NULL, NULL, 0, &lpStoreB)))
    return;
  lpA->Logoff(0, 0, 0);
  lpStoreB->GetPropList(0, NULL);
  lpStoreB->Release();
  lpB->Logoff(0, 0, 0);
}

// StoreLogoff is not a session Logoff.
void StoreLogoffOnly(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  ULONG ulFlags = LOGOFF_ORDERLY;
  lpMDB->StoreLogoff(&ulFlags);
  lpMDB->Release();
  lpSession->GetMsgStoresTable(0, NULL);
}

// A class method named Logoff on a non-MAPI class is not an event.
struct Connection {
  void Logoff();
};
void Lookalike(Connection &C, LPMAPISESSION lpSession) {
  C.Logoff();
  lpSession->GetMsgStoresTable(0, NULL);
}
