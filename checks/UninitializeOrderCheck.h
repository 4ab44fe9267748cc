//===- UninitializeOrderCheck.h - mapi-uninitialize-order ----------------------------===//
#ifndef MAPI_TIDY_UNINITIALIZEORDERCHECK_H
#define MAPI_TIDY_UNINITIALIZEORDERCHECK_H

#include "MapiCheckBase.h"

namespace clang {
namespace tidy {
namespace mapi {

/// See docs/checks/mapi/uninitialize-order.rst.
class UninitializeOrderCheck : public MapiCheckBase {
public:
  UninitializeOrderCheck(StringRef Name, ClangTidyContext *Context)
      : MapiCheckBase(Name, Context, ::mapi::CheckId::UninitializeOrder) {}
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
