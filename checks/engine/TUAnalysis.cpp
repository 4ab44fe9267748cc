//===- TUAnalysis.cpp - the engine, built once per translation unit -------===//
#include "engine/TUAnalysis.h"
#include "engine/Conditions.h"
#include "engine/FunctionAnalysis.h"
#include "Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/Hashing.h"
#include <mutex>

#include <cstdlib>
using namespace clang;
using namespace llvm;

namespace mapi {

namespace {

const Decl *definitionOf(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (FD && FD->hasBody(Def))
    return Def;
  return nullptr;
}

/// The variable or field an expression names, looking through casts,
/// `*p`/`&x` and smart pointer conversions.
const void *namedDeclOf(const Expr *E) {
  while (E) {
    E = stripCasts(E);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return DRE->getDecl()->getCanonicalDecl();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return ME->getMemberDecl()->getCanonicalDecl();
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
      E = MC->getImplicitObjectArgument();
    else if (const auto *U = dyn_cast<UnaryOperator>(E))
      E = U->getSubExpr();
    else
      return nullptr;
  }
  return nullptr;
}

/// What one function's body says of it: API calls, callees, assignments,
/// guards. Fed the nodes of the body (not of the lambdas in it, which are
/// functions of their own) by the TU's one walk, DeclScan.
class BodyScan {
public:
  BodyScan(TUAnalysis &TU, std::array<unsigned, NumResources> &Inits,
           std::vector<std::pair<const CallExpr *, Resource>> &Uninits)
      : TU(TU), Inits(Inits), Uninits(Uninits) {}
  /// The function whose facts the next nodes add to.
  FunctionFacts *FFp = nullptr;

