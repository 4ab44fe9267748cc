// An error-check lambda called in place inside a loop, around an opener,
// with a helper called on what it opened: each iteration's object replaces
// the last one's instead of piling up (this shape once crashed the engine
// when the objects ran past the state's room).
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

#define TRY_HR(x) [&] { HRESULT hrTry = (x); return hrTry; }()

/* Leaves the table open: not a finding of these checks on its own. */
static HRESULT ContentCount(LPMAPIFOLDER lpFolder, ULONG *pulCount) {
  LPMAPITABLE lpTable = NULL;
  HRESULT hr = lpFolder->GetContentsTable(0, &lpTable);
  return hr;
}

HRESULT CountAll(LPMDB lpStore, LPSRowSet lpRows, ULONG *pulTotal) {
  HRESULT hr = S_OK;
  LPMAPIFOLDER lpFolder = NULL;
  ULONG ulType = 0;
  *pulTotal = 0;
  for (ULONG i = 0; i < lpRows->cRows; i++) {
    ULONG ulCount = 0;
    SBinary &eid = lpRows->aRow[i].lpProps[0].Value.bin;
    hr = TRY_HR(lpStore->OpenEntry(eid.cb, (LPENTRYID)eid.lpb, NULL, 0, &ulType,
                                   (LPUNKNOWN *)&lpFolder));
    if (FAILED(hr))
      return hr;
    hr = ContentCount(lpFolder, &ulCount);
    lpFolder->Release();
    if (FAILED(hr))
      return hr;
    *pulTotal += ulCount;
  }
  return hr;
}

/* The same loop that forgets to free what it reads is still reported. */
HRESULT NamesLeak(LPMDB lpStore, LPSRowSet lpRows) {
  for (ULONG i = 0; i < lpRows->cRows; i++) {
    LPSPropValue lpName = NULL;
    HRESULT hr = TRY_HR(HrGetOneProp((LPMAPIPROP)lpStore, PR_DISPLAY_NAME, &lpName));
    // CHECK: :[[@LINE-1]]:18: warning: MAPI memory in 'lpName' is not freed on some path [mapi-unfreed-buffer]
    // CHECK: :[[@LINE-2]]:25: note: allocated inside this call
    if (FAILED(hr))
      return hr;
  }
  return S_OK;
  // CHECK: :[[@LINE-1]]:3: note: this exit does not free it
}
