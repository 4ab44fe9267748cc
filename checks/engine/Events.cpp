//===- Events.cpp - recognising MAPI calls in every spelling --------------===//
#include "engine/Events.h"
#include "Compat.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/AST/Type.h"

using namespace clang;
using namespace llvm;

namespace mapi {

const Expr *stripCasts(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<CStyleCastExpr>(E))
      E = C->getSubExpr();
    else if (const auto *C = dyn_cast<CXXStaticCastExpr>(E))
      E = C->getSubExpr();
    else if (const auto *C = dyn_cast<CXXReinterpretCastExpr>(E))
      E = C->getSubExpr();
    else
      break;
  }
  return E;
}

// Only declarations at global scope are the API: a lookalike in a namespace
// or a class is user code.
static bool atGlobalScope(const Decl *D) {
  const DeclContext *DC = D->getDeclContext()->getRedeclContext();
  return DC->isTranslationUnit();
}

StringRef EventRecognizer::interfaceOfRecord(const RecordDecl *RD) const {
  if (!RD)
    return {};
  RD = RD->getDefinition() ? RD->getDefinition() : RD;
  if (RD->getIdentifier() && atGlobalScope(RD) &&
      Table.isInterface(RD->getName()))
    return RD->getName();
  // A user class implementing an interface (a sink, a wrapper object).
  if (const auto *CRD = dyn_cast<CXXRecordDecl>(RD)) {
    if (!CRD->hasDefinition())
      return {};
    for (const CXXBaseSpecifier &B : CRD->bases()) {
      StringRef I = interfaceOfRecord(B.getType()->getAsRecordDecl());
      if (!I.empty())
        return I;
    }
  }
  return {};
}

StringRef EventRecognizer::interfaceOf(QualType T) const {
  if (T.isNull())
    return {};
  T = T.getCanonicalType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return interfaceOfRecord(T->getAsRecordDecl());
}

bool EventRecognizer::isApiFunction(const FunctionDecl *FD) const {
  if (!FD || isa<CXXMethodDecl>(FD) || !FD->getIdentifier() ||
      !atGlobalScope(FD))
    return false;
  return !Table.function(FD->getName()).empty();
}

bool EventRecognizer::recognizeFunction(const FunctionDecl *FD,
                                        const CallExpr *CE,
                                        ApiCall &Out) const {
  if (!isApiFunction(FD))
    return false;
  Out.Name = FD->getName().str();
  for (const ApiRow *R : Table.function(Out.Name))
    Out.Rows.push_back(R);
  for (const Expr *A : CE->arguments())
    Out.Args.push_back(A);
  return true;
}

bool EventRecognizer::procAddress(const Expr *E, ProcBinding &Out) const {
  const auto *CE = dyn_cast_or_null<CallExpr>(stripCasts(E));
  if (!CE)
    return false;
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || !isApiFunction(FD) || FD->getName() != "GetProcAddress" ||
      CE->getNumArgs() != 2)
    return false;
  const auto *Lit = dyn_cast<clang::StringLiteral>(stripCasts(CE->getArg(1)));
  if (!Lit || Lit->getCharByteWidth() != 1)
    return false;
  Out.Function = Lit->getString().str();
  Out.Module = nullptr;
  const Expr *M = stripCasts(CE->getArg(0));
  if (const auto *DRE = dyn_cast<DeclRefExpr>(M))
    Out.Module = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(M))
    Out.Module = ME->getMemberDecl();
  return !Table.function(Out.Function).empty();
}

// A call through a pointer: `pfnUninit()`, `(*pfn)()`, `m_pfnInit(&init)`.
bool EventRecognizer::recognizePointerCall(const CallExpr *CE,
                                           ApiCall &Out) const {
  const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Callee))
    if (U->getOpcode() == UO_Deref)
      Callee = U->getSubExpr()->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(Callee))
    D = ME->getMemberDecl();
  if (!D || isa<FunctionDecl>(D))
    return false;
  std::string Fn;
  auto It = Bindings.find(D);
  if (It != Bindings.end()) {
    Fn = It->second.Function;
    Out.Module = It->second.Module;
  } else {
    // LPMAPIUNINITIALIZE and friends: the typedef names the function.
    QualType T = D->getType();
    while (const auto *TT = T->getAs<TypedefType>()) {
      StringRef F =
          Table.functionForPointerTypedef(TT->getDecl()->getName());
      if (!F.empty()) {
        Fn = F.str();
        break;
      }
      QualType Next = TT->desugar();
      if (Next == T)
        break;
      T = Next;
    }
  }
  if (Fn.empty())
    return false;
  Out.Name = Fn;
  for (const ApiRow *R : Table.function(Fn))
    Out.Rows.push_back(R);
  for (const Expr *A : CE->arguments())
    Out.Args.push_back(A);
  return !Out.Rows.empty();
}

