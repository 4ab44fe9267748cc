//===- TUAnalysis.h - the engine, built once per translation unit ---------===//
//
// TUAnalysis scans the TU once (functions, GetProcAddress bindings, which
// declarations are ever tested in a condition, TU-wide init/uninit counts),
// then analyses every function that can reach a MAPI event with the
// path-sensitive FunctionAnalyzer. Calls of functions defined in the TU are
// analysed in the caller's context (memoised per entry state), so helpers,
// RAII wrappers and scope-guard lambdas are understood. The result is a list
// of Findings that the thin clang-tidy checks pick from.
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_ENGINE_TUANALYSIS_H
#define MAPI_TIDY_ENGINE_TUANALYSIS_H

#include "engine/ApiTable.h"
#include "engine/Conditions.h"
#include "engine/Config.h"
#include "engine/Events.h"
#include "engine/Liveness.h"
#include "engine/State.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class LambdaExpr;
class CXXConstructExpr;
class VarDecl;
} // namespace clang

namespace mapi {

/// The checks, as the engine knows them.
enum class CheckId : unsigned char {
  UninitializeOrder,
  UnbalancedInitialize,
  UseAfterLogoff,
  ObjectsOpenAtLogoff,
  SessionRelease,
  LogoffFlags,
  LogoffPendingSubmit,
  MissingUnadvise,
  UnfreedBuffer,
};

struct Note {
  clang::SourceLocation Loc;
  std::string Msg;
};

struct Finding {
  CheckId Check;
  clang::SourceLocation Loc;
  std::string Msg;
  std::vector<Note> Notes;
  std::vector<clang::FixItHint> Fixes;
  /// Which option setting the finding belongs to (checks filter on it).
  enum VariantKind : unsigned char {
    Always,
    NoLogoff,          // mapi-session-release, only with RequireLogoff
    SharedLogoffOwner, // mapi-logoff-flags, SharedLogoff=owner
    SharedLogoffNever, // mapi-logoff-flags, SharedLogoff=never
  } Variant = Always;
};

/// What the TU scan learned about one function with a body.
struct FunctionFacts {
  bool HasApiCalls = false;
  bool Relevant = false;     // can reach a MAPI event (itself or callees)
  bool HasErrors = false;    // contains invalid code: never reported
  bool PassesHResult = false; // small, returns an HRESULT it was given
  /// Can reach an event that concerns objects it was not handed (a Logoff
  /// or MAPIUninitialize judges every open object of the session, a flush
  /// or submit the session's outbox, a call through a module's pointer the
  /// buffers held): its callers show it all their objects, not only those
  /// it can name (itself or callees).
  bool SessionWide = false;
  llvm::SmallVector<const clang::Decl *, 4> Callees; // functions, ctors, dtors, lambdas
  llvm::DenseSet<const void *> Mods; // declarations it assigns (direct)
  llvm::DenseMap<const clang::VarDecl *, const clang::LambdaExpr *> Guards;
};

class TUAnalysis {
public:
  /// The analysis of Ctx's TU for Cfg, shared by all checks with equal Cfg.
  static std::shared_ptr<TUAnalysis> get(clang::ASTContext &Ctx,
                                         const Config &Cfg);
  TUAnalysis(clang::ASTContext &Ctx, const Config &Cfg);
  ~TUAnalysis();

  const std::vector<Finding> &findings() const { return Findings; }

  // --- used by FunctionAnalyzer -------------------------------------------
  clang::ASTContext &Ctx;
  Config Cfg;
  ApiTable Table;
  ProcBindings Bindings;
  EventRecognizer Rec;
  PathTable Paths;
  /// Per path, what its base is (PathScope), worked out once: the walk
  /// asks at every value it maps into or out of a call.
  enum class Scope : unsigned char { Unknown, This, Global, StaticLocal, Local };
  std::vector<Scope> PathScope;
  llvm::DenseSet<const void *> TestedDecls;
  /// Declarations stepped by ++, --, += ... somewhere (counters, cursors):
  /// their values are not what tells one path's objects from another's.
  llvm::DenseSet<const void *> Counters;
  /// Compared with a constant somewhere (`i < 3`): its value still counts.
  llvm::DenseSet<const void *> ConstBounded;
  /// Assigned something other than a constant, or written through its
  /// address: a datum rather than a flag (`fInit = TRUE`).
  llvm::DenseSet<const void *> Computed;
  llvm::DenseMap<const clang::Decl *, FunctionFacts> Functions;
  /// Constructor calls that initialise a variable (`CApp app;`).
  llvm::DenseMap<const clang::CXXConstructExpr *, const clang::VarDecl *> CtorVars;

