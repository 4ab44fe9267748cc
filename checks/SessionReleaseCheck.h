//===- SessionReleaseCheck.h - mapi-session-release ----------------------===//
#ifndef MAPI_TIDY_SESSIONRELEASECHECK_H
#define MAPI_TIDY_SESSIONRELEASECHECK_H

#include "MapiCheckBase.h"

namespace clang {
namespace tidy {
namespace mapi {

/// See docs/checks/mapi/session-release.rst.
class SessionReleaseCheck : public MapiCheckBase {
public:
  SessionReleaseCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  bool wants(const ::mapi::Finding &F) const override;

private:
  /// Procedure steps 4-5: a session released with no Logoff is a finding.
  const bool RequireLogoff;
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
