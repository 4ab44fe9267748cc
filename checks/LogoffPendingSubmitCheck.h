//===- LogoffPendingSubmitCheck.h - mapi-logoff-pending-submit ------------------------===//
#ifndef MAPI_TIDY_LOGOFFPENDINGSUBMITCHECK_H
#define MAPI_TIDY_LOGOFFPENDINGSUBMITCHECK_H

#include "MapiCheckBase.h"

namespace clang {
namespace tidy {
namespace mapi {

/// See docs/checks/mapi/logoff-pending-submit.rst.
class LogoffPendingSubmitCheck : public MapiCheckBase {
public:
  LogoffPendingSubmitCheck(StringRef Name, ClangTidyContext *Context)
      : MapiCheckBase(Name, Context, ::mapi::CheckId::LogoffPendingSubmit) {}
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