  bool VisitCallExpr(CallExpr *CE) {
    // Assigning into a MAPI smart pointer takes a reference.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE))
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          TU.Rec.isSmartPointer(Op->getArg(0)->getType()))
        FFp->HasApiCalls = true;
    if (const ApiCall *A = TU.apiCall(CE)) {
      FFp->HasApiCalls = true;
      if (!CE->getDirectCallee())
        FFp->SessionWide = true;
      for (const ApiRow *R : A->Rows) {
        switch (R->R) {
        case Role::Init: case Role::Uninit: case Role::LoadLibrary:
        case Role::FreeLibrary: case Role::GetProcAddress: case Role::Logon:
        case Role::Logoff: case Role::StoreLogoff: case Role::Submit:
        case Role::Flush:
          FFp->SessionWide = true;
          break;
        default:
          break;
        }
        if (R->R == Role::Init)
          ++Inits[unsigned(R->resource())];
        if (R->R == Role::Uninit)
          Uninits.push_back({CE, R->resource()});
        fieldEvent(*A, *R, CE);
      }
      return true;
    }
    // `m_sp.Release()` / `m_sp.reset()` on a smart pointer member.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (const CXXMethodDecl *MD = MC->getMethodDecl())
        if (MD->getIdentifier() &&
            (MD->getName() == "Release" || MD->getName() == "reset") &&
            MC->getImplicitObjectArgument() &&
            TU.Rec.isSmartPointer(MC->getImplicitObjectArgument()->getType()))
          if (const FieldDecl *F = fieldOf(MC->getImplicitObjectArgument())) {
            TU.Fields[F].Released = true;
            TU.Fields[F].Releases.push_back(CE);
          }
    if (const Decl *D = definitionOf(CE->getDirectCallee()))
      FFp->Callees.push_back(D);
    else if (const FunctionDecl *FD = CE->getDirectCallee();
             FD && !TU.Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
      // A pointer parameter handed to code we cannot see (a free wrapper
      // defined elsewhere): followed in context, the hand-off is seen.
      for (const Expr *Arg : CE->arguments())
        if (const void *D = namedDeclOf(Arg))
          if (const auto *PD =
                  dyn_cast<ParmVarDecl>(static_cast<const Decl *>(D)))
            if (PD->getType()->isPointerType())
              FFp->HasApiCalls = true;
    // A field or global handed to other code may be released there; handed
    // to a function named like a logoff, it may be logged off there.
    bool LogoffLike = false;
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (const IdentifierInfo *II = FD->getIdentifier()) {
        std::string N = II->getName().lower();
        LogoffLike = N.find("logoff") != std::string::npos ||
                     N.find("logout") != std::string::npos;
      }
    for (const Expr *Arg : CE->arguments())
      if (const void *D = persistentDeclOf(Arg)) {
        TU.Fields[D].Released = true;
        TU.Fields[D].LogoffUnseen |= LogoffLike;
      }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      mod(BO->getLHS());
    if (BO->getOpcode() == BO_Assign) // copied out: the copy may release it
      if (const void *D = persistentDeclOf(BO->getRHS()))
        TU.Fields[D].Released = true;
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    if (TU.Rec.isSmartPointer(CE->getType()))
      FFp->HasApiCalls = true;
    if (const Decl *D = definitionOf(CE->getConstructor()))
      FFp->Callees.push_back(D);
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (const Expr *Init = VD->getInit()) {
      const Expr *I = Init->IgnoreImplicit();
      if (const auto *CE = dyn_cast<CXXConstructExpr>(I))
        TU.CtorVars[CE] = VD;
      if (TU.Rec.isScopeGuard(VD->getType()))
        if (const LambdaExpr *L = findLambda(I)) {
          FFp->Guards[VD] = L;
          FFp->Callees.push_back(L->getCallOperator());
        }
    }
    if (TU.Rec.isSmartPointer(VD->getType()))
      FFp->HasApiCalls = true;
    if (const auto *RD = VD->getType()->getAsCXXRecordDecl())
      if (RD->hasDefinition())
        if (const CXXDestructorDecl *D = RD->getDestructor())
          if (const Decl *Def = definitionOf(D))
            FFp->Callees.push_back(Def);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    FFp->Callees.push_back(L->getCallOperator());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      mod(U->getSubExpr());
    return true;
  }
  bool VisitExpr(Expr *E) {
    if (E->containsErrors())
      FFp->HasErrors = true;
    return true;
  }

private:
  /// The field an expression names (`m_p`, `this->m_p`, `&m_p`), if any.
  static const FieldDecl *fieldOf(const Expr *E) {
    E = stripCasts(E);
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(E);
        U && U->getOpcode() == UO_AddrOf)
      E = stripCasts(U->getSubExpr());
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
        Op && (Op->getOperator() == OO_Amp || Op->getOperator() == OO_Arrow) &&
        Op->getNumArgs() == 1)
      E = stripCasts(Op->getArg(0));
    const auto *ME = dyn_cast_or_null<MemberExpr>(E);
    if (!ME)
      return nullptr;
    // A member of this object or of a global; not a field of some struct
    // reached through a pointer (`lpAdrList->aEntries[0].rgPropVals`).
    const Expr *Base = stripCasts(ME->getBase());
    bool Owned = isa<CXXThisExpr>(Base);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Base))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        Owned = VD->hasGlobalStorage() && !VD->isStaticLocal();
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    return F && Owned ? F->getCanonicalDecl() : nullptr;
  }
  /// A field or global an expression names (`m_ulConn`, `&g_ulConn`).
  static const void *persistentDeclOf(const Expr *E) {
    if (const FieldDecl *F = fieldOf(E))
      return F;
    const void *D = namedDeclOf(E);
    if (const auto *VD = static_cast<const Decl *>(D) ? dyn_cast<VarDecl>(static_cast<const Decl *>(D)) : nullptr)
      if (VD->hasGlobalStorage() && !VD->isStaticLocal())
        return VD;
    return nullptr;
  }
  void fieldEvent(const ApiCall &A, const ApiRow &R, const CallExpr *CE) {
    const Expr *Target = R.Arg == -2   ? A.arg(int(A.Args.size()) - 1)
                         : R.Arg < 0 ? A.Object
                                     : A.arg(R.Arg);
    switch (R.R) {
    case Role::OpenObject:
      if (const FieldDecl *F = fieldOf(Target))
        TU.Fields[F].Opens.push_back({CE, fieldOf(A.Object)});
      break;
    case Role::Logon:
      if (const void *D = persistentDeclOf(Target))
        TU.Fields[D].Logons.push_back(CE);
      break;
    case Role::Logoff:
      TU.AnyLogoff = true;
      if (const void *D = persistentDeclOf(A.Object))
        TU.Fields[D].Logoffs.push_back(CE);
      break;
    case Role::Release:
      if (const void *D = persistentDeclOf(Target)) {
        TU.Fields[D].Released = true;
        TU.Fields[D].Releases.push_back(CE);
      }
      break;
    case Role::Advise:
      if (const void *D = persistentDeclOf(Target))
        TU.Fields[D].Advises.push_back(CE);
      break;
    case Role::AllocMem:
      if (R.dealloc() != Dealloc::ChainedMore)
        if (const void *D = persistentDeclOf(Target))
          TU.Fields[D].Allocs.push_back(CE);
      break;
    case Role::FreeMem:
      if (const void *D = persistentDeclOf(Target))
        TU.Fields[D].Freed = true;
      break;
    case Role::Unadvise:
      if (const void *D = persistentDeclOf(Target))
        TU.Fields[D].Unadvised = true;
      break;
    case Role::StoreLogoff: // its flags are judged: follow their value
      if (const void *D = namedDeclOf(A.arg(0)))
        TU.TestedDecls.insert(D);
      break;
    default:
      break;
    }
  }
  static const LambdaExpr *findLambda(const Expr *E) {
    E = E->IgnoreImplicit();
    if (const auto *L = dyn_cast<LambdaExpr>(E))
      return L;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      for (const Expr *A : CE->arguments())
        if (const LambdaExpr *L = findLambda(A))
          return L;
    } else if (const auto *C = dyn_cast<CallExpr>(E)) {
      for (const Expr *A : C->arguments())
        if (const LambdaExpr *L = findLambda(A))
          return L;
    } else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E)) {
      return findLambda(FC->getSubExpr());
    } else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      return findLambda(MT->getSubExpr());
    }
    return nullptr;
  }
  void mod(const Expr *E) {
    if (const void *D = namedDeclOf(E))
      FFp->Mods.insert(D);
  }

  TUAnalysis &TU;
  std::array<unsigned, NumResources> &Inits;
  std::vector<std::pair<const CallExpr *, Resource>> &Uninits;
};

