//===- FunctionAnalysis.cpp - path-sensitive analysis of one function -----===//
#include "engine/FunctionAnalysis.h"
#include "engine/Conditions.h"
#include "Compat.h"
#include "clang/Lex/Lexer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include <cstdlib>
#include <deque>
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <unordered_map>

using namespace clang;
using namespace llvm;

namespace mapi {
namespace {

/// How a callee's paths relate to the caller's.
struct CallMapping {
  struct Pair {
    PathId Caller, Callee;
    bool CopyRoot; // by-value parameter: the root itself is a copy
  };
  SmallVector<Pair, 4> Pairs;
  SmallVector<std::pair<PathId, Val>, 4> Consts; // constant arguments
  bool Identity = false;                         // lambdas share our paths
};

/// Per analysed body (top level or in context).
struct Frame {
  const Decl *D = nullptr;
  bool TopLevel = false;
  unsigned Depth = 0;
  std::vector<Effect> Effects;
  // Top level only: mapi-unbalanced-initialize bookkeeping.
  DenseSet<const Stmt *> UndoneOnSuccess;
  struct Leak {
    const Stmt *Site, *Leaf;
    Resource R;
    SourceLocation Exit;
  };
  std::vector<Leak> Leaks;
  std::vector<Finding> Findings;
};

class Analyzer {
public:
  explicit Analyzer(TUAnalysis &TU) : TU(TU), SM(TU.Ctx.getSourceManager()) {}

  void runTopLevel(const Decl *D);

private:
  using Result = TUAnalysis::InlineResult;

  bool run(Frame &F, const State &Entry, Result &Out);
  void transfer(Frame &F, const CFGElement &E, State &S,
                std::vector<State> &Out);
  void transferCall(Frame &F, const CallExpr *CE, State &S,
                    std::vector<State> &Out);
  /// Parameters of Callee in terms of the caller's arguments.
  void mapArgs(CallMapping &M, const FunctionDecl *Callee,
               ArrayRef<const Expr *> Args, State &S);
  void transferConstruct(Frame &F, const CXXConstructExpr *CE, State &S,
                         std::vector<State> &Out);
  void transferAssign(const BinaryOperator *BO, State &S);
  /// `p++`, `p += n`: a pointer into MAPI memory still points into it;
  /// any other value changed is forgotten.
  void stepPointer(State &S, const Expr *E) {
    PathId P = pathOf(E);
    const Val *V = P != NoPath ? S.get(P) : nullptr;
    if (V && V->objIndex() >= 0 && S.Objs[V->objIndex()].Buffer &&
        E->getType()->isPointerType())
      return;
    setTracked(S, P, std::nullopt);
  }
  void transferVarDecl(const VarDecl *VD, State &S);
  /// L = Value (an assignment or an initialiser).
  void store(State &S, PathId L, const Expr *Value);
  void transferDtor(Frame &F, QualType T, PathId P, SourceLocation At,
                    const Stmt *Trigger, const NamedDecl *Var, State &S,
                    std::vector<State> &Out);
  void applyApi(Frame &F, const ApiCall &A, State &S);
  void eraseOutParams(const ApiCall &A, State &S);
  bool refine(const CondInfo &CI, bool TrueEdge, State &S);
  bool fromLiveModule(const Expr *Subject, const State &S) const;
  void inlineCall(Frame &F, const Decl *Callee, const CallMapping &M,
                  const Stmt *Site, SourceLocation At, StringRef Via,
                  const std::vector<Note> &Extra, State &S,
                  std::vector<State> &Out);
  void invalidateForUnknownCall(const FunctionDecl *FD, const Expr *Object,
                                ArrayRef<const Expr *> Args, State &S);
  void invalidateMods(const Decl *Callee, State &S);
  /// A TU function too big to follow: what it may touch becomes unknown
  /// (the objects it receives, library phases, what it assigns).
  void forgetCall(const Decl *Callee, const CallMapping &M, State &S);

  void raise(Frame &F, const State &S, Effect V);
  void emit(Frame &F, const LibState &Cause, const Effect &V);
  void emitObj(const State &S, const Effect &V);
  void direct(Finding Fi) { Top->Findings.push_back(std::move(Fi)); }

  // MAPI objects (sessions and what is opened from them).
  int objOf(State &S, const Expr *E, bool Create);
  int newObj(State &S, ObjState O);
  void bindOut(State &S, const Expr *Out, int Id);
  /// An out-argument known to be NULL (the caller does not want that one).
  bool nullOut(const Expr *Out, const State &S) {
    std::optional<Val> V = Out ? evalVal(Out, S) : std::nullopt;
    return !Out || (V && V->K == ValKind::Null);
  }
  std::string objName(const State &S, int I);
  void applyObjects(Frame &F, const ApiCall &A, State &S);
  void logoff(Frame &F, const ApiCall &A, const ApiRow &R, int Ses, State &S);
  void releaseObj(State &S, int I, SourceLocation At);
  bool heldInLeakingField(const State &S, int I) const;
  /// Reports and drops the registrations Which selects (object released or
  /// session logged off while still advised).
  void stillAdvised(State &S, llvm::function_ref<bool(const AdviseRec &)> Which,
                    Note Why);
  void compactObjects(State &S, unsigned From, const Stmt *At);
  void reclaim(State &S);
  /// Drops the objects Keep says no to and renumbers the rest.
  void removeObjects(State &S, ArrayRef<bool> Keep);
  void escapeArgs(ArrayRef<const Expr *> Args, State &S);
  /// Objects named anywhere inside E are handed on where we cannot follow.
  void escapeReferenced(const Expr *E, State &S);
  void checkExit(Frame &F, const State &S, SourceLocation Exit);
  void freeBuffer(const ApiCall &A, const ApiRow &R, State &S);
  bool keptBeyond(const State &S, int I) const;

  PathId pathOf(const Expr *E);
  std::optional<Val> evalVal(const Expr *E, const State &S);
  bool tracked(PathId P) const;
  void setTracked(State &S, PathId P, std::optional<Val> V);
  std::string describe(const Expr *E);
  SourceLocation loc(SourceLocation L) const {
    return L.isValid() ? SM.getFileLoc(L) : L;
  }

  State mapIn(const State &S, const CallMapping &M, const Decl *Callee);
  State mapOut(Frame &F, const State &S0, const State &X, const CallMapping &M,
               const Decl *Callee, const Stmt *At);
  bool visibleToCallee(PathId P, const CallMapping &M) const;
  /// One caller path in the callee's terms, and back (NoPath if invisible).
  PathId toCallee(PathId P, const CallMapping &M);
  PathId toCaller(PathId P, const CallMapping &M, const Decl *Callee);
  bool isGlobalPath(PathId P) const;
  bool isCalleeLocal(PathId P, const Decl *Callee) const;

  /// Whether the top frame leaves object O untracked in a focused run.
  bool outOfFocus(const ObjState &O) const;
  /// The calls of D that may acquire an object in D's own frame.
  struct Site {
    const Stmt *S;
    PathId Out = NoPath, From = NoPath; // where it stores, what it opens from
  };
  std::vector<Site> acquisitionSites(const Decl *D);
  /// The path an out-argument (`&p`, `sp.put()`, `pp`) writes.
  PathId outPath(const Expr *Out);
  /// One run of the top frame (focused or not); false when over the bound.
  bool runOnce(const Decl *D, Frame &F);
  void report(const Decl *D, Frame &F);

  TUAnalysis &TU;
  const SourceManager &SM;
  unsigned Steps = 0;
  unsigned Limit = 0; // Steps may not pass it (a callee gets a share)
  bool Aborted = false;
  Frame *Top = nullptr;
  SmallVector<const Decl *, 8> Stack;
  // Bounded fallback: a function whose paths exceed the budget is re-run
  // once per acquisition site of its own frame (Focus), tracking that site's
  // objects with the sessions and library phases every judgement needs,
  // and once with no site (sessions, libraries, objects of unknown origin).
  // A run that still exceeds the budget leaves only its site unknown.
  bool FocusMode = false;
  SmallVector<const Stmt *, 4> Focus; // the site and the sites it opens from
};

// --- paths and values ---------------------------------------------------------

static const ValueDecl *canon(const ValueDecl *D) {
  return cast<ValueDecl>(D->getCanonicalDecl());
}

PathId Analyzer::pathOf(const Expr *E) {
  if (!E)
    return NoPath;
  E = stripCasts(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (!isa<VarDecl>(DRE->getDecl()))
      return NoPath;
    Path P;
    P.Base = canon(DRE->getDecl());
    return TU.Paths.intern(P);
  }
  if (isa<CXXThisExpr>(E)) {
    Path P;
    P.Base = Path::ThisBase;
    return TU.Paths.intern(P);
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD)
      return NoPath;
    return TU.Paths.append(pathOf(ME->getBase()), FD->getCanonicalDecl());
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_Deref)
      return TU.Paths.append(pathOf(U->getSubExpr()), Path::DerefElem);
  // Smart pointers: `sp->x` and `(IMAPISession *)sp` stand for sp itself.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Arrow && Op->getNumArgs() == 1)
      return pathOf(Op->getArg(0));
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
      return pathOf(MC->getImplicitObjectArgument());
  return NoPath;
}

bool Analyzer::isGlobalPath(PathId P) const {
  const Path &Pa = TU.Paths.get(P);
  if (Pa.Base == Path::ThisBase)
    return false;
  const auto *VD = static_cast<const VarDecl *>(Pa.Base);
  return VD->hasGlobalStorage() && !VD->isStaticLocal();
}

bool Analyzer::isCalleeLocal(PathId P, const Decl *Callee) const {
  const Path &Pa = TU.Paths.get(P);
  if (Pa.Base == Path::ThisBase)
    return false;
  const auto *VD = static_cast<const VarDecl *>(Pa.Base);
  if (VD->hasGlobalStorage() && !VD->isStaticLocal())
    return false;
  const DeclContext *DC = VD->getDeclContext();
  for (; DC; DC = DC->getParent())
    if (DC == dyn_cast<DeclContext>(Callee))
      return true;
  return false;
}

bool Analyzer::tracked(PathId P) const {
  if (P == NoPath)
    return false;
  const Path &Pa = TU.Paths.get(P);
  const void *D = Pa.lastDecl();
  if (!D)
    return false;
  if (TU.TestedDecls.count(D))
    return true;
  QualType T = static_cast<const ValueDecl *>(D)->getType();
  return TU.Rec.isSmartPointer(T);
}

void Analyzer::setTracked(State &S, PathId P, std::optional<Val> V) {
  if (P == NoPath)
    return;
  S.eraseWithPrefix(TU.Paths, P);
  if (V && (tracked(P) || V->K == ValKind::Obj))
    S.set(P, *V);
}

std::optional<Val> Analyzer::evalVal(const Expr *E, const State &S) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (E->isNullPointerConstant(TU.Ctx, Expr::NPC_ValueDependentIsNotNull) !=
          Expr::NPCK_NotNull &&
      (E->getType()->isPointerType() || E->getType()->isNullPtrType() ||
       isa<GNUNullExpr>(E) || isa<CXXNullPtrLiteralExpr>(E)))
    return Val::null();
  Expr::EvalResult R;
  if (E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(R, TU.Ctx))
    return Val::constant(R.Val.getInt().getExtValue());
  const Expr *SE = stripCasts(E);
  if (const auto *U = dyn_cast<UnaryOperator>(SE))
    if (U->getOpcode() == UO_AddrOf)
      return Val::nonNull();
  if (isa<CXXNewExpr>(SE) || isa<clang::StringLiteral>(SE) || isa<LambdaExpr>(SE))
    return Val::nonNull();
  PathId P = pathOf(SE);
  if (P != NoPath)
    if (const Val *V = S.get(P))
      return *V;
  return std::nullopt;
}

std::string Analyzer::describe(const Expr *E) {
  if (!E)
    return "";
  E = stripCasts(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl()->getNameAsString();
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    std::string Base = isa<CXXThisExpr>(stripCasts(ME->getBase()))
                           ? ""
                           : describe(ME->getBase());
    std::string M = ME->getMemberDecl()->getNameAsString();
    if (Base.empty())
      return M;
    return Base + (ME->isArrow() ? "->" : ".") + M;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Arrow && Op->getNumArgs() == 1)
      return describe(Op->getArg(0));
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
      return describe(MC->getImplicitObjectArgument());
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_Deref)
      return "*" + describe(U->getSubExpr());
    if (U->getOpcode() == UO_AddrOf) // an out-parameter: name what it fills
      return describe(U->getSubExpr());
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Amp && Op->getNumArgs() == 1)
      return describe(Op->getArg(0));
  return "";
}

// --- reporting ------------------------------------------------------------------

static std::string messageFor(const Effect &V) {
  std::string M;
  switch (V.K) {
  case ViolationKind::OleAfterMapi:
    M = "OleUninitialize runs after MAPIUninitialize; OLE must be "
        "uninitialized first";
    break;
  case ViolationKind::MapiAfterUninit:
    M = V.What + " runs after MAPIUninitialize";
    break;
  case ViolationKind::FreeLibraryLive:
    M = "FreeLibrary unloads the module that supplied MAPIInitialize while "
        "MAPI is still initialized";
    break;
  case ViolationKind::UseAfterLogoff:
  case ViolationKind::OpenAtLogoff:
  case ViolationKind::LogoffFlags:
  case ViolationKind::PendingSubmit:
    M = V.What;
    break;
  }
  if (!V.Via.empty())
    M += " (" + V.Via + ")";
  return M;
}