void EventRecognizer::finishMethod(StringRef Iface, StringRef Method,
                                   ApiCall &Out) const {
  // The object's own static type is the most precise interface.
  StringRef ObjIface = Out.Object ? interfaceOf(Out.Object->getType()) : "";
  if (!ObjIface.empty() && !Table.method(ObjIface, Method).empty())
    Iface = ObjIface;
  Out.Interface = Iface.str();
  Out.Name = Method.str();
  for (const ApiRow *R : Table.method(Iface, Method))
    Out.Rows.push_back(R);
  Out.IsMapiCall = Table.isMapiInterface(Iface);
}

bool EventRecognizer::recognizeMethod(const CallExpr *CE, ApiCall &Out) const {
  const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE);
  if (!MCE)
    return false;
  const CXXMethodDecl *MD = MCE->getMethodDecl();
  if (!MD || !MD->getIdentifier())
    return false;
  StringRef Iface = interfaceOfRecord(MD->getParent());
  if (Iface.empty())
    return false;
  // Only methods the interface itself declares: a helper method added by a
  // class that implements an interface is user code.
  if (Table.method(Iface, MD->getName()).empty() && MD->hasBody())
    return false;
  Out.Object = MCE->getImplicitObjectArgument()
                   ? MCE->getImplicitObjectArgument()->IgnoreParenImpCasts()
                   : nullptr;
  for (const Expr *A : MCE->arguments())
    Out.Args.push_back(A);
  finishMethod(Iface, MD->getName(), Out);
  return true;
}

// C: p->lpVtbl->Method(p, ...), IUnknown_Release((IUnknown *)p).
bool EventRecognizer::recognizeVtblCall(const CallExpr *CE,
                                        ApiCall &Out) const {
  const auto *ME = dyn_cast<MemberExpr>(CE->getCallee()->IgnoreParenImpCasts());
  if (!ME || CE->getNumArgs() == 0)
    return false;
  const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!FD || !FD->getIdentifier())
    return false;
  const RecordDecl *Vtbl = FD->getParent();
  if (!Vtbl->getIdentifier() ||
      !compat::endsWith(Vtbl->getName(), "Vtbl"))
    return false;
  StringRef Iface = Vtbl->getName().drop_back(4);
  if (!Table.isInterface(Iface))
    return false;
  Out.Object = stripCasts(CE->getArg(0));
  for (unsigned I = 1; I < CE->getNumArgs(); ++I)
    Out.Args.push_back(CE->getArg(I));
  finishMethod(Iface, FD->getName(), Out);
  return true;
}

bool EventRecognizer::recognize(const CallExpr *CE, ApiCall &Out) const {
  Out = ApiCall();
  Out.E = CE;
  bool Found = false;
  if (isa<CXXMemberCallExpr>(CE))
    Found = recognizeMethod(CE, Out);
  else if (const FunctionDecl *FD = CE->getDirectCallee())
    Found = recognizeFunction(FD, CE, Out);
  else
    Found = recognizeVtblCall(CE, Out) || recognizePointerCall(CE, Out);
  if (!Found)
    return false;
  if (Out.Interface.empty()) {
    // Free functions: everything from MAPI's DLLs except the library
    // lifetime calls and the Win32 loader is a call into MAPI.
    const ApiRow *R = Out.Rows.empty() ? nullptr : Out.Rows.front();
    Out.IsMapiCall = R && R->R != Role::Init && R->R != Role::Uninit &&
                     R->R != Role::LoadLibrary && R->R != Role::FreeLibrary &&
                     R->R != Role::GetProcAddress &&
                     !(R->R == Role::FreeMem && R->dealloc() == Dealloc::Foreign);
  }
  return true;
}

