// Code that does not compile: the compiler's error as clang-tidy prints it,
// no crash, and no mapi-* finding from the broken function.
// RUN: not %mapi_tidy --checks='-*,mapi-*' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <windows.h>
#include <mapix.h>
void Broken() {
  MAPIUninitialize();
  OleUninitialize();
  undeclared_function(42);
  // CHECK: :[[@LINE-1]]:3: error: use of undeclared identifier 'undeclared_function' [clang-diagnostic-error]
}