void Analyzer::emit(Frame &F, const LibState &Cause, const Effect &V) {
  Finding Fi;
  Fi.Check = CheckId::UninitializeOrder;
  if (V.K == ViolationKind::FreeLibraryLive)
    Fi.Check = CheckId::UnbalancedInitialize;
  Fi.Loc = V.At;
  Fi.Msg = messageFor(V);
  Fi.Notes = V.Notes;
  const bool Up = Cause.P == LibState::Up;
  StringRef Api = Up ? "MAPIInitialize" : "MAPIUninitialize";
  if (Cause.Site && Cause.Site != Cause.Leaf)
    Fi.Notes.push_back({loc(Cause.Site->getBeginLoc()),
                        (Api + " runs inside this call").str()});
  if (Cause.Leaf)
    Fi.Notes.push_back({loc(Cause.Leaf->getBeginLoc()),
                        (Api + (Up ? " succeeded here" : " was called here"))
                            .str()});
  F.Findings.push_back(std::move(Fi));
}

void Analyzer::raise(Frame &F, const State &S, Effect V) {
  if (V.Obj >= 0) {
    const ObjState &O = S.Objs[V.Obj];
    bool Inherited = V.K == ViolationKind::UseAfterLogoff ? O.LogoffInherited
                                                          : O.Inherited;
    if (Inherited)
      F.Effects.push_back(std::move(V));
    else
      emitObj(S, V);
    return;
  }
  const LibState &L = S.lib(V.Cause);
  if (L.Inherited) {
    F.Effects.push_back(std::move(V));
    return;
  }
  if (F.TopLevel)
    emit(F, L, V);
  // Otherwise the cause lies inside this callee: its own top-level
  // analysis reports it.
}

// --- API events -------------------------------------------------------------------

void Analyzer::applyApi(Frame &F, const ApiCall &A, State &S) {
  SourceLocation At = loc(A.E->getBeginLoc());
  applyObjects(F, A, S);
  // A release or free of a pointer known to be null does nothing.
  bool KnownNull = false;
  for (const ApiRow *R : A.Rows) {
    if (R->R != Role::Release && R->R != Role::FreeMem)
      continue;
    const Expr *Target = R->Arg < 0 ? A.Object : A.arg(R->Arg);
    if (auto V = evalVal(Target, S))
      KnownNull = V->truth() == 0;
  }
  if (A.IsMapiCall && S.lib(Resource::Mapi).P == LibState::Down &&
      !KnownNull) {
    std::string Obj = describe(A.Object);
    if (Obj.empty() && !A.Args.empty() && A.Interface.empty())
      Obj = describe(A.Args[0]);
    Effect V{ViolationKind::MapiAfterUninit, Resource::Mapi,
             "'" + A.Name + "'" + (Obj.empty() ? "" : " on '" + Obj + "'"),
             At, "", {}};
    raise(F, S, std::move(V));
  }

  for (const ApiRow *R : A.Rows) {
    switch (R->R) {
    case Role::Init: {
      LibState &L = S.lib(R->resource());
      LibState N;
      N.PrevP = L.P;
      N.PrevDepth = L.Depth;
      N.PrevSite = L.Site;
      N.PrevLeaf = L.Leaf;
      N.PrevInherited = L.Inherited;
      N.PrevFailSeen = L.FailSeen;
      N.P = LibState::Up;
      N.Depth = L.P == LibState::Up ? std::min(L.Depth + 1, 3) : 1;
      N.Site = N.Leaf = A.E;
      N.Pending.E = A.E;
      N.Module = A.Module;
      N.InitWhileMapiDown = R->resource() == Resource::Ole &&
                            S.lib(Resource::Mapi).P == LibState::Down;
      L = N;
      break;
    }
    case Role::Uninit: {
      Resource Res = R->resource();
      if (Res == Resource::Ole && S.lib(Resource::Mapi).P == LibState::Down &&
          !(S.lib(Resource::Ole).P == LibState::Up &&
            S.lib(Resource::Ole).InitWhileMapiDown))
        raise(F, S, Effect{ViolationKind::OleAfterMapi, Resource::Mapi, "",
                           At, "", {}});
      LibState &L = S.lib(Res);
      if (L.P == LibState::Up && L.Depth > 1) {
        --L.Depth;
        break;
      }
      if (L.P == LibState::Up && !L.Inherited && !L.FailSeen && L.Site)
        F.UndoneOnSuccess.insert(L.Site);
      LibState N;
      N.P = LibState::Down;
      N.Site = N.Leaf = A.E;
      L = N;
      if (Res == Resource::Mapi)
        S.lib(Resource::Ole).InitWhileMapiDown = false;
      break;
    }
    case Role::FreeLibrary: {
      const LibState &L = S.lib(Resource::Mapi);
      const Expr *H = stripCasts(A.arg(0));
      const ValueDecl *HD = nullptr;
      if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(H))
        HD = DRE->getDecl();
      else if (const auto *ME = dyn_cast_or_null<MemberExpr>(H))
        HD = ME->getMemberDecl();
      if (L.P == LibState::Up && L.Module && HD &&
          canon(static_cast<const ValueDecl *>(L.Module)) == canon(HD))
        raise(F, S, Effect{ViolationKind::FreeLibraryLive, Resource::Mapi, "",
                           At, "", {}});
      break;
    }
    default:
      break;
    }
  }
}

void Analyzer::eraseOutParams(const ApiCall &A, State &S) {
  auto Erase = [&](PathId P) {
    if (P == NoPath)
      return;
    if (const Val *V = S.get(P))
      if (int I = V->objIndex(); I >= 0 && S.Objs[I].Leaf == A.E)
        return; // just acquired by this call
    for (const AdviseRec &R : S.Advises)
      if (R.Leaf == A.E && R.Conn == P)
        return; // the connection this call registered
    S.eraseWithPrefix(TU.Paths, P);
  };
  for (const Expr *Arg : A.Args) {
    const Expr *SA = stripCasts(Arg);
    if (const auto *U = dyn_cast<UnaryOperator>(SA))
      if (U->getOpcode() == UO_AddrOf)
        Erase(pathOf(U->getSubExpr()));
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(SA))
      if (Op->getOperator() == OO_Amp && Op->getNumArgs() == 1)
        Erase(pathOf(Op->getArg(0)));
    // An out-parameter handed on by a helper: `HrGetOneProp(p, tag, pp)`.
    QualType T = Arg->IgnoreParenImpCasts()->getType();
    if (T->isPointerType() && T->getPointeeType()->isPointerType())
      Erase(TU.Paths.append(pathOf(SA), Path::DerefElem));
  }
}


// --- MAPI objects -------------------------------------------------------------------

std::string Analyzer::objName(const State &S, int I) {
  if (I < 0)
    return "";
  // Prefer what holds it here (the caller's variable, not a helper's
  // out-parameter), shortest path first.
  const Path *Best = nullptr;
  for (const auto &KV : S.Vals)
    if (KV.second.objIndex() == I) {
      const Path &P = TU.Paths.get(KV.first);
      if (!Best || P.Size < Best->Size)
        Best = &P;
    }
  if (Best && (Best->Base != Path::ThisBase || Best->Size > 0)) {
    std::string N = Best->Base == Path::ThisBase
                        ? ""
                        : static_cast<const NamedDecl *>(Best->Base)
                              ->getNameAsString();
    bool Ok = true;
    for (unsigned K = 0; K < Best->Size; ++K) {
      if (Best->Elems[K] == Path::DerefElem) {
        Ok = false; // `*pp`: the out-parameter's own name is no help
        break;
      }
      std::string F =
          static_cast<const NamedDecl *>(Best->Elems[K])->getNameAsString();
      N = N.empty() ? F : N + "." + F;
    }
    if (Ok && !N.empty())
      return N;
  }
  const ObjState &O = S.Objs[I];
  std::string N = describe(O.Holder);
  if (!N.empty() && N.front() == '*')
    N.erase(0, 1);
  return N.empty() ? std::string(O.Session ? "session" : "object") : N;
}

bool Analyzer::outOfFocus(const ObjState &O) const {
  if (!FocusMode || Stack.size() != 1 || O.Session)
    return false;
  return O.External ? !Focus.empty() : !is_contained(Focus, O.Site);
}

int Analyzer::newObj(State &S, ObjState O) {
  if (outOfFocus(O))
    return -1;
  // One object per acquisition site and frame: a loop that opens and
  // releases per row reuses it, which keeps states finite.
  for (unsigned I = 0; I < S.Objs.size(); ++I)
    if (S.Objs[I].Site == O.Site && S.Objs[I].Slot == O.Slot &&
        !S.Objs[I].Inherited && O.Site) {
      // Holders of the old object keep an unknown value.
      S.eraseHolders(int(I));
      S.Advises.erase(std::remove_if(S.Advises.begin(), S.Advises.end(),
                                     [&](const AdviseRec &R) {
                                       return R.Obj == int(I);
                                     }),
                      S.Advises.end());
      S.Objs[I] = O;
      return int(I);
    }
  if (S.Objs.size() >= 24)
    reclaim(S);
  if (S.Objs.size() >= 24)
    return -1;
  S.Objs.push_back(O);
  return int(S.Objs.size() - 1);
}

int Analyzer::objOf(State &S, const Expr *E, bool Create) {
  if (!E)
    return -1;
  const Expr *SE = stripCasts(E);
  PathId P = pathOf(SE);
  if (P != NoPath)
    if (const Val *V = S.get(P))
      return V->objIndex();
  if (!Create || P == NoPath)
    return -1;
  // An object of unknown origin (a parameter, a member): what this code
  // does to it is still known.
  StringRef Iface;
  QualType T = SE->getType();
  if (!TU.Rec.isSmartPointer(T, &Iface))
    Iface = TU.Rec.interfaceOf(T);
  if (!TU.Table.isMapiInterface(Iface))
    return -1;
  ObjState O;
  O.External = true;
  O.Session = Iface == "IMAPISession";
  O.Holder = SE;
  O.Refs = 3; // its references are not ours to count
  int I = newObj(S, O);
  if (I >= 0)
    setTracked(S, P, Val::obj(I));
  return I;
}

PathId Analyzer::outPath(const Expr *Out) {
  const Expr *SA = stripCasts(Out);
  if (const auto *U = dyn_cast<UnaryOperator>(SA); U && U->getOpcode() == UO_AddrOf)
    return pathOf(U->getSubExpr());
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(SA);
      Op && Op->getOperator() == OO_Amp && Op->getNumArgs() == 1)
    return pathOf(Op->getArg(0));
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(SA)) // sp.put() etc.
    return pathOf(MC->getImplicitObjectArgument());
  if (SA->getType()->isPointerType())
    return TU.Paths.append(pathOf(SA), Path::DerefElem);
  return NoPath;
}

void Analyzer::bindOut(State &S, const Expr *Out, int Id) {
  if (!Out)
    return;
  PathId P = outPath(Out);
  if (Id < 0) { // not tracked: what the holder had is gone
    if (P != NoPath)
      S.eraseWithPrefix(TU.Paths, P);
    return;
  }
  if (P == NoPath) {
    S.Objs[Id].Escaped = true; // stored where we cannot follow it
    return;
  }
  S.eraseWithPrefix(TU.Paths, P);
  S.set(P, Val::obj(Id));
}

void Analyzer::compactObjects(State &S, unsigned From, const Stmt *At) {
  // A helper's own objects that nothing the caller sees holds are the
  // helper's business: released or never got, they are gone; still live,
  // their leak is judged once, in the helper's own frame (its top-level
  // analysis), not again at every call. Only an object opened from one of
  // the caller's objects stays: the caller's Logoff finds it still open.
  SmallVector<bool, 8> Keep(S.Objs.size(), true), Drop(S.Objs.size(), false);
  for (unsigned I = From; I < S.Objs.size(); ++I) {
    const ObjState &O = S.Objs[I];
    int Root = S.rootSession(int(I));
    Keep[I] = O.Ph == ObjState::Live && !O.Buffer && !O.Session &&
              Root >= 0 && Root < int(From);
    // A focused run follows only its own site's objects out of helpers.
    if (FocusMode && Stack.size() == 1 && !O.Session &&
        !is_contained(Focus, At)) {
      Drop[I] = true;
      S.eraseHolders(int(I));
      if (S.LastCallVal && S.LastCallVal->objIndex() == int(I))
        S.LastCallVal.reset();
      S.Advises.erase(std::remove_if(S.Advises.begin(), S.Advises.end(),
                                     [&](const AdviseRec &R) {
                                       return R.Obj == int(I);
                                     }),
                      S.Advises.end());
    }
  }
  for (const auto &KV : S.Vals)
    if (int I = KV.second.objIndex(); I >= int(From))
      Keep[I] = true;
  if (S.LastCallVal && S.LastCallVal->objIndex() >= int(From))
    Keep[S.LastCallVal->objIndex()] = true;
  for (const AdviseRec &R : S.Advises)
    if (R.Obj >= int(From))
      Keep[R.Obj] = true;
  for (unsigned I = From; I < S.Objs.size(); ++I)
    if (Keep[I] && S.Objs[I].Parent >= int(From))
      Keep[S.Objs[I].Parent] = true;
  for (unsigned I = From; I < S.Objs.size(); ++I)
    if (Drop[I])
      Keep[I] = false;
  removeObjects(S, Keep);
}

