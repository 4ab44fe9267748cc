//===- Liveness.cpp -------------------------------------------------------===//
#include "engine/Liveness.h"
#include <algorithm>
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;
using namespace llvm;

namespace mapi {

namespace {
/// The locals each block names, in one walk over the CFG.
struct Uses {
  DenseMap<const VarDecl *, unsigned> &Index;
  // Captured by a lambda that outlives its expression: read where it runs.
  SmallVector<const VarDecl *, 8> KeptCaptures;
  bool ClosureUsed = false;
  // The block's elements walked so far: a later element that contains one
  // (the CFG lists `f(x)` before `y = f(x)`) need not walk it again.
  SmallPtrSet<const Stmt *, 16> Walked;

  explicit Uses(DenseMap<const VarDecl *, unsigned> &Index) : Index(Index) {}

  static bool isLocal(const VarDecl *V) {
    return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V);
  }
  unsigned indexOf(const VarDecl *V) {
    V = V->getCanonicalDecl();
    auto It = Index.try_emplace(V, unsigned(Index.size())).first;
    return It->second;
  }
  void use(const VarDecl *V, SmallVectorImpl<unsigned> &Out) {
    if (!isLocal(V))
      return;
    Out.push_back(indexOf(V));
    if (V->getType()->getAsCXXRecordDecl())
      ClosureUsed = true; // a closure or a guard holding one may run here
  }
  void walk(const Stmt *S, SmallVectorImpl<unsigned> &Out,
            bool Immediate = false) {
    if (!S)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      use(dyn_cast<VarDecl>(DRE->getDecl()), Out);
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &C : L->captures())
        if (C.capturesVariable())
          if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar())) {
            use(V, Out);
            if (!Immediate)
              KeptCaptures.push_back(V);
          }
      return; // its body is its own function
    }
    // `[&] { ... }()`: the lambda runs here and only here.
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S))
      if (OC->getNumArgs() > 0 &&
          isa<LambdaExpr>(OC->getArg(0)->IgnoreImplicit())) {
        walk(OC->getArg(0)->IgnoreImplicit(), Out, /*Immediate=*/true);
        for (unsigned I = 1; I < OC->getNumArgs(); ++I)
          walk(OC->getArg(I), Out);
        return;
      }
    for (const Stmt *C : S->children())
      if (!Walked.count(C))
        walk(C, Out);
  }
};
} // namespace

Liveness::Liveness(const CFG &G) {
  Uses U(Index);
  std::vector<SmallVector<unsigned, 8>> Used(G.getNumBlockIDs());
  std::vector<bool> RunsClosure(G.getNumBlockIDs(), false);
  for (const CFGBlock *B : G) {
    auto &Out = Used[B->getBlockID()];
    U.ClosureUsed = false;
    U.Walked.clear();
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>()) {
        U.walk(CS->getStmt(), Out);
        U.Walked.insert(CS->getStmt());
      }
      else if (auto D = E.getAs<CFGAutomaticObjDtor>())
        U.use(D->getVarDecl(), Out);
      else if (auto I = E.getAs<CFGInitializer>())
        U.walk(I->getInitializer()->getInit(), Out);
      else if (auto T = E.getAs<CFGTemporaryDtor>())
        U.walk(T->getBindTemporaryExpr(), Out);
    }
    U.walk(B->getTerminatorCondition(/*StripParens=*/false), Out);
    RunsClosure[B->getBlockID()] = U.ClosureUsed;
  }
  for (const VarDecl *V : U.KeptCaptures)
    U.indexOf(V);
  const unsigned NV = Index.size();
  LiveIn.assign(G.getNumBlockIDs(), BitVector(NV));
  std::vector<BitVector> Gen(G.getNumBlockIDs(), BitVector(NV));
  for (unsigned B = 0; B < Used.size(); ++B) {
    for (unsigned I : Used[B])
      Gen[B].set(I);
    if (RunsClosure[B])
      for (const VarDecl *V : U.KeptCaptures)
        Gen[B].set(Index[V->getCanonicalDecl()]);
  }
  // Backwards to a fixpoint: live in = named here, or live in a successor.
  // The builder creates blocks from the function's end backwards, so the
  // list starts near the exit; reversed and popped from the back, blocks
  // near the exit come first, the order a backward problem settles in (the
  // fixpoint is the same in any order).
  std::vector<const CFGBlock *> Work(G.begin(), G.end());
  std::reverse(Work.begin(), Work.end());
  std::vector<bool> Queued(G.getNumBlockIDs(), true);
  while (!Work.empty()) {
    const CFGBlock *B = Work.back();
    Work.pop_back();
    Queued[B->getBlockID()] = false;
    BitVector In = Gen[B->getBlockID()];
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      if (const CFGBlock *SB = S.getReachableBlock())
        In |= LiveIn[SB->getBlockID()];
    if (In == LiveIn[B->getBlockID()])
      continue;
    LiveIn[B->getBlockID()] = std::move(In);
    for (const CFGBlock::AdjacentBlock &P : B->preds())
      if (const CFGBlock *PB = P.getReachableBlock())
        if (!Queued[PB->getBlockID()]) {
          Queued[PB->getBlockID()] = true;
          Work.push_back(PB);
        }
  }
}

int Liveness::slotOf(const VarDecl *V) const {
  if (!V)
    return Always;
  // Only a local of this function can be dead; one never named in a block
  // is never read again.
  bool Local = V->hasLocalStorage() && !isa<ParmVarDecl>(V);
  auto It = Index.find(V->getCanonicalDecl());
  if (It == Index.end())
    return Local ? Never : Always;
  return Local ? int(It->second) : Always;
}

} // namespace mapi