/// The TU's one walk: GetProcAddress bindings, tested declarations, the
/// function list, and each function's body facts (BodyScan). The calls of
/// a body are judged after the walk, once every binding is known (a call
/// through a pointer may come before the GetProcAddress that sets it).
class DeclScan : public RecursiveASTVisitor<DeclScan> {
public:
  DeclScan(TUAnalysis &TU, std::vector<const Decl *> &Order, BodyScan &Body)
      : TU(TU), Order(Order), Body(Body) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }
  // Walked by VisitLambdaExpr, as the lambda's own function.
  bool shouldVisitLambdaBody() const { return false; }

  // System headers hold thousands of declarations and no user code: their
  // inline functions are treated like any function without a body.
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        TU.Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor<DeclScan>::TraverseDecl(D);
    // A template's pattern is walked for the TU's facts, not analysed.
    Cur.push_back(FD->isDependentContext() ? nullptr : addFunction(FD));
    bool R = RecursiveASTVisitor<DeclScan>::TraverseDecl(D);
    Cur.pop_back();
    return R;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    forward(&BodyScan::VisitLambdaExpr, L);
    CXXMethodDecl *Op = L->getCallOperator();
    Cur.push_back(Op && Op->hasBody() && !Op->isDependentContext()
                      ? addFunction(Op)
                      : nullptr);
    bool R = TraverseStmt(L->getBody());
    Cur.pop_back();
    return R;
  }
  // The body's own nodes, for BodyScan.
  bool VisitCallExpr(CallExpr *CE) {
    if (FunctionFacts *FF = current())
      Calls.push_back({FF, CE});
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    return forward(&BodyScan::VisitCXXConstructExpr, CE);
  }
  bool VisitExpr(Expr *E) { return forward(&BodyScan::VisitExpr, E); }
  /// Judges the calls of every body, in walk order.
  void finishCalls() {
    for (auto [FF, CE] : Calls) {
      Body.FFp = FF;
      Body.VisitCallExpr(CE);
    }
  }
  /// The facts gathered, under their declarations.
  void moveFactsTo(DenseMap<const Decl *, FunctionFacts> &Functions) {
    for (auto &KV : Facts)
      Functions[KV.first] = std::move(*KV.second);
  }
  /// A value that is not a constant of the code: the variable is data,
  /// not a flag the code sets to remember what it did.
  void computed(const void *D, const Expr *Value) {
    if (!D || !Value || TU.Computed.count(D)) // known data already
      return;
    // Only an integer or a null pointer can be a flag's constant (and
    // only a non-dependent one may be evaluated).
    bool Constant =
        !Value->getType().isNull() && !Value->isTypeDependent() &&
        !Value->isValueDependent() && !Value->containsErrors() &&
        ((Value->getType()->isIntegralOrEnumerationType() &&
          Value->isIntegerConstantExpr(TU.Ctx)) ||
         ((Value->getType()->isPointerType() ||
           Value->getType()->isNullPtrType()) &&
          Value->IgnoreParenImpCasts()->isNullPointerConstant(
              TU.Ctx, Expr::NPC_ValueDependentIsNotNull) !=
              Expr::NPCK_NotNull));
    if (!Constant)
      TU.Computed.insert(D);
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    forward(&BodyScan::VisitBinaryOperator, BO);
    if (BO->getOpcode() == BO_Assign) {
      bind(namedDeclOf(BO->getLHS()), BO->getRHS());
      computed(namedDeclOf(BO->getLHS()), BO->getRHS());
    }
    if (BO->isCompoundAssignmentOp())
      if (const void *D = namedDeclOf(BO->getLHS()))
        TU.Counters.insert(D);
    // `i < 3`, `i == 0`: a counter a constant bound rules on is unrolled.
    if (BO->isComparisonOp())
      for (auto [Var, Other] : {std::pair(BO->getLHS(), BO->getRHS()),
                                std::pair(BO->getRHS(), BO->getLHS())})
        if (const void *D = namedDeclOf(Var)) // the evaluation is not cheap
          if (!TU.ConstBounded.count(D) && !Other->isValueDependent() &&
              Other->getType()->isIntegralOrEnumerationType() &&
              Other->isIntegerConstantExpr(TU.Ctx))
            TU.ConstBounded.insert(D);
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
      tested(BO->getLHS());
      tested(BO->getRHS());
    }
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    // A parameter belongs to the signature, not to the body.
    if (!isa<ParmVarDecl>(VD))
      forward(&BodyScan::VisitVarDecl, VD);
    if (VD->getInit()) {
      bind(VD->getCanonicalDecl(), VD->getInit());
      computed(VD->getCanonicalDecl(), VD->getInit());
    }
    return true;
  }
  // A returned variable is tested by the callers (`HRESULT hr_ = (x);
  // return hr_;` in an error-check lambda passes its callee's result on).
  bool VisitReturnStmt(ReturnStmt *S) {
    if (const Expr *RV = S->getRetValue())
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(RV->IgnoreParenImpCasts()))
        if (isa<VarDecl>(DRE->getDecl()))
          TU.TestedDecls.insert(namedDeclOf(DRE));
    return true;
  }
  bool VisitIfStmt(IfStmt *S) { return tested(S->getCond()); }
  bool VisitWhileStmt(WhileStmt *S) { return tested(S->getCond()); }
  bool VisitDoStmt(DoStmt *S) { return tested(S->getCond()); }
  bool VisitForStmt(ForStmt *S) { return tested(S->getCond()); }
  bool VisitConditionalOperator(ConditionalOperator *C) {
    return tested(C->getCond());
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    forward(&BodyScan::VisitUnaryOperator, U);
    if (U->getOpcode() == UO_LNot)
      tested(U->getSubExpr());
    if (U->isIncrementDecrementOp())
      if (const void *D = namedDeclOf(U->getSubExpr()))
        TU.Counters.insert(D);
    if (U->getOpcode() == UO_AddrOf) // written by a callee: data
      if (const void *D = namedDeclOf(U->getSubExpr()))
        TU.Computed.insert(D);
    return true;
  }

