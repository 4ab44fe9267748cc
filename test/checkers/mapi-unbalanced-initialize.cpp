// RUN: %mapi_tidy --checks='-*,mapi-unbalanced-initialize' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unbalanced-initialize' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

// --- an error path leaks what the success path undoes -----------------------
HRESULT ProbeProfiles() {
  HRESULT hr = MAPIInitialize(NULL);
  // CHECK: :[[@LINE-1]]:16: warning: MAPIInitialize succeeded here but an error path leaves the function without MAPIUninitialize [mapi-unbalanced-initialize]
  if (FAILED(hr))
    return hr; // the initializer failed: nothing to undo
  LPPROFADMIN lpProfAdmin = NULL;
  hr = MAPIAdminProfiles(0, &lpProfAdmin);
  if (FAILED(hr))
    return hr;
  // CHECK: :[[@LINE-1]]:5: note: this exit leaks the initialization
  lpProfAdmin->Release();
  MAPIUninitialize();
  return S_OK;
}

HRESULT InitBoth() {
  if (FAILED(OleInitialize(NULL)))
    return E_FAIL;
  // CHECK: :[[@LINE-2]]:14: warning: OleInitialize succeeded here but an error path leaves the function without OleUninitialize [mapi-unbalanced-initialize]
  if (FAILED(MAPIInitialize(NULL)))
    return E_FAIL;
  // CHECK: :[[@LINE-1]]:5: note: this exit leaks the initialization
  MAPIUninitialize();
  OleUninitialize();
  return S_OK;
}

// --- FreeLibrary of the module whose MAPIInitialize is still live ----------------
void DynamicLeak() {
  HMODULE hMapi = LoadLibraryA("mapi32.dll");
  if (!hMapi)
    return;
  LPMAPIINITIALIZE pfnInit =
      (LPMAPIINITIALIZE)GetProcAddress(hMapi, "MAPIInitialize");
  if (FAILED(pfnInit(NULL))) {
    FreeLibrary(hMapi); // fine: nothing was initialised
    return;
  }
  FreeLibrary(hMapi);
  // CHECK: :[[@LINE-1]]:3: warning: FreeLibrary unloads the module that supplied MAPIInitialize while MAPI is still initialized [mapi-unbalanced-initialize]
  // CHECK: :[[@LINE-6]]:14: note: MAPIInitialize succeeded here
}

void DynamicOk() {
  HMODULE hMapi = LoadLibraryA("mapi32.dll");
  LPMAPIINITIALIZE pfnInit =
      (LPMAPIINITIALIZE)GetProcAddress(hMapi, "MAPIInitialize");
  LPMAPIUNINITIALIZE pfnUninit =
      (LPMAPIUNINITIALIZE)GetProcAddress(hMapi, "MAPIUninitialize");
  if (SUCCEEDED(pfnInit(NULL)))
    pfnUninit();
  FreeLibrary(hMapi);
}

// --- silent: functions that own nothing, or balance every path ---------------------
class CApp {
  bool m_fMapi = false;
  bool m_fOle = false;

public:
  // Keeps MAPI initialised on success, tears down on failure: owns nothing.
  HRESULT Start() {
    HRESULT hr = MAPIInitialize(NULL);
    if (FAILED(hr))
      return hr;
    hr = ScInitMapiUtil(0);
    if (FAILED(hr)) {
      MAPIUninitialize();
      return hr;
    }
    m_fMapi = true;
    return S_OK;
  }
  void Stop() {
    if (m_fOle) // flag-guarded: balanced elsewhere
      OleUninitialize();
    if (m_fMapi) {
      DeinitMapiUtil();
      MAPIUninitialize();
    }
  }
  void StartOle() {
    if (SUCCEEDED(OleInitialize(NULL)))
      m_fOle = true;
  }
};

HRESULT WithCleanup() {
  HRESULT hr = S_OK;
  BOOL fInit = FALSE;
  LPMAPISESSION lpSession = NULL;
  hr = MAPIInitialize(NULL);
  if (FAILED(hr))
    goto Cleanup;
  fInit = TRUE;
  hr = MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSession);
  if (FAILED(hr))
    goto Cleanup;
  lpSession->Logoff(0, 0, 0);
Cleanup:
  if (lpSession)
    lpSession->Release();
  if (fInit)
    MAPIUninitialize();
  return hr;
}

template <class F> struct ScopeExit {
  F Fn;
  explicit ScopeExit(F Fn) : Fn(Fn) {}
  ~ScopeExit() { Fn(); }
};
template <class F> ScopeExit<F> OnExit(F Fn) { return ScopeExit<F>(Fn); }

HRESULT GuardedEveryExit() {
  HRESULT hr = MAPIInitialize(NULL);
  if (FAILED(hr))
    return hr;
  auto Guard = OnExit([] { MAPIUninitialize(); });
  LPPROFADMIN lpProfAdmin = NULL;
  if (FAILED(hr = MAPIAdminProfiles(0, &lpProfAdmin)))
    return hr;
  lpProfAdmin->Release();
  return S_OK;
}

// A wrapper class whose method shares the API's name guards the real call.
class CGlobalCache {
  bool m_fInit = false;

public:
  HRESULT MAPIInitialize() {
    if (m_fInit)
      return S_OK;
    HRESULT hr = ::MAPIInitialize(NULL);
    if (SUCCEEDED(hr))
      m_fInit = true;
    return hr;
  }
};
