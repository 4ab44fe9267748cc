//===- Transfer.cpp - transfer functions and branch refinement ------------===//
//
// What each CFG element does to a state: calls (the API table's rows go to
// the models), constructors, destructors, assignments and returns; and what
// a branch condition says on each edge.
//
//===----------------------------------------------------------------------===//
#include "Compat.h"
#include "engine/Engine.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace mapi {

static const Decl *bodyDecl(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (FD && FD->hasBody(Def))
    return Def;
  return nullptr;
}

void Engine::stepPointer(State &S, const Expr *E) {
  PathId P = pathOf(E);
  const Val *V = P != NoPath ? S.get(P) : nullptr;
  if (V && V->objIndex() >= 0 && S.Objs[V->objIndex()].Buffer &&
      E->getType()->isPointerType())
    return;
  setTracked(S, P, std::nullopt);
}

void Engine::applyApi(Frame &F, const ApiCall &A, State &S) {
  bool Method = !A.Interface.empty();
  int Self = Method ? objOf(S, A.Object, A.IsMapiCall) : -1;
  Sessions.onUse(F, A, Self, S);
  // Each row goes to the model of its domain, in the table's order.
  for (const ApiRow *R : A.Rows) {
    switch (R->R) {
    case Role::Logon:
    case Role::OpenObject:
    case Role::Logoff:
    case Role::Release:
    case Role::AddRef:
    case Role::Submit:
    case Role::Flush:
    case Role::StoreLogoff:
      Sessions.onRow(F, A, *R, Self, S);
      break;
    case Role::AllocMem:
    case Role::FreeMem:
      Memory.onRow(F, A, *R, Self, S);
      break;
    case Role::Advise:
    case Role::Unadvise:
      Registrations.onRow(F, A, *R, Self, S);
      break;
    default:
      break;
    }
  }
  Library.onCall(F, A, S);
}

