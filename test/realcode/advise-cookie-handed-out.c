// A connection returned to the caller, or written to an out-parameter, is
// the caller's registration to cancel, not a local never unadvised.
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mock -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mingw -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>

#ifdef __cplusplus
#define CALL(obj, method, ...) ((obj)->method(__VA_ARGS__))
#else
#define CALL(obj, method, ...) ((obj)->lpVtbl->method((obj), __VA_ARGS__))
#endif

ULONG StartWatching(LPMAPITABLE lpTable, LPMAPIADVISESINK lpSink) {
  ULONG ulConn = 0;
  CALL(lpTable, Advise, fnevTableModified, lpSink, &ulConn);
  return ulConn;
}

void StartWatchingOut(LPMAPITABLE lpTable, LPMAPIADVISESINK lpSink, ULONG *pulConn) {
  ULONG ulConn = 0;
  CALL(lpTable, Advise, fnevTableModified, lpSink, &ulConn);
  *pulConn = ulConn;
}

/* Still reported: the connection stays in a local nobody cancels. */
void ForgetsIt(LPMAPITABLE lpTable, LPMAPIADVISESINK lpSink) {
  ULONG ulConn = 0;
  CALL(lpTable, Advise, fnevTableModified, lpSink, &ulConn);
  // CHECK: :[[@LINE-1]]:3: warning: Advise on 'lpTable' is never matched by an Unadvise of 'ulConn' [mapi-missing-unadvise]
}
// CHECK: :[[@LINE-1]]:1: note: this exit leaves it registered
