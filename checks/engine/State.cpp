//===- State.cpp ----------------------------------------------------------===//
#include "engine/State.h"
#include "llvm/ADT/Hashing.h"
#include <algorithm>

using namespace llvm;

namespace mapi {

static const char ThisTag = 0, DerefTag = 0;
const void *const Path::ThisBase = &ThisTag;
const void *const Path::DerefElem = &DerefTag;

bool Path::hasPrefix(const Path &Prefix) const {
  if (Base != Prefix.Base || Size < Prefix.Size)
    return false;
  for (unsigned I = 0; I < Prefix.Size; ++I)
    if (Elems[I] != Prefix.Elems[I])
      return false;
  return true;
}

const void *Path::lastDecl() const {
  for (unsigned I = Size; I > 0; --I)
    if (Elems[I - 1] != DerefElem)
      return Elems[I - 1];
  return Base == ThisBase ? nullptr : Base;
}

static uint64_t pathKey(const Path &P) {
  uint64_t H = hash_combine(P.Base, P.Size);
  for (unsigned I = 0; I < P.Size; ++I)
    H = hash_combine(H, P.Elems[I]);
  return H;
}

PathId PathTable::intern(const Path &P) {
  auto &Bucket = Index[pathKey(P)];
  for (PathId Id : Bucket)
    if (Paths[Id] == P)
      return Id;
  Paths.push_back(P);
  Bucket.push_back(PathId(Paths.size() - 1));
  return PathId(Paths.size() - 1);
}

PathId PathTable::append(PathId Id, const void *Elem) {
  if (Id == NoPath)
    return NoPath;
  Path P = Paths[Id];
  if (P.Size == P.Elems.size())
    return NoPath;
  P.Elems[P.Size++] = Elem;
  return intern(P);
}

PathId PathTable::rebase(PathId Id, PathId From, PathId To) {
  const Path &P = Paths[Id], &F = Paths[From];
  if (!P.hasPrefix(F))
    return NoPath;
  Path R = Paths[To];
  for (unsigned I = F.Size; I < P.Size; ++I) {
    if (R.Size == R.Elems.size())
      return NoPath;
    R.Elems[R.Size++] = P.Elems[I];
  }
  return intern(R);
}

const Val *State::get(PathId P) const {
  auto It = std::lower_bound(
      Vals.begin(), Vals.end(), P,
      [](const std::pair<PathId, Val> &E, PathId K) { return E.first < K; });
  if (It != Vals.end() && It->first == P)
    return &It->second;
  return nullptr;
}

void State::set(PathId P, Val V) {
  if (P == NoPath)
    return;
  auto It = std::lower_bound(
      Vals.begin(), Vals.end(), P,
      [](const std::pair<PathId, Val> &E, PathId K) { return E.first < K; });
  if (It != Vals.end() && It->first == P)
    It->second = V;
  else
    Vals.insert(It, {P, V});
}

void State::erase(PathId P) {
  auto It = std::lower_bound(
      Vals.begin(), Vals.end(), P,
      [](const std::pair<PathId, Val> &E, PathId K) { return E.first < K; });
  if (It != Vals.end() && It->first == P)
    Vals.erase(It);
}

void State::eraseWithPrefix(const PathTable &PT, PathId P) {
  if (P == NoPath)
    return;
  const Path &Prefix = PT.get(P);
  eraseIf([&](PathId Q) { return PT.get(Q).hasPrefix(Prefix); });
}

void State::eraseBelow(const PathTable &PT, PathId P) {
  if (P == NoPath)
    return;
  const Path &Root = PT.get(P);
  eraseIf([&](PathId Q) {
    const Path &Pa = PT.get(Q);
    return Pa.Size > Root.Size && Pa.hasPrefix(Root);
  });
}

// A cheap multiplicative mix: states are hashed on every worklist insert,
// and llvm::hash_combine showed up in profiles.
static inline uint64_t mix(uint64_t H, uint64_t V) {
  H ^= V + 0x9e3779b97f4a7c15ULL + (H << 6) + (H >> 2);
  return H;
}
static inline uint64_t ptr(const void *P) {
  return reinterpret_cast<uintptr_t>(P);
}

void ObjState::joinWith(const ObjState &O) {
  if (Ph != O.Ph)
    Ph = Maybe;
  if (LoggedOff != O.LoggedOff || LogoffSite != O.LogoffSite) {
    LoggedOff = false;
    LogoffSite = LogoffLeaf = nullptr;
  }
  if (SubmitSite != O.SubmitSite)
    SubmitSite = nullptr;
  SubmitFailSeen |= O.SubmitFailSeen;
  if (Pending != O.Pending || PendingP != O.PendingP) {
    Pending = nullptr;
    PendingP = NoPath;
  }
  Escaped |= O.Escaped;
  Refs = std::max(Refs, O.Refs);
  if (ReleaseAt != O.ReleaseAt)
    ReleaseAt = clang::SourceLocation();
  if (FlagsKnown != O.FlagsKnown || LogonFlags != O.LogonFlags)
    FlagsKnown = false;
  LogoffInherited |= O.LogoffInherited;
  if (OpenAtLogoff != O.OpenAtLogoff)
    OpenAtLogoff = -1;
  OrNull |= O.OrNull;
}

bool State::joinable(const State &O, bool Lenient) const {
  if (Libs != O.Libs || Objs.size() != O.Objs.size() || Advises != O.Advises)
    return false;
  if (!Lenient && (Ret != O.Ret || LastCall != O.LastCall ||
                   LastCallVal != O.LastCallVal))
    return false;
  for (unsigned I = 0; I < Objs.size(); ++I) {
    if (!Objs[I].sameIdentity(O.Objs[I]))
      return false;
    // Property simulation: paths on which an object is held and paths on
    // which it is not stay apart (merged, it would be judged by nobody);
    // whatever else differs is merged.
    if ((Objs[I].Ph == ObjState::Live) != (O.Objs[I].Ph == ObjState::Live))
      return false;
  }
  return true;
}

void State::joinWith(const State &O) {
  llvm::SmallVector<std::pair<PathId, Val>, 6> Kept;
  for (const auto &KV : Vals)
    if (const Val *V = O.get(KV.first); V && *V == KV.second)
      Kept.push_back(KV);
  Vals = std::move(Kept);
  for (unsigned I = 0; I < Objs.size(); ++I)
    Objs[I].joinWith(O.Objs[I]);
  if (Ret != O.Ret)
    Ret.reset();
  if (LastCall != O.LastCall || LastCallVal != O.LastCallVal) {
    LastCall = nullptr;
    LastCallVal.reset();
  }
}

/// The same acquisition in two states, whatever each did with it since.
static bool sameAcquisition(const ObjState &A, const ObjState &B) {
  return A.Site == B.Site && A.Leaf == B.Leaf && A.Slot == B.Slot &&
         A.Session == B.Session && A.External == B.External &&
         A.Inherited == B.Inherited && A.Buffer == B.Buffer &&
         A.Chained == B.Chained && A.D == B.D &&
         (!A.Session || A.Escaped == B.Escaped);
}

/// A registration on object I, or a result that is I.
static bool namedBesidesValues(const State &S, int I) {
  for (const AdviseRec &A : S.Advises)
    if (A.Obj == I)
      return true;
  for (const std::optional<Val> *V : {&S.Ret, &S.LastCallVal})
    if (*V && (*V)->objIndex() == I)
      return true;
  return false;
}

namespace {
/// The paths that hold each object of a state, gathered in one pass (a
/// long routine's states hold a hundred objects in as many variables).
struct Holders {
  SmallVector<SmallVector<PathId, 2>, 16> Of;
  explicit Holders(const State &S) : Of(S.Objs.size()) {
    for (const auto &KV : S.Vals)
      if (int I = KV.second.objIndex(); I >= 0 && unsigned(I) < Of.size())
        Of[I].push_back(KV.first);
  }
};
} // namespace

/// Something of S still names object I (a value, a registration, a result).
static bool refersTo(const State &S, const Holders &H, int I) {
  return !H.Of[I].empty() || namedBesidesValues(S, I);
}

/// Object I of Own is held only by values that Other has null or unknown,
/// and by nothing else (a registration, a result): Other never acquired
/// it, and the holders' null test tells the two apart again.
static bool heldOnlyWhereOtherIsNull(const State &Own, const Holders &H, int I,
                                     const State &Other) {
  if (H.Of[I].empty())
    return false;
  for (PathId P : H.Of[I])
    if (const Val *V = Other.get(P); V && V->K != ValKind::Null)
      return false;
  return !namedBesidesValues(Own, I);
}

/// Whether a merge may drop V (unknown afterwards) at a path of loss L.
static bool mayLose(State::Loss L, const std::optional<Val> &V) {
  if (!V || V->K == ValKind::Null || V->K == ValKind::NonNull)
    return true;
  switch (L) {
  case State::Loss::Consts: // data: a constant, never a result
    return V->K == ValKind::Const;
  case State::Loss::Any:
    return V->K != ValKind::Obj;
  default:
    return false;
  }
}

/// 1 failed, 0 succeeded, -1 not known to be either.
static int failureOf(const std::optional<Val> &V) {
  if (!V)
    return -1;
  if (V->K == ValKind::Failed || (V->K == ValKind::Const && V->C))
    return 1;
  if (V->K == ValKind::Succeeded || (V->K == ValKind::Const && !V->C))
    return 0;
  return -1;
}

/// Two values a merge cannot simply lose, at a path of loss L: whether the
/// merge may go on, and the value it keeps (none: the value is dropped).
/// MAPI_E_NOT_FOUND on one path and a failed call on the other both failed,
/// which is all a later test of a result can ask.
static bool joinValues(State::Loss L, const std::optional<Val> &VA,
                       const std::optional<Val> &VB,
                       std::optional<Val> &Kept) {
  Kept.reset();
  if (L != State::Loss::Result)
    return mayLose(L, VA) && mayLose(L, VB);
  int FA = failureOf(VA);
  if (FA < 0 || FA != failureOf(VB))
    return false;
  Kept = FA ? Val{ValKind::Failed, 0} : Val{ValKind::Succeeded, 0};
  return true;
}

/// A and B were opened from the same object (B's parent in A's numbering
/// through To), or both from none.
static bool sameParent(const ObjState &A, const ObjState &B, ArrayRef<int> To) {
  return (A.Parent < 0) == (B.Parent < 0) &&
         (B.Parent < 0 || To[B.Parent] == A.Parent);
}

/// A and B are the same object in the same typestate: only the notes and
/// the merge's own marks differ.
static bool sameLiveState(const ObjState &A, const ObjState &B,
                          ArrayRef<int> To) {
  if (!sameParent(A, B, To))
    return false;
  ObjState BA = B;
  BA.Parent = A.Parent;
  BA.OrNull = A.OrNull;
  BA.OpenAtLogoff = A.OpenAtLogoff;
  BA.ReleaseAt = A.ReleaseAt; // notes: one path's are kept
  BA.Holder = A.Holder;
  return BA == A;
}

bool State::mergeAcquisitions(const State &O,
                               function_ref<Loss(PathId)> LossAt,
                               bool &Changed) {
  Changed = false;
  for (unsigned R = 0; R < NumResources; ++R)
    if (!Libs[R].samePhase(O.Libs[R]))
      return false;
  if (Ret.has_value() != O.Ret.has_value())
    return false;
  // Results and flags both paths hold and disagree on decide alone, as the
  // value merge below would: most merges that fail, fail there, and this
  // walk is far cheaper than pairing the objects first. (Values that are
  // objects, and cookies a registration keeps, are left to that merge.)
  {
    const State *Self = this;
    auto IsConn = [&](PathId P) {
      for (const State *X : {Self, &O})
        for (const AdviseRec &R : X->Advises)
          if (R.Conn == P)
            return true;
      return false;
    };
    const Loss Pointers = Loss::Strict;
    const auto &VsA = Vals, &VsB = O.Vals;
    for (auto A = VsA.begin(), B = VsB.begin();
         A != VsA.end() && B != VsB.end();) {
      if (A->first < B->first) {
        ++A;
        continue;
      }
      if (B->first < A->first) {
        ++B;
        continue;
      }
      const PathId P = A->first;
      const std::optional<Val> VA = A->second, VB = B->second;
      ++A;
      ++B;
      if (*VA == *VB || VA->objIndex() >= 0 || VB->objIndex() >= 0 ||
          (mayLose(Pointers, VA) && mayLose(Pointers, VB)) || IsConn(P))
        continue;
      std::optional<Val> Kept;
      if (!joinValues(LossAt(P), VA, VB, Kept))
        return false;
    }
  }
  const unsigned NA = Objs.size(), NB = O.Objs.size();
  // O's objects in our numbering: matched ones, then O's own appended.
  SmallVector<int, 8> Map(NB, -1);
  SmallVector<bool, 8> Used(NA, false);
  auto Pair = [&](int I, int J) {
    if (I < 0 || J < 0 || Used[I] || Map[J] >= 0 ||
        !sameAcquisition(Objs[I], O.Objs[J]))
      return false;
    Map[J] = I;
    Used[I] = true;
    return true;
  };
  // The same acquisition held by the same variable on both paths first (a
  // loop's earlier objects must not take the place of the current one),
  // then what they were opened from, then the rest in order.
  // (Both value lists are sorted by path: one walk pairs them.)
  const auto &VA = Vals, &VB = O.Vals;
  for (auto A = VA.begin(), B = VB.begin(); A != VA.end() && B != VB.end();) {
    if (A->first < B->first) {
      ++A;
    } else if (B->first < A->first) {
      ++B;
    } else {
      if (int J = B->second.objIndex(); J >= 0)
        Pair(A->second.objIndex(), J);
      ++A;
      ++B;
    }
  }
  for (bool Paired = true; Paired;) {
    Paired = false;
    for (unsigned J = 0; J < NB; ++J)
      if (Map[J] >= 0)
        Paired |= Pair(Objs[Map[J]].Parent, O.Objs[J].Parent);
  }
  {
    // Candidates by acquisition site, in index order within a site.
    SmallVector<std::pair<const clang::Stmt *, int>, 32> BySite;
    for (unsigned I = 0; I < NA; ++I)
      if (!Used[I])
        BySite.push_back({Objs[I].Site, int(I)});
    llvm::sort(BySite);
    for (unsigned J = 0; J < NB; ++J)
      if (Map[J] < 0)
        for (auto It = std::lower_bound(BySite.begin(), BySite.end(),
                                        std::make_pair(O.Objs[J].Site, -1));
             It != BySite.end() && It->first == O.Objs[J].Site; ++It)
          if (Pair(It->second, int(J)))
            break;
  }
  SmallVector<int, 8> To(NB, -1);
  unsigned Next = NA;
  for (unsigned J = 0; J < NB; ++J)
    To[J] = Map[J] >= 0 ? Map[J] : int(Next++);
  // An object live on both paths must agree (see below); most failed
  // merges fail here, before what holds each object is gathered.
  for (unsigned J = 0; J < NB; ++J)
    if (Map[J] >= 0 && Objs[Map[J]].Ph == ObjState::Live &&
        O.Objs[J].Ph == ObjState::Live &&
        !sameLiveState(Objs[Map[J]], O.Objs[J], To))
      return false;
  const Holders HA(*this), HB(O);

  // Per object: exists on one path only (Cond*: where its holders are null
  // it was never acquired), or agrees on both.
  SmallVector<bool, 8> CondA(NA, false), CondB(NB, false);
  for (unsigned I = 0; I < NA; ++I)
    if (!Used[I]) {
      // Over and named by nothing (kept as what another object came
      // from): it comes along as it is.
      if (Objs[I].Ph != ObjState::Live && !refersTo(*this, HA, int(I)))
        continue;
      if (!heldOnlyWhereOtherIsNull(*this, HA, int(I), O))
        return false;
      CondA[I] = true;
    }
  for (unsigned J = 0; J < NB; ++J) {
    const ObjState &B = O.Objs[J];
    if (Map[J] < 0) {
      if (B.Ph != ObjState::Live && !refersTo(O, HB, int(J)))
        continue;
      if (!heldOnlyWhereOtherIsNull(O, HB, int(J), *this))
        return false;
      CondB[J] = true;
      continue;
    }
    const int I = Map[J];
    const ObjState &A = Objs[I];
    if (!sameParent(A, B, To))
      return false;
    bool HeldA = refersTo(*this, HA, I), HeldB = refersTo(O, HB, int(J));
    // A failed acquisition one path kept as what others came from: the
    // other path's object exists where its holders are non-null.
    if (B.Ph == ObjState::Gone && !HeldB && HeldA) {
      if (!heldOnlyWhereOtherIsNull(*this, HA, I, O))
        return false;
      CondA[I] = true;
      continue;
    }
    if (A.Ph == ObjState::Gone && !HeldA && HeldB) {
      if (!heldOnlyWhereOtherIsNull(O, HB, int(J), *this))
        return false;
      CondB[J] = true;
      continue;
    }
    // The typestate must agree (a Logoff, a pending submit, a release seen
    // on one path only stays apart), unless the object is over on both
    // and nothing names it, or one path already made it unknown (Maybe).
    if (A.Ph != ObjState::Live && B.Ph != ObjState::Live &&
        ((!HeldA && !HeldB) || A.Ph == ObjState::Maybe ||
         B.Ph == ObjState::Maybe))
      continue;
    if (!sameLiveState(A, B, To)) // the parent is settled above
      return false;
  }

  auto Mapped = [&](Val V) {
    if (V.objIndex() >= 0)
      V.C = To[V.objIndex()];
    return V;
  };
  auto MappedOpt = [&](const std::optional<Val> &V) -> std::optional<Val> {
    return V ? std::optional<Val>(Mapped(*V)) : std::nullopt;
  };
  if (Ret != MappedOpt(O.Ret))
    return false;
  // The last call's result is stale at a join unless both paths made it.
  bool SameCall =
      LastCall == O.LastCall && LastCallVal == MappedOpt(O.LastCallVal);
  // Registrations: the same on both paths, or made on one path only, where
  // the other holds a zero or unknown connection (its test tells the two
  // apart again, as a holder's null test does for objects).
  SmallVector<AdviseRec, 2> OnlyB;
  SmallVector<bool, 2> AdvPaired(Advises.size(), false),
      AdvOrZero(Advises.size(), false);
  SmallVector<PathId, 2> CondConns;
  auto NoConnIn = [](const State &S, const AdviseRec &R) {
    if (R.Conn == NoPath || R.Pending || R.PendingP != NoPath)
      return false;
    const Val *V = S.get(R.Conn);
    return !V || V->K == ValKind::Null ||
           (V->K == ValKind::Const && V->C == 0);
  };
  for (const AdviseRec &R : O.Advises) {
    AdviseRec B = R;
    if (B.Obj >= 0)
      B.Obj = To[B.Obj];
    bool Paired = false;
    for (unsigned K = 0; K < Advises.size() && !Paired; ++K)
      if (!AdvPaired[K] && Advises[K].sameRegistration(B)) {
        AdvPaired[K] = Paired = true;
        AdvOrZero[K] = B.OrZero;
      }
    if (Paired)
      continue;
    if (!NoConnIn(*this, B))
      return false;
    B.OrZero = true;
    CondConns.push_back(B.Conn);
    OnlyB.push_back(B);
  }
  for (unsigned K = 0; K < Advises.size(); ++K)
    if (!AdvPaired[K]) {
      if (!NoConnIn(O, Advises[K]))
        return false;
      AdvOrZero[K] = true;
      CondConns.push_back(Advises[K].Conn);
    }
  // Values: the holders of an object only one path has keep it; results,
  // flags and other objects' holders must agree; pointers may be lost.
  SmallVector<bool, 8> CondTo(Next, false);
  for (unsigned I = 0; I < NA; ++I)
    CondTo[I] = CondA[I];
  for (unsigned J = 0; J < NB; ++J)
    if (CondB[J])
      CondTo[To[J]] = true;
  auto Conditional = [&](const std::optional<Val> &V) {
    return V && V->objIndex() >= 0 && CondTo[V->objIndex()];
  };
  const Loss Pointers = Loss::Strict; // what any merge may lose
  SmallVector<std::pair<PathId, Val>, 6> Merged;
  auto A = Vals.begin(), AE = Vals.end();
  auto B = O.Vals.begin(), BE = O.Vals.end();
  while (A != AE || B != BE) {
    PathId P;
    std::optional<Val> VA, VB;
    if (B == BE || (A != AE && A->first < B->first)) {
      P = A->first;
      VA = (A++)->second;
    } else if (A == AE || B->first < A->first) {
      P = B->first;
      VB = Mapped((B++)->second);
    } else {
      P = A->first;
      VA = (A++)->second;
      VB = Mapped((B++)->second);
    }
    if (VA && VB && *VA == *VB)
      Merged.push_back({P, *VA});
    else if (is_contained(CondConns, P))
      continue; // a connection made on one path: unknown, as it may be
    else if (Conditional(VA) && mayLose(Pointers, VB)) // null or unknown
      Merged.push_back({P, *VA});
    else if (Conditional(VB) && mayLose(Pointers, VA))
      Merged.push_back({P, *VB});
    else if (!mayLose(Pointers, VA) || !mayLose(Pointers, VB)) {
      std::optional<Val> Kept;
      if (!joinValues(LossAt(P), VA, VB, Kept))
        return false;
      if (Kept)
        Merged.push_back({P, *Kept});
    }
  }

  Changed = Merged != Vals;
  Vals = std::move(Merged);
  for (unsigned K = 0; K < Advises.size(); ++K)
    if (AdvOrZero[K] && !Advises[K].OrZero) {
      Advises[K].OrZero = true;
      Changed = true;
    }
  if (!OnlyB.empty()) {
    Advises.append(OnlyB.begin(), OnlyB.end());
    Changed = true;
  }
  for (unsigned R = 0; R < NumResources; ++R) {
    LibState &L = Libs[R];
    if ((O.Libs[R].FailSeen && !L.FailSeen) ||
        (O.Libs[R].CleanSeen && !L.CleanSeen)) {
      L.FailSeen |= O.Libs[R].FailSeen;
      L.CleanSeen |= O.Libs[R].CleanSeen;
      Changed = true;
    }
  }
  if (!SameCall && (LastCall || LastCallVal)) {
    Changed = true;
    LastCall = nullptr;
    LastCallVal.reset();
  }
  auto Update = [&](ObjState &Slot, const ObjState &N) {
    if (Slot != N) {
      Slot = N;
      Changed = true;
    }
  };
  for (unsigned J = 0; J < NB; ++J) {
    int I = Map[J];
    if (I < 0)
      continue;
    ObjState N = Objs[I];
    if (CondB[J]) { // ours was the failed one
      N = O.Objs[J];
      N.Parent = Objs[I].Parent;
    } else if (!CondA[I]) {
      N.joinWith(O.Objs[J]);
      N.ReleaseAt = Objs[I].ReleaseAt;
    }
    if (CondTo[I])
      N.OrNull = true;
    Update(Objs[I], N);
  }
  for (unsigned I = 0; I < NA; ++I)
    if (CondTo[I] && !Objs[I].OrNull) {
      Objs[I].OrNull = true;
      Changed = true;
    }
  for (unsigned J = 0; J < NB; ++J)
    if (Map[J] < 0) {
      ObjState N = O.Objs[J];
      N.OrNull |= CondB[J];
      if (N.Parent >= 0)
        N.Parent = To[N.Parent];
      Objs.push_back(N);
      Changed = true;
    }
  return true;
}

size_t State::hash() const {
  uint64_t H = Vals.size();
  for (const auto &E : Vals)
    H = mix(mix(H, E.first), (uint64_t(E.second.K) << 56) ^ uint64_t(E.second.C));
  for (const LibState &L : Libs)
    H = mix(mix(mix(H, (uint64_t(L.P) << 16) | (uint64_t(L.Depth) << 8) |
                           (uint64_t(L.Inherited) << 2) |
                           (uint64_t(L.FailSeen) << 1) | (uint64_t(L.CleanSeen) << 3) |
                           L.InitWhileMapiDown),
                ptr(L.Site)),
            ptr(L.Pending.E) ^ L.Pending.P);
  for (const ObjState &O : Objs)
    H = mix(mix(H, ptr(O.Site)),
            ((uint64_t(O.Ph) << 8) | (uint64_t(O.LoggedOff) << 1) |
             uint64_t(O.Escaped) | (uint64_t(O.Refs) << 16) |
             (uint64_t(O.OrNull) << 2)) ^
                O.ReleaseAt.getRawEncoding() ^ ptr(O.SubmitSite) ^ ptr(O.Pending));
  for (const AdviseRec &A : Advises)
    H = mix(mix(H, ptr(A.Leaf)), uint64_t(A.Obj) ^ (uint64_t(A.Conn) << 20) ^
                                     (uint64_t(A.OrZero) << 60));
  if (Ret)
    H = mix(H, (uint64_t(Ret->K) << 56) ^ uint64_t(Ret->C));
  return size_t(mix(H, ptr(LastCall)));
}

} // namespace mapi