private:
  FunctionFacts *current() const { return Cur.empty() ? nullptr : Cur.back(); }
  /// Hands a node to BodyScan for the function whose body it is in.
  template <typename Node>
  bool forward(bool (BodyScan::*Visit)(Node *), Node *N) {
    if (FunctionFacts *FF = current()) {
      Body.FFp = FF;
      (Body.*Visit)(N);
    }
    return true;
  }
  FunctionFacts *addFunction(const FunctionDecl *FD) {
    const Decl *D = FD;
    auto &Slot = Facts[D];
    if (!Slot) {
      Slot = std::make_unique<FunctionFacts>();
      Order.push_back(D);
    }
    return Slot.get();
  }
  bool tested(const Expr *E) {
    if (!E)
      return true;
    CondInfo CI = TU.condition(E);
    if (CI.K == CondInfo::None)
      return true;
    // The tested declaration (m_p in `if (m_p)`, sp in `if (sp)`).
    if (const void *D = namedDeclOf(CI.Subject))
      TU.TestedDecls.insert(D);
    return true;
  }
  void bind(const void *Target, const Expr *Init) {
    if (!Target)
      return;
    ProcBinding B;
    if (!TU.Rec.procAddress(Init, B))
      return;
    const auto *VD = static_cast<const ValueDecl *>(Target);
    auto It = TU.Bindings.find(VD);
    if (It == TU.Bindings.end())
      TU.Bindings[VD] = B;
    else if (It->second.Function != B.Function)
      It->second.Function = "?"; // two different functions: not followed
  }

  TUAnalysis &TU;
  std::vector<const Decl *> &Order;
  BodyScan &Body;
  /// The function whose body the walk is in (nullptr: none, or a pattern).
  SmallVector<FunctionFacts *, 8> Cur;
  // Owned here while the walk adds functions (a DenseMap's values move).
  DenseMap<const Decl *, std::unique_ptr<FunctionFacts>> Facts;
  std::vector<std::pair<FunctionFacts *, CallExpr *>> Calls;
};

} // namespace

