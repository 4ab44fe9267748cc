// A helper opens into its out-parameter and tests the result itself; the
// caller reaches it through an error-check lambda that keeps the result in
// a local and returns it. The helper's failure (nothing opened) stays tied
// to the result the caller tests, so an object is not thought open after
// a failed open. A session kept in a CComPtr and released at the end of its
// scope without a Logoff is still reported.
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff,mapi-session-release' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-objects-open-at-logoff,mapi-session-release' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
#include <windows.h>
#include <mapix.h>
#include <atlbase.h>

void Trace(HRESULT hr, int line);
#define CHECKED(x) [&] { HRESULT r_ = (x); return r_; }()
#define SOFT(x)                                                             \
  do {                                                                      \
    hr = CHECKED(x);                                                        \
    if (FAILED(hr))                                                         \
      Trace(hr, __LINE__);                                                  \
  } while (0)
#define HARD(x)                                                             \
  do {                                                                      \
    if (FAILED(hr = (x))) {                                                 \
      Trace(hr, __LINE__);                                                  \
      goto Done;                                                            \
    }                                                                       \
  } while (0)

HRESULT OpenItem(LPMAPIFOLDER lpFolder, ULONG cb, LPENTRYID lpEID,
                 LPMESSAGE *lppItem) {
  ULONG ulType = 0;
  HRESULT hr = S_OK;
  *lppItem = nullptr;
  HARD(lpFolder->OpenEntry(cb, lpEID, nullptr, MAPI_BEST_ACCESS, &ulType,
                           (LPUNKNOWN *)lppItem));
Done:
  return hr;
}

// Silent: a failed OpenItem opened nothing, a successful one is released.
HRESULT ReadOne(ULONG cb, LPENTRYID lpEID) {
  LPMAPISESSION lpSession = nullptr;
  LPMAPIFOLDER lpFolder = nullptr;
  LPMESSAGE lpItem = nullptr;
  ULONG ulType = 0;
  HRESULT hr = S_OK;
  HARD(MAPILogonEx(0, nullptr, nullptr, MAPI_EXTENDED, &lpSession));
  HARD(lpSession->OpenEntry(0, nullptr, nullptr, 0, &ulType,
                            (LPUNKNOWN *)&lpFolder));
  SOFT(OpenItem(lpFolder, cb, lpEID, &lpItem));
  if (FAILED(hr))
    goto Done;
  lpItem->Release();
  lpItem = nullptr;
Done:
  if (lpFolder)
    lpFolder->Release();
  if (lpSession) {
    lpSession->Logoff(0, 0, 0);
    lpSession->Release();
  }
  return hr;
}

// The same in a loop over rows: silent.
HRESULT ReadRows(LPSRowSet lpRows) {
  LPMAPISESSION lpSession = nullptr;
  LPMAPIFOLDER lpFolder = nullptr;
  LPMESSAGE lpItem = nullptr;
  ULONG ulType = 0;
  HRESULT hr = S_OK;
  HARD(MAPILogonEx(0, nullptr, nullptr, MAPI_EXTENDED, &lpSession));
  HARD(lpSession->OpenEntry(0, nullptr, nullptr, 0, &ulType,
                            (LPUNKNOWN *)&lpFolder));
  for (ULONG i = 0; i < lpRows->cRows && SUCCEEDED(hr); i++) {
    SOFT(OpenItem(lpFolder, lpRows->aRow[i].lpProps[0].Value.bin.cb,
                  (LPENTRYID)lpRows->aRow[i].lpProps[0].Value.bin.lpb,
                  &lpItem));
    if (FAILED(hr))
      continue;
    lpItem->Release();
    lpItem = nullptr;
  }
Done:
  if (lpItem)
    lpItem->Release();
  if (lpFolder)
    lpFolder->Release();
  if (lpSession) {
    lpSession->Logoff(0, 0, 0);
    lpSession->Release();
  }
  return hr;
}

// The session goes away with its scope, never logged off: reported at the
// scope's end.
int ScopedSession() {
  HRESULT hr = S_OK;
  {
    CComPtr<IMAPISession> spSession;
    HARD(MAPILogonEx(0, nullptr, nullptr, MAPI_LOGON_UI, &spSession));
    ReadOne(0, nullptr);
  }
  // CHECK: :[[@LINE-1]]:3: warning: session 'spSession' is released without a Logoff on this path [mapi-session-release]
  // CHECK: :[[@LINE-4]]:10: note: 'spSession' is logged on here
Done:
  return 0;
}