static bool nameIn(StringRef Name, const std::vector<std::string> &List) {
  for (const std::string &S : List)
    if (Name == S)
      return true;
  return false;
}

bool EventRecognizer::isSmartPointer(QualType T, StringRef *Iface) const {
  const auto *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier() || !RD->hasDefinition())
    return false;
  static const std::vector<std::string> Builtin = {
      "CComPtr", "CComQIPtr", "_com_ptr_t", "ComPtr", "com_ptr_t"};
  // A project's own holder counts too when it looks like one: an
  // operator-> to an interface and a destructor of its own.
  bool Named = nameIn(RD->getName(), Builtin) ||
               nameIn(RD->getName(), Cfg.SmartPointerTypes);
  if (!Named && !(RD->getDestructor() && RD->getDestructor()->isUserProvided()))
    return false;
  // The held interface: what operator-> returns.
  StringRef I;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getOverloadedOperator() == OO_Arrow) {
      I = interfaceOf(M->getReturnType());
      break;
    }
  if (I.empty())
    for (const CXXBaseSpecifier &B : RD->bases())
      if (isSmartPointer(B.getType(), &I))
        break;
  if (Iface)
    *Iface = I;
  return !I.empty();
}

namespace {
// Does a destructor call a callable stored in a member? (scope_exit style)
struct CallsMemberCallable : ConstStmtVisitor<CallsMemberCallable, bool> {
  bool VisitStmt(const Stmt *S) {
    for (const Stmt *C : S->children())
      if (C && Visit(C))
        return true;
    return false;
  }
  bool VisitCXXOperatorCallExpr(const CXXOperatorCallExpr *E) {
    if (E->getOperator() == OO_Call)
      if (isa<MemberExpr>(E->getArg(0)->IgnoreParenImpCasts()))
        return true;
    return VisitStmt(E);
  }
  bool VisitCallExpr(const CallExpr *E) {
    if (isa<MemberExpr>(E->getCallee()->IgnoreParenImpCasts()) &&
        !isa<CXXMemberCallExpr>(E))
      return true;
    return VisitStmt(E);
  }
};
} // namespace

bool EventRecognizer::isBufferHolder(QualType T) const {
  // A RAII owner of MAPI memory: named in BufferOwnerTypes, or a class with
  // a destructor of its own and an operator& that hands out its pointer.
  const auto *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || isSmartPointer(T))
    return false;
  if (RD->getIdentifier() && nameIn(RD->getName(), Cfg.BufferOwnerTypes))
    return true;
  // std::unique_ptr<T, D> whose deleter is not std::default_delete
  // (a function pointer such as decltype(&MAPIFreeBuffer), or a functor).
  if (const auto *TS = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (RD->getIdentifier() && RD->getName() == "unique_ptr" &&
        RD->isInStdNamespace() && TS->getTemplateArgs().size() == 2) {
      QualType D = TS->getTemplateArgs()[1].getAsType();
      const auto *DR = D.isNull() ? nullptr : D->getAsCXXRecordDecl();
      if (!(DR && DR->getIdentifier() && DR->getName() == "default_delete"))
        return true;
    }
  // A class that only adds constructors to a holder is one.
  if (!RD->getDestructor() || !RD->getDestructor()->isUserProvided())
    for (const CXXBaseSpecifier &B : RD->bases())
      if (isBufferHolder(B.getType()))
        return true;
  if (!RD->getDestructor() || !RD->getDestructor()->isUserProvided())
    return false;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getOverloadedOperator() == OO_Amp && M->getNumParams() == 0)
      return true;
  return false;
}

bool EventRecognizer::isScopeGuard(QualType T) const {
  const auto *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  if (RD->getIdentifier() && nameIn(RD->getName(), Cfg.ScopeGuardTypes))
    return true;
  const CXXDestructorDecl *D = RD->getDestructor();
  if (!D || !D->hasBody())
    return false;
  return CallsMemberCallable().Visit(D->getBody());
}

} // namespace mapi