void Analyzer::reclaim(State &S) {
  // Released objects that nothing holds any more are over; a long routine
  // that opens and releases many objects must not run out of room for the
  // ones that come last.
  SmallVector<bool, 8> Keep(S.Objs.size(), false);
  for (unsigned I = 0; I < S.Objs.size(); ++I)
    Keep[I] = S.Objs[I].Ph == ObjState::Live || S.Objs[I].Ph == ObjState::Maybe;
  for (const auto &KV : S.Vals)
    if (int I = KV.second.objIndex(); I >= 0)
      Keep[I] = true;
  for (const std::optional<Val> *V : {&S.LastCallVal, &S.Ret})
    if (*V && (*V)->objIndex() >= 0)
      Keep[(*V)->objIndex()] = true;
  for (const AdviseRec &R : S.Advises)
    Keep[R.Obj] = true;
  for (unsigned I = S.Objs.size(); I-- > 0;)
    if (Keep[I] && S.Objs[I].Parent >= 0)
      Keep[S.Objs[I].Parent] = true;
  removeObjects(S, Keep);
}

void Analyzer::removeObjects(State &S, ArrayRef<bool> Keep) {
  bool Any = false;
  SmallVector<int, 8> NewIndex(S.Objs.size(), -1);
  unsigned N = 0;
  for (unsigned I = 0; I < S.Objs.size(); ++I) {
    if (!Keep[I]) {
      Any = true;
      continue;
    }
    NewIndex[I] = int(N);
    if (N != I)
      S.Objs[N] = S.Objs[I];
    ++N;
  }
  if (!Any)
    return;
  S.Objs.resize(N);
  for (ObjState &O : S.Objs)
    if (O.Parent >= 0)
      O.Parent = NewIndex[O.Parent];
  for (auto &KV : S.Vals)
    if (int I = KV.second.objIndex(); I >= 0)
      KV.second.C = NewIndex[I];
  for (std::optional<Val> *V : {&S.LastCallVal, &S.Ret})
    if (*V && (*V)->objIndex() >= 0)
      (*V)->C = NewIndex[(*V)->objIndex()];
  for (AdviseRec &R : S.Advises)
    R.Obj = NewIndex[R.Obj];
}

void Analyzer::stillAdvised(State &S,
                            llvm::function_ref<bool(const AdviseRec &)> Which,
                            Note Why) {
  for (auto It = S.Advises.begin(); It != S.Advises.end();) {
    if (!Which(*It)) { // an untested Advise is taken to have succeeded
      ++It;
      continue;
    }
    // A member connection that nothing in the TU unadvises is reported
    // once, by the TU rule.
    if (It->Conn != NoPath) {
      const Path &P = TU.Paths.get(It->Conn);
      const void *Last = P.Size ? P.Elems[P.Size - 1] : P.Base;
      if (TU.ConnLeaks.count(Last)) {
        It = S.Advises.erase(It);
        continue;
      }
    }
    Finding Fi{CheckId::MissingUnadvise, loc(It->Leaf->getBeginLoc()),
               "Advise on '" + objName(S, It->Obj) + "' has no Unadvise "
               "before the object goes away",
               {Why},
               {}};
    direct(std::move(Fi));
    It = S.Advises.erase(It);
  }
}

bool Analyzer::heldInLeakingField(const State &S, int I) const {
  // Reported once over the TU (judgeFields); the flow would repeat it.
  for (const auto &KV : S.Vals)
    if (KV.second.objIndex() == I) {
      const Path &P = TU.Paths.get(KV.first);
      if (P.Size && TU.FieldLeaks.count(P.Elems[P.Size - 1]))
        return true;
    }
  return false;
}

void Analyzer::releaseObj(State &S, int I, SourceLocation At) {
  if (I < 0)
    return;
  ObjState &O = S.Objs[I];
  if (O.Ph != ObjState::Live || O.External)
    return;
  if (O.Refs > 1) {
    --O.Refs;
    return;
  }
  O.Refs = 0;
  O.Ph = ObjState::Released;
  O.ReleaseAt = At;
  stillAdvised(S, [&](const AdviseRec &R) { return R.Obj == I; },
               Note{At, "'" + objName(S, I) + "' is released here while "
                        "still advised"});
  if (O.OpenAtLogoff >= 0 && unsigned(O.OpenAtLogoff) < Top->Findings.size()) {
    std::vector<Note> &N = Top->Findings[O.OpenAtLogoff].Notes;
    Note Late{At, "released here, after the Logoff"};
    if (At.isValid() && std::none_of(N.begin(), N.end(), [&](const Note &X) {
          return X.Loc == Late.Loc && X.Msg == Late.Msg;
        }))
      N.push_back(Late);
  }
}

void Analyzer::escapeReferenced(const Expr *E, State &S) {
  if (!E)
    return;
  if (int I = objOf(S, E, false); I >= 0)
    S.Objs[I].Escaped = true;
  // A call's result was transferred already; it is not its operands (nor
  // is a lambda its captures).
  if (isa<CallExpr>(stripCasts(E)) || isa<LambdaExpr>(stripCasts(E)))
    return;
  for (const Stmt *C : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(C))
      escapeReferenced(CE, S);
}

void Analyzer::escapeArgs(ArrayRef<const Expr *> Args, State &S) {
  for (const Expr *A : Args) {
    const Expr *SA = stripCasts(A);
    if (const auto *U = dyn_cast<UnaryOperator>(SA); U && U->getOpcode() == UO_AddrOf)
      SA = U->getSubExpr();
    int I = objOf(S, SA, false);
    if (I >= 0) {
      S.Objs[I].Escaped = true;
      // Code we cannot see may have flushed the session's queue.
      if (int Ses = S.rootSession(I); Ses >= 0)
        S.Objs[Ses].SubmitSite = nullptr;
    }
  }
}

/// The flags argument of Logoff as written, with a fix that adds or removes
/// MAPI_LOGOFF_SHARED when it is a plain expression.
static std::optional<FixItHint> logoffFlagsFix(const Expr *Flags, bool Add,
                                               const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange R = Flags->IgnoreImpCasts()->getSourceRange();
  CharSourceRange CR = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(R), SM, Ctx.getLangOpts());
  if (CR.isInvalid())
    return std::nullopt;
  StringRef Text = Lexer::getSourceText(CR, SM, Ctx.getLangOpts()).trim();
  std::string New;
  if (Add) {
    New = Text == "0" ? std::string("MAPI_LOGOFF_SHARED")
                      : (Text + " | MAPI_LOGOFF_SHARED").str();
  } else {
    if (Text == "MAPI_LOGOFF_SHARED")
      New = "0";
    else if (compat::endsWith(Text, "MAPI_LOGOFF_SHARED") &&
             compat::endsWith(Text.drop_back(18).rtrim(), "|"))
      New = Text.drop_back(18).rtrim().drop_back(1).rtrim().str();
    else if (compat::startsWith(Text, "MAPI_LOGOFF_SHARED") &&
             compat::startsWith(Text.drop_front(18).ltrim(), "|"))
      New = Text.drop_front(18).ltrim().drop_front(1).ltrim().str();
    else
      return std::nullopt;
  }
  return FixItHint::CreateReplacement(CR, New);
}

void Analyzer::logoff(Frame &F, const ApiCall &A, const ApiRow &R, int Ses,
                      State &S) {
  SourceLocation At = loc(A.E->getBeginLoc());
  std::string Name = objName(S, Ses);
  const ObjState &SO = S.Objs[Ses];
  // The Outbox note: a submitted message may stay queued. After a failure
  // branch the client is on an error path (a flush may have been tried).
  if (SO.SubmitSite && !SO.SubmitFailSeen)
    // Through the Effect path: a helper logging off the caller's session is
    // reported at the helper's call, naming the caller's session.
    raise(F, S,
          Effect{ViolationKind::PendingSubmit, Resource::Mapi, "", At, "",
                 {{loc(SO.SubmitSite->getBeginLoc()), "message submitted here"}},
                 Ses});
  // Every object of this session still open.
  for (unsigned I = 0; I < S.Objs.size(); ++I) {
    const ObjState &O = S.Objs[I];
    if (int(I) == Ses || O.Ph != ObjState::Live || O.Escaped || O.External ||
        S.rootSession(int(I)) != Ses || heldInLeakingField(S, int(I)))
      continue;
    Effect V{ViolationKind::OpenAtLogoff, Resource::Mapi, "", At, "", {},
             int(I)};
    raise(F, S, std::move(V));
  }
  // Released before its Logoff.
  if (SO.Ph == ObjState::Released && !SO.External && SO.ReleaseAt.isValid())
    direct(Finding{CheckId::SessionRelease, SO.ReleaseAt,
                   "session '" + Name + "' is released before its Logoff",
                   {{At, "Logoff runs here"}},
                   {}});
  // Flags, judged under both SharedLogoff policies; the check keeps one.
  const Expr *FlagsE = A.arg(R.Arg);
  Expr::EvalResult ER;
  if (FlagsE && !FlagsE->isValueDependent() &&
      FlagsE->EvaluateAsInt(ER, TU.Ctx)) {
    bool Shared = ER.Val.getInt().getExtValue() & 0x1; // MAPI_LOGOFF_SHARED
    auto Report = [&](std::string Msg, bool Add, Finding::VariantKind K,
                      bool NoteLogon) {
      Finding Fi{CheckId::LogoffFlags, At, Msg, {}, {}};
      Fi.Variant = K;
      if (NoteLogon && SO.Leaf)
        Fi.Notes.push_back({loc(SO.Leaf->getBeginLoc()),
                            "'" + Name + "' is logged on here"});
      if (auto Fix = logoffFlagsFix(FlagsE, Add, TU.Ctx))
        Fi.Fixes.push_back(*Fix);
      direct(std::move(Fi));
    };
    if (Shared)
      Report("Logoff of '" + Name + "' passes MAPI_LOGOFF_SHARED, which makes "
             "every MAPI client shut down (fast-shutdown Outlook)",
             false, Finding::SharedLogoffNever, false);
    if (SO.FlagsKnown && !SO.External) {
      bool Owner = SO.LogonFlags & 0x8; // MAPI_ALLOW_OTHERS
      std::string Msg;
      bool Add = false;
      if (Shared && !Owner)
        Msg = "Logoff of '" + Name + "' passes MAPI_LOGOFF_SHARED, but the "
              "session was not logged on with MAPI_ALLOW_OTHERS";
      else if (!Shared && Owner) {
        Msg = "Logoff of '" + Name + "' lacks MAPI_LOGOFF_SHARED, but the "
              "session was logged on with MAPI_ALLOW_OTHERS and owns the "
              "shared session";
        Add = true;
      }
      if (!Msg.empty() && !SO.Inherited)
        Report(Msg, Add, Finding::SharedLogoffOwner, true);
      else if (!Msg.empty()) // a helper logging off a caller's session
        raise(F, S,
              Effect{ViolationKind::LogoffFlags, Resource::Mapi,
                     Add ? "lacks" : "passes", At, "", {}, Ses});
    }
  }
  stillAdvised(S, [&](const AdviseRec &R) { return S.rootSession(R.Obj) == Ses; },
               Note{At, "'" + Name + "' logs off here while it is still advised"});
  ObjState &Out = S.Objs[Ses];
  Out.LoggedOff = true;
  Out.LogoffSite = Out.LogoffLeaf = A.E;
  Out.LogoffInherited = false;
  Out.SubmitSite = nullptr;
}