  const FunctionFacts *facts(const clang::Decl *D) const;
  /// The API event of a call, recognised once (nullptr: not an API call).
  const ApiCall *apiCall(const clang::CallExpr *CE);
  /// What a branch condition tests, classified once: a function is walked
  /// in several contexts and a loop's test at every iteration.
  CondInfo condition(const clang::Expr *Cond);
  /// The path each expression names, worked out once (Engine::pathOf).
  llvm::DenseMap<const clang::Expr *, PathId> ExprPaths;
  const clang::CFG *cfgFor(const clang::Decl *D);
  /// Each block's rank in reverse post-order of cfgFor(D) (by block id;
  /// unreachable blocks last): the walk takes blocks in this order, so a
  /// join has merged what all its forward predecessors bring before it
  /// goes on, and a long routine is walked about once instead of once per
  /// path that reaches its cleanup.
  const std::vector<unsigned> &orderFor(const clang::Decl *D);
  /// Which locals each block of cfgFor(D) may still read.
  const Liveness *livenessFor(const clang::Decl *D);
  /// Transitive mod set of a function that is not analysed in context.
  const llvm::DenseSet<const void *> &transitiveMods(const clang::Decl *D);
  void addFinding(Finding F);

  struct InlineResult;
  /// Memo of in-context analyses: (callee, hash of Key) -> results. Key is
  /// the entry with its notes renamed in order of appearance, so callers
  /// that differ only in where their objects came from share an analysis.
  struct MemoEntry {
    State Entry, Key;
    std::shared_ptr<InlineResult> Res;
  };
  std::map<std::pair<const clang::Decl *, size_t>, std::vector<MemoEntry>>
      Memo;

  /// What the TU does with MAPI objects kept in fields, judged at its end:
  /// one method opens into a member, another logs the session off.
  struct FieldFacts {
    std::vector<std::pair<const clang::CallExpr *, const void *>>
        Opens;                                    // (call, session field)
    std::vector<const clang::CallExpr *> Logons;  // MAPILogonEx into it
    std::vector<const clang::CallExpr *> Logoffs; // Logoff on it
    bool Released = false; // released, or handed on where we cannot follow
    bool LogoffUnseen = false; // passed to a function named like a logoff
    std::vector<const clang::CallExpr *> Releases; // explicit releases
    std::vector<const clang::CallExpr *> Allocs;  // MAPI memory cached here
    bool Freed = false;                           // freed somewhere
    std::vector<const clang::CallExpr *> Advises; // connection kept here
    bool Unadvised = false; // passed to Unadvise somewhere in the TU
  };
  llvm::DenseMap<const void *, FieldFacts> Fields;
  /// Some code of the TU logs a session off.
  bool AnyLogoff = false;
  /// Top-level runs so far (memoised callee results remember theirs).
  unsigned Runs = 0;
  /// Callee analyses computed (not served by the memo), for the tests.
  unsigned CalleeRuns = 0;
  /// Functions whose in-context analysis exceeded its share of the bound:
  /// their calls are unknown from then on.
  llvm::DenseSet<const clang::Decl *> OverBound;
  /// Fields judged leaking over the TU (reported once, by judgeFields).
  llvm::DenseSet<const void *> FieldLeaks;
  /// Member/global connections no code of the TU unadvises (reported once).
  llvm::DenseSet<const void *> ConnLeaks;

private:
  void scan();
  void judgeFields();
  void analyzeAll();

  std::vector<Finding> Findings;
  llvm::DenseSet<uint64_t> FindingKeys;
  llvm::DenseMap<const clang::Decl *, std::unique_ptr<clang::CFG>> CFGs;
  llvm::DenseMap<const clang::Decl *, std::unique_ptr<Liveness>> Live;
  // Node-based: a nested walk may add orders while an outer one reads its own.
  std::map<const clang::Decl *, std::vector<unsigned>> Orders;
  llvm::DenseMap<const clang::CallExpr *, std::unique_ptr<ApiCall>> ApiCalls;
  llvm::DenseMap<const clang::Expr *, CondInfo> Conditions;
  llvm::DenseMap<const clang::Decl *, llvm::DenseSet<const void *>> ModClosure;
  std::vector<const clang::Decl *> Order; // functions in TU order
};

} // namespace mapi

#endif
