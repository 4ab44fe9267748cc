//===- MapiCheckBase.h - what every mapi-* check shares -------------------===//
//
// A check is thin: it reads the shared options, asks the per-TU engine for
// its findings and emits those of its own kind with their notes.
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_MAPICHECKBASE_H
#define MAPI_TIDY_MAPICHECKBASE_H

#include "engine/Config.h"
#include "engine/TUAnalysis.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <memory>
#include <vector>

namespace clang {
namespace tidy {
namespace mapi {

class MapiCheckBase : public ClangTidyCheck {
public:
  MapiCheckBase(StringRef Name, ClangTidyContext *Context,
                ::mapi::CheckId Id);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;
  ~MapiCheckBase() override = default;

protected:
  /// Whether this check reports F (option-dependent variants).
  virtual bool wants(const ::mapi::Finding &F) const { return true; }
  ::mapi::Config Cfg;

private:
  void readList(StringRef Option, std::vector<std::string> &Out);
  /// No check but mapi-* is enabled for the current file.
  bool onlyMapiChecks() const;
  std::string CheckName; // getID() is private before LLVM 16
  ::mapi::CheckId Id;
  std::shared_ptr<::mapi::TUAnalysis> Analysis;
  ClangTidyContext *TidyContext;
  /// The AST whose matcher walk this check cut short (see check()).
  ASTContext *Limited = nullptr;
  std::vector<Decl *> SavedScope; // its traversal scope before that
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
