//===- Calls.cpp - calls of TU functions and of unseen code ---------------===//
//
// A TU function is analysed in the caller's context (its entry state mapped
// into its own terms, memoised), and its exits mapped back; code we cannot
// see receives what it is handed (an escape), and a callee over its share of
// the bound makes only that call unknown.
//
//===----------------------------------------------------------------------===//
#include "Compat.h"
#include "engine/Engine.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include <type_traits>

using namespace clang;
using namespace llvm;

namespace mapi {

void Engine::invalidateMods(const Decl *Callee, State &S) {
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

void Engine::forgetCall(const Decl *Callee, const CallMapping &M, State &S) {
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

void Engine::invalidateForUnknownCall(const FunctionDecl *FD,
                                      const Expr *Object,
                                      ArrayRef<const Expr *> Args, State &S) {
  bool System = FD && SM.isInSystemHeader(FD->getLocation());
  if (!System) {
    escapeArgs(Args, S);
    // A cookie handed to code we cannot see may be unadvised there.
    for (const Expr *Arg : Args) {
      PathId ByVal = pathOf(stripCasts(Arg)); // by value too
      if (ByVal != NoPath)
        S.Advises.erase(
            std::remove_if(S.Advises.begin(), S.Advises.end(),
                           [&](const AdviseRec &R) { return R.Conn == ByVal; }),
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
                 !FD->getParamDecl(I)
                      ->getType()
                      .getNonReferenceType()
                      .isConstQualified();
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

void Engine::shareCaptures(CallMapping &M, const CXXRecordDecl *Closure) {
  M.Identity = true;
  // A lambda names only what it captures: the rest of the frame cannot
  // tell its runs apart, so it is not shown (and one analysis of a lambda
  // in a loop serves every iteration that agrees on what it captures).
  if (!Closure || Closure->isDependentContext())
    return;
  M.Sliced = true;
  for (const LambdaCapture &C : Closure->captures()) {
    if (C.capturesThis())
      M.SharesThis = true;
    else if (C.capturesVariable())
      if (const ValueDecl *V = C.getCapturedVar())
        M.Shared.push_back(canonicalDecl(V));
  }
}

bool Engine::sharedWithCallee(PathId P, const CallMapping &M) const {
  if (!M.Sliced)
    return true;
  switch (scopeOf(P)) {
  case TUAnalysis::Scope::This:
    return M.SharesThis;
  case TUAnalysis::Scope::Global:
  case TUAnalysis::Scope::StaticLocal: // named without a capture
    return true;
  default:
    return is_contained(M.Shared, TU.Paths.get(P).Base);
  }
}

bool Engine::visibleToCallee(PathId P, const CallMapping &M) const {
  if (M.Identity)
    return sharedWithCallee(P, M);
  if (isGlobalPath(P))
    return true;
  const Path &Pa = TU.Paths.get(P);
  for (const auto &Pr : M.Pairs) {
    const Path &Root = TU.Paths.get(Pr.Caller);
    if (Pa.hasPrefix(Root) && !(Pr.CopyRoot && Pa == Root))
      return true;
  }
  return false;
}

PathId Engine::toCallee(PathId P, const CallMapping &M) {
  if (P == NoPath || M.Identity || isGlobalPath(P))
    return P;
  for (const auto &Pr : M.Pairs)
    if (PathId Q = TU.Paths.rebase(P, Pr.Caller, Pr.Callee); Q != NoPath)
      return Q;
  return NoPath;
}

PathId Engine::toCaller(PathId P, const CallMapping &M, const Decl *Callee) {
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

State Engine::mapIn(const State &S, const CallMapping &M, const Decl *Callee,
                    std::vector<int> &Kept, std::vector<char> &Visible) {
  State E;
  E.Libs = S.Libs;
  for (LibState &L : E.Libs) {
    if (L.P != LibState::Unknown)
      L.Inherited = true;
    L.Pending = ResultRef();
    // Whether the caller saw a failure since its initializer is the
    // caller's to judge (mapOut keeps the caller's own): the callee's
    // analysis does not depend on it, so callers that differ in it share.
    L.FailSeen = false;
    L.CleanSeen = true;
  }
  Visible.clear();
  Visible.reserve(S.Vals.size());
  for (const auto &KV : S.Vals) {
    Visible.push_back(visibleToCallee(KV.first, M));
    // A lambda sees our own paths, as far as it captures them.
    if (M.Identity) {
      if (Visible.back())
        E.Vals.push_back(KV); // in order: S's are sorted
      continue;
    }
    if (isGlobalPath(KV.first)) {
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
  // The callee sees the objects it can name (what its parameters, globals
  // and captures hold, what those were opened from, the buffers chained to
  // them, what carries a registration), unless it can reach an event that
  // concerns all of a session's objects. The rest cannot tell its runs
  // apart, so one analysis serves every caller state that differs only in
  // them (and a long routine's hundred objects are not copied into every
  // helper it calls).
  const FunctionFacts *FF = TU.facts(Callee);
  const unsigned N = S.Objs.size();
  SmallVector<bool, 16> Keep(N, !FF || FF->SessionWide);
  for (const auto &KV : E.Vals)
    if (int I = KV.second.objIndex(); I >= 0)
      Keep[I] = true;
  for (const AdviseRec &R : S.Advises)
    if (R.Obj >= 0)
      Keep[R.Obj] = true;
  // What an object was opened from matters to a callee only through its
  // session (a use after its Logoff, what the session still holds) and a
  // buffer's chain: a folder opened from a store opened from the session
  // is shown as opened from the session. Otherwise a recursive folder walk
  // would be a new context at every depth (one more ancestor each time).
  SmallVector<int, 16> Parent(N, -1);
  for (unsigned I = 0; I < N; ++I) {
    int P = S.Objs[I].Parent;
    if (!FF || FF->SessionWide || S.Objs[I].Buffer) {
      Parent[I] = P;
      continue;
    }
    while (P >= 0 && !S.Objs[P].Session && !S.Objs[P].Buffer)
      P = S.Objs[P].Parent;
    Parent[I] = P;
  }
  for (bool Grew = true; Grew;) {
    Grew = false;
    for (unsigned I = 0; I < N; ++I) {
      const ObjState &O = S.Objs[I];
      if (Keep[I] && Parent[I] >= 0 && !Keep[Parent[I]])
        Keep[Parent[I]] = Grew = true;
      if (!Keep[I] && O.Chained && O.Parent >= 0 && Keep[O.Parent])
        Keep[I] = Grew = true;
    }
  }
  Kept.clear();
  SmallVector<int, 16> Index(N, -1);
  for (unsigned I = 0; I < N; ++I)
    if (Keep[I]) {
      Index[I] = int(Kept.size());
      Kept.push_back(int(I));
    }
  for (auto &KV : E.Vals)
    if (int I = KV.second.objIndex(); I >= 0)
      KV.second.C = Index[I];
  for (const AdviseRec &R : S.Advises) {
    AdviseRec A = R;
    A.Inherited = true;
    A.Pending = nullptr;
    A.PendingP = NoPath;
    A.Conn = toCallee(R.Conn, M);
    if (A.Obj >= 0)
      A.Obj = Index[A.Obj];
    E.Advises.push_back(A);
  }
  for (int I : Kept) {
    ObjState O = S.Objs[I];
    O.Inherited = true;
    O.LogoffInherited = O.LoggedOff;
    O.Pending = nullptr;
    O.PendingP = NoPath;
    O.Parent = Parent[I] >= 0 ? Index[Parent[I]] : -1;
    E.Objs.push_back(O);
  }
  E.Ret.reset();
  E.LastCall = nullptr;
  E.LastCallVal.reset();
  return E;
}

State Engine::mapOut(Frame &F, const State &S0, const State &X0,
                     const CallMapping &M, const Decl *Callee, const Stmt *At,
                     ArrayRef<int> Kept, ArrayRef<char> Visible) {
  // The callee's objects in the caller's numbering: those it was shown
  // where they were, its own appended after the caller's.
  const int K = int(Kept.size()), N0 = int(S0.Objs.size());
  auto ToCaller = [&](int I) { return I < K ? Kept[I] : N0 + (I - K); };
  State X = X0;
  for (auto &KV : X.Vals)
    if (int I = KV.second.objIndex(); I >= 0)
      KV.second.C = ToCaller(I);
  for (std::optional<Val> *V : {&X.Ret, &X.LastCallVal})
    if (*V && (*V)->objIndex() >= 0)
      (*V)->C = ToCaller((*V)->objIndex());
  for (AdviseRec &A : X.Advises)
    if (A.Obj >= 0)
      A.Obj = ToCaller(A.Obj);
  {
    decltype(X.Objs) Objs = S0.Objs;
    for (int I = 0; I < int(X.Objs.size()); ++I) {
      ObjState O = X.Objs[I];
      // The caller's objects keep their own lineage (mapIn may have
      // shortened it); the callee's are opened from what it was shown.
      O.Parent = I < K           ? S0.Objs[Kept[I]].Parent
                 : O.Parent >= 0 ? ToCaller(O.Parent)
                                 : -1;
      if (I < K)
        Objs[Kept[I]] = O;
      else
        Objs.push_back(O);
    }
    X.Objs = std::move(Objs);
  }
  State R = S0;
  R.LastCall = dyn_cast_or_null<Expr>(At);
  R.LastCallVal = X.Ret;
  { // what the callee saw comes back from its exit
    unsigned W = 0;
    for (unsigned I = 0; I < R.Vals.size(); ++I)
      if (!Visible[I])
        R.Vals[W++] = R.Vals[I];
    R.Vals.truncate(W);
  }
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
      N.Pending = XR.Pending || XR.PendingP != NoPath
                      ? dyn_cast_or_null<Expr>(At)
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
  reuseSites(R, S0.Objs.size());
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
    LR.CleanSeen = true;
    LR.Pending = ResultRef();
    if (LX.P == LibState::Up) {
      // A helper that initialises and returns the HRESULT: a failure test
      // of its result undoes the initialisation.
      // Only when the helper left its initializer's result untested (it
      // returns it); a result it tested itself is settled.
      if (LX.Pending.valid())
        LR.Pending.E = dyn_cast_or_null<Expr>(At);
      LR.keepPrevious(L0);
    }
    if (L0.P == LibState::Up && !L0.Inherited && L0.CleanSeen && L0.Site &&
        LX.P == LibState::Down)
      F.UndoneOnSuccess.insert(L0.Site);
  }
  return R;
}

namespace {
/// Renames the notes of a state (State::forEachNote), each kind apart.
/// Built empty, it gives each distinct note a token in order of appearance
/// (the memo key: equal keys are entries equal up to a one-to-one renaming
/// of each kind of note). Built from two entries with equal keys, it maps
/// the first's notes to the second's and leaves every other value alone.
class NoteNames {
public:
  NoteNames() = default;
  NoteNames(const State &From, const State &To) : Tokens(false) {
    std::vector<std::pair<unsigned, uintptr_t>> F, T;
    collect(From, F);
    collect(To, T);
    for (size_t I = 0; I < F.size() && I < T.size(); ++I)
      Map[F[I].first].try_emplace(F[I].second, T[I].second);
  }
  void rename(State &S) {
    S.forEachNote([&](unsigned K, auto &V) { map(K, V); });
  }

private:
  // Never dereferenced: a key is compared and hashed, not analysed.
  uintptr_t rename(unsigned K, uintptr_t V) {
    auto It = Map[K].find(V);
    if (It != Map[K].end())
      return It->second;
    if (!Tokens)
      return V;
    uintptr_t Tok = uintptr_t(Map[K].size() + 1) * alignof(void *);
    Map[K].try_emplace(V, Tok);
    return Tok;
  }
  template <typename T> void map(unsigned K, const T *&P) {
    if (P)
      P = reinterpret_cast<const T *>(rename(K, uintptr_t(P)));
  }
  void map(unsigned K, SourceLocation &L) {
    if (L.isValid())
      L = SourceLocation::getFromRawEncoding(
          unsigned(rename(K, L.getRawEncoding())));
  }
  static void collect(const State &S0,
                      std::vector<std::pair<unsigned, uintptr_t>> &Out) {
    State &S = const_cast<State &>(S0); // visited, not changed
    S.forEachNote([&](unsigned K, auto &V) {
      if constexpr (std::is_same_v<std::decay_t<decltype(V)>, SourceLocation>)
        Out.push_back({K, V.getRawEncoding()});
      else
        Out.push_back({K, uintptr_t(V)});
    });
  }
  bool Tokens = true;
  llvm::DenseMap<uintptr_t, uintptr_t> Map[State::NumNoteKinds];
};
} // namespace

void Engine::inlineCall(Frame &F, const Decl *Callee, const CallMapping &M,
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
  std::vector<int> Kept;
  std::vector<char> Visible;
  State Entry = mapIn(S, M, Callee, Kept, Visible);
  State Key = Entry;
  NoteNames().rename(Key);
  size_t H = Key.hash();
  std::shared_ptr<Result> Res;
  // A result computed for an entry that differs only in its notes: its
  // exits speak of that entry's sites, renamed to ours below. Only a result
  // that reported nothing: a finding would name the other caller's sites.
  const State *Other = nullptr;
  std::vector<State> Replayed;
  for (const TUAnalysis::MemoEntry &E : TU.Memo[{Callee, H}]) {
    if (E.Entry == Entry) {
      Res = E.Res;
      Other = nullptr;
      break;
    }
    if (!Res && E.Res->Direct.empty() && E.Res->Effects.empty() &&
        E.Key == Key) {
      Res = E.Res;
      Other = &E.Entry;
    }
  }
  if (Other) {
    NoteNames Rename(*Other, Entry);
    for (const State &X0 : Res->Exits) {
      State X = X0;
      Rename.rename(X);
      Replayed.push_back(std::move(X));
    }
  }
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
    Res->Direct.assign(Top->Findings.begin() + FindingsBefore,
                       Top->Findings.end());
    Res->DirectBase = FindingsBefore;
    Res->Run = TU.Runs;
    ++TU.CalleeRuns;
    TU.Memo[{Callee, H}].push_back({Entry, std::move(Key), Res});
  } else if (Res->Run != TU.Runs && !Res->Direct.empty()) {
    // Computed in another run: what it reported there is reported here too,
    // and the exits' references to those findings follow them.
    size_t Base = Top->Findings.size();
    Top->Findings.insert(Top->Findings.end(), Res->Direct.begin(),
                         Res->Direct.end());
    for (const State &X0 : Res->Exits) {
      State X = X0;
      for (ObjState &O : X.Objs)
        if (O.OpenAtLogoff >= int(Res->DirectBase))
          O.OpenAtLogoff = int(Base + (O.OpenAtLogoff - Res->DirectBase));
        else
          O.OpenAtLogoff = -1;
      Replayed.push_back(std::move(X));
    }
  }
  for (const Effect &E : Res->Effects) {
    Effect V = E;
    V.Notes.insert(V.Notes.begin(),
                   Note{E.At, E.Via.empty() ? "it happens here"
                                            : "it happens here, " + E.Via});
    V.Notes.insert(V.Notes.end(), Extra.begin(), Extra.end());
    V.At = At;
    V.Via = Via.str();
    // The objects an Effect names are the caller's (those the callee was
    // shown); a callee's own object is named by its session instead.
    if (V.Obj >= int(Kept.size()))
      continue;
    if (V.Obj >= 0)
      V.Obj = Kept[V.Obj];
    if (V.Used >= 0)
      V.Used = V.Used < int(Kept.size()) ? Kept[V.Used] : V.Obj;
    raise(F, S, std::move(V));
  }
  for (const State &X : Replayed.empty() ? Res->Exits : Replayed)
    Out.push_back(mapOut(F, S, X, M, Callee, Site, Kept, Visible));
}

void Engine::mapArgs(CallMapping &M, const FunctionDecl *Callee,
                     ArrayRef<const Expr *> Args, State &S) {
  for (unsigned I = 0; I < Args.size() && I < Callee->getNumParams(); ++I) {
    const ParmVarDecl *PD = Callee->getParamDecl(I);
    Path PP;
    PP.Base = canonicalDecl(PD);
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

} // namespace mapi
