//===- Values.cpp - values, access paths and the object table -------------===//
//
// What an expression denotes (an access path, a value), and the objects a
// state holds: creation, binding to holders, names for messages, escapes.
//
//===----------------------------------------------------------------------===//
#include "Compat.h"
#include "engine/Engine.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace mapi {

const ValueDecl *canonicalDecl(const ValueDecl *D) {
  return D ? cast<ValueDecl>(D->getCanonicalDecl()) : nullptr;
}

bool Engine::nullOut(const Expr *Out, const State &S) {
  std::optional<Val> V = Out ? evalVal(Out, S) : std::nullopt;
  return !Out || (V && V->K == ValKind::Null);
}

PathId Engine::pathOf(const Expr *E) {
  if (!E)
    return NoPath;
  if (auto It = TU.ExprPaths.find(E); It != TU.ExprPaths.end())
    return It->second;
  PathId P = computePath(E);
  TU.ExprPaths[E] = P;
  return P;
}

PathId Engine::computePath(const Expr *E) {
  E = stripCasts(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (!isa<VarDecl>(DRE->getDecl()))
      return NoPath;
    Path P;
    P.Base = canonicalDecl(DRE->getDecl());
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

TUAnalysis::Scope Engine::scopeOf(PathId P) const {
  if (P >= TU.PathScope.size())
    TU.PathScope.resize(P + 1, TUAnalysis::Scope::Unknown);
  TUAnalysis::Scope &Sc = TU.PathScope[P];
  if (Sc == TUAnalysis::Scope::Unknown) {
    const Path &Pa = TU.Paths.get(P);
    const auto *VD = Pa.Base == Path::ThisBase
                         ? nullptr
                         : static_cast<const VarDecl *>(Pa.Base);
    Sc = !VD                        ? TUAnalysis::Scope::This
         : VD->isStaticLocal()      ? TUAnalysis::Scope::StaticLocal
         : VD->hasGlobalStorage()   ? TUAnalysis::Scope::Global
                                    : TUAnalysis::Scope::Local;
  }
  return Sc;
}

bool Engine::isGlobalPath(PathId P) const {
  return scopeOf(P) == TUAnalysis::Scope::Global;
}

bool Engine::isCalleeLocal(PathId P, const Decl *Callee) const {
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

bool Engine::tracked(PathId P) const {
  if (P == NoPath)
    return false;
  const Path &Pa = TU.Paths.get(P);
  const void *D = Pa.lastDecl();
  if (!D)
    return false;
  if (TU.TestedDecls.count(D))
    return true;
  // What an out-parameter points to is the caller's variable (`*lppMDB =
  // NULL` is what the caller's `if (lpMDB)` tests).
  if (Pa.Size == 1 && Pa.Elems[0] == Path::DerefElem &&
      Pa.Base != Path::ThisBase &&
      isa<ParmVarDecl>(static_cast<const ValueDecl *>(Pa.Base)))
    return true;
  QualType T = static_cast<const ValueDecl *>(D)->getType();
  return TU.Rec.isSmartPointer(T);
}

void Engine::setTracked(State &S, PathId P, std::optional<Val> V) {
  if (P == NoPath)
    return;
  S.eraseWithPrefix(TU.Paths, P);
  if (V && (tracked(P) || V->K == ValKind::Obj))
    S.set(P, *V);
}

std::optional<Val> Engine::evalVal(const Expr *E, const State &S) {
  if (!E)
    return std::nullopt;
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  // `p = 0` is a null pointer, not the number 0: the conversion to the
  // pointer type says so, before implicit casts are looked through.
  const Expr *Conv = E->IgnoreParens();
  E = E->IgnoreParenImpCasts();
  if (E->isNullPointerConstant(TU.Ctx, Expr::NPC_ValueDependentIsNotNull) !=
          Expr::NPCK_NotNull &&
      (Conv->getType()->isPointerType() || E->getType()->isPointerType() ||
       E->getType()->isNullPtrType() || isa<GNUNullExpr>(E) ||
       isa<CXXNullPtrLiteralExpr>(E)))
    return Val::null();
  Expr::EvalResult R;
  if (E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(R, TU.Ctx))
    return Val::constant(R.Val.getInt().getExtValue());
  const Expr *SE = stripCasts(E);
  if (const auto *U = dyn_cast<UnaryOperator>(SE))
    if (U->getOpcode() == UO_AddrOf)
      return Val::nonNull();
  if (isa<CXXNewExpr>(SE) || isa<clang::StringLiteral>(SE) ||
      isa<LambdaExpr>(SE))
    return Val::nonNull();
  PathId P = pathOf(SE);
  if (P != NoPath)
    if (const Val *V = S.get(P))
      return *V;
  return std::nullopt;
}

std::string Engine::describe(const Expr *E) {
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

std::string Engine::objName(const State &S, int I) {
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
    std::string N =
        Best->Base == Path::ThisBase
            ? ""
            : static_cast<const NamedDecl *>(Best->Base)->getNameAsString();
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

bool Engine::outOfFocus(const ObjState &O) const {
  if (!FocusMode || Stack.size() != 1 || O.Session)
    return false;
  return O.External ? !Focus.empty() : !is_contained(Focus, O.Site);
}

int Engine::newObj(State &S, ObjState O) {
  if (outOfFocus(O))
    return -1;
  // One object per acquisition site and frame: a loop that opens and
  // releases per row reuses it, which keeps states finite.
  for (unsigned I = 0; I < S.Objs.size(); ++I)
    if (S.Objs[I].Site == O.Site && S.Objs[I].Slot == O.Slot &&
        !S.Objs[I].Inherited && O.Site) {
      // Holders of the old object keep an unknown value.
      S.eraseHolders(int(I));
      S.Advises.erase(
          std::remove_if(S.Advises.begin(), S.Advises.end(),
                         [&](const AdviseRec &R) { return R.Obj == int(I); }),
          S.Advises.end());
      S.Objs[I] = O;
      return int(I);
    }
  if (S.Objs.size() >= 24)
    return -1;
  S.Objs.push_back(O);
  return int(S.Objs.size() - 1);
}

int Engine::objOf(State &S, const Expr *E, bool Create) {
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

PathId Engine::outPath(const Expr *Out) {
  const Expr *SA = stripCasts(Out);
  if (const auto *U = dyn_cast<UnaryOperator>(SA);
      U && U->getOpcode() == UO_AddrOf)
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

void Engine::bindOut(State &S, const Expr *Out, int Id) {
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

void Engine::compactObjects(State &S, unsigned From, const Stmt *At) {
  // A helper's own objects that nothing the caller sees holds are the
  // helper's business: released or never got, they are gone; still live,
  // their leak is judged once, in the helper's own frame (its top-level
  // analysis), not again at every call. Only an object opened from one of
  // the caller's objects stays: the caller's Logoff finds it still open.
  SmallVector<bool, 8> Keep(S.Objs.size(), true), Drop(S.Objs.size(), false);
  for (unsigned I = From; I < S.Objs.size(); ++I) {
    const ObjState &O = S.Objs[I];
    int Root = S.rootSession(int(I));
    Keep[I] = O.Ph == ObjState::Live && !O.Buffer && !O.Session && Root >= 0 &&
              Root < int(From);
    // A focused run follows only its own site's objects out of helpers.
    if (FocusMode && Stack.size() == 1 && !O.Session &&
        !is_contained(Focus, At)) {
      Drop[I] = true;
      S.eraseHolders(int(I));
      if (S.LastCallVal && S.LastCallVal->objIndex() == int(I))
        S.LastCallVal.reset();
      S.Advises.erase(
          std::remove_if(S.Advises.begin(), S.Advises.end(),
                         [&](const AdviseRec &R) { return R.Obj == int(I); }),
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

void Engine::reuseSites(State &S, unsigned From) {
  // One object per acquisition site and frame, for what a helper or a
  // lambda hands back too: a loop that calls it again replaces the earlier
  // iteration's object instead of adding one per iteration.
  SmallVector<bool, 8> Keep(S.Objs.size(), true);
  bool Any = false;
  for (unsigned I = From; I < S.Objs.size(); ++I) {
    const ObjState &N = S.Objs[I];
    for (unsigned J = 0; J < From && N.Site; ++J) {
      ObjState &Old = S.Objs[J];
      if (!Keep[J] || Old.Site != N.Site || Old.Slot != N.Slot ||
          Old.Inherited || Old.Session != N.Session || Old.Buffer != N.Buffer)
        continue;
      S.eraseHolders(int(J));
      S.Advises.erase(
          std::remove_if(S.Advises.begin(), S.Advises.end(),
                         [&](const AdviseRec &R) { return R.Obj == int(J); }),
          S.Advises.end());
      Old = N;
      auto Move = [&](Val &V) {
        if (V.objIndex() == int(I))
          V.C = int(J);
      };
      for (auto &KV : S.Vals)
        Move(KV.second);
      for (std::optional<Val> *V : {&S.LastCallVal, &S.Ret})
        if (*V)
          Move(**V);
      for (AdviseRec &R : S.Advises)
        if (R.Obj == int(I))
          R.Obj = int(J);
      for (ObjState &O : S.Objs)
        if (O.Parent == int(I))
          O.Parent = int(J);
      Keep[I] = false;
      Any = true;
      break;
    }
  }
  if (Any)
    removeObjects(S, Keep);
}

void Engine::reclaim(State &S) {
  // Released objects that nothing holds any more are over; a long routine
  // that opens and releases many objects must not run out of room for the
  // ones that come last.
  SmallVector<bool, 8> Keep(S.Objs.size(), false);
  for (unsigned I = 0; I < S.Objs.size(); ++I)
    // Maybe comes from merging paths it is over on; a session released
    // without a Logoff is judged at the exit.
    // An object merged from paths that never acquired it (OrNull) whose
    // holder was overwritten existed only where that holder was null: a
    // correct routine empties a holder before it reuses it.
    Keep[I] = (S.Objs[I].Ph == ObjState::Live && !S.Objs[I].OrNull) ||
              (S.Objs[I].Session && S.Objs[I].Ph == ObjState::Released &&
               !S.Objs[I].LoggedOff);
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

void Engine::removeObjects(State &S, ArrayRef<bool> Keep) {
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

void Engine::escapeReferenced(const Expr *E, State &S) {
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

void Engine::escapeArgs(ArrayRef<const Expr *> Args, State &S) {
  for (const Expr *A : Args) {
    const Expr *SA = stripCasts(A);
    if (const auto *U = dyn_cast<UnaryOperator>(SA);
        U && U->getOpcode() == UO_AddrOf)
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

bool Engine::keptBeyond(const State &S, int I) const {
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

} // namespace mapi
