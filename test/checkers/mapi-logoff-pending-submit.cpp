// RUN: %mapi_tidy --checks='-*,mapi-logoff-pending-submit' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,DEFAULT --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-logoff-pending-submit' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,DEFAULT --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-logoff-pending-submit' %s \
// RUN:   --config="{CheckOptions: [{key: mapi-logoff-pending-submit.FlushFunctions, value: WaitForSpooler}]}" \
// RUN:   -- %mingw %cxx 2>&1 | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>

void SubmitThenLogoff(LPMAPISESSION lpSession, ULONG cb, LPENTRYID lpOutboxEID) {
  LPMAPIFOLDER lpOutbox = NULL;
  LPMESSAGE lpMessage = NULL;
  ULONG ulType = 0;
  if (FAILED(lpSession->OpenEntry(cb, lpOutboxEID, NULL, MAPI_MODIFY, &ulType,
                                  (LPUNKNOWN *)&lpOutbox)))
    return;
  if (SUCCEEDED(lpOutbox->CreateMessage(NULL, 0, &lpMessage))) {
    lpMessage->SubmitMessage(0);
    lpMessage->Release();
  }
  lpOutbox->Release();
  lpSession->Logoff(0, 0, 0);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpSession' logs off right after SubmitMessage with no flush in between; the message may stay in the Outbox [mapi-logoff-pending-submit]
  // CHECK: :[[@LINE-6]]:5: note: message submitted here
}

// The message comes from a folder of a store of this session.
void ChainedObjects(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  LPMAPIFOLDER lpFolder = NULL;
  LPMESSAGE lpMessage = NULL;
  ULONG ulType = 0;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  if (SUCCEEDED(lpMDB->OpenEntry(0, NULL, NULL, 0, &ulType, (LPUNKNOWN *)&lpFolder))) {
    if (SUCCEEDED(lpFolder->CreateMessage(NULL, 0, &lpMessage))) {
      lpMessage->SubmitMessage(0);
      lpMessage->Release();
    }
    lpFolder->Release();
  }
  lpMDB->Release();
  lpSession->Logoff(0, 0, 0);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpSession' logs off right after SubmitMessage with no flush in between; the message may stay in the Outbox [mapi-logoff-pending-submit]
  // CHECK: :[[@LINE-8]]:7: note: message submitted here
}

// --- silent --------------------------------------------------------------------------
void FlushedThroughStatus(LPMAPISESSION lpSession, ULONG cb, LPENTRYID lpOutboxEID) {
  LPMAPIFOLDER lpOutbox = NULL;
  LPMESSAGE lpMessage = NULL;
  ULONG ulType = 0;
  if (FAILED(lpSession->OpenEntry(cb, lpOutboxEID, NULL, MAPI_MODIFY, &ulType,
                                  (LPUNKNOWN *)&lpOutbox)))
    return;
  if (SUCCEEDED(lpOutbox->CreateMessage(NULL, 0, &lpMessage))) {
    lpMessage->SubmitMessage(0);
    lpMessage->Release();
  }
  lpOutbox->Release();
  LPMAPISTATUS lpStatus = NULL;
  if (SUCCEEDED(lpSession->OpenEntry(0, NULL, NULL, 0, &ulType, (LPUNKNOWN *)&lpStatus))) {
    lpStatus->FlushQueues(0, 0, NULL, FLUSH_UPLOAD);
    lpStatus->Release();
  }
  lpSession->Logoff(0, 0, 0);
}

void FlushedByStoreLogoff(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  LPMESSAGE lpMessage = NULL;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  if (SUCCEEDED(lpMDB->OpenEntry(0, NULL, NULL, 0, NULL, (LPUNKNOWN *)&lpMessage))) {
    lpMessage->SubmitMessage(0);
    lpMessage->Release();
  }
  ULONG ulFlags = LOGOFF_ORDERLY;
  lpMDB->StoreLogoff(&ulFlags);
  lpMDB->Release();
  lpSession->Logoff(0, 0, 0);
}

