// An owner class whose constructor is defined in another file: the buffer
// handed to it is its business now (code we cannot see), not a leak here.
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

class CPropsKeeper {
public:
  CPropsKeeper(HRESULT hr, LPVOID lpBuffer); // frees it when hr succeeded
  ~CPropsKeeper();

private:
  LPVOID m_lpBuffer;
};

ULONG SupportMask(LPMDB lpStore, LPSPropTagArray lpTags) {
  ULONG cValues = 0;
  LPSPropValue lpVals = NULL;
  HRESULT hr = lpStore->GetProps(lpTags, 0, &cValues, &lpVals);
  CPropsKeeper keep(hr, lpVals);
  return SUCCEEDED(hr) ? lpVals[0].Value.l : 0;
}

// Before the hand-over, an early exit still leaks it.
ULONG EarlyExit(LPMDB lpStore, LPSPropTagArray lpTags, BOOL fQuick) {
  ULONG cValues = 0;
  LPSPropValue lpVals = NULL;
  HRESULT hr = lpStore->GetProps(lpTags, 0, &cValues, &lpVals);
  // CHECK: :[[@LINE-1]]:16: warning: MAPI memory in 'lpVals' is not freed on some path [mapi-unfreed-buffer]
  if (SUCCEEDED(hr) && fQuick)
    return 1;
  // CHECK: :[[@LINE-1]]:5: note: this exit does not free it
  CPropsKeeper keep(hr, lpVals);
  return cValues;
}