void Analyzer::applyObjects(Frame &F, const ApiCall &A, State &S) {
  SourceLocation At = loc(A.E->getBeginLoc());
  const ApiRow *ReleaseRow = A.row(Role::Release);
  const ApiRow *AddRefRow = A.row(Role::AddRef);
  bool Method = !A.Interface.empty();
  int Self = Method ? objOf(S, A.Object, A.IsMapiCall) : -1;

  // Using an object whose session is gone (Release is not a use).
  if (A.IsMapiCall && !ReleaseRow && !AddRefRow) {
    SmallVector<int, 4> Used;
    if (Self >= 0)
      Used.push_back(Self);
    for (const Expr *Arg : A.Args) {
      const Expr *SA = stripCasts(Arg);
      if (isa<UnaryOperator>(SA))
        continue; // &out: written, not used
      int I = objOf(S, SA, false);
      if (I >= 0 && !is_contained(Used, I))
        Used.push_back(I);
    }
    for (int I : Used) {
      int Ses = S.rootSession(I);
      if (Ses < 0 || !S.Objs[Ses].LoggedOff)
        continue;
      // The message names objects as the reporting frame sees them.
      Effect V{ViolationKind::UseAfterLogoff, Resource::Mapi, A.Name, At, "",
               {}, Ses, I};
      raise(F, S, std::move(V));
      break;
    }
  }

  for (const ApiRow *R : A.Rows) {
    switch (R->R) {
    case Role::Logon: {
      ObjState O;
      O.Session = true;
      O.Site = O.Leaf = A.E;
      O.Pending = A.E;
      O.Holder = A.arg(R->Arg);
      if (const Expr *FE = A.arg(R->Extra)) {
        Expr::EvalResult ER;
        if (!FE->isValueDependent() && FE->EvaluateAsInt(ER, TU.Ctx)) {
          O.FlagsKnown = true;
          O.LogonFlags = unsigned(ER.Val.getInt().getExtValue());
        }
      }
      bindOut(S, A.arg(R->Arg), newObj(S, O));
      break;
    }
    case Role::OpenObject: {
      ObjState O;
      O.Site = O.Leaf = A.E;
      O.Pending = A.E;
      O.Parent = Self;
      if (nullOut(A.arg(R->Arg), S))
        break;
      O.Slot = static_cast<signed char>(R->Arg);
      O.Holder = A.arg(R->Arg);
      bindOut(S, A.arg(R->Arg), newObj(S, O));
      break;
    }
    case Role::Logoff:
      if (Self >= 0 && S.Objs[Self].Session)
        logoff(F, A, *R, Self, S);
      break;
    case Role::AllocMem: {
      ObjState O;
      O.Buffer = true;
      O.D = R->dealloc();
      O.Site = O.Leaf = A.E;
      O.Pending = A.E;
      int Out = R->Arg == -2 ? int(A.Args.size()) - 1 : R->Arg;
      if (nullOut(A.arg(Out), S))
        break; // nothing comes back through a NULL out-parameter
      O.Slot = static_cast<signed char>(Out);
      O.Holder = A.arg(Out);
      if (O.D == Dealloc::ChainedMore) {
        // Freed with the buffer it is chained to (MAPIAllocateMore's lpObject).
        O.Chained = true;
        O.Parent = objOf(S, A.arg(1), false);
      }
      bindOut(S, A.arg(Out), newObj(S, O));
      break;
    }
    case Role::FreeMem:
      freeBuffer(A, *R, S);
      break;
    case Role::Advise: {
      // A user wrapper (option AdviseFunctions): object first, cookie last.
      int On = R->FromOption ? objOf(S, A.arg(0), true) : Self;
      int ConnArg = R->Arg == -2 ? int(A.Args.size()) - 1 : R->Arg;
      if (On < 0)
        break;
      AdviseRec Rec;
      Rec.Obj = On;
      Rec.Site = Rec.Leaf = A.E;
      Rec.Pending = A.E;
      const Expr *C = stripCasts(A.arg(ConnArg));
      if (const auto *U = dyn_cast_or_null<UnaryOperator>(C);
          U && U->getOpcode() == UO_AddrOf)
        Rec.Conn = pathOf(U->getSubExpr());
      else if (C && C->getType()->isPointerType())
        Rec.Conn = TU.Paths.append(pathOf(C), Path::DerefElem);
      S.Advises.push_back(Rec);
      // A registered connection is never 0, so `if (m_ulConn) Unadvise(...)`
      // is taken.
      if (Rec.Conn != NoPath)
        setTracked(S, Rec.Conn, Val::nonNull());
      break;
    }
    case Role::Unadvise: {
      // The same object and connection; a connection we cannot name
      // cancels every registration of the object (silence over guessing).
      int On = R->FromOption ? objOf(S, A.arg(0), false) : Self;
      PathId C = pathOf(A.arg(R->Arg == -2 ? int(A.Args.size()) - 1 : R->Arg));
      // A copy of the cookie (`ULONG c = ulConn; Unadvise(c)`) matches no
      // record by path: then every registration of the object goes.
      bool Named = std::any_of(S.Advises.begin(), S.Advises.end(),
                               [&](const AdviseRec &Rec) {
                                 return Rec.Obj == On && C != NoPath &&
                                        Rec.Conn == C;
                               });
      S.Advises.erase(std::remove_if(S.Advises.begin(), S.Advises.end(),
                                     [&](const AdviseRec &Rec) {
                                       return Rec.Obj == On &&
                                              (!Named || Rec.Conn == C);
                                     }),
                      S.Advises.end());
      break;
    }
    case Role::Release: {
      const Expr *T = R->Arg < 0 ? A.Object : A.arg(R->Arg);
      releaseObj(S, objOf(S, T, false), At);
      break;
    }
    case Role::AddRef: {
      int I = objOf(S, R->Arg < 0 ? A.Object : A.arg(R->Arg), false);
      if (I >= 0 && S.Objs[I].Refs < 3)
        ++S.Objs[I].Refs;
      break;
    }
    case Role::Submit: {
      int Ses = S.rootSession(Self);
      if (Ses >= 0) {
        S.Objs[Ses].SubmitSite = A.E;
        S.Objs[Ses].SubmitFailSeen = false;
      }
      break;
    }
    case Role::Flush: {
      int Ses = S.rootSession(Self);
      for (unsigned I = 0; I < S.Objs.size(); ++I)
        if (Ses < 0 || int(I) == Ses)
          S.Objs[I].SubmitSite = nullptr;
      break;
    }
    case Role::StoreLogoff: {
      // Waits for the queues unless told not to (LOGOFF_NO_WAIT/ABORT only).
      bool Waits = true;
      const Expr *FA = stripCasts(A.arg(0));
      if (const auto *U = dyn_cast_or_null<UnaryOperator>(FA);
          U && U->getOpcode() == UO_AddrOf)
        if (auto V = evalVal(U->getSubExpr(), S); V && V->K == ValKind::Const)
          Waits = (V->C & (0x2 | 0x4)) != 0; // LOGOFF_ORDERLY | LOGOFF_PURGE
      int Ses = S.rootSession(Self);
      if (Waits && Ses >= 0)
        S.Objs[Ses].SubmitSite = nullptr;
      break;
    }
    default:
      break;
    }
  }
}

void Analyzer::freeBuffer(const ApiCall &A, const ApiRow &R, State &S) {
  SourceLocation At = loc(A.E->getBeginLoc());
  int I = objOf(S, A.arg(R.Arg), false);
  if (I < 0 || !S.Objs[I].Buffer)
    return;
  ObjState &O = S.Objs[I];
  std::string Name = objName(S, I);
  std::vector<Note> Alloc;
  if (O.Leaf)
    Alloc.push_back({loc(O.Leaf->getBeginLoc()), "allocated here"});
  auto Report = [&](std::string Msg, std::vector<Note> Notes) {
    direct(Finding{CheckId::UnfreedBuffer, At, Msg, std::move(Notes), {}});
  };
  if (O.Ph == ObjState::Released) {
    std::vector<Note> N;
    if (O.ReleaseAt.isValid())
      N.push_back({O.ReleaseAt, "first freed here"});
    N.insert(N.end(), Alloc.begin(), Alloc.end());
    Report("'" + Name + "' is freed twice", N);
    return;
  }
  if (O.Ph != ObjState::Live)
    return;
  Dealloc Use = R.dealloc();
  if (Use == Dealloc::Foreign)
    Report("'" + Name + "' is MAPI memory; free it with " +
               (O.D == Dealloc::Prows      ? "FreeProws"
                : O.D == Dealloc::Padrlist ? "FreePadrlist"
                                           : "MAPIFreeBuffer") +
               ", not '" + A.Name + "'",
           Alloc);
  else if (O.Chained)
    Report("'" + Name + "' was allocated with MAPIAllocateMore and is freed "
           "with its parent; do not free it on its own",
           Alloc);
  else if (Use == Dealloc::FreeBuffer && O.D == Dealloc::Prows)
    Report("'" + Name + "' is a row set; free it with FreeProws, which also "
           "frees every row",
           Alloc);
  else if (Use == Dealloc::FreeBuffer && O.D == Dealloc::Padrlist)
    Report("'" + Name + "' is an address list; free it with FreePadrlist, "
           "which also frees every entry",
           Alloc);
  O.Ph = ObjState::Released;
  O.ReleaseAt = At;
  // What was chained to it goes with it.
  for (ObjState &C : S.Objs)
    if (C.Buffer && C.Chained && C.Parent == I && C.Ph == ObjState::Live)
      C.Ph = ObjState::Released;
}

bool Analyzer::keptBeyond(const State &S, int I) const {
  // Kept in a member, a global, an out-parameter or the return value: the
  // caller or another method owns it now.
  if (S.Ret && S.Ret->objIndex() == I)
    return true;
  for (const auto &KV : S.Vals) {
    if (KV.second.objIndex() != I)
      continue;
    const Path &P = TU.Paths.get(KV.first);
    const auto *VD = P.Base == Path::ThisBase
                         ? nullptr
                         : static_cast<const VarDecl *>(P.Base);
    if (!VD || VD->hasGlobalStorage() || isa<ParmVarDecl>(VD) ||
        VD->getType()->isReferenceType())
      return true;
    // A variable of an enclosing function (a lambda's capture): that
    // function judges it.
    if (Top && !isCalleeLocal(KV.first, Top->D))
      return true;
  }
  return false;
}

void Analyzer::checkExit(Frame &F, const State &S, SourceLocation Exit) {
  if (!F.TopLevel)
    return;
  // MAPI memory this function allocated and neither freed nor handed on.
  for (unsigned I = 0; I < S.Objs.size(); ++I) {
    const ObjState &O = S.Objs[I];
    if (!O.Buffer || O.Chained || O.Ph != ObjState::Live || O.Escaped ||
        O.External || !O.Leaf || keptBeyond(S, int(I)))
      continue;
    std::vector<Note> N;
    if (O.Site && O.Site != O.Leaf)
      N.push_back({loc(O.Leaf->getBeginLoc()), "allocated inside this call"});
    N.push_back({Exit, "this exit does not free it"});
    direct(Finding{CheckId::UnfreedBuffer, loc(O.Site->getBeginLoc()),
                   "MAPI memory in '" + objName(S, int(I)) +
                       "' is not freed on some path",
                   N,
                   {}});
  }
  // A connection in a local that the function never unadvises (kept in a
  // member or global, the TU judges it; an object handed on, nobody can).
  for (const AdviseRec &R : S.Advises) {
    if (R.Conn == NoPath)
      continue;
    const ObjState &O = S.Objs[R.Obj];
    if (O.Escaped || O.Ph != ObjState::Live)
      continue;
    const Path &P = TU.Paths.get(R.Conn);
    const auto *VD = P.Base == Path::ThisBase
                         ? nullptr
                         : static_cast<const VarDecl *>(P.Base);
    if (!VD || VD->hasGlobalStorage() || isa<ParmVarDecl>(VD) || P.Size)
      continue;
    direct(Finding{CheckId::MissingUnadvise, loc(R.Leaf->getBeginLoc()),
                   "Advise on '" + objName(S, R.Obj) + "' is never matched "
                   "by an Unadvise of '" + VD->getNameAsString() + "'",
                   {{Exit, "this exit leaves it registered"}},
                   {}});
  }
  for (unsigned I = 0; I < S.Objs.size(); ++I) {
    const ObjState &O = S.Objs[I];
    if (!O.Session || O.External || O.Ph == ObjState::Gone || !O.Leaf)
      continue;
    std::string Name = objName(S, int(I));
    // Handed to code we cannot see, it may have been logged off there.
    if (O.Ph == ObjState::Released && !O.LoggedOff && !O.Escaped &&
        O.ReleaseAt.isValid()) {
      Finding Fi{CheckId::SessionRelease, O.ReleaseAt,
                 "session '" + Name + "' is released without a Logoff on "
                 "this path",
                 {{loc(O.Site->getBeginLoc()),
                   "'" + Name + "' is logged on here"}},
                 {}};
      Fi.Variant = Finding::NoLogoff;
      direct(std::move(Fi));
      continue;
    }
    if (O.Ph != ObjState::Live || O.Escaped)
      continue;
    if (!keptBeyond(S, int(I)))
      direct(Finding{CheckId::SessionRelease, loc(O.Site->getBeginLoc()),
                     "session '" + Name + "' is never released on some path",
                     {{Exit, "this exit leaves it open"}},
                     {}});
  }
}

void Analyzer::emitObj(const State &S, const Effect &V) {
  Finding Fi;
  Fi.Loc = V.At;
  const ObjState &O = S.Objs[V.Obj];
  if (V.K == ViolationKind::PendingSubmit) {
    Fi.Check = CheckId::LogoffPendingSubmit;
    Fi.Msg = "'" + objName(S, V.Obj) + "' logs off right after SubmitMessage "
             "with no flush in between; the message may stay in the Outbox";
    Fi.Msg += V.Via.empty() ? "" : " (" + V.Via + ")";
    Fi.Notes = V.Notes; // the path into the helper, then the submit
    direct(std::move(Fi));
    return;
  }
  if (V.K == ViolationKind::LogoffFlags) {
    std::string N = objName(S, V.Obj);
    Fi.Check = CheckId::LogoffFlags;
    Fi.Variant = Finding::SharedLogoffOwner;
    Fi.Msg = V.What == "lacks"
                 ? "Logoff of '" + N + "' lacks MAPI_LOGOFF_SHARED, but the "
                   "session was logged on with MAPI_ALLOW_OTHERS and owns "
                   "the shared session"
                 : "Logoff of '" + N + "' passes MAPI_LOGOFF_SHARED, but the "
                   "session was not logged on with MAPI_ALLOW_OTHERS";
    Fi.Msg += V.Via.empty() ? "" : " (" + V.Via + ")";
    Fi.Notes = V.Notes;
    if (O.Leaf)
      Fi.Notes.push_back({loc(O.Leaf->getBeginLoc()),
                          "'" + N + "' is logged on here"});
    direct(std::move(Fi));
    return;
  }
  if (V.K == ViolationKind::UseAfterLogoff)
    Fi.Msg = "'" + V.What + "' on '" + objName(S, V.Used) + "' runs after '" +
             objName(S, V.Obj) + "' logged off";
  else
    Fi.Msg = "'" + objName(S, V.Obj) + "' is still open when '" +
             objName(S, S.rootSession(V.Obj)) + "' logs off";
  Fi.Msg += V.Via.empty() ? "" : " (" + V.Via + ")";
  Fi.Notes = V.Notes;
  if (V.K == ViolationKind::UseAfterLogoff) {
    Fi.Check = CheckId::UseAfterLogoff;
    if (O.LogoffSite && O.LogoffSite != O.LogoffLeaf)
      Fi.Notes.push_back({loc(O.LogoffSite->getBeginLoc()),
                          "Logoff runs inside this call"});
    if (O.LogoffLeaf)
      Fi.Notes.push_back({loc(O.LogoffLeaf->getBeginLoc()), "logged off here"});
  } else {
    Fi.Check = CheckId::ObjectsOpenAtLogoff;
    if (O.Site && O.Site != O.Leaf)
      Fi.Notes.push_back({loc(O.Site->getBeginLoc()), "opened inside this call"});
    if (O.Leaf)
      Fi.Notes.push_back({loc(O.Leaf->getBeginLoc()), "opened here"});
    // A later release on this path adds its note to this finding.
    const_cast<State &>(S).Objs[V.Obj].OpenAtLogoff = int(Top->Findings.size());
  }
  direct(std::move(Fi));
}

