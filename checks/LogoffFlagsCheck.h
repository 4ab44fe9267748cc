//===- LogoffFlagsCheck.h - mapi-logoff-flags ----------------------------===//
#ifndef MAPI_TIDY_LOGOFFFLAGSCHECK_H
#define MAPI_TIDY_LOGOFFFLAGSCHECK_H

#include "MapiCheckBase.h"

namespace clang {
namespace tidy {
namespace mapi {

/// See docs/checks/mapi/logoff-flags.rst.
class LogoffFlagsCheck : public MapiCheckBase {
public:
  LogoffFlagsCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  bool wants(const ::mapi::Finding &F) const override;

private:
  /// SharedLogoff=never: Microsoft's fast-shutdown guidance.
  bool Never = false;
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