TUAnalysis::TUAnalysis(ASTContext &Ctx, const Config &Cfg)
    : Ctx(Ctx), Cfg(Cfg), Rec(Table, this->Cfg, Bindings) {
  for (const std::string &F : Cfg.ReleaseFunctions)
    Table.addFunction(F, Role::Release, 0, 0);
  for (const std::string &F : Cfg.FlushFunctions)
    Table.addFunction(F, Role::Flush, -1, 0);
  // Arg -2: the last argument holds the connection.
  for (const std::string &F : Cfg.AdviseFunctions)
    Table.addFunction(F, Role::Advise, -2, 0);
  for (const std::string &F : Cfg.UnadviseFunctions)
    Table.addFunction(F, Role::Unadvise, -2, 0);
  for (const std::string &F : Cfg.AllocFunctions)
    Table.addFunction(F, Role::AllocMem, -2, int(Dealloc::FreeBuffer));
  for (const std::string &F : Cfg.FreeFunctions)
    Table.addFunction(F, Role::FreeMem, 0, int(Dealloc::FreeBuffer));
  scan();
  analyzeAll();
}

TUAnalysis::~TUAnalysis() = default;

std::shared_ptr<TUAnalysis> TUAnalysis::get(ASTContext &Ctx,
                                            const Config &Cfg) {
  // Checks of one clang-tidy run share the analysis of the TU they are in.
  static std::mutex Lock;
  static std::map<std::pair<const ASTContext *, std::string>,
                  std::weak_ptr<TUAnalysis>>
      Cache;
  std::lock_guard<std::mutex> G(Lock);
  for (auto It = Cache.begin(); It != Cache.end();)
    It = It->second.expired() ? Cache.erase(It) : std::next(It);
  auto &Slot = Cache[{&Ctx, Cfg.key()}];
  if (auto Existing = Slot.lock())
    return Existing;
  auto A = std::make_shared<TUAnalysis>(Ctx, Cfg);
  Slot = A;
  return A;
}

