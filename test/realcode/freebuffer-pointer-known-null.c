// A deallocator looked up only on some paths: where its pointer is known to
// be NULL, the guarded free does not run, and the buffer leaks.
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>

void ReadSubject(LPMAPIPROP lpObj, HMODULE hMapi, int fLoad) {
  LPMAPIFREEBUFFER pfnFree = NULL;
  LPSPropValue lpVal = NULL;
  if (fLoad)
    pfnFree = (LPMAPIFREEBUFFER)GetProcAddress(hMapi, "MAPIFreeBuffer");
  if (HrGetOneProp(lpObj, PR_SUBJECT, &lpVal) != S_OK)
    // CHECK: :[[@LINE-1]]:7: warning: MAPI memory in 'lpVal' is not freed on some path [mapi-unfreed-buffer]
    return;
  if (pfnFree)
    pfnFree(lpVal);
}
// CHECK: :[[@LINE-1]]:1: note: this exit does not free it
