//===- LibraryModel.cpp - library lifecycle -------------------------------===//
//
// Typestate of each global library (LibState: MAPI, OLE, MAPI util, COM):
// unknown, up (with its initializer and whether its result was tested),
// down. Judged: OleUninitialize after MAPIUninitialize, any MAPI call after
// MAPIUninitialize, FreeLibrary of a live MAPI module, and an initializer an
// error path leaks while a success path undoes it.
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

void LibraryModel::emit(Frame &F, const LibState &Cause, const Effect &V) {
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
    Fi.Notes.push_back({E.loc(Cause.Site->getBeginLoc()),
                        (Api + " runs inside this call").str()});
  if (Cause.Leaf)
    Fi.Notes.push_back(
        {E.loc(Cause.Leaf->getBeginLoc()),
         (Api + (Up ? " succeeded here" : " was called here")).str()});
  F.Findings.push_back(std::move(Fi));
}

void LibraryModel::onCall(Frame &F, const ApiCall &A, State &S) {
  SourceLocation At = E.loc(A.E->getBeginLoc());
  // A release or free of a pointer known to be null does nothing.
  bool KnownNull = false;
  for (const ApiRow *R : A.Rows) {
    if (R->R != Role::Release && R->R != Role::FreeMem)
      continue;
    const Expr *Target = R->Arg < 0 ? A.Object : A.arg(R->Arg);
    if (auto V = E.evalVal(Target, S))
      KnownNull = V->truth() == 0;
  }
  if (A.IsMapiCall && S.lib(Resource::Mapi).P == LibState::Down && !KnownNull) {
    std::string Obj = E.describe(A.Object);
    if (Obj.empty() && !A.Args.empty() && A.Interface.empty())
      Obj = E.describe(A.Args[0]);
    Effect V{ViolationKind::MapiAfterUninit,
             Resource::Mapi,
             "'" + A.Name + "'" + (Obj.empty() ? "" : " on '" + Obj + "'"),
             At,
             "",
             {}};
    E.raise(F, S, std::move(V));
  }

  for (const ApiRow *R : A.Rows) {
    switch (R->R) {
    case Role::Init: {
      LibState &L = S.lib(R->resource());
      LibState N;
      N.keepPrevious(L);
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
        E.raise(
            F, S,
            Effect{
                ViolationKind::OleAfterMapi, Resource::Mapi, "", At, "", {}});
      LibState &L = S.lib(Res);
      if (L.P == LibState::Up && L.Depth > 1) {
        --L.Depth;
        break;
      }
      if (L.P == LibState::Up && !L.Inherited && L.CleanSeen && L.Site)
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
          canonicalDecl(static_cast<const ValueDecl *>(L.Module)) ==
              canonicalDecl(HD))
        E.raise(F, S,
                Effect{ViolationKind::FreeLibraryLive,
                       Resource::Mapi,
                       "",
                       At,
                       "",
                       {}});
      break;
    }
    default:
      break;
    }
  }
}

bool LibraryModel::impossibleNull(const Expr *Subject, const State &S) const {
  // An uninitializer's pointer from GetProcAddress on the module whose
  // initializer is live: one DLL's entry points come together, so the
  // pointer is not null (`if (pUninit && rc == S_OK) pUninit();`).
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripCasts(Subject));
  if (!DRE)
    return false;
  auto B = E.TU.Bindings.find(canonicalDecl(DRE->getDecl()));
  if (B == E.TU.Bindings.end())
    B = E.TU.Bindings.find(DRE->getDecl());
  if (B == E.TU.Bindings.end())
    return false;
  // A deallocator's pointer from a module while MAPI memory is held: the
  // library that handed it out is loaded (`if (pfnFree) pfnFree(lpBuf);`).
  if (B->second.Module)
    for (const ApiRow *Row : E.TU.Table.function(B->second.Function))
    if (Row->R == Role::FreeMem)
      for (const ObjState &O : S.Objs)
        if (O.Buffer && O.Ph == ObjState::Live && !O.External)
          return true;
  if (!B->second.Module)
    return false;
  for (const ApiRow *Row : E.TU.Table.function(B->second.Function)) {
    if (Row->R != Role::Uninit)
      continue;
    const LibState &L = S.lib(Row->resource());
    if (L.P == LibState::Up && L.Module &&
        canonicalDecl(static_cast<const ValueDecl *>(L.Module)) ==
            canonicalDecl(B->second.Module))
      return true;
  }
  return false;
}

void LibraryModel::onExit(Frame &F, const State &S, SourceLocation Exit) {
  // An initializer still up after a failure branch: leaked, if a success
  // path of the same function undoes it (judge()).
  for (unsigned R = 0; R < NumResources; ++R) {
    const LibState &L = S.Libs[R];
    if (L.P == LibState::Up && !L.Inherited && L.FailSeen && L.Site &&
        R != unsigned(Resource::Com))
      F.Leaks.push_back({L.Site, L.Leaf, Resource(R), Exit});
  }
}

void LibraryModel::judge(Frame &F) {
  // An initializer that a success path undoes but an error path leaks.
  DenseSet<const Stmt *> Reported;
  for (const Frame::Leak &L : F.Leaks) {
    if (!F.UndoneOnSuccess.count(L.Site) || !Reported.insert(L.Site).second)
      continue;
    Finding Fi;
    Fi.Check = CheckId::UnbalancedInitialize;
    Fi.Loc = E.loc(L.Site->getBeginLoc());
    Fi.Msg = (initName(L.R) +
              " succeeded here but an error path leaves the "
              "function without " +
              uninitName(L.R))
                 .str();
    if (L.Leaf && L.Leaf != L.Site)
      Fi.Notes.push_back(
          {E.loc(L.Leaf->getBeginLoc()),
           (initName(L.R) + " is called inside this call").str()});
    Fi.Notes.push_back({L.Exit, "this exit leaks the initialization"});
    E.TU.addFinding(std::move(Fi));
  }
}

} // namespace mapi