const FunctionFacts *TUAnalysis::facts(const Decl *D) const {
  auto It = Functions.find(D);
  return It == Functions.end() ? nullptr : &It->second;
}

const ApiCall *TUAnalysis::apiCall(const CallExpr *CE) {
  auto It = ApiCalls.find(CE);
  if (It != ApiCalls.end())
    return It->second.get();
  auto A = std::make_unique<ApiCall>();
  if (!Rec.recognize(CE, *A))
    A.reset();
  return (ApiCalls[CE] = std::move(A)).get();
}

CondInfo TUAnalysis::condition(const Expr *Cond) {
  auto [It, New] = Conditions.try_emplace(Cond);
  if (New)
    It->second = classifyCondition(Cond, Ctx);
  return It->second;
}

const CFG *TUAnalysis::cfgFor(const Decl *D) {
  auto It = CFGs.find(D);
  if (It != CFGs.end())
    return It->second.get();
  std::unique_ptr<CFG> G;
  const auto *FD = dyn_cast<FunctionDecl>(D);
  if (FD && FD->getBody()) {
    CFG::BuildOptions Opts;
    Opts.AddImplicitDtors = true;
    Opts.AddInitializers = true;
    Opts.AddCXXDefaultInitExprInCtors = true;
    Opts.PruneTriviallyFalseEdges = true;
    // Calls nested in conditions and assignments must be elements of their
    // own (`if (FAILED(hr = MAPIInitialize(0)))`); plain operands need not.
    for (Stmt::StmtClass C :
         {Stmt::CallExprClass, Stmt::CXXMemberCallExprClass,
          Stmt::CXXOperatorCallExprClass, Stmt::CXXConstructExprClass,
          Stmt::CXXTemporaryObjectExprClass, Stmt::BinaryOperatorClass,
          Stmt::CompoundAssignOperatorClass, Stmt::UnaryOperatorClass,
          Stmt::DeclStmtClass, Stmt::ReturnStmtClass,
          Stmt::CXXDeleteExprClass})
      Opts.setAlwaysAdd(C);
    G = CFG::buildCFG(D, FD->getBody(), &Ctx, Opts);
  }
  const CFG *R = G.get();
  CFGs[D] = std::move(G);
  return R;
}

const std::vector<unsigned> &TUAnalysis::orderFor(const Decl *D) {
  auto It = Orders.find(D);
  if (It != Orders.end())
    return It->second;
  std::vector<unsigned> Rank;
  if (const CFG *G = cfgFor(D)) {
    // Iterative depth-first search from the entry, last successor first,
    // so that reversed post-order walks a then-branch before its else (the
    // first path in source order is the one whose notes are kept).
    const unsigned N = G->getNumBlockIDs();
    std::vector<const CFGBlock *> Post;
    std::vector<char> Seen(N, 0);
    std::vector<std::pair<const CFGBlock *, unsigned>> Stack; // block, succs left
    auto Enter = [&](const CFGBlock *B) {
      Seen[B->getBlockID()] = 1;
      Stack.push_back({B, B->succ_size()});
    };
    Enter(&G->getEntry());
    while (!Stack.empty()) {
      auto &[B, Left] = Stack.back();
      if (Left == 0) {
        Post.push_back(B);
        Stack.pop_back();
        continue;
      }
      const CFGBlock *S = (B->succ_begin() + --Left)->getReachableBlock();
      if (S && !Seen[S->getBlockID()])
        Enter(S);
    }
    Rank.assign(N, unsigned(N));
    for (unsigned I = 0; I < Post.size(); ++I)
      Rank[Post[Post.size() - 1 - I]->getBlockID()] = I;
  }
  return Orders[D] = std::move(Rank);
}

const Liveness *TUAnalysis::livenessFor(const Decl *D) {
  auto It = Live.find(D);
  if (It != Live.end())
    return It->second.get();
  const CFG *G = cfgFor(D);
  auto &L = Live[D];
  if (G)
    L = std::make_unique<Liveness>(*G);
  return L.get();
}

