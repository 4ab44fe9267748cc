//===- UseAfterLogoffCheck.h - mapi-use-after-logoff ------------------------===//
#ifndef MAPI_TIDY_USEAFTERLOGOFFCHECK_H
#define MAPI_TIDY_USEAFTERLOGOFFCHECK_H

#include "MapiCheckBase.h"

namespace clang {
namespace tidy {
namespace mapi {

/// See docs/checks/mapi/use-after-logoff.rst.
class UseAfterLogoffCheck : public MapiCheckBase {
public:
  UseAfterLogoffCheck(StringRef Name, ClangTidyContext *Context)
      : MapiCheckBase(Name, Context, ::mapi::CheckId::UseAfterLogoff) {}
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
