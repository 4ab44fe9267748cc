// RUN: %mapi_tidy --checks='-*,mapi-logoff-flags' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OWNER --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-logoff-flags' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OWNER --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-logoff-flags' %s \
// RUN:   --config="{CheckOptions: [{key: mapi-logoff-flags.SharedLogoff, value: never}]}" \
// RUN:   -- %mingw %cxx 2>&1 | FileCheck %s --check-prefix=NEVER --implicit-check-not='{{warning|error|note}}:'
// The fix-its, applied to a copy:
// RUN: cp %s %t.cpp
// RUN: %mapi_tidy --checks='-*,mapi-logoff-flags' --fix %t.cpp -- %mock %cxx > /dev/null 2>&1
// RUN: FileCheck %s --check-prefix=FIXED < %t.cpp
// A bad option value is named:
// RUN: %mapi_tidy --checks='-*,mapi-logoff-flags' %s \
// RUN:   --config="{CheckOptions: [{key: mapi-logoff-flags.SharedLogoff, value: sometimes}]}" \
// RUN:   -- %mock %cxx 2>&1 | FileCheck %s --check-prefix=BAD

#include <windows.h>
#include <mapix.h>

// BAD: warning: invalid value 'sometimes' for option 'SharedLogoff' of check 'mapi-logoff-flags': expected 'owner' or 'never'; using 'owner'

void SharedWithoutAllowOthers() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, &lpSession)))
    return;
  lpSession->Logoff(0, MAPI_LOGOFF_UI | MAPI_LOGOFF_SHARED, 0);
  // OWNER: :[[@LINE-1]]:3: warning: Logoff of 'lpSession' passes MAPI_LOGOFF_SHARED, but the session was not logged on with MAPI_ALLOW_OTHERS [mapi-logoff-flags]
  // OWNER: :[[@LINE-4]]:14: note: 'lpSession' is logged on here
  // NEVER: :[[@LINE-3]]:3: warning: Logoff of 'lpSession' passes MAPI_LOGOFF_SHARED, which makes every MAPI client shut down (fast-shutdown Outlook) [mapi-logoff-flags]
  // FIXED: {{^}}  lpSession->Logoff(0, MAPI_LOGOFF_UI, 0);{{$}}
  lpSession->Release();
}

void OwnerWithoutShared() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_ALLOW_OTHERS, &lpSession)))
    return;
  lpSession->Logoff(0, 0, 0);
  // OWNER: :[[@LINE-1]]:3: warning: Logoff of 'lpSession' lacks MAPI_LOGOFF_SHARED, but the session was logged on with MAPI_ALLOW_OTHERS and owns the shared session [mapi-logoff-flags]
  // OWNER: :[[@LINE-4]]:14: note: 'lpSession' is logged on here
  // FIXED: {{^}}  lpSession->Logoff(0, MAPI_LOGOFF_SHARED, 0);{{$}}
  lpSession->Release();
}

// MAPI_SIMPLE_DEFAULT includes MAPI_ALLOW_OTHERS.
void SimpleDefaultOwner() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_SIMPLE_DEFAULT, &lpSession)))
    return;
  lpSession->Logoff(0, MAPI_LOGOFF_SHARED, 0);
  // NEVER: :[[@LINE-1]]:3: warning: Logoff of 'lpSession' passes MAPI_LOGOFF_SHARED, which makes every MAPI client shut down (fast-shutdown Outlook) [mapi-logoff-flags]
  // FIXED: {{^}}  lpSession->Logoff(0, MAPI_LOGOFF_SHARED, 0);{{$}}
  lpSession->Release();
}

// --- silent under owner ---------------------------------------------------------
void Private() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, &lpSession)))
    return;
  lpSession->Logoff(0, MAPI_LOGOFF_UI, 0);
  lpSession->Release();
}

// A session of unknown origin is not judged under owner.
void UnknownOrigin(LPMAPISESSION lpSession) {
  lpSession->Logoff(0, MAPI_LOGOFF_SHARED, 0);
  // NEVER: :[[@LINE-1]]:3: warning: Logoff of 'lpSession' passes MAPI_LOGOFF_SHARED, which makes every MAPI client shut down (fast-shutdown Outlook) [mapi-logoff-flags]
}

// Logged on here, logged off by a helper: reported at the helper's call.
void EndSession(LPMAPISESSION s) { s->Logoff(0, 0, 0); }
void HelperLogoff() {
  LPMAPISESSION lpSession = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_ALLOW_OTHERS, &lpSession)))
    return;
  EndSession(lpSession);
  // OWNER: :[[@LINE-1]]:3: warning: Logoff of 'lpSession' lacks MAPI_LOGOFF_SHARED, but the session was logged on with MAPI_ALLOW_OTHERS and owns the shared session (through 'EndSession') [mapi-logoff-flags]
  // OWNER: :[[@LINE-7]]:36: note: it happens here
  // OWNER: :[[@LINE-5]]:14: note: 'lpSession' is logged on here
  lpSession->Release();
}
