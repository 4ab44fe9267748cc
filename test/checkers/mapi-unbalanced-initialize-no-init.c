// RUN: %mapi_tidy --checks='-*,mapi-unbalanced-initialize' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unbalanced-initialize' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

/* A TU that uninitializes MAPI without any MAPIInitialize. A lookalike in a
   class or namespace does not count as the initializer. */
#include <windows.h>
#include <mapix.h>

void Terminate(void) {
  MAPIUninitialize();
  // CHECK: :[[@LINE-1]]:3: warning: MAPIUninitialize has no matching MAPIInitialize in this translation unit [mapi-unbalanced-initialize]
}