const DenseSet<const void *> &TUAnalysis::transitiveMods(const Decl *D) {
  auto It = ModClosure.find(D);
  if (It != ModClosure.end())
    return It->second;
  ModClosure[D]; // empty while in progress: recursion stops here
  DenseSet<const void *> Acc;
  if (const FunctionFacts *FF = facts(D)) {
    Acc.insert(FF->Mods.begin(), FF->Mods.end());
    for (const Decl *C : FF->Callees) {
      const DenseSet<const void *> &CM = transitiveMods(C);
      Acc.insert(CM.begin(), CM.end());
    }
  }
  DenseSet<const void *> &Slot = ModClosure[D];
  Slot = std::move(Acc);
  return Slot;
}

void TUAnalysis::addFinding(Finding F) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (F.Loc.isInvalid() || SM.isInSystemHeader(F.Loc))
    return;
  uint64_t K = hash_combine(unsigned(F.Check), F.Loc.getRawEncoding(), F.Msg);
  if (!FindingKeys.insert(K).second)
    return;
  Findings.push_back(std::move(F));
}

void TUAnalysis::scan() {
  std::array<unsigned, NumResources> Inits{};
  std::vector<std::pair<const CallExpr *, Resource>> Uninits;
  BodyScan Body(*this, Inits, Uninits);
  DeclScan Walk(*this, Order, Body);
  Walk.TraverseDecl(Ctx.getTranslationUnitDecl());
  // Drop ambiguous bindings.
  for (auto It = Bindings.begin(); It != Bindings.end();) {
    auto Cur = It++;
    if (Cur->second.Function == "?")
      Bindings.erase(Cur);
  }
  Walk.finishCalls();
  Walk.moveFactsTo(Functions);
  for (auto &KV : Functions) {
    const auto *FD = cast<FunctionDecl>(KV.first);
    bool TakesHR = false;
    for (const ParmVarDecl *P : FD->parameters())
      TakesHR |= isHResultType(P->getType());
    KV.second.PassesHResult = TakesHR && isHResultType(FD->getReturnType()) &&
                              KV.second.Callees.size() < 4;
  }
  // Relevance: a function reaches a MAPI event itself or through callees;
  // the same for events that concern objects it was not handed.
  for (auto &KV : Functions)
    KV.second.Relevant = KV.second.HasApiCalls;
  for (bool FunctionFacts::*Fact :
       {&FunctionFacts::Relevant, &FunctionFacts::SessionWide})
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (auto &KV : Functions) {
        if (KV.second.*Fact)
          continue;
        for (const Decl *C : KV.second.Callees) {
          const FunctionFacts *CF = facts(C);
          if (CF && CF->*Fact) {
            KV.second.*Fact = Changed = true;
            break;
          }
        }
      }
    }
  judgeFields();
  // Uninitializers with no initializer anywhere in the TU; not judged when
  // some function does not compile (its initializer may be in there).
  bool AnyErrors = false;
  for (const auto &KV : Functions)
    AnyErrors |= KV.second.HasErrors;
  for (const auto &U : AnyErrors ? decltype(Uninits)() : Uninits) {
    if (Inits[unsigned(U.second)] != 0 || U.second == Resource::Com)
      continue;
    Finding F;
    F.Check = CheckId::UnbalancedInitialize;
    F.Loc = Ctx.getSourceManager().getFileLoc(U.first->getBeginLoc());
    F.Msg = (uninitName(U.second) + " has no matching " + initName(U.second) +
             " in this translation unit")
                .str();
    addFinding(std::move(F));
  }
}

/// A class with methods defined in another file: one of them may log its
/// member session off.
static bool methodsElsewhere(const FieldDecl *FD) {
  const auto *RD = FD ? dyn_cast<CXXRecordDecl>(FD->getParent()) : nullptr;
  if (!RD)
    return false;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->isUserProvided() && !compat::isPureVirtual(M) && !M->hasBody() &&
        !M->isDeleted())
      return true;
  return false;
}

