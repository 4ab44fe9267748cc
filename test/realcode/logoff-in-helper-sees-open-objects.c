// A helper handed only the session logs it off: every object its caller
// still has open from that session is open at that Logoff, though the
// helper cannot name it (a callee is shown the caller's other objects when
// it can reach a Logoff).
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff' %s -- %mock -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff' %s -- %mingw -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

#ifdef __cplusplus
#define CALL(obj, method, ...) ((obj)->method(__VA_ARGS__))
#define CALL0(obj, method) ((obj)->method())
#else
#define CALL(obj, method, ...) ((obj)->lpVtbl->method((obj), __VA_ARGS__))
#define CALL0(obj, method) ((obj)->lpVtbl->method(obj))
#endif

static void EndSession(LPMAPISESSION lpSes) {
  CALL(lpSes, Logoff, 0, 0, 0);
  CALL0(lpSes, Release);
}

void ReadOnce(void) {
  LPMAPISESSION lpSes = NULL;
  LPMDB lpStore = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSes)))
    return;
  if (FAILED(CALL(lpSes, OpenMsgStore, 0, 0, NULL, NULL, MDB_NO_DIALOG, &lpStore))) {
    EndSession(lpSes);
    return;
  }
  EndSession(lpSes);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpStore' is still open when 'lpSes' logs off (through 'EndSession') [mapi-objects-open-at-logoff]
  // CHECK: :[[@LINE-15]]:3: note: it happens here
  // CHECK: :[[@LINE-7]]:14: note: opened here
  // CHECK: :[[@LINE+1]]:3: note: released here, after the Logoff
  CALL0(lpStore, Release);
}

/* Silent: the store is released before the helper logs off. */
void ReadOnceInOrder(void) {
  LPMAPISESSION lpSes = NULL;
  LPMDB lpStore = NULL;
  if (FAILED(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSes)))
    return;
  if (SUCCEEDED(CALL(lpSes, OpenMsgStore, 0, 0, NULL, NULL, MDB_NO_DIALOG, &lpStore)))
    CALL0(lpStore, Release);
  EndSession(lpSes);
}