// A project function that waits for the spooler: a flush only when named in
// FlushFunctions (it does not even see the session).
void WaitForSpooler(void);
void FlushedByUserFunction(LPMAPISESSION lpSession, ULONG cb, LPENTRYID lpEID) {
  LPMESSAGE lpMessage = NULL;
  ULONG ulType = 0;
  if (FAILED(lpSession->OpenEntry(cb, lpEID, NULL, MAPI_MODIFY, &ulType,
                                  (LPUNKNOWN *)&lpMessage)))
    return;
  lpMessage->SubmitMessage(0);
  lpMessage->Release();
  WaitForSpooler();
  lpSession->Logoff(0, 0, 0);
  // DEFAULT: :[[@LINE-1]]:3: warning: 'lpSession' logs off right after SubmitMessage with no flush in between; the message may stay in the Outbox [mapi-logoff-pending-submit]
  // DEFAULT: :[[@LINE-5]]:3: note: message submitted here
}

// The session handed to code we cannot see may have been flushed there.
void HandOver(LPMAPISESSION s);
void HandedToUnknownCode(LPMAPISESSION lpSession, ULONG cb, LPENTRYID lpEID) {
  LPMESSAGE lpMessage = NULL;
  ULONG ulType = 0;
  if (FAILED(lpSession->OpenEntry(cb, lpEID, NULL, MAPI_MODIFY, &ulType,
                                  (LPUNKNOWN *)&lpMessage)))
    return;
  lpMessage->SubmitMessage(0);
  lpMessage->Release();
  HandOver(lpSession);
  lpSession->Logoff(0, 0, 0);
}

// Another session's submission does not count.
void OtherSession(LPMAPISESSION lpA, LPMAPISESSION lpB) {
  LPMDB lpMDB = NULL;
  LPMESSAGE lpMessage = NULL;
  if (FAILED(lpB->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  if (SUCCEEDED(lpMDB->OpenEntry(0, NULL, NULL, 0, NULL, (LPUNKNOWN *)&lpMessage))) {
    lpMessage->SubmitMessage(0);
    lpMessage->Release();
  }
  lpMDB->Release();
  lpA->Logoff(0, 0, 0);
}

// The Logoff inside a helper: reported at the helper's call.
void EndSession(LPMAPISESSION s) { s->Logoff(0, 0, 0); }
void LogoffInHelper(LPMAPISESSION lpSession, ULONG cb, LPENTRYID lpEID) {
  LPMESSAGE lpMessage = NULL;
  ULONG ulType = 0;
  if (FAILED(lpSession->OpenEntry(cb, lpEID, NULL, MAPI_MODIFY, &ulType,
                                  (LPUNKNOWN *)&lpMessage)))
    return;
  lpMessage->SubmitMessage(0);
  lpMessage->Release();
  EndSession(lpSession);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpSession' logs off right after SubmitMessage with no flush in between; the message may stay in the Outbox (through 'EndSession') [mapi-logoff-pending-submit]
  // CHECK: :[[@LINE-11]]:36: note: it happens here
  // CHECK: :[[@LINE-5]]:3: note: message submitted here
}

// StoreLogoff told not to wait does not flush.
void StoreLogoffNoWait(LPMAPISESSION lpSession) {
  LPMDB lpMDB = NULL;
  LPMESSAGE lpMessage = NULL;
  if (FAILED(lpSession->OpenMsgStore(0, 0, NULL, NULL, 0, &lpMDB)))
    return;
  if (SUCCEEDED(lpMDB->OpenEntry(0, NULL, NULL, 0, NULL, (LPUNKNOWN *)&lpMessage))) {
    lpMessage->SubmitMessage(0);
    lpMessage->Release();
  }
  ULONG ulFlags = LOGOFF_NO_WAIT;
  lpMDB->StoreLogoff(&ulFlags);
  lpMDB->Release();
  lpSession->Logoff(0, 0, 0);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpSession' logs off right after SubmitMessage with no flush in between; the message may stay in the Outbox [mapi-logoff-pending-submit]
  // CHECK: :[[@LINE-8]]:5: note: message submitted here
}
