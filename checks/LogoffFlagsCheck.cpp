//===- LogoffFlagsCheck.cpp - mapi-logoff-flags --------------------------===//
#include "LogoffFlagsCheck.h"
#include "Compat.h"

namespace clang {
namespace tidy {
namespace mapi {

LogoffFlagsCheck::LogoffFlagsCheck(StringRef Name, ClangTidyContext *Context)
    : MapiCheckBase(Name, Context, ::mapi::CheckId::LogoffFlags) {
  std::string Policy =
      ::mapi::compat::toStdString(Options.get("SharedLogoff", "owner"));
  if (Policy == "never")
    Never = true;
  else if (Policy != "owner")
    configurationDiag("invalid value '%0' for option 'SharedLogoff' of check "
                      "'%1': expected 'owner' or 'never'; using 'owner'")
        << Policy << Name;
}

void LogoffFlagsCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  MapiCheckBase::storeOptions(Opts);
  Options.store(Opts, "SharedLogoff", Never ? "never" : "owner");
}

bool LogoffFlagsCheck::wants(const ::mapi::Finding &F) const {
  return F.Variant == (Never ? ::mapi::Finding::SharedLogoffNever
                             : ::mapi::Finding::SharedLogoffOwner);
}

} // namespace mapi
} // namespace tidy
} // namespace clang