// --- calls --------------------------------------------------------------------------

void Analyzer::invalidateMods(const Decl *Callee, State &S) {
  const auto &Mods = TU.transitiveMods(Callee);
  if (Mods.empty())
    return;
  S.eraseIf([&](PathId Id) {
    const Path &P = TU.Paths.get(Id);
    for (unsigned I = 0; I < P.Size; ++I)
      if (Mods.count(P.Elems[I]))
        return true;
    return Mods.count(P.Base) != 0;
  });
}

void Analyzer::forgetCall(const Decl *Callee, const CallMapping &M,
                          State &S) {
  for (const auto &KV : S.Vals) {
    int I = KV.second.objIndex();
    if (I < 0)
      continue;
    bool Seen = M.Identity || isGlobalPath(KV.first);
    for (const auto &Pr : M.Pairs)
      Seen |= TU.Paths.get(KV.first).hasPrefix(TU.Paths.get(Pr.Caller));
    if (Seen)
      S.Objs[I].Escaped = true;
  }
  for (LibState &L : S.Libs)
    L = LibState();
  invalidateMods(Callee, S);
  S.eraseIf([&](PathId P) { return visibleToCallee(P, M); });
}

void Analyzer::invalidateForUnknownCall(const FunctionDecl *FD,
                                        const Expr *Object,
                                        ArrayRef<const Expr *> Args,
                                        State &S) {
  bool System = FD && SM.isInSystemHeader(FD->getLocation());
  if (!System) {
    escapeArgs(Args, S);
    // A cookie handed to code we cannot see may be unadvised there.
    for (const Expr *Arg : Args) {
      PathId ByVal = pathOf(stripCasts(Arg)); // by value too
      if (ByVal != NoPath)
        S.Advises.erase(std::remove_if(S.Advises.begin(), S.Advises.end(),
                                       [&](const AdviseRec &R) {
                                         return R.Conn == ByVal;
                                       }),
                        S.Advises.end());
      if (const auto *U = dyn_cast<UnaryOperator>(stripCasts(Arg));
          U && U->getOpcode() == UO_AddrOf) {
        PathId P = pathOf(U->getSubExpr());
        S.Advises.erase(std::remove_if(S.Advises.begin(), S.Advises.end(),
                                       [&](const AdviseRec &R) {
                                         return P != NoPath && R.Conn == P;
                                       }),
                        S.Advises.end());
      }
    }
  }
  for (unsigned I = 0; I < Args.size(); ++I) {
    const Expr *A = stripCasts(Args[I]);
    if (const auto *U = dyn_cast<UnaryOperator>(A))
      if (U->getOpcode() == UO_AddrOf) {
        S.eraseWithPrefix(TU.Paths, pathOf(U->getSubExpr()));
        continue;
      }
    PathId P = pathOf(A);
    if (P == NoPath)
      continue;
    bool ByRef = FD && I < FD->getNumParams() &&
                 FD->getParamDecl(I)->getType()->isReferenceType() &&
                 !FD->getParamDecl(I)->getType().getNonReferenceType().isConstQualified();
    if (ByRef) {
      S.eraseWithPrefix(TU.Paths, P);
    } else if (!System && A->getType()->isPointerType()) {
      // The callee may change what the pointer points to, not the pointer.
      S.eraseBelow(TU.Paths, P);
    }
  }
  if (Object && !System)
    S.eraseBelow(TU.Paths, pathOf(Object));
  if (!System) // user code elsewhere may change globals
    S.eraseIf([&](PathId P) { return isGlobalPath(P); });
}

bool Analyzer::visibleToCallee(PathId P, const CallMapping &M) const {
  if (M.Identity || isGlobalPath(P))
    return true;
  const Path &Pa = TU.Paths.get(P);
  for (const auto &Pr : M.Pairs) {
    const Path &Root = TU.Paths.get(Pr.Caller);
    if (Pa.hasPrefix(Root) && !(Pr.CopyRoot && Pa == Root))
      return true;
  }
  return false;
}

PathId Analyzer::toCallee(PathId P, const CallMapping &M) {
  if (P == NoPath || M.Identity || isGlobalPath(P))
    return P;
  for (const auto &Pr : M.Pairs)
    if (PathId Q = TU.Paths.rebase(P, Pr.Caller, Pr.Callee); Q != NoPath)
      return Q;
  return NoPath;
}

PathId Analyzer::toCaller(PathId P, const CallMapping &M, const Decl *Callee) {
  if (P == NoPath)
    return NoPath;
  if (M.Identity)
    return isCalleeLocal(P, Callee) ? NoPath : P;
  if (isGlobalPath(P))
    return P;
  for (const auto &Pr : M.Pairs) {
    if (Pr.CopyRoot && P == Pr.Callee)
      continue; // a by-value parameter itself is the callee's copy
    if (PathId Q = TU.Paths.rebase(P, Pr.Callee, Pr.Caller); Q != NoPath)
      return Q;
  }
  return NoPath;
}

State Analyzer::mapIn(const State &S, const CallMapping &M,
                      const Decl *Callee) {
  State E;
  E.Libs = S.Libs;
  for (LibState &L : E.Libs) {
    if (L.P != LibState::Unknown)
      L.Inherited = true;
    L.Pending = ResultRef();
  }
  for (const auto &KV : S.Vals) {
    if (M.Identity || isGlobalPath(KV.first)) {
      E.set(KV.first, KV.second);
      continue;
    }
    for (const auto &Pr : M.Pairs) {
      PathId Q = TU.Paths.rebase(KV.first, Pr.Caller, Pr.Callee);
      if (Q != NoPath)
        E.set(Q, KV.second);
    }
  }
  for (const auto &C : M.Consts)
    E.set(C.first, C.second);
  for (const AdviseRec &R : S.Advises) {
    AdviseRec N = R;
    N.Inherited = true;
    N.Pending = nullptr;
    N.PendingP = NoPath;
    N.Conn = toCallee(R.Conn, M);
    E.Advises.push_back(N);
  }
  E.Objs = S.Objs;
  for (ObjState &O : E.Objs) {
    O.Inherited = true;
    O.LogoffInherited = O.LoggedOff;
    O.Pending = nullptr;
    O.PendingP = NoPath;
  }
  E.Ret.reset();
  E.LastCall = nullptr;
  E.LastCallVal.reset();
  return E;
}

State Analyzer::mapOut(Frame &F, const State &S0, const State &X,
                       const CallMapping &M, const Decl *Callee,
                       const Stmt *At) {
  State R = S0;
  R.LastCall = dyn_cast_or_null<Expr>(At);
  R.LastCallVal = X.Ret;
  R.eraseIf([&](PathId P) { return visibleToCallee(P, M); });
  for (const auto &KV : X.Vals) {
    if (M.Identity) {
      if (!isCalleeLocal(KV.first, Callee))
        R.set(KV.first, KV.second);
      continue;
    }
    if (isGlobalPath(KV.first)) {
      R.set(KV.first, KV.second);
      continue;
    }
    for (const auto &Pr : M.Pairs) {
      if (Pr.CopyRoot && KV.first == Pr.Callee)
        continue;
      PathId Q = TU.Paths.rebase(KV.first, Pr.Callee, Pr.Caller);
      if (Q != NoPath)
        R.set(Q, KV.second);
    }
  }
  // Registrations: the caller's keep their own terms; new ones are the
  // helper's, at its call.
  R.Advises.clear();
  for (const AdviseRec &XR : X.Advises) {
    AdviseRec N = XR;
    const AdviseRec *Old = nullptr;
    for (const AdviseRec &A0 : S0.Advises)
      if (A0.Leaf == XR.Leaf && A0.Obj == XR.Obj)
        Old = &A0;
    if (Old) {
      N = *Old;
      if (XR.Conn != toCallee(Old->Conn, M))
        if (PathId C = toCaller(XR.Conn, M, Callee); C != NoPath)
          N.Conn = C;
    } else {
      N.Site = At ? At : XR.Leaf;
      N.Inherited = false;
      N.PendingP = NoPath;
      N.Pending = XR.Pending || XR.PendingP != NoPath ? dyn_cast_or_null<Expr>(At)
                                                      : nullptr;
      N.Conn = toCaller(XR.Conn, M, Callee);
    }
    R.Advises.push_back(N);
  }
  // Objects: the callee kept the caller's indices and appended its own.
  R.Objs = X.Objs;
  compactObjects(R, S0.Objs.size(), At);
  SourceLocation AtLoc = At ? loc(At->getBeginLoc()) : SourceLocation();
  for (unsigned I = 0; I < R.Objs.size(); ++I) {
    ObjState &O = R.Objs[I];
    if (I < S0.Objs.size()) {
      const ObjState &O0 = S0.Objs[I];
      O.Inherited = O0.Inherited;
      O.Pending = O0.Pending;
      O.PendingP = O0.PendingP;
      if (O0.OpenAtLogoff >= 0) // reported at the call just now
        O.OpenAtLogoff = O0.OpenAtLogoff;
      if (O.LoggedOff && !O0.LoggedOff) {
        O.LogoffSite = At ? At : O.LogoffLeaf;
        O.LogoffInherited = false;
      } else {
        O.LogoffInherited = O0.LogoffInherited;
      }
      if (O.Ph == ObjState::Released && O0.Ph == ObjState::Live &&
          AtLoc.isValid())
        O.ReleaseAt = AtLoc;
    } else {
      if (At)
        O.Site = At;
      O.Inherited = false;
      O.LogoffInherited = false;
      // Acquired by a helper that did not test the result itself: the
      // helper's own result tells (`if (FAILED(OpenStore(s, &lpMDB)))`).
      if (O.Pending || O.PendingP != NoPath) {
        O.Pending = dyn_cast_or_null<Expr>(At);
        O.PendingP = NoPath;
      }
    }
  }
  for (unsigned I = 0; I < NumResources; ++I) {
    const LibState &L0 = S0.Libs[I];
    const LibState &LX = X.Libs[I];
    LibState &LR = R.Libs[I];
    if (LX.P == LibState::Unknown && L0.P == LibState::Unknown)
      continue;
    if (LX.Inherited) {
      LR = L0;
      LR.Depth = LX.Depth;
      LR.InitWhileMapiDown = LX.InitWhileMapiDown;
      continue;
    }
    LR = LX;
    LR.Site = At ? At : LX.Leaf;
    LR.Inherited = false;
    LR.FailSeen = false;
    LR.Pending = ResultRef();
    if (LX.P == LibState::Up) {
      // A helper that initialises and returns the HRESULT: a failure test
      // of its result undoes the initialisation.
      // Only when the helper left its initializer's result untested (it
      // returns it); a result it tested itself is settled.
      if (LX.Pending.valid())
        LR.Pending.E = dyn_cast_or_null<Expr>(At);
      LR.PrevP = L0.P;
      LR.PrevDepth = L0.Depth;
      LR.PrevSite = L0.Site;
      LR.PrevLeaf = L0.Leaf;
      LR.PrevInherited = L0.Inherited;
      LR.PrevFailSeen = L0.FailSeen;
    }
    if (L0.P == LibState::Up && !L0.Inherited && !L0.FailSeen && L0.Site &&
        LX.P == LibState::Down)
      F.UndoneOnSuccess.insert(L0.Site);
  }
  return R;
}

void Analyzer::inlineCall(Frame &F, const Decl *Callee, const CallMapping &M,
                          const Stmt *Site, SourceLocation At, StringRef Via,
                          const std::vector<Note> &Extra, State &S,
                          std::vector<State> &Out) {
  const FunctionFacts *FF = TU.facts(Callee);
  if (TU.OverBound.count(Callee)) {
    forgetCall(Callee, M, S);
    Out.push_back(std::move(S));
    return;
  }
  if (!FF || FF->HasErrors || F.Depth + 1 > TU.Cfg.MaxInlineDepth ||
      is_contained(Stack, Callee)) {
    invalidateMods(Callee, S);
    Out.push_back(std::move(S));
    return;
  }
  // Functions without MAPI events are only followed when they pass an
  // HRESULT through (`hr = Check("Logon", Logon())`): that keeps a helper's
  // success or failure tied to the test of its result.
  // Constructors are followed too: their member initialisers (m_p(NULL))
  // are what later `if (m_p)` guards are judged by.
  if (!FF->Relevant && !FF->PassesHResult && !isa<CXXConstructorDecl>(Callee)) {
    invalidateMods(Callee, S);
    Out.push_back(std::move(S));
    return;
  }
  State Entry = mapIn(S, M, Callee);
  size_t H = Entry.hash();
  std::shared_ptr<Result> Res;
  auto &Bucket = TU.Memo[{Callee, H}];
  for (auto &E : Bucket)
    if (E.first == Entry)
      Res = E.second;
  if (!Res) {
    Frame CF;
    CF.D = Callee;
    CF.Depth = F.Depth + 1;
    Res = std::make_shared<Result>();
    // A callee gets a share of what is left; past it, the call is unknown
    // (what it may touch is forgotten), not the caller's whole analysis.
    unsigned SavedLimit = Limit, Before = Steps;
    size_t FindingsBefore = Top->Findings.size();
    Limit = std::min(Limit, Steps + TU.Cfg.MaxSteps / 8);
    Stack.push_back(Callee);
    bool Ok = run(CF, Entry, *Res);
    Stack.pop_back();
    // Over its share or over the states a block may hold: the callee's
    // own bound. Over the caller's whole budget: the caller's.
    bool OwnBound = !Ok && Steps <= SavedLimit;
    Limit = SavedLimit;
    if (OwnBound) {
      // Nothing from half an analysis.
      Top->Findings.resize(FindingsBefore);
      Steps = Before;
      Aborted = false;
      TU.OverBound.insert(Callee);
      forgetCall(Callee, M, S);
      Out.push_back(std::move(S));
      return;
    }
    if (!Ok) {
      Aborted = true;
      return;
    }
    Res->Effects = std::move(CF.Effects);
    TU.Memo[{Callee, H}].push_back({Entry, Res});
  }
  for (const Effect &E : Res->Effects) {
    Effect V = E;
    V.Notes.insert(V.Notes.begin(),
                   Note{E.At, E.Via.empty() ? "it happens here"
                                            : "it happens here, " + E.Via});
    V.Notes.insert(V.Notes.end(), Extra.begin(), Extra.end());
    V.At = At;
    V.Via = Via.str();
    raise(F, S, std::move(V));
  }
  for (const State &X : Res->Exits)
    Out.push_back(mapOut(F, S, X, M, Callee, Site));
}

