// C: a global session logged on by one function and released by another,
// with no Logoff anywhere in the file.
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

static LPMAPISESSION g_lpSession;

HRESULT MailInit(void) {
  HRESULT hr = MAPIInitialize(NULL);
  if (FAILED(hr))
    return hr;
  hr = MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, &g_lpSession);
  // CHECK: :[[@LINE+7]]:5: warning: session 'g_lpSession' is released without a Logoff; nothing in this translation unit logs it off [mapi-session-release]
  // CHECK: :[[@LINE-2]]:8: note: 'g_lpSession' is logged on here
  return hr;
}

void MailTerm(void) {
  if (g_lpSession) {
    UlRelease(g_lpSession);
    g_lpSession = NULL;
  }
  MAPIUninitialize();
}
