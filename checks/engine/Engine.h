//===- Engine.h - the generic engine behind every function analysis -------===//
//
// The engine walks clang's CFG of one function (implicit destructors and
// member initialisers included) with a bounded set of States per block,
// taking blocks in reverse post-order so that a join merges what all its
// forward predecessors bring before it goes on. It knows values and access
// paths, branch conditions, merging, calls of TU functions (analysed in the
// caller's context, memoised per entry state), constructors, destructors
// and the bound. What a MAPI call means is not its business: each call is
// handed to the domain models (Models.h), which own their typestate,
// transfer functions and judgement, as the Static Analyzer's checkers do.
// A callee is shown only the objects it can name (unless it can reach a
// Logoff or MAPIUninitialize, which concern every object of a session), so
// its memoised analysis serves every caller state that differs only in the
// rest.
//
// Property simulation (ESP): states are merged only where they agree on
// whether each object is held (State::joinable); a function whose paths
// still exceed the bound is re-run once per acquisition site, so n
// independent resources cost n runs, and a site whose own run is over the
// bound is the only thing left unknown.
//
// This header is internal to the engine (FunctionAnalysis.h is its face).
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_ENGINE_ENGINE_H
#define MAPI_TIDY_ENGINE_ENGINE_H

#include "engine/Conditions.h"
#include "engine/FunctionAnalysis.h"
#include "engine/Models.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class BinaryOperator;
class CFGElement;
class CXXConstructExpr;
class NamedDecl;
} // namespace clang

namespace mapi {

/// How a callee's paths relate to the caller's.
struct CallMapping {
  struct Pair {
    PathId Caller, Callee;
    bool CopyRoot; // by-value parameter: the root itself is a copy
  };
  llvm::SmallVector<Pair, 4> Pairs;
  llvm::SmallVector<std::pair<PathId, Val>, 4> Consts; // constant arguments
  bool Identity = false; // lambdas share our paths
  /// Identity: the paths shared are those of the variables the lambda
  /// captures (and `this`, statics, globals), not the whole frame.
  bool Sliced = false;
  llvm::SmallVector<const void *, 8> Shared;
  bool SharesThis = false;
};

/// Per analysed body (top level or in context).
struct Frame {
  const clang::Decl *D = nullptr;
  bool TopLevel = false;
  unsigned Depth = 0;
  std::vector<Effect> Effects;
  // Top level only: mapi-unbalanced-initialize bookkeeping.
  llvm::DenseSet<const clang::Stmt *> UndoneOnSuccess;
  struct Leak {
    const clang::Stmt *Site, *Leaf;
    Resource R;
    clang::SourceLocation Exit;
  };
  std::vector<Leak> Leaks;
  std::vector<Finding> Findings;
};

class Engine {
public:
  explicit Engine(TUAnalysis &TU);
  void runTopLevel(const clang::Decl *D);

  // --- what the models use ---------------------------------------------------
  TUAnalysis &TU;
  const clang::SourceManager &SM;
  Frame *Top = nullptr; // the top-level frame findings go to

  clang::SourceLocation loc(clang::SourceLocation L) const;
  void direct(Finding Fi) { Top->Findings.push_back(std::move(Fi)); }
  /// A violation: reported here when its cause is this frame's, else handed
  /// to the caller as an Effect.
  void raise(Frame &F, const State &S, Effect V);

  // Values and access paths.
  PathId pathOf(const clang::Expr *E);
  PathId computePath(const clang::Expr *E); // pathOf, uncached
  /// The path an out-argument (`&p`, `sp.put()`, `pp`) writes.
  PathId outPath(const clang::Expr *Out);
  std::optional<Val> evalVal(const clang::Expr *E, const State &S);
  bool tracked(PathId P) const;
  void setTracked(State &S, PathId P, std::optional<Val> V);
  std::string describe(const clang::Expr *E);
  bool isGlobalPath(PathId P) const;
  TUAnalysis::Scope scopeOf(PathId P) const;
  bool isCalleeLocal(PathId P, const clang::Decl *Callee) const;

  // The objects of a state (sessions, objects, buffers).
  int objOf(State &S, const clang::Expr *E, bool Create);
  int newObj(State &S, ObjState O);
  void bindOut(State &S, const clang::Expr *Out, int Id);
  /// An out-argument known to be NULL (the caller does not want that one).
  bool nullOut(const clang::Expr *Out, const State &S);
  std::string objName(const State &S, int I);
  /// Kept in a member, a global, an out-parameter, the return value or a
  /// variable of an enclosing function: not this frame's to judge.
  bool keptBeyond(const State &S, int I) const;
  void escapeArgs(llvm::ArrayRef<const clang::Expr *> Args, State &S);

  LibraryModel Library;
  SessionModel Sessions;
  RegistrationModel Registrations;
  MemoryModel Memory;

private:
  using Result = TUAnalysis::InlineResult;

  // The walk.
  bool run(Frame &F, const State &Entry, Result &Out);
  /// One run of the top frame (focused or not) within MaxSteps.
  bool runOnce(const clang::Decl *D, Frame &F, unsigned MaxSteps);
  void report(Frame &F);
  struct Site {
    const clang::Stmt *S;
    PathId Out = NoPath, From = NoPath; // where it stores, what it opens from
  };
  /// The calls of D that may acquire an object in D's own frame.
  std::vector<Site> acquisitionSites(const clang::Decl *D);
  bool outOfFocus(const ObjState &O) const;
  /// What of the value at P paths may disagree on and still merge.
  State::Loss lossAt(PathId P) const;

