// Over the bound, each acquisition site is followed on its own; what a
// helper reports in the function's context (here a second free) is still
// reported, even when the helper's analysis is reused from another run.
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>

static void Discard(LPSPropValue lpVal) {
  MAPIFreeBuffer(lpVal);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpVal' is freed twice [mapi-unfreed-buffer]
  // CHECK: :[[@LINE+13]]:3: note: first freed here
  // CHECK: :[[@LINE+11]]:3: note: allocated here
}

#define MAYBE_READ(bit, out) \
  if (ulMask & (bit)) HrGetOneProp(lpObj, PR_DISPLAY_NAME, &(out))
#define FREE_IF(p) if (p) MAPIFreeBuffer(p)

ULONG Survey(LPMAPIPROP lpObj, ULONG ulMask) {
  LPSPropValue lpFirst = NULL;
  LPSPropValue a = NULL, b = NULL, c = NULL, d = NULL, e = NULL, f = NULL,
               g = NULL, h = NULL, i = NULL, j = NULL, k = NULL, l = NULL;
  HrGetOneProp(lpObj, PR_SUBJECT, &lpFirst);
  MAPIFreeBuffer(lpFirst);
  Discard(lpFirst);
  MAYBE_READ(1, a); MAYBE_READ(2, b); MAYBE_READ(4, c); MAYBE_READ(8, d);
  MAYBE_READ(16, e); MAYBE_READ(32, f); MAYBE_READ(64, g); MAYBE_READ(128, h);
  MAYBE_READ(256, i); MAYBE_READ(512, j); MAYBE_READ(1024, k); MAYBE_READ(2048, l);
  FREE_IF(a); FREE_IF(b); FREE_IF(c); FREE_IF(d); FREE_IF(e); FREE_IF(f);
  FREE_IF(g); FREE_IF(h); FREE_IF(i); FREE_IF(j); FREE_IF(k); FREE_IF(l);
  return 0;
}
