//===- MissingUnadviseCheck.h - mapi-missing-unadvise ------------------------===//
#ifndef MAPI_TIDY_MISSINGUNADVISECHECK_H
#define MAPI_TIDY_MISSINGUNADVISECHECK_H

#include "MapiCheckBase.h"

namespace clang {
namespace tidy {
namespace mapi {

/// See docs/checks/mapi/missing-unadvise.rst.
class MissingUnadviseCheck : public MapiCheckBase {
public:
  MissingUnadviseCheck(StringRef Name, ClangTidyContext *Context)
      : MapiCheckBase(Name, Context, ::mapi::CheckId::MissingUnadvise) {}
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
