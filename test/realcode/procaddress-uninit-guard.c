// Entry points of one DLL come together: once MAPIInitialize from a module
// succeeded, the same module's MAPIUninitialize pointer is not null, so a
// guard on it does not leave MAPI up at FreeLibrary.
// RUN: %mapi_tidy --checks='-*,mapi-unbalanced-initialize' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unbalanced-initialize' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>

static HMODULE g_hMapi;
static SCODE (WINAPI *g_pfnInit)(LPVOID);
static void (WINAPI *g_pfnUninit)(void);

static void Bind(void) {
  g_hMapi = LoadLibraryA("mapi32.dll");
  g_pfnInit = (SCODE (WINAPI *)(LPVOID))GetProcAddress(g_hMapi, "MAPIInitialize");
  g_pfnUninit = (void (WINAPI *)(void))GetProcAddress(g_hMapi, "MAPIUninitialize");
}

void GuardedBoth(void) {
  SCODE sc = E_FAIL;
  Bind();
  if (g_pfnInit)
    sc = g_pfnInit(NULL);
  if (g_pfnUninit && sc == S_OK)
    g_pfnUninit();
  FreeLibrary(g_hMapi);
}

void GuardSwapped(void) {
  SCODE sc;
  Bind();
  sc = g_pfnInit(NULL);
  if (sc == S_OK && g_pfnUninit)
    g_pfnUninit();
  FreeLibrary(g_hMapi);
}

/* Still a bug: the success path never uninitializes before unloading. */
void NeverUndone(void) {
  SCODE sc;
  Bind();
  sc = g_pfnInit(NULL);
  if (sc != S_OK)
    return;
  FreeLibrary(g_hMapi);
  // CHECK: :[[@LINE-1]]:3: warning: FreeLibrary unloads the module that supplied MAPIInitialize while MAPI is still initialized [mapi-unbalanced-initialize]
  // CHECK: :[[@LINE-5]]:8: note: MAPIInitialize succeeded here
}