static const Decl *bodyDecl(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (FD && FD->hasBody(Def))
    return Def;
  return nullptr;
}

void Analyzer::mapArgs(CallMapping &M, const FunctionDecl *Callee,
                       ArrayRef<const Expr *> Args, State &S) {
  for (unsigned I = 0; I < Args.size() && I < Callee->getNumParams(); ++I) {
    const ParmVarDecl *PD = Callee->getParamDecl(I);
    Path PP;
    PP.Base = canon(PD);
    PathId ParamPath = TU.Paths.intern(PP);
    const Expr *Arg = stripCasts(Args[I]);
    const Expr *AddrOf = nullptr; // `&x`, or a smart pointer's `&sp`
    if (const auto *U = dyn_cast<UnaryOperator>(Arg);
        U && U->getOpcode() == UO_AddrOf)
      AddrOf = U->getSubExpr();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Arg);
             Op && Op->getOperator() == OO_Amp && Op->getNumArgs() == 1)
      AddrOf = Op->getArg(0);
    if (AddrOf) {
      PathId AP = pathOf(AddrOf);
      if (AP != NoPath)
        M.Pairs.push_back(
            {AP, TU.Paths.append(ParamPath, Path::DerefElem), false});
      continue;
    }
    PathId AP = pathOf(Arg);
    if (AP != NoPath) {
      M.Pairs.push_back({AP, ParamPath, !PD->getType()->isReferenceType()});
      if (!PD->getType()->isReferenceType())
        if (const Val *V = S.get(AP))
          if (tracked(ParamPath))
            M.Consts.push_back({ParamPath, *V});
    } else {
      // `Shutdown(ok ? lpSession : NULL)`: the object goes where we do not
      // follow it.
      escapeReferenced(Arg, S);
      std::optional<Val> V = S.LastCall && Arg == stripCasts(S.LastCall)
                                 ? S.LastCallVal
                                 : evalVal(Arg, S);
      if (V && tracked(ParamPath))
        M.Consts.push_back({ParamPath, *V});
    }

  }
}

void Analyzer::transferCall(Frame &F, const CallExpr *CE, State &S,
                            std::vector<State> &Out) {
  if (const ApiCall *A = TU.apiCall(CE)) {
    applyApi(F, *A, S);
    eraseOutParams(*A, S); // written by the call (objects it bound stay)
    Out.push_back(std::move(S));
    return;
  }
  // Smart pointer operations that change whether it holds an object.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    const Expr *Obj = MC->getImplicitObjectArgument();
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (Obj && MD && TU.Rec.isSmartPointer(Obj->getType())) {
      StringRef N = MD->getIdentifier() ? MD->getName() : "";
      PathId P = pathOf(Obj);
      if (N == "Release" || N == "Reset" || N == "reset" || N == "Detach") {
        bool Null = N != "reset" || MC->getNumArgs() == 0;
        if (N != "Detach")
          if (const Val *V = S.get(P))
            releaseObj(S, V->objIndex(), loc(CE->getBeginLoc()));
        setTracked(S, P, Null ? std::optional<Val>(Val::null()) : std::nullopt);
      } else if (!isa<CXXConversionDecl>(MD) && N != "Get" && N != "get" &&
                 N != "p") {
        setTracked(S, P, std::nullopt);
      }
      Out.push_back(std::move(S));
      return;
    }
  }
  // RAII owners of MAPI memory: reset() frees what they hold, release()
  // hands it back to the caller.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    const Expr *Obj = MC->getImplicitObjectArgument();
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (Obj && MD && MD->getIdentifier() &&
        TU.Rec.isBufferHolder(Obj->getType())) {
      StringRef N = MD->getName();
      PathId P = pathOf(Obj);
      const Val *V = P != NoPath ? S.get(P) : nullptr;
      int I = V ? V->objIndex() : -1;
      if ((N == "reset" || N == "Reset") && I >= 0 && S.Objs[I].Buffer &&
          S.Objs[I].Ph == ObjState::Live) {
        S.Objs[I].Ph = ObjState::Released;
        S.Objs[I].ReleaseAt = loc(CE->getBeginLoc());
      }
      if (N == "reset" || N == "Reset" || N == "release" || N == "Detach") {
        S.eraseWithPrefix(TU.Paths, P);
        if (MC->getNumArgs() == 1) // reset(p): now owns p
          if (auto NV = evalVal(MC->getArg(0), S); NV && NV->objIndex() >= 0)
            S.set(P, *NV);
      }
      if (N == "release" || N == "Detach")
        S.LastCall = CE, S.LastCallVal = V ? std::optional<Val>(*V) : std::nullopt;
      Out.push_back(std::move(S));
      return;
    }
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (Op->getNumArgs() >= 1 && TU.Rec.isSmartPointer(Op->getArg(0)->getType())) {
      PathId P = pathOf(Op->getArg(0));
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
        std::optional<Val> NV = evalVal(Op->getArg(1), S);
        setTracked(S, P, NV);
        // CComPtr/ComPtr copy-assignment takes its own reference
        // (a move from an rvalue does not).
        if (NV && NV->objIndex() >= 0 && !Op->getArg(1)->isXValue()) {
          ObjState &O = S.Objs[NV->objIndex()];
          if (O.Refs < 3)
            ++O.Refs;
        }
      }
      else if (Op->getOperator() == OO_Amp) {
        // WRL, _com_ptr_t and wil release what they hold before refilling.
        if (const Val *V = S.get(P))
          releaseObj(S, V->objIndex(), loc(CE->getBeginLoc()));
        setTracked(S, P, std::nullopt);
      }
      Out.push_back(std::move(S));
      return;
    }
  }
  const FunctionDecl *FD = CE->getDirectCallee();
  const Decl *Body = bodyDecl(FD);
  SmallVector<const Expr *, 8> Args(CE->arguments());
  const Expr *Object = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    Object = MC->getImplicitObjectArgument();
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
           Op && isa_and_nonnull<CXXMethodDecl>(FD) && Op->getNumArgs() > 0) {
    Object = Op->getArg(0);
    Args.erase(Args.begin());
  }
  if (!Body) {
    invalidateForUnknownCall(FD, Object, Args, S);
    Out.push_back(std::move(S));
    return;
  }
  CallMapping M;
  const auto *Callee = cast<FunctionDecl>(Body);
  // MAPI objects handed to a helper get their identity here, so what the
  // helper does to them is what happens to ours.
  for (const Expr *Arg : Args)
    objOf(S, Arg, true);
  if (Object && isa<CXXMethodDecl>(Callee) &&
      !cast<CXXMethodDecl>(Callee)->isStatic()) {
    PathId OP = pathOf(Object);
    if (OP != NoPath) {
      Path T;
      T.Base = Path::ThisBase;
      M.Pairs.push_back({OP, TU.Paths.intern(T), false});
    }
  }
  // A lambda called in place (`CHECK([&]{ return f(); }())`) shares our
  // variables through its by-reference captures.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
      MD && MD->getParent()->isLambda())
    M.Identity = true;
  mapArgs(M, Callee, Args, S);
  std::string Via = "through '" + Callee->getNameAsString() + "'";
  size_t First = Out.size();
  inlineCall(F, Callee, M, CE, loc(CE->getBeginLoc()), Via, {}, S, Out);
  // A helper that hands back the HRESULT it was given
  // (`hr = Check(MAPIInitialize(0))`): the untested result passed to it is
  // now the helper's result.
  const FunctionFacts *CFF = TU.facts(Callee);
  if (CFF && CFF->PassesHResult)
    for (size_t K = First; K < Out.size(); ++K) {
      State &X = Out[K];
      auto Move = [&](const Expr *&P) {
        for (const Expr *A : Args)
          if (P && P == stripCasts(A))
            P = CE;
      };
      for (LibState &L : X.Libs)
        Move(L.Pending.E);
      for (ObjState &O : X.Objs)
        Move(O.Pending);
      for (AdviseRec &R : X.Advises)
        Move(R.Pending);
    }
}

void Analyzer::transferConstruct(Frame &F, const CXXConstructExpr *CE,
                                 State &S, std::vector<State> &Out) {
  const VarDecl *VD = nullptr;
  auto It = TU.CtorVars.find(CE);
  if (It != TU.CtorVars.end())
    VD = It->second;
  PathId P = NoPath;
  if (VD) {
    Path Pa;
    Pa.Base = canon(VD);
    P = TU.Paths.intern(Pa);
  }
  if (TU.Rec.isSmartPointer(CE->getType()) ||
      TU.Rec.isBufferHolder(CE->getType())) {
    // Built empty, or taking over the pointer it is given.
    std::optional<Val> V;
    if (CE->getNumArgs() == 0)
      V = Val::null();
    else if (CE->getNumArgs() >= 1)
      V = evalVal(CE->getArg(0), S);
    setTracked(S, P, V);
    Out.push_back(std::move(S));
    return;
  }
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  const Decl *Body = bodyDecl(Ctor);
  if (!Body || Ctor->isTrivial()) {
    // A constructor defined elsewhere is code we cannot see: what it is
    // handed (`Owner keep(hr, lpProps)`) may be kept and freed there.
    if (!Body) {
      SmallVector<const Expr *, 4> CArgs(CE->arguments());
      invalidateForUnknownCall(Ctor, nullptr, CArgs, S);
    }
    Out.push_back(std::move(S));
    return;
  }
  CallMapping M;
  if (P != NoPath) {
    Path T;
    T.Base = Path::ThisBase;
    M.Pairs.push_back({P, TU.Paths.intern(T), false});
  }
  SmallVector<const Expr *, 4> CArgs(CE->arguments());
  mapArgs(M, cast<FunctionDecl>(Body), CArgs, S);
  std::string Via = "through the constructor of '" +
                    (VD ? VD->getNameAsString() : std::string("temporary")) + "'";
  inlineCall(F, Body, M, CE, loc(CE->getBeginLoc()), Via, {}, S, Out);
}

void Analyzer::transferDtor(Frame &F, QualType T, PathId P, SourceLocation At,
                            const Stmt *Trigger, const NamedDecl *Var,
                            State &S, std::vector<State> &Out) {
  std::string Name = Var ? Var->getNameAsString() : "";
  StringRef Iface;
  if (TU.Rec.isSmartPointer(T, &Iface)) {
    const Val *V = P != NoPath ? S.get(P) : nullptr;
    if (!(V && V->truth() == 0) && TU.Table.isMapiInterface(Iface) &&
        S.lib(Resource::Mapi).P == LibState::Down) {
      Effect E{ViolationKind::MapiAfterUninit, Resource::Mapi,
               "the destructor of '" + Name + "' releasing its " + Iface.str(),
               At, "", {}};
      if (Var)
        E.Notes.push_back({loc(Var->getLocation()),
                           "'" + Name + "' is declared here"});
      raise(F, S, std::move(E));
    }
    if (V)
      releaseObj(S, V->objIndex(), At);
    S.eraseWithPrefix(TU.Paths, P);
    Out.push_back(std::move(S));
    return;
  }
  if (TU.Rec.isBufferHolder(T)) {
    // Its destructor frees what it holds.
    if (const Val *V = P != NoPath ? S.get(P) : nullptr)
      if (int I = V->objIndex(); I >= 0 && S.Objs[I].Buffer &&
                                 S.Objs[I].Ph == ObjState::Live) {
        S.Objs[I].Ph = ObjState::Released;
        S.Objs[I].ReleaseAt = At;
      }
    S.eraseWithPrefix(TU.Paths, P);
    Out.push_back(std::move(S));
    return;
  }
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition()) {
    Out.push_back(std::move(S));
    return;
  }
  // A scope guard runs its lambda here; a class with a destructor body runs
  // that body with `this` bound to the variable.
  CallMapping M;
  const Decl *Body = nullptr;
  std::string Via;
  const FunctionFacts *FF = TU.facts(F.D);
  const auto *VD = dyn_cast_or_null<VarDecl>(Var);
  if (FF && VD && FF->Guards.count(VD)) {
    M.Identity = true;
    Body = FF->Guards.find(VD)->second->getCallOperator();
    Via = "when the scope guard '" + Name + "' runs";
  } else if (const CXXDestructorDecl *D = RD->getDestructor()) {
    Body = bodyDecl(D);
    if (P != NoPath) {
      Path Th;
      Th.Base = Path::ThisBase;
      M.Pairs.push_back({P, TU.Paths.intern(Th), false});
    }
    Via = "when '" + Name + "' is destroyed";
  }
  if (Body) {
    std::vector<Note> Extra;
    if (Var)
      Extra.push_back({loc(Var->getLocation()), "'" + Name + "' is declared here"});
    std::vector<State> Tmp;
    inlineCall(F, Body, M, nullptr, At, Via, Extra, S, Tmp);
    for (State &X : Tmp) {
      X.eraseWithPrefix(TU.Paths, P);
      Out.push_back(std::move(X));
    }
    return;
  }
  // An implicit destructor destroys the members in reverse order.
  std::vector<State> Cur{S};
  SmallVector<const FieldDecl *, 8> Fields(RD->fields());
  for (auto It = Fields.rbegin(); It != Fields.rend(); ++It) {
    std::vector<State> Next;
    for (State &C : Cur)
      transferDtor(F, (*It)->getType(),
                   TU.Paths.append(P, (*It)->getCanonicalDecl()), At, Trigger,
                   *It, C, Next);
    Cur.swap(Next);
  }
  for (State &X : Cur)
    Out.push_back(std::move(X));
}

