// MAPI memory handed to a std::unique_ptr with a MAPIFreeBuffer deleter, or
// to a class derived from one, is owned: reset() through the base class, the
// constructor, a member or a local. Only an exit before the hand-over leaks.
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <memory>

// A project owner type: unique_ptr with MAPIFreeBuffer as a function-pointer
// deleter, used through a derived class that only adds a constructor.
template <class T>
class CMapiMem : public std::unique_ptr<T, decltype(&MAPIFreeBuffer)> {
public:
  using Base = std::unique_ptr<T, decltype(&MAPIFreeBuffer)>;
  CMapiMem(T *p = nullptr) noexcept : Base{p, MAPIFreeBuffer} {}
};
using MapiMemDirect = std::unique_ptr<SPropValue, decltype(&MAPIFreeBuffer)>;
[[noreturn]] void Bail();

class CFolderInfo {
public:
  void LoadCached(LPMAPIPROP lpProp);
  void LoadCachedDirect(LPMAPIPROP lpProp);

private:
  CMapiMem<SPropValue> m_cached;
  MapiMemDirect m_direct{nullptr, MAPIFreeBuffer};
};

// reset() on a member of the derived type (the base's reset): owned.
void CFolderInfo::LoadCached(LPMAPIPROP lpProp) {
  ULONG cValues = 0;
  LPSPropValue lpVals = NULL;
  if (FAILED(lpProp->GetProps(NULL, 0, &cValues, &lpVals)))
    Bail();
  if (lpVals == NULL)
    Bail();
  m_cached.reset(lpVals);
}

// reset() on a plain std::unique_ptr member: owned.
void CFolderInfo::LoadCachedDirect(LPMAPIPROP lpProp) {
  ULONG cValues = 0;
  LPSPropValue lpVals = NULL;
  if (FAILED(lpProp->GetProps(NULL, 0, &cValues, &lpVals)))
    Bail();
  m_direct.reset(lpVals);
}

// A local of the derived type: its implicit destructor runs the base's.
ULONG CountProps(LPMAPIPROP lpProp) {
  CMapiMem<SPropValue> owner;
  ULONG cValues = 0;
  LPSPropValue lpVals = NULL;
  if (FAILED(lpProp->GetProps(NULL, 0, &cValues, &lpVals)))
    return 0;
  owner.reset(lpVals);
  return cValues;
}

// Handed over in the derived type's constructor.
ULONG CountPropsCtor(LPMAPIPROP lpProp) {
  ULONG cValues = 0;
  LPSPropValue lpVals = NULL;
  if (FAILED(lpProp->GetProps(NULL, 0, &cValues, &lpVals)))
    return 0;
  CMapiMem<SPropValue> owner(lpVals);
  return cValues;
}

// Still a leak: an exit before the owner takes it.
ULONG LeakBeforeOwner(LPMAPIPROP lpProp, BOOL fCountOnly) {
  ULONG cValues = 0;
  LPSPropValue lpVals = NULL;
  if (FAILED(lpProp->GetProps(NULL, 0, &cValues, &lpVals)))
    return 0;
  // CHECK: :[[@LINE-2]]:14: warning: MAPI memory in 'lpVals' is not freed on some path [mapi-unfreed-buffer]
  if (fCountOnly)
    return cValues;
  // CHECK: :[[@LINE-1]]:5: note: this exit does not free it
  CMapiMem<SPropValue> owner(lpVals);
  return cValues;
}
