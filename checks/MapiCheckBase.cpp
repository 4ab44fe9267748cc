//===- MapiCheckBase.cpp --------------------------------------------------===//
#include "MapiCheckBase.h"
#include "Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/CharInfo.h"
#include "clang-tidy/ClangTidyModule.h"
#if MAPI_NEEDS_REGISTRY_HEADER
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif
#include <mutex>

using namespace clang::ast_matchers;

namespace clang {
namespace tidy {
namespace mapi {

static std::string join(const std::vector<std::string> &L) {
  std::string S;
  for (const std::string &E : L)
    S += (S.empty() ? "" : ";") + E;
  return S;
}

MapiCheckBase::MapiCheckBase(StringRef Name, ClangTidyContext *Context,
                             ::mapi::CheckId Id)
    : ClangTidyCheck(Name, Context), CheckName(Name.str()), Id(Id),
      TidyContext(Context) {
  // Shared options: set once under CheckOptions as mapi-<check>.X, or
  // globally as X for every mapi-* check.
  readList("SmartPointerTypes", Cfg.SmartPointerTypes);
  readList("ScopeGuardTypes", Cfg.ScopeGuardTypes);
  readList("ReleaseFunctions", Cfg.ReleaseFunctions);
  readList("FlushFunctions", Cfg.FlushFunctions);
  readList("AdviseFunctions", Cfg.AdviseFunctions);
  readList("UnadviseFunctions", Cfg.UnadviseFunctions);
  readList("AllocFunctions", Cfg.AllocFunctions);
  readList("FreeFunctions", Cfg.FreeFunctions);
  readList("BufferOwnerTypes", Cfg.BufferOwnerTypes);
}

void MapiCheckBase::readList(StringRef Option, std::vector<std::string> &Out) {
  std::string Raw = ::mapi::compat::toStdString(
      Options.getLocalOrGlobal(Option, ""));
  StringRef Rest(Raw);
  while (!Rest.empty()) {
    auto [Item, Tail] = Rest.split(';');
    Rest = Tail;
    Item = Item.trim();
    if (Item.empty())
      continue;
    bool Valid = isAsciiIdentifierStart(Item.front());
    for (char C : Item)
      Valid &= isAsciiIdentifierContinue(C);
    if (!Valid) {
      configurationDiag("invalid entry '%0' in option '%1' of check '%2': "
                        "expected a C/C++ identifier; entry ignored")
          << Item << Option << CheckName;
      continue;
    }
    Out.push_back(Item.str());
  }
}

void MapiCheckBase::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "SmartPointerTypes", join(Cfg.SmartPointerTypes));
  Options.store(Opts, "ScopeGuardTypes", join(Cfg.ScopeGuardTypes));
  Options.store(Opts, "ReleaseFunctions", join(Cfg.ReleaseFunctions));
  Options.store(Opts, "FlushFunctions", join(Cfg.FlushFunctions));
  Options.store(Opts, "AdviseFunctions", join(Cfg.AdviseFunctions));
  Options.store(Opts, "UnadviseFunctions", join(Cfg.UnadviseFunctions));
  Options.store(Opts, "AllocFunctions", join(Cfg.AllocFunctions));
  Options.store(Opts, "FreeFunctions", join(Cfg.FreeFunctions));
  Options.store(Opts, "BufferOwnerTypes", join(Cfg.BufferOwnerTypes));
}

void MapiCheckBase::onEndOfTranslationUnit() {
  Analysis.reset();
  if (Limited)
    Limited->setTraversalScope(SavedScope);
  Limited = nullptr;
  SavedScope.clear();
}

void MapiCheckBase::registerMatchers(MatchFinder *Finder) {
  // The engine walks the whole TU itself; the matcher only hands us the TU.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

/// Every check the host knows that is not one of ours (the modules of
/// clang-tidy, or of the tool a plugin is loaded into), listed once.
static const std::vector<std::string> &otherChecks() {
  static std::vector<std::string> Names;
  static std::once_flag Once;
  std::call_once(Once, [] {
    for (const auto &Entry : ClangTidyModuleRegistry::entries()) {
      ClangTidyCheckFactories Factories;
      Entry.instantiate()->addCheckFactories(Factories);
      for (const auto &F : Factories)
        if (!::mapi::compat::startsWith(F.getKey(), "mapi-"))
          Names.push_back(F.getKey().str());
    }
  });
  return Names;
}

bool MapiCheckBase::onlyMapiChecks() const {
  for (const std::string &N : otherChecks())
    if (TidyContext->isCheckEnabled(N))
      return false;
  return true;
}

void MapiCheckBase::check(const MatchFinder::MatchResult &Result) {
  if (!Analysis) {
    Analysis = ::mapi::TUAnalysis::get(*Result.Context, Cfg);
    // The TU is matched before anything in it, and the engine has just
    // walked all of it. When no other check of the run matches nodes, the
    // matcher's walk of the rest would serve nobody: an empty traversal
    // scope ends it here (the TU's traversal reads the scope once it has
    // matched the TU itself), and onEndOfTranslationUnit() restores it.
    if (onlyMapiChecks()) {
      Limited = Result.Context;
      SavedScope = Limited->getTraversalScope(); // a host may have set one
      Limited->setTraversalScope({});
    }
  }
  for (const ::mapi::Finding &F : Analysis->findings()) {
    if (F.Check != Id || !wants(F))
      continue;
    {
      auto D = diag(F.Loc, F.Msg);
      for (const FixItHint &Fix : F.Fixes)
        D << Fix;
    }
    for (const ::mapi::Note &N : F.Notes)
      if (N.Loc.isValid())
        diag(N.Loc, N.Msg, DiagnosticIDs::Note);
  }
}

} // namespace mapi
} // namespace tidy
} // namespace clang
