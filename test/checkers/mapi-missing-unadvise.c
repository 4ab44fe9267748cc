// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

/* C vtable calls: arguments shift by one. */
void Leak(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink) {
  LPADRBOOK lpAdrBook = NULL;
  ULONG ulConn = 0;
  if (FAILED(lpSession->lpVtbl->OpenAddressBook(lpSession, 0, NULL, 0, &lpAdrBook)))
    return;
  lpAdrBook->lpVtbl->Advise(lpAdrBook, 0, NULL, fnevObjectModified, lpSink, &ulConn);
  UlRelease(lpAdrBook);
  // CHECK: :[[@LINE-2]]:3: warning: Advise on 'lpAdrBook' has no Unadvise before the object goes away [mapi-missing-unadvise]
  // CHECK: :[[@LINE-2]]:3: note: 'lpAdrBook' is released here while still advised
}

static LPMDB g_lpMDB;
static ULONG g_ulConn;

/* A global connection unadvised by another function of the TU: silent. */
HRESULT StartWatching(LPMAPIADVISESINK lpSink) {
  return g_lpMDB->lpVtbl->Advise(g_lpMDB, 0, NULL, fnevNewMail, lpSink, &g_ulConn);
}
void StopWatching(void) {
  if (g_ulConn) {
    g_lpMDB->lpVtbl->Unadvise(g_lpMDB, g_ulConn);
    g_ulConn = 0;
  }
}
