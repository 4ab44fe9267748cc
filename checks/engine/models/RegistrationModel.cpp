//===- RegistrationModel.cpp - Advise/Unadvise connections ----------------===//
//
// Typestate of a registration (AdviseRec): the object advised, where its
// connection is kept, whether the Advise succeeded. Judged: an object
// released or its session logged off while advised, a connection in a local
// never passed to Unadvise.
//
//===----------------------------------------------------------------------===//
#include "Compat.h"
#include "engine/Engine.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace llvm;

namespace mapi {

void RegistrationModel::onRow(Frame &F, const ApiCall &A, const ApiRow &Row,
                              int Self, State &S) {
  const ApiRow *R = &Row;
  switch (R->R) {
  case Role::Advise: {
    // A user wrapper (option AdviseFunctions): object first, cookie last.
    int On = R->FromOption ? E.objOf(S, A.arg(0), true) : Self;
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
      Rec.Conn = E.pathOf(U->getSubExpr());
    else if (C && C->getType()->isPointerType())
      Rec.Conn = E.TU.Paths.append(E.pathOf(C), Path::DerefElem);
    S.Advises.push_back(Rec);
    // A registered connection is never 0, so `if (m_ulConn) Unadvise(...)`
    // is taken.
    if (Rec.Conn != NoPath)
      E.setTracked(S, Rec.Conn, Val::nonNull());
    break;
  }
  case Role::Unadvise: {
    // The same object and connection; a connection we cannot name
    // cancels every registration of the object (silence over guessing).
    int On = R->FromOption ? E.objOf(S, A.arg(0), false) : Self;
    PathId C = E.pathOf(A.arg(R->Arg == -2 ? int(A.Args.size()) - 1 : R->Arg));
    // A copy of the cookie (`ULONG c = ulConn; Unadvise(c)`) matches no
    // record by path: then every registration of the object goes.
    bool Named = std::any_of(
        S.Advises.begin(), S.Advises.end(), [&](const AdviseRec &Rec) {
          return Rec.Obj == On && C != NoPath && Rec.Conn == C;
        });
    S.Advises.erase(std::remove_if(S.Advises.begin(), S.Advises.end(),
                                   [&](const AdviseRec &Rec) {
                                     return Rec.Obj == On &&
                                            (!Named || Rec.Conn == C);
                                   }),
                    S.Advises.end());
    break;
  }
  default:
    break;
  }
}

void RegistrationModel::stillAdvised(
    State &S, llvm::function_ref<bool(const AdviseRec &)> Which, Note Why) {
  for (auto It = S.Advises.begin(); It != S.Advises.end();) {
    if (!Which(*It)) { // an untested Advise is taken to have succeeded
      ++It;
      continue;
    }
    // A member connection that nothing in the TU unadvises is reported
    // once, by the TU rule.
    if (It->Conn != NoPath) {
      const Path &P = E.TU.Paths.get(It->Conn);
      const void *Last = P.Size ? P.Elems[P.Size - 1] : P.Base;
      if (E.TU.ConnLeaks.count(Last)) {
        It = S.Advises.erase(It);
        continue;
      }
    }
    Finding Fi{CheckId::MissingUnadvise,
               E.loc(It->Leaf->getBeginLoc()),
               "Advise on '" + E.objName(S, It->Obj) +
                   "' has no Unadvise "
                   "before the object goes away",
               {Why},
               {}};
    E.direct(std::move(Fi));
    It = S.Advises.erase(It);
  }
}

void RegistrationModel::onExit(Frame &F, const State &S, SourceLocation Exit) {
  if (!F.TopLevel)
    return;
  // A connection in a local that the function never unadvises (kept in a
  // member or global, the TU judges it; an object handed on, nobody can).
  for (const AdviseRec &R : S.Advises) {
    if (R.Conn == NoPath)
      continue;
    const ObjState &O = S.Objs[R.Obj];
    if (O.Escaped || O.Ph != ObjState::Live)
      continue;
    const Path &P = E.TU.Paths.get(R.Conn);
    const auto *VD = P.Base == Path::ThisBase
                         ? nullptr
                         : static_cast<const VarDecl *>(P.Base);
    if (!VD || VD->hasGlobalStorage() || isa<ParmVarDecl>(VD) || P.Size)
      continue;
    // A lambda that writes an enclosing function's cookie through its
    // capture: that function unadvises it, and is judged on its own.
    if (!E.isCalleeLocal(R.Conn, F.D))
      continue;
    E.direct(Finding{CheckId::MissingUnadvise,
                     E.loc(R.Leaf->getBeginLoc()),
                     "Advise on '" + E.objName(S, R.Obj) +
                         "' is never matched "
                         "by an Unadvise of '" +
                         VD->getNameAsString() + "'",
                     {{Exit, "this exit leaves it registered"}},
                     {}});
  }
}

} // namespace mapi