// --- statements ---------------------------------------------------------------------

void Analyzer::transferAssign(const BinaryOperator *BO, State &S) {
  store(S, pathOf(BO->getLHS()), BO->getRHS());
}

void Analyzer::transferVarDecl(const VarDecl *VD, State &S) {
  Path Pa;
  Pa.Base = canon(VD);
  PathId P = TU.Paths.intern(Pa);
  const Expr *Init = VD->getInit();
  if (!Init) {
    S.eraseWithPrefix(TU.Paths, P);
    return;
  }
  if (VD->getType()->isRecordType())
    return; // the constructor (already transferred) decided
  store(S, P, Init);
}

void Analyzer::store(State &S, PathId L, const Expr *Value) {
  const Expr *RHS = stripCasts(Value);
  std::optional<Val> V = S.LastCall && RHS == S.LastCall ? S.LastCallVal
                                                         : evalVal(Value, S);
  if (L == NoPath) {
    if (V && V->objIndex() >= 0) // stored where we cannot follow it
      S.Objs[V->objIndex()].Escaped = true;
    return;
  }
  setTracked(S, L, V);
  // A connection cookie copied into a member/global/out-parameter:
  // the registration is now kept there.
  if (PathId RP = pathOf(RHS); RP != NoPath) {
    const Path &LP = TU.Paths.get(L);
    bool Persistent = LP.Size > 0 || isGlobalPath(L);
    if (Persistent)
      for (AdviseRec &R : S.Advises)
        if (R.Conn == RP)
          R.Conn = L;
  }
  // `hr = MAPIInitialize(...)`, `hr = p->OpenMsgStore(...)`, `hr = Advise(...)`:
  // the call's result now lives in L; an untested result L held is gone.
  auto Rebind = [&](const Expr *&Pending, PathId &PendingP) {
    if (Pending && Pending == RHS) {
      PendingP = L;
      Pending = nullptr;
    } else if (PendingP == L) {
      PendingP = NoPath;
    }
  };
  for (ObjState &O : S.Objs)
    Rebind(O.Pending, O.PendingP);
  for (AdviseRec &R : S.Advises)
    Rebind(R.Pending, R.PendingP);
  for (LibState &Lib : S.Libs)
    Rebind(Lib.Pending.E, Lib.Pending.P);
}

static SourceLocation triggerLoc(const Stmt *T) {
  if (!T)
    return SourceLocation();
  if (const auto *CS = dyn_cast<CompoundStmt>(T))
    return CS->getRBracLoc();
  return T->getBeginLoc();
}

void Analyzer::transfer(Frame &F, const CFGElement &E, State &S,
                        std::vector<State> &Out) {
  if (auto CS = E.getAs<CFGStmt>()) {
    const Stmt *St = CS->getStmt();
    if (const auto *CE = dyn_cast<CallExpr>(St)) {
      transferCall(F, CE, S, Out);
      return;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(St)) {
      transferConstruct(F, CE, S, Out);
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          transferVarDecl(VD, S);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
      if (BO->getOpcode() == BO_Assign)
        transferAssign(BO, S);
      else if (BO->isCompoundAssignmentOp())
        stepPointer(S, BO->getLHS());
    } else if (const auto *DE = dyn_cast<CXXDeleteExpr>(St)) {
      // `delete` on MAPI memory is the wrong deallocator.
      int I = objOf(S, DE->getArgument(), false);
      if (I >= 0 && S.Objs[I].Buffer && S.Objs[I].Ph == ObjState::Live) {
        std::vector<Note> N;
        if (S.Objs[I].Leaf)
          N.push_back({loc(S.Objs[I].Leaf->getBeginLoc()), "allocated here"});
        direct(Finding{CheckId::UnfreedBuffer, loc(DE->getBeginLoc()),
                       "'" + objName(S, I) + "' is MAPI memory; free it with " +
                           (S.Objs[I].D == Dealloc::Prows      ? "FreeProws"
                            : S.Objs[I].D == Dealloc::Padrlist ? "FreePadrlist"
                                                               : "MAPIFreeBuffer") +
                           ", not 'delete'",
                       N,
                       {}});
        S.Objs[I].Ph = ObjState::Released;
      }
    } else if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
      const Expr *RV = RS->getRetValue() ? stripCasts(RS->getRetValue()) : nullptr;
      S.Ret = RV && S.LastCall && RV == S.LastCall ? S.LastCallVal
                                                    : evalVal(RV, S);
      // A returned cookie is the caller's registration to judge.
      if (PathId RP = pathOf(RV); RP != NoPath)
        for (AdviseRec &R : S.Advises)
          if (R.Conn == RP)
            R.Conn = NoPath;
    } else if (const auto *U = dyn_cast<UnaryOperator>(St)) {
      if (U->isIncrementDecrementOp())
        stepPointer(S, U->getSubExpr());
    }
    Out.push_back(std::move(S));
    return;
  }
  if (auto I = E.getAs<CFGInitializer>()) {
    const CXXCtorInitializer *Init = I->getInitializer();
    if (const FieldDecl *FD = Init->getMember()) {
      Path T;
      T.Base = Path::ThisBase;
      PathId P = TU.Paths.append(TU.Paths.intern(T), FD->getCanonicalDecl());
      if (TU.Rec.isSmartPointer(FD->getType())) {
        const auto *CE = dyn_cast<CXXConstructExpr>(Init->getInit());
        setTracked(S, P,
                   CE && CE->getNumArgs() == 0
                       ? std::optional<Val>(Val::null())
                       : std::nullopt);
      } else if (!FD->getType()->isRecordType()) {
        setTracked(S, P, evalVal(Init->getInit(), S));
      }
    }
    Out.push_back(std::move(S));
    return;
  }
  if (auto D = E.getAs<CFGAutomaticObjDtor>()) {
    const VarDecl *VD = D->getVarDecl();
    Path Pa;
    Pa.Base = canon(VD);
    const Stmt *Trigger = D->getTriggerStmt();
    SourceLocation At = loc(triggerLoc(Trigger));
    if (At.isInvalid())
      At = loc(VD->getLocation());
    transferDtor(F, VD->getType(), TU.Paths.intern(Pa), At, Trigger, VD, S,
                 Out);
    return;
  }
  if (auto D = E.getAs<CFGMemberDtor>()) {
    const FieldDecl *FD = D->getFieldDecl();
    Path T;
    T.Base = Path::ThisBase;
    PathId P = TU.Paths.append(TU.Paths.intern(T), FD->getCanonicalDecl());
    SourceLocation At;
    if (const auto *FnD = dyn_cast<FunctionDecl>(F.D))
      if (FnD->getBody())
        At = loc(FnD->getBody()->getEndLoc());
    transferDtor(F, FD->getType(), P, At, nullptr, FD, S, Out);
    return;
  }
  Out.push_back(std::move(S));
}

// --- branches -------------------------------------------------------------------------

bool Analyzer::fromLiveModule(const Expr *Subject, const State &S) const {
  // An uninitializer's pointer from GetProcAddress on the module whose
  // initializer is live: one DLL's entry points come together, so the
  // pointer is not null (`if (pUninit && rc == S_OK) pUninit();`).
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripCasts(Subject));
  if (!DRE)
    return false;
  auto B = TU.Bindings.find(canon(DRE->getDecl()));
  if (B == TU.Bindings.end())
    B = TU.Bindings.find(DRE->getDecl());
  if (B == TU.Bindings.end() || !B->second.Module)
    return false;
  for (const ApiRow *Row : TU.Table.function(B->second.Function)) {
    if (Row->R != Role::Uninit)
      continue;
    const LibState &L = S.lib(Row->resource());
    if (L.P == LibState::Up && L.Module &&
        canon(static_cast<const ValueDecl *>(L.Module)) ==
            canon(B->second.Module))
      return true;
  }
  return false;
}

bool Analyzer::refine(const CondInfo &CI, bool TrueEdge, State &S) {
  if (CI.K == CondInfo::None)
    return true;
  PathId P = pathOf(CI.Subject);
  const Val *V = P != NoPath ? S.get(P) : nullptr;
  std::optional<Val> CallV;
  if (!V && S.LastCall && CI.Subject == stripCasts(S.LastCall) && S.LastCallVal) {
    CallV = S.LastCallVal;
    V = &*CallV;
  }
  switch (CI.K) {
  case CondInfo::HResult: {
    if ((CI.OnlyTrueEdge && !TrueEdge) || (CI.OnlyFalseEdge && TrueEdge))
      return true; // `hr == MAPI_E_NOT_FOUND` false: some other result
    bool Failure = TrueEdge == CI.TrueIsFailure;
    if (V) {
      int IsFailure = -1;
      if (V->K == ValKind::Const)
        IsFailure = V->C != 0; // a known S_OK, or a known error code
      else if (V->K == ValKind::Failed)
        IsFailure = 1;
      else if (V->K == ValKind::Succeeded)
        IsFailure = 0;
      if (IsFailure >= 0 && IsFailure != int(Failure))
        return false;
    }
    if (tracked(P) && (!V || V->K == ValKind::NonNull))
      S.set(P, Failure ? Val{ValKind::Failed, 0} : Val{ValKind::Succeeded, 0});
    // A failed Advise registered nothing.
    for (auto It = S.Advises.begin(); It != S.Advises.end();) {
      bool Mine = (It->Pending && It->Pending == CI.Subject) ||
                  (P != NoPath && It->PendingP == P);
      if (Mine && Failure) {
        It = S.Advises.erase(It);
        continue;
      }
      if (Mine) {
        It->Pending = nullptr;
        It->PendingP = NoPath;
      }
      ++It;
    }
    // An acquisition that failed acquired nothing.
    for (unsigned I = 0; I < S.Objs.size(); ++I) {
      ObjState &O = S.Objs[I];
      if (Failure && O.SubmitSite)
        O.SubmitFailSeen = true;
      bool Mine = (O.Pending && O.Pending == CI.Subject) ||
                  (P != NoPath && O.PendingP == P);
      if (!Mine)
        continue;
      O.Pending = nullptr;
      O.PendingP = NoPath;
      if (Failure) {
        O.Ph = ObjState::Gone;
        S.eraseHolders(int(I));
      }
    }
    for (LibState &L : S.Libs) {
      bool Mine = L.P == LibState::Up && L.Pending.valid() &&
                  ((P != NoPath && L.Pending.P == P) ||
                   (L.Pending.E && L.Pending.E == CI.Subject));
      if (Mine) {
        if (Failure) { // the initializer failed: it initialised nothing
          LibState N;
          N.P = L.PrevP;
          N.Depth = L.PrevDepth;
          N.Site = L.PrevSite;
          N.Leaf = L.PrevLeaf;
          N.Inherited = L.PrevInherited;
          N.FailSeen = L.PrevFailSeen;
          L = N;
        } else {
          L.Pending = ResultRef();
        }
      } else if (Failure && L.P == LibState::Up && !L.Inherited) {
        L.FailSeen = true;
      }
    }
    return true;
  }
  case CondInfo::Pointer: {
    bool NonNull = TrueEdge == CI.TrueIsNonNull;
    if (!NonNull && fromLiveModule(CI.Subject, S))
      return false;
    if (V && V->objIndex() >= 0) {
      // An out-parameter of an untested acquisition, or a parameter, may be
      // null; an object known to exist is not.
      int I = V->objIndex();
      ObjState &O = S.Objs[I];
      bool MaybeNull = O.External || O.Pending || O.PendingP != NoPath;
      if (NonNull) {
        O.Pending = nullptr;
        O.PendingP = NoPath;
        return true;
      }
      if (!MaybeNull)
        return false;
      if (!O.External)
        O.Ph = ObjState::Gone;
      S.set(P, Val::null());
      return true;
    }
    if (V && V->truth() == (NonNull ? 0 : 1))
      return false;
    if (!V && tracked(P))
      S.set(P, NonNull ? Val::nonNull() : Val::null());
    return true;
  }
  case CondInfo::Scalar: {
    bool Equal = TrueEdge == CI.TrueIsEqual;
    if (V) {
      int Known = -1; // -1 unknown, 0 not equal, 1 equal
      if (V->K == ValKind::Const)
        Known = V->C == CI.Value;
      else if (V->K == ValKind::Null)
        Known = CI.Value == 0;
      else if (CI.Value == 0)
        Known = 0; // non-zero
      if (Known >= 0 && Known != int(Equal))
        return false;
      if (Known >= 0)
        return true;
    }
    if (tracked(P)) {
      if (Equal)
        S.set(P, Val::constant(CI.Value));
      else if (CI.Value == 0)
        S.set(P, Val::nonNull());
    }
    return true;
  }
  default:
    return true;
  }
}

