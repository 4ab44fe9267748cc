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

size_t State::hash() const {
  uint64_t H = Vals.size();
  for (const auto &E : Vals)
    H = mix(mix(H, E.first), (uint64_t(E.second.K) << 56) ^ uint64_t(E.second.C));
  for (const LibState &L : Libs)
    H = mix(mix(mix(H, (uint64_t(L.P) << 16) | (uint64_t(L.Depth) << 8) |
                           (uint64_t(L.Inherited) << 2) |
                           (uint64_t(L.FailSeen) << 1) | L.InitWhileMapiDown),
                ptr(L.Site)),
            ptr(L.Pending.E) ^ L.Pending.P);
  for (const ObjState &O : Objs)
    H = mix(mix(H, ptr(O.Site)),
            ((uint64_t(O.Ph) << 8) | (uint64_t(O.LoggedOff) << 1) |
             uint64_t(O.Escaped) | (uint64_t(O.Refs) << 16)) ^
                O.ReleaseAt.getRawEncoding() ^ ptr(O.SubmitSite) ^ ptr(O.Pending));
  for (const AdviseRec &A : Advises)
    H = mix(mix(H, ptr(A.Leaf)), uint64_t(A.Obj) ^ (uint64_t(A.Conn) << 20));
  if (Ret)
    H = mix(H, (uint64_t(Ret->K) << 56) ^ uint64_t(Ret->C));
  return size_t(mix(H, ptr(LastCall)));
}

} // namespace mapi
