//===- UnbalancedInitializeCheck.h - mapi-unbalanced-initialize ----------------------------===//
#ifndef MAPI_TIDY_UNBALANCEDINITIALIZECHECK_H
#define MAPI_TIDY_UNBALANCEDINITIALIZECHECK_H

#include "MapiCheckBase.h"

namespace clang {
namespace tidy {
namespace mapi {

/// See docs/checks/mapi/unbalanced-initialize.rst.
class UnbalancedInitializeCheck : public MapiCheckBase {
public:
  UnbalancedInitializeCheck(StringRef Name, ClangTidyContext *Context)
      : MapiCheckBase(Name, Context, ::mapi::CheckId::UnbalancedInitialize) {}
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
