// Advise inside an error-check lambda ([&], called in place) writes the
// enclosing function's cookie through its capture. The enclosing function
// owns the registration and is judged on it; the lambda, analysed on its
// own, reports nothing about a variable that is not its own.
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

#define CHECKED(x) [&] { HRESULT r_ = (x); return r_; }()

// Unadvised at the cleanup label when the cookie was set: silent.
HRESULT Watch(LPMDB lpMDB, LPMAPIADVISESINK lpSink) {
  ULONG ulConnection = 0;
  HRESULT hr = CHECKED(lpMDB->Advise(0, nullptr, fnevNewMail, lpSink,
                                     &ulConnection));
  if (FAILED(hr))
    goto Cleanup;
  hr = HrDispatchNotifications(0);
Cleanup:
  if (ulConnection)
    lpMDB->Unadvise(ulConnection);
  return hr;
}

// Never unadvised: reported once, in the function that owns the cookie.
HRESULT WatchForever(LPMDB lpMDB, LPMAPIADVISESINK lpSink) {
  ULONG ulConnection = 0;
  HRESULT hr = CHECKED(lpMDB->Advise(0, nullptr, fnevNewMail, lpSink,
                                     &ulConnection));
  // CHECK: :[[@LINE-2]]:24: warning: Advise on 'lpMDB' is never matched by an Unadvise of 'ulConnection' [mapi-missing-unadvise]
  // CHECK: :[[@LINE+4]]:3: note: this exit leaves it registered
  if (FAILED(hr))
    return hr;
  hr = HrDispatchNotifications(0);
  return hr;
}