  // Transfer functions.
  /// An element transfer() leaves every state as it is (a name, a literal,
  /// a cast, a comparison): the walk steps over it without moving states.
  static bool inert(const clang::CFGElement &E);
  void transfer(Frame &F, const clang::CFGElement &E, State &S,
                std::vector<State> &Out);
  void transferCall(Frame &F, const clang::CallExpr *CE, State &S,
                    std::vector<State> &Out);
  void transferConstruct(Frame &F, const clang::CXXConstructExpr *CE, State &S,
                         std::vector<State> &Out);
  void transferAssign(const clang::BinaryOperator *BO, State &S);
  void transferVarDecl(const clang::VarDecl *VD, State &S);
  void transferDtor(Frame &F, clang::QualType T, PathId P,
                    clang::SourceLocation At, const clang::Stmt *Trigger,
                    const clang::NamedDecl *Var, State &S,
                    std::vector<State> &Out);
  /// L = Value (an assignment or an initialiser).
  void store(State &S, PathId L, const clang::Expr *Value);
  /// `p++`, `p += n`: a pointer into MAPI memory still points into it;
  /// any other value changed is forgotten.
  void stepPointer(State &S, const clang::Expr *E);
  /// A call of the API table: the models' transfer functions.
  void applyApi(Frame &F, const ApiCall &A, State &S);
  void eraseOutParams(const ApiCall &A, State &S);
  bool refine(const CondInfo &CI, bool TrueEdge, State &S);
  /// The count path P is zero on this edge: its buffers were never given.
  void zeroCount(State &S, PathId P);
  /// Objects named anywhere inside E are handed on where we cannot follow.
  void escapeReferenced(const clang::Expr *E, State &S);

  // Objects across frames.
  void compactObjects(State &S, unsigned From, const clang::Stmt *At);
  void reclaim(State &S);
  /// What a callee handed back from a site this frame already holds an
  /// object of replaces that object (From: the first callee object).
  void reuseSites(State &S, unsigned From);
  /// Drops the objects Keep says no to and renumbers the rest.
  void removeObjects(State &S, llvm::ArrayRef<bool> Keep);

  // Calls.
  /// Parameters of Callee in terms of the caller's arguments.
  void mapArgs(CallMapping &M, const clang::FunctionDecl *Callee,
               llvm::ArrayRef<const clang::Expr *> Args, State &S);
  void inlineCall(Frame &F, const clang::Decl *Callee, const CallMapping &M,
                  const clang::Stmt *Site, clang::SourceLocation At,
                  llvm::StringRef Via, const std::vector<Note> &Extra, State &S,
                  std::vector<State> &Out);
  void invalidateForUnknownCall(const clang::FunctionDecl *FD,
                                const clang::Expr *Object,
                                llvm::ArrayRef<const clang::Expr *> Args,
                                State &S);
  void invalidateMods(const clang::Decl *Callee, State &S);
  /// A TU function too big to follow: what it may touch becomes unknown
  /// (the objects it receives, library phases, what it assigns).
  void forgetCall(const clang::Decl *Callee, const CallMapping &M, State &S);
  /// The callee's entry state; Kept: which of S's objects it is shown, in
  /// its numbering (the rest it cannot name); Visible: per value of S,
  /// whether the callee sees it (worked out once for all its exits).
  State mapIn(const State &S, const CallMapping &M, const clang::Decl *Callee,
              std::vector<int> &Kept, std::vector<char> &Visible);
  State mapOut(Frame &F, const State &S0, const State &X, const CallMapping &M,
               const clang::Decl *Callee, const clang::Stmt *At,
               llvm::ArrayRef<int> Kept, llvm::ArrayRef<char> Visible);
  bool visibleToCallee(PathId P, const CallMapping &M) const;
  /// M shares our paths with a lambda's body (Identity), as far as what it
  /// captures.
  void shareCaptures(CallMapping &M, const clang::CXXRecordDecl *Closure);
  bool sharedWithCallee(PathId P, const CallMapping &M) const;
  /// One caller path in the callee's terms, and back (NoPath if invisible).
  PathId toCallee(PathId P, const CallMapping &M);
  PathId toCaller(PathId P, const CallMapping &M, const clang::Decl *Callee);

  unsigned Steps = 0;
  /// Emptied state lists of blocks that are done, reused by the next block
  /// (most blocks hold one state for a moment: one allocation each, else).
  std::vector<std::vector<State>> SpareStates;
  unsigned Limit = 0; // Steps may not pass it (a callee gets a share)
  bool Aborted = false;
  llvm::SmallVector<const clang::Decl *, 8> Stack;
  // Bounded fallback: the site a focused run follows, and the sites it opens
  // from (a folder's store), so its Logoff and provenance are still seen.
  bool FocusMode = false;
  llvm::SmallVector<const clang::Stmt *, 4> Focus;
};

/// The declaration that names a value, seen through redeclarations.
const clang::ValueDecl *canonicalDecl(const clang::ValueDecl *D);

} // namespace mapi

#endif
