//===- MemoryModel.cpp - MAPI memory --------------------------------------===//
//
// Typestate of a buffer (ObjState with Buffer): allocated with the
// deallocator it needs, freed, chained to a parent (MAPIAllocateMore),
// handed on. Judged: leaks on a path, wrong or foreign deallocators,
// double frees, a chained child freed alone.
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

void MemoryModel::onRow(Frame &F, const ApiCall &A, const ApiRow &Row, int Self,
                        State &S) {
  const ApiRow *R = &Row;
  switch (R->R) {
  case Role::AllocMem: {
    ObjState O;
    O.Buffer = true;
    O.D = R->dealloc();
    O.Site = O.Leaf = A.E;
    O.Pending = A.E;
    int Out = R->Arg == -2 ? int(A.Args.size()) - 1 : R->Arg;
    if (E.nullOut(A.arg(Out), S))
      break; // nothing comes back through a NULL out-parameter
    O.Slot = static_cast<signed char>(Out);
    O.Holder = A.arg(Out);
    // The count or size written just before it (`&cb, &lpEid`,
    // `&cValues, &lpProps`).
    if (const Expr *Before = Out > 0 ? A.arg(Out - 1) : nullptr)
      if (const auto *U = dyn_cast<UnaryOperator>(stripCasts(Before));
          U && U->getOpcode() == UO_AddrOf &&
          U->getSubExpr()->getType()->isIntegerType())
        O.SizeP = E.pathOf(U->getSubExpr());
    if (O.D == Dealloc::ChainedMore) {
      // Freed with the buffer it is chained to (MAPIAllocateMore's lpObject).
      O.Chained = true;
      O.Parent = E.objOf(S, A.arg(1), false);
    }
    E.bindOut(S, A.arg(Out), E.newObj(S, O));
    break;
  }
  case Role::FreeMem:
    freeBuffer(A, *R, S);
    break;
  default:
    break;
  }
}

void MemoryModel::freeBuffer(const ApiCall &A, const ApiRow &R, State &S) {
  SourceLocation At = E.loc(A.E->getBeginLoc());
  int I = E.objOf(S, A.arg(R.Arg), false);
  if (I < 0 || !S.Objs[I].Buffer)
    return;
  ObjState &O = S.Objs[I];
  std::string Name = E.objName(S, I);
  std::vector<Note> Alloc;
  if (O.Leaf)
    Alloc.push_back({E.loc(O.Leaf->getBeginLoc()), "allocated here"});
  auto Report = [&](std::string Msg, std::vector<Note> Notes) {
    E.direct(Finding{CheckId::UnfreedBuffer, At, Msg, std::move(Notes), {}});
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
    Report("'" + Name +
               "' was allocated with MAPIAllocateMore and is freed "
               "with its parent; do not free it on its own",
           Alloc);
  else if (Use == Dealloc::FreeBuffer && O.D == Dealloc::Prows)
    Report("'" + Name +
               "' is a row set; free it with FreeProws, which also "
               "frees every row",
           Alloc);
  else if (Use == Dealloc::FreeBuffer && O.D == Dealloc::Padrlist)
    Report("'" + Name +
               "' is an address list; free it with FreePadrlist, "
               "which also frees every entry",
           Alloc);
  O.Ph = ObjState::Released;
  O.ReleaseAt = At;
  // What was chained to it goes with it.
  for (ObjState &C : S.Objs)
    if (C.Buffer && C.Chained && C.Parent == I && C.Ph == ObjState::Live)
      C.Ph = ObjState::Released;
}

void MemoryModel::onExit(Frame &F, const State &S, SourceLocation Exit) {
  if (!F.TopLevel)
    return;
  // MAPI memory this function allocated and neither freed nor handed on.
  for (unsigned I = 0; I < S.Objs.size(); ++I) {
    const ObjState &O = S.Objs[I];
    if (!O.Buffer || O.Chained || O.Ph != ObjState::Live || O.Escaped ||
        O.External || !O.Leaf || E.keptBeyond(S, int(I)))
      continue;
    std::vector<Note> N;
    if (O.Site && O.Site != O.Leaf)
      N.push_back({E.loc(O.Leaf->getBeginLoc()), "allocated inside this call"});
    N.push_back({Exit, "this exit does not free it"});
    E.direct(Finding{CheckId::UnfreedBuffer,
                     E.loc(O.Site->getBeginLoc()),
                     "MAPI memory in '" + E.objName(S, int(I)) +
                         "' is not freed on some path",
                     N,
                     {}});
  }
}

} // namespace mapi
