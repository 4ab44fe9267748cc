//===- SessionReleaseCheck.cpp - mapi-session-release --------------------===//
#include "SessionReleaseCheck.h"

namespace clang {
namespace tidy {
namespace mapi {

SessionReleaseCheck::SessionReleaseCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : MapiCheckBase(Name, Context, ::mapi::CheckId::SessionRelease),
      RequireLogoff(Options.get("RequireLogoff", true)) {}

void SessionReleaseCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  MapiCheckBase::storeOptions(Opts);
  Options.store(Opts, "RequireLogoff", RequireLogoff);
}

bool SessionReleaseCheck::wants(const ::mapi::Finding &F) const {
  return F.Variant != ::mapi::Finding::NoLogoff || RequireLogoff;
}

} // namespace mapi
} // namespace tidy
} // namespace clang