void Engine::eraseOutParams(const ApiCall &A, State &S) {
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
    // `&el` of a structure is what the call reads (an ENTRYLIST, an
    // SPropValue): MAPI writes out-parameters through pointers to pointers
    // and to scalars, not into the caller's structures.
    if (const auto *U = dyn_cast<UnaryOperator>(SA))
      if (U->getOpcode() == UO_AddrOf &&
          !U->getSubExpr()->getType()->isRecordType())
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

void Engine::transferCall(Frame &F, const CallExpr *CE, State &S,
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
            Sessions.releaseObj(S, V->objIndex(), loc(CE->getBeginLoc()));
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
        S.LastCall = CE,
        S.LastCallVal = V ? std::optional<Val>(*V) : std::nullopt;
      Out.push_back(std::move(S));
      return;
    }
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (Op->getNumArgs() >= 1 &&
        TU.Rec.isSmartPointer(Op->getArg(0)->getType())) {
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
      } else if (Op->getOperator() == OO_Amp) {
        // WRL, _com_ptr_t and wil release what they hold before refilling.
        if (const Val *V = S.get(P))
          Sessions.releaseObj(S, V->objIndex(), loc(CE->getBeginLoc()));
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
    shareCaptures(M, MD->getParent());
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

void Engine::transferConstruct(Frame &F, const CXXConstructExpr *CE, State &S,
                               std::vector<State> &Out) {
  const VarDecl *VD = nullptr;
  auto It = TU.CtorVars.find(CE);
  if (It != TU.CtorVars.end())
    VD = It->second;
  PathId P = NoPath;
  if (VD) {
    Path Pa;
    Pa.Base = canonicalDecl(VD);
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
                    (VD ? VD->getNameAsString() : std::string("temporary")) +
                    "'";
  inlineCall(F, Body, M, CE, loc(CE->getBeginLoc()), Via, {}, S, Out);
}

void Engine::transferDtor(Frame &F, QualType T, PathId P, SourceLocation At,
                          const Stmt *Trigger, const NamedDecl *Var, State &S,
                          std::vector<State> &Out) {
  std::string Name = Var ? Var->getNameAsString() : "";
  StringRef Iface;
  if (TU.Rec.isSmartPointer(T, &Iface)) {
    const Val *V = P != NoPath ? S.get(P) : nullptr;
    if (!(V && V->truth() == 0) && TU.Table.isMapiInterface(Iface) &&
        S.lib(Resource::Mapi).P == LibState::Down) {
      Effect E{ViolationKind::MapiAfterUninit,
               Resource::Mapi,
               "the destructor of '" + Name + "' releasing its " + Iface.str(),
               At,
               "",
               {}};
      if (Var)
        E.Notes.push_back(
            {loc(Var->getLocation()), "'" + Name + "' is declared here"});
      raise(F, S, std::move(E));
    }
    if (V)
      Sessions.releaseObj(S, V->objIndex(), At);
    S.eraseWithPrefix(TU.Paths, P);
    Out.push_back(std::move(S));
    return;
  }
  if (TU.Rec.isBufferHolder(T)) {
    // Its destructor frees what it holds.
    if (const Val *V = P != NoPath ? S.get(P) : nullptr)
      if (int I = V->objIndex();
          I >= 0 && S.Objs[I].Buffer && S.Objs[I].Ph == ObjState::Live) {
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
    const LambdaExpr *Guard = FF->Guards.find(VD)->second;
    shareCaptures(M, Guard->getLambdaClass());
    Body = Guard->getCallOperator();
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
      Extra.push_back(
          {loc(Var->getLocation()), "'" + Name + "' is declared here"});
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

void Engine::transferAssign(const BinaryOperator *BO, State &S) {
  store(S, pathOf(BO->getLHS()), BO->getRHS());
}

void Engine::transferVarDecl(const VarDecl *VD, State &S) {
  Path Pa;
  Pa.Base = canonicalDecl(VD);
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

void Engine::store(State &S, PathId L, const Expr *Value) {
  const Expr *RHS = stripCasts(Value);
  std::optional<Val> V =
      S.LastCall && RHS == S.LastCall ? S.LastCallVal : evalVal(Value, S);
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
  // `hr = MAPIInitialize(...)`, `hr = p->OpenMsgStore(...)`, `hr =
  // Advise(...)`: the call's result now lives in L; an untested result L held
  // is gone.
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

bool Engine::inert(const CFGElement &E) {
  // Keep in step with transfer(): the statements it acts on.
  auto CS = E.getAs<CFGStmt>();
  if (!CS)
    return false;
  const Stmt *St = CS->getStmt();
  if (isa<CallExpr, CXXConstructExpr, DeclStmt, CXXDeleteExpr, ReturnStmt>(St))
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(St))
    return BO->getOpcode() != BO_Assign && !BO->isCompoundAssignmentOp();
  if (const auto *U = dyn_cast<UnaryOperator>(St))
    return !U->isIncrementDecrementOp();
  return true;
}

void Engine::transfer(Frame &F, const CFGElement &E, State &S,
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
        direct(Finding{CheckId::UnfreedBuffer,
                       loc(DE->getBeginLoc()),
                       "'" + objName(S, I) + "' is MAPI memory; free it with " +
                           (S.Objs[I].D == Dealloc::Prows ? "FreeProws"
                            : S.Objs[I].D == Dealloc::Padrlist
                                ? "FreePadrlist"
                                : "MAPIFreeBuffer") +
                           ", not 'delete'",
                       N,
                       {}});
        S.Objs[I].Ph = ObjState::Released;
      }
    } else if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
      const Expr *RV =
          RS->getRetValue() ? stripCasts(RS->getRetValue()) : nullptr;
      S.Ret =
          RV && S.LastCall && RV == S.LastCall ? S.LastCallVal : evalVal(RV, S);
      // A returned cookie is the caller's registration to judge.
      if (PathId RP = pathOf(RV); RP != NoPath)
        for (AdviseRec &R : S.Advises)
          if (R.Conn == RP)
            R.Conn = NoPath;
    } else if (const auto *U = dyn_cast<UnaryOperator>(St)) {
      if (U->isIncrementDecrementOp()) {
        // A small loop counter stays known (`for (i = 0; i < 3; ++i)`
        // runs its body three times, then leaves); past that, unknown.
        PathId P = pathOf(U->getSubExpr());
        const Val *V = P != NoPath ? S.get(P) : nullptr;
        QualType CT = U->getSubExpr()->getType();
        bool Wraps = CT->isUnsignedIntegerType() && V && V->C == 0 &&
                     U->isDecrementOp();
        if (V && V->K == ValKind::Const && CT->isIntegerType() && !Wraps &&
            V->C > -16 && V->C < 16)
          S.set(P, Val::constant(V->C + (U->isIncrementOp() ? 1 : -1)));
        else
          stepPointer(S, U->getSubExpr());
      }
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
                   CE && CE->getNumArgs() == 0 ? std::optional<Val>(Val::null())
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
    Pa.Base = canonicalDecl(VD);
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

void Engine::zeroCount(State &S, PathId P) {
  // A zero count or size beside a buffer of the same call: nothing was
  // allocated (`if (FAILED(hr) || !cb) return;`).
  if (P == NoPath)
    return;
  for (unsigned I = 0; I < S.Objs.size(); ++I)
    if (S.Objs[I].Buffer && S.Objs[I].SizeP == P &&
        S.Objs[I].Ph == ObjState::Live && !S.Objs[I].External) {
      S.Objs[I].Ph = ObjState::Gone;
      S.eraseHolders(int(I));
    }
}

/// A registration made on some merged paths only exists where its
/// connection is non-zero.
static void settleRegistrations(State &S, PathId Conn, bool Zero) {
  if (Conn == NoPath)
    return;
  for (auto It = S.Advises.begin(); It != S.Advises.end();) {
    if (It->Conn == Conn && It->OrZero) {
      if (Zero) {
        It = S.Advises.erase(It);
        continue;
      }
      It->OrZero = false;
    }
    ++It;
  }
}

bool Engine::refine(const CondInfo &CI, bool TrueEdge, State &S) {
  if (CI.K == CondInfo::None)
    return true;
  PathId P = pathOf(CI.Subject);
  const Val *V = P != NoPath ? S.get(P) : nullptr;
  std::optional<Val> CallV;
  if (!V && S.LastCall && CI.Subject == stripCasts(S.LastCall) &&
      S.LastCallVal) {
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
        S.nullHolders(int(I));
      }
    }
    for (LibState &L : S.Libs) {
      bool Mine = L.P == LibState::Up && L.Pending.valid() &&
                  ((P != NoPath && L.Pending.P == P) ||
                   (L.Pending.E && L.Pending.E == CI.Subject));
      if (Mine) {
        if (Failure) { // the initializer failed: it initialised nothing
          L = L.previous();
        } else {
          L.Pending = ResultRef();
        }
      } else if (Failure && L.P == LibState::Up && !L.Inherited) {
        L.FailSeen = true;
        L.CleanSeen = false;
      }
    }
    return true;
  }
  case CondInfo::Pointer: {
    bool NonNull = TrueEdge == CI.TrueIsNonNull;
    settleRegistrations(S, P, !NonNull);
    if (!NonNull && !V && Library.impossibleNull(CI.Subject, S))
      return false;
    if (V && V->objIndex() >= 0) {
      // An out-parameter of an untested acquisition, or a parameter, may be
      // null; an object known to exist is not.
      int I = V->objIndex();
      ObjState &O = S.Objs[I];
      bool MaybeNull =
          O.External || O.Pending || O.PendingP != NoPath || O.OrNull;
      if (NonNull) {
        O.Pending = nullptr;
        O.PendingP = NoPath;
        O.OrNull = false;
        return true;
      }
      if (!MaybeNull)
        return false;
      if (O.OrNull) { // a path that never acquired it: no holder holds it,
        S.nullHolders(I); // and no registration was made on it
        S.Advises.erase(std::remove_if(S.Advises.begin(), S.Advises.end(),
                                       [&](const AdviseRec &R) {
                                         return R.Obj == I && R.OrZero;
                                       }),
                        S.Advises.end());
      }
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
  case CondInfo::Compare: {
    if (!V || V->K != ValKind::Const)
      return true;
    if (CI.Bound) {
      // `for (j = 0; j < cValues; ++j)` not entered: the count is zero.
      if (!TrueEdge && V->C == 0)
        zeroCount(S, pathOf(CI.Bound));
      return true;
    }
    bool Holds = CI.Op == CondInfo::LT   ? V->C < CI.Value
                 : CI.Op == CondInfo::LE ? V->C <= CI.Value
                 : CI.Op == CondInfo::GT ? V->C > CI.Value
                                         : V->C >= CI.Value;
    return Holds == TrueEdge; // `for (i = 0; i < 3; ++i)` enters its body
  }
  case CondInfo::Scalar: {
    bool Equal = TrueEdge == CI.TrueIsEqual;
    if (CI.Value == 0)
      settleRegistrations(S, P, Equal);
    if (Equal && CI.Value == 0)
      zeroCount(S, P);
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

} // namespace mapi
