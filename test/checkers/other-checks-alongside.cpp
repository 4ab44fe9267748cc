// With only mapi-* enabled, the checks cut the matcher's walk of the AST
// short (the engine has walked it already). Any other check of the run must
// still see the whole TU: a matcher check (the walk is then left whole),
// and the static analyzer.
// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order,readability-braces-around-statements' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=MAPI,BRACES --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order,readability-braces-around-statements' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=MAPI,BRACES --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order,clang-analyzer-core.DivideZero' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=MAPI,ANALYZER --implicit-check-not='{{warning|error}}:'

#include <windows.h>
#include <mapix.h>

void Shutdown() {
  MAPIUninitialize();
  OleUninitialize();
  // MAPI: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first [mapi-uninitialize-order]
  // MAPI: :[[@LINE-3]]:3: note: MAPIUninitialize was called here
}

// Code after the MAPI routine, with nothing of MAPI in it.
int Clamp(int v) {
  if (v < 0)
    return 0;
  // BRACES: :[[@LINE-2]]:13: warning: statement should be inside braces [readability-braces-around-statements]
  return v;
}

int Ratio(int a) {
  int zero = 0;
  return a / zero;
  // ANALYZER: :[[@LINE-1]]:12: warning: Division by zero [clang-analyzer-core.DivideZero]
  // ANALYZER: note:
}