void TUAnalysis::judgeFields() {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Name = [](const void *F) {
    return static_cast<const NamedDecl *>(F)->getNameAsString();
  };
  for (const auto &KV : Fields) {
    const FieldFacts &FF = KV.second;
    // A connection kept in a member or global: some code of the TU must
    // pass it to Unadvise (a destructor, Stop(), a helper).
    if (!FF.Unadvised && !FF.Advises.empty())
      ConnLeaks.insert(KV.first);
    if (!FF.Unadvised)
      for (const CallExpr *Advise : FF.Advises)
        addFinding(Finding{CheckId::MissingUnadvise,
                           SM.getFileLoc(Advise->getBeginLoc()),
                           "the connection kept in '" +
                               static_cast<const NamedDecl *>(KV.first)
                                   ->getNameAsString() +
                               "' is never passed to Unadvise in this "
                               "translation unit",
                           {},
                           {}});
    // MAPI memory cached in a member or global (an entry ID, step 3) that
    // no code of the TU frees.
    if (!FF.Freed && !FF.Released)
      for (const CallExpr *Alloc : FF.Allocs)
        addFinding(Finding{CheckId::UnfreedBuffer,
                           SM.getFileLoc(Alloc->getBeginLoc()),
                           "the MAPI memory cached in '" +
                               static_cast<const NamedDecl *>(KV.first)
                                   ->getNameAsString() +
                               "' is never freed in this translation unit",
                           {},
                           {}});
    const auto *FD = dyn_cast<FieldDecl>(static_cast<const Decl *>(KV.first));
    // Logged on into a member or global, released by some method, and no
    // code of the TU logs any session off: step 4 is missing altogether
    // (the flow sees each method alone, so only the TU can tell).
    if (!FF.Logons.empty() && FF.Logoffs.empty() && !FF.Releases.empty() &&
        !FF.LogoffUnseen && !AnyLogoff && !methodsElsewhere(FD)) {
      Finding F{CheckId::SessionRelease,
                SM.getFileLoc(FF.Releases.front()->getBeginLoc()),
                "session '" + Name(KV.first) + "' is released without a "
                "Logoff; nothing in this translation unit logs it off",
                {{SM.getFileLoc(FF.Logons.front()->getBeginLoc()),
                  "'" + Name(KV.first) + "' is logged on here"}},
                {}};
      F.Variant = Finding::NoLogoff;
      addFinding(std::move(F));
    }
    if (!FD || FF.Released || Rec.isSmartPointer(FD->getType()))
      continue;
    // Opened into a member that nothing in the TU releases, from a session
    // member that some method logs off.
    for (const auto &Open : FF.Opens) {
      auto S = Fields.find(Open.second);
      if (!Open.second || S == Fields.end())
        continue;
      for (const CallExpr *Logoff : S->second.Logoffs) {
        FieldLeaks.insert(KV.first);
        Finding F{CheckId::ObjectsOpenAtLogoff,
                  SM.getFileLoc(Logoff->getBeginLoc()),
                  "'" + Name(KV.first) + "' is still open when '" +
                      Name(Open.second) + "' logs off",
                  {{SM.getFileLoc(Open.first->getBeginLoc()), "opened here"},
                   {SM.getFileLoc(FD->getLocation()),
                    "nothing in this translation unit releases '" +
                        Name(KV.first) + "'"}},
                  {}};
        addFinding(std::move(F));
      }
    }
    for (const CallExpr *Logon : FF.Logons)
      addFinding(Finding{CheckId::SessionRelease,
                         SM.getFileLoc(Logon->getBeginLoc()),
                         "session '" + Name(KV.first) +
                             "' is never released in this translation unit",
                         {},
                         {}});
  }
}

void TUAnalysis::analyzeAll() {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Decl *D : Order) {
    const FunctionFacts &FF = Functions[D];
    if (!FF.Relevant || FF.HasErrors || SM.isInSystemHeader(D->getLocation()))
      continue;
    if (cast<FunctionDecl>(D)->isInvalidDecl())
      continue;
    analyzeFunction(*this, D);
  }
}

} // namespace mapi
