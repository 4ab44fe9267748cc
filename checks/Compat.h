//===- Compat.h - the one place that tests the LLVM version ---------------===//
//
// Every difference between LLVM 14, 19 and 22 that mapi-tidy touches is
// spelled here, so the rest of the tree is version-free.
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_COMPAT_H
#define MAPI_TIDY_COMPAT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include <string>

#define MAPI_LLVM_MAJOR LLVM_VERSION_MAJOR

namespace mapi {
namespace compat {

// StringRef::startswith/endswith were removed in 19; starts_with is missing in 14.
inline bool startsWith(llvm::StringRef S, llvm::StringRef Prefix) {
  return S.size() >= Prefix.size() && S.substr(0, Prefix.size()) == Prefix;
}
inline bool endsWith(llvm::StringRef S, llvm::StringRef Suffix) {
  return S.size() >= Suffix.size() &&
         S.substr(S.size() - Suffix.size()) == Suffix;
}

// OptionsView::get(Name, Default) returns std::string on 14, StringRef later.
template <typename T> std::string toStdString(const T &V) {
  return std::string(V);
}

// FunctionDecl::isPure became isPureVirtual in 18.
template <typename FD> bool isPureVirtual(const FD *F) {
#if LLVM_VERSION_MAJOR >= 18
  return F->isPureVirtual();
#else
  return F->isPure();
#endif
}

} // namespace compat
} // namespace mapi

// The registry alias moved into ClangTidyModule.h in 22 and the old header
// warns there; include it only where it is still needed.
#define MAPI_NEEDS_REGISTRY_HEADER (LLVM_VERSION_MAJOR < 22)

#endif
