//===- Engine.cpp - the walk over one function's CFG ----------------------===//
//
// The worklist over clang's CFG with merging by property simulation, the
// per-acquisition-site fallback past the bound, and the report of a top-level
// function's findings.
//
//===----------------------------------------------------------------------===//
#include "engine/Engine.h"
#include "Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <set>
#include <tuple>
#include <unordered_map>

using namespace clang;
using namespace llvm;

namespace mapi {

Engine::Engine(TUAnalysis &TU)
    : TU(TU), SM(TU.Ctx.getSourceManager()), Library(*this), Sessions(*this),
      Registrations(*this), Memory(*this) {}

SourceLocation Engine::loc(SourceLocation L) const {
  return L.isValid() ? SM.getFileLoc(L) : L;
}

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

bool Engine::run(Frame &F, const State &Entry, Result &Out) {
  const CFG *G = TU.cfgFor(F.D);
  if (!G)
    return false;
  struct BlockStates {
    std::vector<State> States;
    // Hashed only once a block holds several states: most blocks of a
    // long routine see one or two, and a large state's hash is not cheap.
    std::vector<size_t> Hashes; // of States[0, Hashes.size())
    std::unordered_multimap<size_t, unsigned> ByHash;
    // Which states wait in the worklist, and how many do.
    llvm::SmallVector<char, 4> Queued;
    unsigned Pending = 0;
    void hashAll() {
      for (unsigned I = Hashes.size(); I < States.size(); ++I) {
        Hashes.push_back(States[I].hash());
        ByHash.insert({Hashes[I], I});
      }
    }
  };
  std::vector<BlockStates> Blocks(G->getNumBlockIDs());
  // The worklist in reverse post-order (then state index): a state that
  // changes where paths join is walked on once, after the join has seen
  // every forward predecessor, not once per arriving path.
  const std::vector<unsigned> &Rank = TU.orderFor(F.D);
  std::vector<const CFGBlock *> ById(G->getNumBlockIDs());
  for (const CFGBlock *B : *G)
    ById[B->getBlockID()] = B;
  using Item = std::tuple<unsigned, unsigned, unsigned>; // rank, block, state
  // A min-heap: each (block, state) waits at most once (BlockStates::
  // Queued), so it pops in the order an ordered set would give.
  std::vector<Item> Work;
  // A block a later one leads back to (a loop's head) keeps its states for
  // the fixpoint; any other block's states are dropped once walked on, as
  // in this order nothing reaches it again but a loop around it, whose
  // head merges what comes round (memory stays with the frontier).
  std::vector<char> LoopHead(G->getNumBlockIDs(), 0);
  for (const CFGBlock *B : *G)
    for (const CFGBlock::AdjacentBlock &P : B->preds())
      if (const CFGBlock *PB = P.getReachableBlock())
        if (Rank[PB->getBlockID()] >= Rank[B->getBlockID()])
          LoopHead[B->getBlockID()] = 1;
  auto Push = [&](const CFGBlock *B, unsigned I) {
    BlockStates &BS = Blocks[B->getBlockID()];
    if (BS.Queued.size() <= I)
      BS.Queued.resize(I + 1, 0);
    if (BS.Queued[I])
      return;
    BS.Queued[I] = 1;
    ++BS.Pending;
    Work.push_back({Rank[B->getBlockID()], B->getBlockID(), I});
    std::push_heap(Work.begin(), Work.end(), std::greater<Item>());
  };
  // Adds S to B's states. Past a few states per block, a state that agrees
  // with an existing one on everything but tracked values is merged into it
  // (keeping the values both agree on), so sequences of independent helper
  // calls do not multiply states; the library phases are never merged.
  auto Add = [&](const CFGBlock *B, State S) -> bool {
    BlockStates &BS = Blocks[B->getBlockID()];
    if (BS.States.empty()) {
      if (BS.States.capacity() == 0 && !SpareStates.empty()) {
        BS.States = std::move(SpareStates.back());
        SpareStates.pop_back();
      }
      BS.States.push_back(std::move(S));
      Push(B, 0);
      return true;
    }
    // A few states are compared one by one; past that, by hash.
    const bool Hashed = BS.States.size() >= 8;
    size_t H = 0;
    if (Hashed) {
      BS.hashAll();
      H = S.hash();
      auto R = BS.ByHash.equal_range(H);
      for (auto It = R.first; It != R.second; ++It)
        if (BS.States[It->second] == S)
          return true;
    } else {
      for (const State &X : BS.States)
        if (X == S)
          return true;
    }
    // State I changed in place: rehash it (if hashed) and walk it on.
    auto Changed = [&](unsigned I) {
      if (I < BS.Hashes.size()) {
        auto OR = BS.ByHash.equal_range(BS.Hashes[I]);
        for (auto It = OR.first; It != OR.second; ++It)
          if (It->second == I) {
            BS.ByHash.erase(It);
            break;
          }
        BS.Hashes[I] = BS.States[I].hash();
        BS.ByHash.insert({BS.Hashes[I], I});
      }
      Push(B, I);
    };
    // Paths that differ only in which objects they acquired, each known
    // by its holder's nullness, are one state (goto Cleanup from many
    // places, optional steps that open and close their own objects).
    if (F.TopLevel)
      for (unsigned I = 0; I < BS.States.size(); ++I) {
        bool Grew = false;
        if (BS.States[I].mergeAcquisitions(
                S, [&](PathId P) { return lossAt(P); }, Grew)) {
          if (Grew)
            Changed(I);
          return true;
        }
      }
    // A focused run (past the bound) is property simulation proper: paths
    // merge as soon as they agree on what is held.
    unsigned MergeAfter = FocusMode ? 1 : TU.Cfg.MergeStatesAfter;
    if (BS.States.size() >= MergeAfter) {
      // Past twice the bound, results may be merged too (they become
      // unknown), which keeps helpers with many exits from multiplying.
      bool Lenient = BS.States.size() >= 2 * MergeAfter;
      for (unsigned I = 0; I < BS.States.size(); ++I) {
        if (!BS.States[I].joinable(S, Lenient))
          continue;
        State M = BS.States[I];
        M.joinWith(S);
        if (!(M == BS.States[I])) { // else S adds nothing it does not cover
          BS.States[I] = std::move(M);
          Changed(I);
        }
        return true;
      }
    }
    if (BS.States.size() >= TU.Cfg.MaxStatesPerBlock) {
      return false;
    }
    if (Hashed) {
      BS.ByHash.insert({H, unsigned(BS.States.size())});
      BS.Hashes.push_back(H);
    }
    BS.States.push_back(std::move(S));
    Push(B, unsigned(BS.States.size() - 1));
    return true;
  };
  const Liveness *Live = F.TopLevel ? TU.livenessFor(F.D) : nullptr;
  // Each path's liveness slot, looked up once. Keyed by path: path ids
  // are the TU's, so a table indexed by them would be as long as the TU.
  llvm::DenseMap<PathId, int> Slots;
  auto slotOf = [&](PathId P) {
    auto [It, New] = Slots.try_emplace(P, 0);
    if (New) {
      const Path &Pa = TU.Paths.get(P);
      It->second = Pa.Base == Path::ThisBase
                       ? Liveness::Always
                       : Live->slotOf(static_cast<const VarDecl *>(Pa.Base));
    }
    return It->second;
  };
  const CFGBlock &EntryB = G->getEntry();
  const CFGBlock &ExitB = G->getExit();
  if (!Add(&EntryB, Entry))
    return false;
  std::vector<State> Cur, Next;
  while (!Work.empty()) {
    std::pop_heap(Work.begin(), Work.end(), std::greater<Item>());
    const unsigned Id = std::get<1>(Work.back());
    const unsigned Idx = std::get<2>(Work.back());
    Work.pop_back();
    Blocks[Id].Queued[Idx] = 0;
    --Blocks[Id].Pending;
    const CFGBlock *B = ById[Id];
    Cur.clear();
    bool Last = !LoopHead[Id] && Blocks[Id].Pending == 0;
    if (Last) { // nothing comes back here: the state moves on
      Cur.push_back(std::move(Blocks[Id].States[Idx]));
      Blocks[Id].States.clear();
      SpareStates.push_back(std::move(Blocks[Id].States));
      Blocks[Id] = BlockStates();
    } else {
      Cur.push_back(Blocks[Id].States[Idx]);
    }
    if (B == &ExitB) {
      Out.Exits.push_back(Cur.front());
      continue;
    }
    for (const CFGElement &E : *B) {
      if (inert(E)) { // counted as a step per state, as if walked
        if (Steps + Cur.size() > Limit) {
          Steps = Limit + 1;
          return false;
        }
        Steps += Cur.size();
        continue;
      }
      Next.clear();
      for (State &S : Cur) {
        if (++Steps > Limit)
          return false;
        // Room for what comes last in a long routine: released objects
        // nothing holds go, between elements, where no index is held.
        // Every edge does it too; within a block, only near the cap.
        if (F.TopLevel && S.Objs.size() >= 20)
          reclaim(S);
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
            CI = TU.condition(branchTest(C));
    unsigned SuccIdx = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      unsigned I = SuccIdx++;
      const CFGBlock *SB = Succ.getReachableBlock();
      if (!SB)
        continue;
      for (State &S : Cur) {
        // The last successor takes the states themselves.
        State N;
        if (I + 1 == B->succ_size())
          N = std::move(S);
        else
          N = S;
        if (B->succ_size() == 2 && !refine(CI, I == 0, N))
          continue;
        if (SB == &ExitB && F.TopLevel) {
          SourceLocation Exit = loc(exitLocation(B, F.D));
          Memory.onExit(F, N, Exit);
          Registrations.onExit(F, N, Exit);
          Sessions.onExit(F, N, Exit);
          Library.onExit(F, N, Exit);
        }
        if (F.TopLevel && SB != &ExitB) {
          // What the rest never reads cannot tell paths apart; holders
          // of live objects stay (they name what is still to be judged),
          // a dead holder of an object that is over goes with it.
          if (Live)
            N.Vals.erase(
                std::remove_if(N.Vals.begin(), N.Vals.end(),
                               [&](const std::pair<PathId, Val> &KV) {
                                 int I = KV.second.objIndex();
                                 return (I < 0 ||
                                         N.Objs[I].Ph != ObjState::Live) &&
                                        !Live->liveAtSlot(SB->getBlockID(),
                                                          slotOf(KV.first));
                               }),
                N.Vals.end());
          // Released objects nothing holds any more are over: a path that
          // opened and closed an object and one that never opened it are
          // the same state from here on.
          reclaim(N);
        }
        if (!Add(SB, std::move(N)))
          return false;
      }
    }
  }
  return true;
}

State::Loss Engine::lossAt(PathId P) const {
  const Path &Pa = TU.Paths.get(P);
  const void *D = Pa.lastDecl();
  if (D && TU.Counters.count(D) && !TU.ConstBounded.count(D))
    return State::Loss::Any;
  // What a local pointer points to (a row count, a property's value).
  if (Pa.Size > 0 && Pa.Base != Path::ThisBase) {
    const auto *VD = static_cast<const VarDecl *>(Pa.Base);
    if (!VD->hasGlobalStorage() && !isa<ParmVarDecl>(VD) &&
        VD->getType()->isPointerType())
      return State::Loss::Any;
  }
  if (D && Pa.Size == 0 && Pa.Base != Path::ThisBase && !isGlobalPath(P)) {
    QualType T = static_cast<const ValueDecl *>(D)->getType();
    if (const auto *TT = T->getAs<TypedefType>())
      if (TT->getDecl()->getName() == "HRESULT" ||
          TT->getDecl()->getName() == "SCODE")
        return State::Loss::Result;
  }
  // A flag set to constants remembers what the code did; a local that is
  // computed or written through its address is data.
  if (D && Pa.Size == 0 && Pa.Base != Path::ThisBase && !isGlobalPath(P) &&
      TU.Computed.count(D) && !TU.ConstBounded.count(D))
    return State::Loss::Consts;
  return State::Loss::Strict;
}

static std::string nameOf(const Decl *D) {
  return isa<NamedDecl>(D) ? cast<NamedDecl>(D)->getNameAsString() : "?";
}

bool Engine::runOnce(const Decl *D, Frame &F, unsigned MaxSteps) {
  F = Frame();
  F.D = D;
  F.TopLevel = true;
  Top = &F;
  Steps = 0;
  ++TU.Runs;
  Limit = MaxSteps;
  Aborted = false;
  Result R;
  Stack.push_back(D);
  bool Ok = run(F, State(), R);
  Stack.pop_back();
  return Ok && !Aborted;
}

std::vector<Engine::Site> Engine::acquisitionSites(const Decl *D) {
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

void Engine::runTopLevel(const Decl *D) {
  Frame F;
  if (runOnce(D, F, TU.Cfg.MaxSteps)) {
    if (const char *Dbg = std::getenv("MAPI_TIDY_DEBUG"); Dbg && *Dbg == '2')
      llvm::errs() << "mapi-tidy: " << Steps << " steps in '" << nameOf(D)
                   << "'\n";
    report(F);
    return;
  }
  // Over the bound: property simulation over small groups of acquisition
  // sites (paths merge wherever the group's objects agree), so n independent
  // resources cost about n/2 runs instead of 2^n paths. A group over its
  // bound is split; a single site still over it is all that stays unknown.
  std::vector<Site> Sites = acquisitionSites(D);
  Frame All;
  All.D = D;
  All.TopLevel = true;
  unsigned Unknown = 0, Runs = 0;
  FocusMode = true;
  const unsigned GroupSize = 2;
  std::vector<std::pair<unsigned, unsigned>> Work; // [first, last) of Sites
  Work.push_back({0, 0}); // no site: sessions, libraries, unknown origin
  for (unsigned K = 0; K < Sites.size(); K += GroupSize)
    Work.push_back({K, std::min<unsigned>(K + GroupSize, Sites.size())});
  while (!Work.empty()) {
    auto [First, Last] = Work.back();
    Work.pop_back();
    // The group's sites, and the sites that may have opened what they open
    // from (a folder's store), so Logoff and provenance are still seen.
    Focus.clear();
    for (unsigned K = First; K < Last; ++K)
      Focus.push_back(Sites[K].S);
    for (unsigned K = 0; K < Focus.size() && K < 32; ++K) {
      auto It = std::find_if(Sites.begin(), Sites.end(),
                             [&](const Site &X) { return X.S == Focus[K]; });
      if (It == Sites.end() || It->From == NoPath)
        continue;
      for (const Site &X : Sites)
        if (X.Out == It->From && !is_contained(Focus, X.S))
          Focus.push_back(X.S);
    }
    Frame FF;
    ++Runs;
    // A pair gets a tenth of the bound (split, it gets more); one site, all.
    if (!runOnce(D, FF, Last - First > 1 ? TU.Cfg.MaxSteps / 10
                                         : TU.Cfg.MaxSteps)) {
      if (Last - First > 1) {
        unsigned Mid = First + (Last - First) / 2;
        Work.push_back({First, Mid});
        Work.push_back({Mid, Last});
      } else {
        Unknown += Last - First;
      }
      continue;
    }
    if (const char *Dbg = std::getenv("MAPI_TIDY_DEBUG"); Dbg && *Dbg == '2')
      llvm::errs() << "mapi-tidy:   sites " << First << "-" << Last << ": "
                   << FF.Findings.size() << " findings, " << Steps
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
                 << "'; analysed per acquisition site: " << Sites.size()
                 << " sites in " << Runs << " runs, " << Unknown
                 << " left unknown\n";
  report(All);
}

void Engine::report(Frame &F) {
  // A helper's analyses serve every function that calls it in the same
  // context (what it reported is replayed there, TUAnalysis::addFinding
  // keeps one); past a bound the memo starts again, so memory stays bounded.
  if (TU.Memo.size() > TU.Cfg.MaxMemoEntries)
    TU.Memo.clear();
  // The same finding from several paths: one report, with the notes of the
  // first path that showed it (one representative path).
  std::set<std::tuple<unsigned, unsigned, std::string>> Seen;
  std::vector<Finding> Unique;
  for (Finding &Fi : F.Findings)
    if (Seen.insert({unsigned(Fi.Check), Fi.Loc.getRawEncoding(), Fi.Msg})
            .second)
      Unique.push_back(std::move(Fi));
  F.Findings = std::move(Unique);
  for (Finding &Fi : F.Findings)
    TU.addFinding(std::move(Fi));
  Library.judge(F);
}

void Engine::raise(Frame &F, const State &S, Effect V) {
  if (V.Obj >= 0) {
    const ObjState &O = S.Objs[V.Obj];
    bool Inherited =
        V.K == ViolationKind::UseAfterLogoff ? O.LogoffInherited : O.Inherited;
    if (Inherited)
      F.Effects.push_back(std::move(V));
    else
      Sessions.emit(S, V);
    return;
  }
  const LibState &L = S.lib(V.Cause);
  if (L.Inherited) {
    F.Effects.push_back(std::move(V));
    return;
  }
  if (F.TopLevel)
    Library.emit(F, L, V);
  // Otherwise the cause lies inside this callee: its own top-level
  // analysis reports it.
}

void analyzeFunction(TUAnalysis &TU, const Decl *D) {
  Engine(TU).runTopLevel(D);
}

} // namespace mapi
