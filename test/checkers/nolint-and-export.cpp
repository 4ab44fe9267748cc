// NOLINT and --export-fixes work as with any clang-tidy check.
// RUN: %mapi_tidy --checks='-*,mapi-uninitialize-order' --export-fixes=%t.yaml %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: FileCheck %s --check-prefix=YAML < %t.yaml
#include <windows.h>
#include <mapix.h>
void Suppressed() {
  MAPIUninitialize();
  OleUninitialize(); // NOLINT(mapi-uninitialize-order)
}
void Reported() {
  MAPIUninitialize();
  OleUninitialize();
  // CHECK: :[[@LINE-1]]:3: warning: OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first [mapi-uninitialize-order]
  // CHECK: :[[@LINE-3]]:3: note: MAPIUninitialize was called here
}
// YAML: DiagnosticName: mapi-uninitialize-order
// YAML: Message: 'OleUninitialize runs after MAPIUninitialize; OLE must be uninitialized first'
// YAML: Notes:
// YAML: Message: MAPIUninitialize was called here
