// Error-check macros that wrap every call in an immediately invoked [&]
// lambda: what the lambda writes through its by-reference captures is the
// enclosing function's, and an HRESULT handed back through a pass-through
// helper still decides whether the call succeeded.
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

void Note(HRESULT hr);
inline HRESULT Keep(HRESULT hr) { return hr; } // returns the HRESULT it gets
// A tracing macro: the call runs inside an immediately invoked [&] lambda.
#define TRACED(x) Keep([&]() -> HRESULT { HRESULT r_ = (x); Note(r_); return r_; }())

// The lambda fills the caller's variable; the caller frees it: silent.
void ScanTable(LPMAPITABLE tbl) {
  LPSRowSet set = nullptr;
  for (;;) {
    if (set) FreeProws(set);
    set = nullptr;
    HRESULT hr = TRACED(tbl->QueryRows(1, 0, &set));
    if (FAILED(hr) || !set || !set->cRows) break;
  }
  if (set) FreeProws(set);
}

// The initializer's result comes back through the lambda and Keep(): a
// failed MAPIInitialize initialised nothing, so the flag guard is right.
int Tool(bool wantMapi) {
  bool up = false;
  if (wantMapi) {
    HRESULT hr = TRACED(MAPIInitialize(nullptr));
    if (FAILED(hr)) Note(hr);
    else up = true;
  }
  if (up) MAPIUninitialize();
  return 0;
}

void HandOff(LPMAPISESSION s); // defined elsewhere: the session escapes there
LPMAPISESSION OpenPrivate() {
  LPMAPISESSION ses = nullptr;
  const HRESULT hr = TRACED(MAPILogonEx(0, nullptr, nullptr, MAPI_EXTENDED | MAPI_NEW_SESSION, &ses));
  if (FAILED(hr)) Note(hr);
  return ses; // the caller's: nothing to report here
}
// One report, at the Release; paths that handed the session on stay silent.
int Main2(int mode) {
  LPMAPISESSION ses = nullptr;
  bool up = SUCCEEDED(MAPIInitialize(nullptr));
  if (up) ses = OpenPrivate();
  if (ses && mode == 1) HandOff(ses);
  if (ses && mode == 2) HandOff(ses);
  if (up) {
    if (ses) ses->Release();
    // CHECK: :[[@LINE-1]]:14: warning: session 'ses' is released without a Logoff on this path [mapi-session-release]
    // CHECK: :[[@LINE-6]]:17: note: 'ses' is logged on here
    MAPIUninitialize();
  }
  return 0;
}