// --- the worklist -----------------------------------------------------------------------

/// What a two-way block really tests. The block that evaluates `b` in
/// `if (a && b)` (or `a || b`) has the whole condition as its terminator's,
/// but its edges are decided by `b` alone.
static const Expr *branchTest(const Expr *C) {
  while (const auto *BO = dyn_cast<BinaryOperator>(C->IgnoreParens()))
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr)
      C = BO->getRHS();
    else
      break;
  return C;
}

static SourceLocation exitLocation(const CFGBlock *B, const Decl *D) {
  for (auto It = B->rbegin(); It != B->rend(); ++It)
    if (auto CS = It->getAs<CFGStmt>())
      if (isa<ReturnStmt>(CS->getStmt()))
        return CS->getStmt()->getBeginLoc();
  // Falling off the end (also past a last `if`): the closing brace.
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (FD->getBody())
      return FD->getBody()->getEndLoc();
  return SourceLocation();
}

bool Analyzer::run(Frame &F, const State &Entry, Result &Out) {
  const CFG *G = TU.cfgFor(F.D);
  if (!G)
    return false;
  struct BlockStates {
    std::vector<State> States;
    std::unordered_multimap<size_t, unsigned> ByHash;
  };
  std::vector<BlockStates> Blocks(G->getNumBlockIDs());
  std::deque<std::pair<const CFGBlock *, unsigned>> Work;
  // Adds S to B's states. Past a few states per block, a state that agrees
  // with an existing one on everything but tracked values is merged into it
  // (keeping the values both agree on), so sequences of independent helper
  // calls do not multiply states; the library phases are never merged.
  auto Add = [&](const CFGBlock *B, State S) -> bool {
    BlockStates &BS = Blocks[B->getBlockID()];
    size_t H = S.hash();
    auto R = BS.ByHash.equal_range(H);
    for (auto It = R.first; It != R.second; ++It)
      if (BS.States[It->second] == S)
        return true;
    if (BS.States.size() >= TU.Cfg.MergeStatesAfter) {
      // Past twice the bound, results may be merged too (they become
      // unknown), which keeps helpers with many exits from multiplying.
      bool Lenient = BS.States.size() >= 2 * TU.Cfg.MergeStatesAfter;
      for (unsigned I = 0; I < BS.States.size(); ++I) {
        State &E = BS.States[I];
        if (!E.joinable(S, Lenient))
          continue;
        State M = E;
        M.joinWith(S);
        if (M == E)
          return true; // S adds nothing E does not cover
        size_t OldH = E.hash();
        auto OR = BS.ByHash.equal_range(OldH);
        for (auto It = OR.first; It != OR.second; ++It)
          if (It->second == I) {
            BS.ByHash.erase(It);
            break;
          }
        E = std::move(M);
        BS.ByHash.insert({E.hash(), I});
        Work.push_back({B, I});
        return true;
      }
    }
    if (BS.States.size() >= TU.Cfg.MaxStatesPerBlock) {
      if (std::getenv("MAPI_TIDY_DEBUG_STATES")) {
        unsigned NJ = 0;
        for (const State &E : BS.States)
          NJ += E.joinable(S);
        llvm::errs() << "block " << B->getBlockID() << " in "
                     << (isa<NamedDecl>(F.D) ? cast<NamedDecl>(F.D)->getNameAsString() : "?")
                     << ": joinable with " << NJ << " of " << BS.States.size() << "\n";
        const State &A = BS.States[0];
        for (unsigned K = 1; K < 6 && K < BS.States.size(); ++K) {
          const State &Bs = BS.States[K];
          llvm::errs() << "state " << K << ": libs " << (A.Libs == Bs.Libs)
                       << " objs " << A.Objs.size() << "/" << Bs.Objs.size()
                       << " vals " << A.Vals.size() << "/" << Bs.Vals.size()
                       << " ret " << (A.Ret == Bs.Ret) << " last "
                       << (A.LastCall == Bs.LastCall) << "/"
                       << (A.LastCallVal == Bs.LastCallVal) << "\n";
          for (unsigned O = 0; O < A.Objs.size() && O < Bs.Objs.size(); ++O)
            if (!A.Objs[O].sameIdentity(Bs.Objs[O]))
              llvm::errs() << "  obj " << O << " identity differs\n";
        }
      }
      return false;
    }
    BS.ByHash.insert({H, unsigned(BS.States.size())});
    BS.States.push_back(std::move(S));
    Work.push_back({B, unsigned(BS.States.size() - 1)});
    return true;
  };
  const CFGBlock &EntryB = G->getEntry();
  const CFGBlock &ExitB = G->getExit();
  if (!Add(&EntryB, Entry))
    return false;
  std::vector<State> Cur, Next;
  while (!Work.empty()) {
    auto [B, Idx] = Work.front();
    Work.pop_front();
    Cur.clear();
    Cur.push_back(Blocks[B->getBlockID()].States[Idx]);
    if (B == &ExitB) {
      Out.Exits.push_back(Cur.front());
      continue;
    }
    for (const CFGElement &E : *B) {
      Next.clear();
      for (State &S : Cur) {
        if (++Steps > Limit)
          return false;
        transfer(F, E, S, Next);
        if (Aborted)
          return false;
      }
      Cur.swap(Next);
      if (Cur.empty())
        break;
    }
    if (B->hasNoReturnElement())
      continue;
    CondInfo CI;
    if (B->succ_size() == 2)
      if (const Stmt *T = B->getTerminatorStmt())
        if (!isa<SwitchStmt>(T))
          if (const auto *C = dyn_cast_or_null<Expr>(
                  const_cast<CFGBlock *>(B)->getTerminatorCondition()))
            CI = classifyCondition(branchTest(C), TU.Ctx);
    unsigned SuccIdx = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      unsigned I = SuccIdx++;
      const CFGBlock *SB = Succ.getReachableBlock();
      if (!SB)
        continue;
      for (const State &S : Cur) {
        State N = S;
        if (B->succ_size() == 2 && !refine(CI, I == 0, N))
          continue;
        if (SB == &ExitB && F.TopLevel) {
          checkExit(F, N, loc(exitLocation(B, F.D)));
          for (unsigned R = 0; R < NumResources; ++R) {
            const LibState &L = N.Libs[R];
            if (L.P == LibState::Up && !L.Inherited && L.FailSeen && L.Site &&
                R != unsigned(Resource::Com))
              F.Leaks.push_back({L.Site, L.Leaf, Resource(R),
                                 loc(exitLocation(B, F.D))});
          }
        }
        if (!Add(SB, std::move(N)))
          return false;
      }
    }
  }
  return true;
}

static std::string nameOf(const Decl *D) {
  return isa<NamedDecl>(D) ? cast<NamedDecl>(D)->getNameAsString() : "?";
}

bool Analyzer::runOnce(const Decl *D, Frame &F) {
  F = Frame();
  F.D = D;
  F.TopLevel = true;
  Top = &F;
  Steps = 0;
  Limit = TU.Cfg.MaxSteps;
  Aborted = false;
  Result R;
  Stack.push_back(D);
  bool Ok = run(F, State(), R);
  Stack.pop_back();
  return Ok && !Aborted;
}

std::vector<Analyzer::Site> Analyzer::acquisitionSites(const Decl *D) {
  std::vector<Site> Sites;
  const CFG *G = TU.cfgFor(D);
  if (!G)
    return Sites;
  for (const CFGBlock *B : *G)
    for (const CFGElement &E : *B) {
      auto CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      const auto *CE = dyn_cast<CallExpr>(CS->getStmt());
      if (!CE)
        continue;
      bool Acquires = false;
      Site St{CE};
      if (const ApiCall *A = TU.apiCall(CE)) {
        const ApiRow *Open = A->row(Role::OpenObject);
        const ApiRow *Alloc = A->row(Role::AllocMem);
        Acquires = Open || Alloc;
        if (Open) {
          if (const Expr *O = A->arg(Open->Arg))
            St.Out = outPath(O);
          if (A->Object)
            St.From = pathOf(stripCasts(A->Object));
        } else if (Alloc) {
          int Out = Alloc->Arg == -2 ? int(A->Args.size()) - 1 : Alloc->Arg;
          if (const Expr *O = A->arg(Out))
            St.Out = outPath(O);
        }
      }
      if (const FunctionDecl *FD = CE->getDirectCallee()) {
        const FunctionDecl *Def = nullptr;
        if (FD->hasBody(Def))
          if (const FunctionFacts *FF = TU.facts(Def))
            Acquires |= FF->Relevant;
      }
      if (Acquires && std::none_of(Sites.begin(), Sites.end(),
                                   [&](const Site &X) { return X.S == CE; }))
        Sites.push_back(St);
    }
  return Sites;
}

void Analyzer::runTopLevel(const Decl *D) {
  Frame F;
  if (runOnce(D, F)) {
    if (const char *Dbg = std::getenv("MAPI_TIDY_DEBUG"); Dbg && *Dbg == '2')
      llvm::errs() << "mapi-tidy: " << Steps << " steps in '" << nameOf(D)
                   << "'\n";
    report(D, F);
    return;
  }
  // Over the bound: one run per acquisition site, so n independent
  // resources cost n runs instead of 2^n paths; a site whose own run is
  // still over the bound is the only thing left unknown.
  std::vector<Site> Sites = acquisitionSites(D);
  Sites.insert(Sites.begin(), Site{nullptr});
  Frame All;
  All.D = D;
  All.TopLevel = true;
  unsigned Unknown = 0;
  FocusMode = true;
  for (const Site &Target : Sites) {
    // The site, and the sites that may have opened what it opens from (a
    // folder's store), so its Logoff and provenance are still seen.
    Focus.clear();
    if (Target.S)
      Focus.push_back(Target.S);
    for (unsigned K = 0; K < Focus.size() && K < 8; ++K) {
      auto It = std::find_if(Sites.begin(), Sites.end(),
                             [&](const Site &X) { return X.S == Focus[K]; });
      if (It == Sites.end() || It->From == NoPath)
        continue;
      for (const Site &X : Sites)
        if (X.S && X.Out == It->From && !is_contained(Focus, X.S))
          Focus.push_back(X.S);
    }
    Frame FF;
    if (!runOnce(D, FF)) {
      ++Unknown;
      continue;
    }
    if (const char *Dbg = std::getenv("MAPI_TIDY_DEBUG"); Dbg && *Dbg == '2')
      llvm::errs() << "mapi-tidy:   site at line "
                   << (Target.S ? SM.getSpellingLineNumber(loc(Target.S->getBeginLoc())) : 0)
                   << ": " << FF.Findings.size() << " findings, " << Steps
                   << " steps\n";
    for (Finding &Fi : FF.Findings)
      All.Findings.push_back(std::move(Fi));
    All.Leaks.insert(All.Leaks.end(), FF.Leaks.begin(), FF.Leaks.end());
    All.UndoneOnSuccess.insert(FF.UndoneOnSuccess.begin(),
                               FF.UndoneOnSuccess.end());
  }
  FocusMode = false;
  Focus.clear();
  if (std::getenv("MAPI_TIDY_DEBUG"))
    llvm::errs() << "mapi-tidy: analysis budget hit in '" << nameOf(D)
                 << "'; analysed per acquisition site: " << Sites.size() - 1
                 << " sites, " << Unknown << " left unknown\n";
  report(D, All);
}

void Analyzer::report(const Decl *D, Frame &F) {
  // The same finding from several paths: one report, every path's notes.
  for (unsigned I = 0; I < F.Findings.size(); ++I)
    for (unsigned J = I + 1; J < F.Findings.size(); ++J) {
      Finding &A = F.Findings[I], &B = F.Findings[J];
      if (A.Check != B.Check || A.Loc != B.Loc || A.Msg != B.Msg)
        continue;
      for (const Note &N : B.Notes)
        if (std::none_of(A.Notes.begin(), A.Notes.end(), [&](const Note &X) {
              return X.Loc == N.Loc && X.Msg == N.Msg;
            }))
          A.Notes.push_back(N);
      B.Notes.clear();
    }
  for (Finding &Fi : F.Findings)
    TU.addFinding(std::move(Fi));
  // An initializer that a success path undoes but an error path leaks.
  DenseSet<const Stmt *> Reported;
  for (const Frame::Leak &L : F.Leaks) {
    if (!F.UndoneOnSuccess.count(L.Site) || !Reported.insert(L.Site).second)
      continue;
    Finding Fi;
    Fi.Check = CheckId::UnbalancedInitialize;
    Fi.Loc = loc(L.Site->getBeginLoc());
    Fi.Msg = (initName(L.R) + " succeeded here but an error path leaves the "
                              "function without " +
              uninitName(L.R))
                 .str();
    if (L.Leaf && L.Leaf != L.Site)
      Fi.Notes.push_back({loc(L.Leaf->getBeginLoc()),
                          (initName(L.R) + " is called inside this call").str()});
    Fi.Notes.push_back({L.Exit, "this exit leaks the initialization"});
    TU.addFinding(std::move(Fi));
  }
}

} // namespace

void analyzeFunction(TUAnalysis &TU, const Decl *D) {
  Analyzer(TU).runTopLevel(D);
}

} // namespace mapi
