// Templates whose variables are initialised before their type is known
// (`typename Traits<T>::type v(list.size());` has no type yet): the scan of
// the TU reads them without evaluating them, and a MAPI routine next to
// them is still checked.
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
#include <windows.h>
#include <mapix.h>

template <typename T> struct Traits { typedef T type; };
struct List {
  unsigned long size() const { return 3; }
};

template <typename T> unsigned long Count(const List &list) {
  typename Traits<T>::type n(list.size());
  typename Traits<T>::type m(list.size(), 0);
  return (unsigned long)n + (unsigned long)m;
}

template <typename T> struct Cache {
  T value;
  void Reset(const List &list) {
    typename Traits<T>::type fresh(list.size());
    value = fresh;
  }
};

void LeaksSession() {
  LPMAPISESSION lpSession = nullptr;
  if (FAILED(MAPILogonEx(0, nullptr, nullptr, MAPI_EXTENDED, &lpSession)))
    return;
  lpSession->Release();
  // CHECK: :[[@LINE-1]]:3: warning: session 'lpSession' is released without a Logoff on this path [mapi-session-release]
  // CHECK: :[[@LINE-4]]:14: note: 'lpSession' is logged on here
}
