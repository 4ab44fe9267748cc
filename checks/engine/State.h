//===- State.h - the abstract state the engine carries along a path -------===//
//
// The engine is path-sensitive with state merging: each program point holds a
// small set of distinct States, and a branch condition filters or refines
// each one. A State is a conjunction of facts:
//  - values of tracked access paths (null / non-null / a constant), which is
//    what prunes `if (p)` after `p = NULL` and `if (fInit)` flag guards;
//  - the lifetime phase of each global library (MAPI, OLE, MAPI util, COM),
//    with the call that moved it there.
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_ENGINE_STATE_H
#define MAPI_TIDY_ENGINE_STATE_H

#include "engine/ApiTable.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class Expr;
class Stmt;
class ValueDecl;
} // namespace clang

namespace mapi {

/// Base of an access path: a variable/parameter, or `this` (ThisBase).
/// Elements are FieldDecls, or DerefElem for `*p`.
struct Path {
  static const void *const ThisBase;
  static const void *const DerefElem;
  const void *Base = nullptr;
  std::array<const void *, 3> Elems{};
  unsigned char Size = 0;

  bool operator==(const Path &O) const {
    return Base == O.Base && Size == O.Size && Elems == O.Elems;
  }
  /// True if this path starts with Prefix (or equals it).
  bool hasPrefix(const Path &Prefix) const;
  /// The last named declaration (field or base variable), for mod sets.
  const void *lastDecl() const;
};

using PathId = uint32_t;
constexpr PathId NoPath = ~0u;

/// Interns paths so states compare ids.
class PathTable {
public:
  PathId intern(const Path &P);
  const Path &get(PathId Id) const { return Paths[Id]; }
  /// Path + one more element, or NoPath when too long.
  PathId append(PathId Id, const void *Elem);
  /// Replaces prefix From of Id with To (NoPath if Id lacks the prefix).
  PathId rebase(PathId Id, PathId From, PathId To);

private:
  std::vector<Path> Paths;
  llvm::DenseMap<uint64_t, llvm::SmallVector<PathId, 1>> Index;
};

/// Failed/Succeeded: an HRESULT known to have failed or succeeded.
/// Obj: a pointer to the MAPI object State::Objs[C].
enum class ValKind : unsigned char { Null, NonNull, Const, Failed, Succeeded, Obj };
struct Val {
  ValKind K = ValKind::NonNull;
  int64_t C = 0;
  bool operator==(const Val &O) const { return K == O.K && C == O.C; }
  bool operator!=(const Val &O) const { return !(*this == O); }
  static Val null() { return {ValKind::Null, 0}; }
  static Val nonNull() { return {ValKind::NonNull, 0}; }
  static Val constant(int64_t C) { return {ValKind::Const, C}; }
  static Val obj(unsigned I) { return {ValKind::Obj, int64_t(I)}; }
  int objIndex() const { return K == ValKind::Obj ? int(C) : -1; }
  /// Truth value when known.
  int truth() const {
    if (K == ValKind::Null)
      return 0;
    if (K == ValKind::NonNull || K == ValKind::Failed || K == ValKind::Obj)
      return 1;
    if (K == ValKind::Succeeded)
      return -1;
    return C != 0;
  }
};

/// What a failure test refers to: a path (hr) or the call expression itself
/// (`if (FAILED(MAPIInitialize(0)))`).
struct ResultRef {
  PathId P = NoPath;
  const clang::Expr *E = nullptr;
  bool valid() const { return P != NoPath || E; }
  bool operator==(const ResultRef &O) const { return P == O.P && E == O.E; }
};

/// Lifetime phase of one global library as seen on this path.
struct LibState {
  enum Phase : unsigned char { Unknown, Up, Down };
  Phase P = Unknown;
  unsigned char Depth = 0; // nesting of Up (capped)
  /// Up: the initializer; Down: the uninitializer. In this frame's terms: a
  /// call of a helper that did it, or the API call itself.
  const clang::Stmt *Site = nullptr;
  /// The API call that really did it (deepest), for notes.
  const clang::Stmt *Leaf = nullptr;
  bool Inherited = false; // came with the caller's state
  // Up: a failure branch was taken since, on some path merged here; and
  // on some path none was. One path has exactly one of the two; both are
  // asked existentially (an error path leaks, a success path undoes it),
  // so paths that differ only here merge.
  bool FailSeen = false;
  bool CleanSeen = true;
  ResultRef Pending;      // Up: the initializer's result, not yet tested
  // What a failed initializer leaves behind.
  Phase PrevP = Unknown;
  unsigned char PrevDepth = 0;
  const clang::Stmt *PrevSite = nullptr, *PrevLeaf = nullptr;
  bool PrevInherited = false, PrevFailSeen = false, PrevCleanSeen = true;
  const void *Module = nullptr; // Up through GetProcAddress: module handle decl
  /// OLE only: initialised while MAPI was already down, and MAPI has not gone
  /// down again since. Its OleUninitialize is then not "after" MAPI's.
  bool InitWhileMapiDown = false;

  /// Remembers O as what a failure of this initializer leaves behind.
  void keepPrevious(const LibState &O) {
    PrevP = O.P;
    PrevDepth = O.Depth;
    PrevSite = O.Site;
    PrevLeaf = O.Leaf;
    PrevInherited = O.Inherited;
    PrevFailSeen = O.FailSeen;
    PrevCleanSeen = O.CleanSeen;
  }
  /// What the initializer's failure leaves behind.
  LibState previous() const {
    LibState N;
    N.P = PrevP;
    N.Depth = PrevDepth;
    N.Site = PrevSite;
    N.Leaf = PrevLeaf;
    N.Inherited = PrevInherited;
    N.FailSeen = PrevFailSeen;
    N.CleanSeen = PrevCleanSeen;
    return N;
  }

  bool operator==(const LibState &O) const {
    return samePhase(O) && FailSeen == O.FailSeen && CleanSeen == O.CleanSeen;
  }
  /// Equal but for which paths saw a failure.
  bool samePhase(const LibState &O) const {
    return P == O.P && Depth == O.Depth && Site == O.Site && Leaf == O.Leaf &&
           Inherited == O.Inherited && Pending == O.Pending && PrevP == O.PrevP &&
           PrevDepth == O.PrevDepth && PrevSite == O.PrevSite &&
           PrevLeaf == O.PrevLeaf && PrevInherited == O.PrevInherited &&
           PrevFailSeen == O.PrevFailSeen && PrevCleanSeen == O.PrevCleanSeen &&
           Module == O.Module &&
           InitWhileMapiDown == O.InitWhileMapiDown;
  }
  bool operator!=(const LibState &O) const { return !(*this == O); }
};

/// A MAPI object acquired on this path (a session, store, table, ...): where
/// it came from, the session it belongs to, and its lifetime so far.
struct ObjState {
  // Gone: never acquired; Maybe: paths disagree (merged), judged by nobody.
  enum Phase : unsigned char { Live, Released, Gone, Maybe };
  const clang::Stmt *Site = nullptr, *Leaf = nullptr; // acquisition
  const clang::Expr *Holder = nullptr; // what it was stored into, for messages
  const clang::Stmt *LogoffSite = nullptr, *LogoffLeaf = nullptr;
  clang::SourceLocation ReleaseAt; // where the last reference went
  const clang::Stmt *SubmitSite = nullptr; // pending SubmitMessage (sessions)
  const clang::Expr *Pending = nullptr;    // acquisition result, not yet tested
  PathId PendingP = NoPath;
  int Parent = -1;          // the object it was opened from
  unsigned LogonFlags = 0;  // sessions logged on here
  unsigned char Refs = 1;
  signed char Slot = -1; // which out-argument of the acquiring call
  /// Buffers: the count or size the same call wrote (`&cb` beside `&eid`);
  /// known to be zero, nothing was allocated.
  PathId SizeP = NoPath;
  Phase Ph = Live;
  bool Session = false;
  bool External = false;     // not acquired in the analysed code (a parameter)
  bool FlagsKnown = false;
  bool LoggedOff = false;
  bool Inherited = false;       // acquired in a caller
  bool LogoffInherited = false; // logged off in a caller
  bool Escaped = false;         // handed to code we cannot follow
  bool SubmitFailSeen = false;  // a failure branch since SubmitMessage
  int OpenAtLogoff = -1; // the finding that reported it open at a Logoff
  bool Buffer = false;   // MAPI memory rather than a COM object
  bool Chained = false;  // MAPIAllocateMore: freed with its parent
  /// Merged with paths that never acquired it: where its holders are null
  /// it does not exist (State::mergeAcquisitions).
  bool OrNull = false;
  Dealloc D = Dealloc::None; // the deallocator it needs

  bool operator==(const ObjState &O) const {
    return Site == O.Site && Slot == O.Slot && SizeP == O.SizeP &&
           Leaf == O.Leaf && Holder == O.Holder &&
           LogoffSite == O.LogoffSite && LogoffLeaf == O.LogoffLeaf &&
           ReleaseAt == O.ReleaseAt && SubmitSite == O.SubmitSite &&
           Pending == O.Pending && PendingP == O.PendingP &&
           Parent == O.Parent && LogonFlags == O.LogonFlags &&
           Refs == O.Refs && Ph == O.Ph && Session == O.Session &&
           External == O.External && FlagsKnown == O.FlagsKnown &&
           LoggedOff == O.LoggedOff && Inherited == O.Inherited &&
           LogoffInherited == O.LogoffInherited && Escaped == O.Escaped &&
           SubmitFailSeen == O.SubmitFailSeen &&
           OpenAtLogoff == O.OpenAtLogoff && Buffer == O.Buffer &&
           Chained == O.Chained && OrNull == O.OrNull && D == O.D;
  }
  bool operator!=(const ObjState &O) const { return !(*this == O); }
  /// Whether two states' objects describe the same acquisitions.
  bool sameIdentity(const ObjState &O) const {
    return Site == O.Site && Slot == O.Slot && Session == O.Session &&
           Parent == O.Parent &&
           External == O.External && Inherited == O.Inherited &&
           Buffer == O.Buffer &&
           // A path that handed the session on stays apart from one that
           // did not: merged, the escape would silence both.
           (!Session || Escaped == O.Escaped);
  }
  /// Keeps what both paths agree on; disagreement makes facts unknown,
  /// which silences the checks for this object rather than guessing.
  void joinWith(const ObjState &O);
};

/// A live notification registration: Advise on Objs[Obj], cookie in Conn.
struct AdviseRec {
  int Obj = -1;
  PathId Conn = NoPath;                    // where the connection is kept
  const clang::Stmt *Site = nullptr;       // in this frame's terms
  const clang::Stmt *Leaf = nullptr;       // the Advise call itself
  const clang::Expr *Pending = nullptr;    // result not yet tested
  PathId PendingP = NoPath;
  bool Inherited = false;
  /// Merged with paths that never registered: where Conn is zero there is
  /// no registration (the `if (ulConn)` before Unadvise tells them apart).
  bool OrZero = false;
  bool operator==(const AdviseRec &O) const {
    return sameRegistration(O) && OrZero == O.OrZero;
  }
  bool sameRegistration(const AdviseRec &O) const {
    return Obj == O.Obj && Conn == O.Conn && Site == O.Site &&
           Leaf == O.Leaf && Pending == O.Pending && PendingP == O.PendingP &&
           Inherited == O.Inherited;
  }
  bool operator!=(const AdviseRec &O) const { return !(*this == O); }
};

struct State {
  State() = default;
  State(const State &) = default;
  State &operator=(const State &) = default;
  // noexcept, so a growing std::vector<State> moves its states instead of
  // copying them (SmallVector's own moves are not declared noexcept).
  State(State &&) noexcept = default;
  State &operator=(State &&) noexcept = default;
  llvm::SmallVector<std::pair<PathId, Val>, 6> Vals; // sorted by PathId
  std::array<LibState, NumResources> Libs;
  llvm::SmallVector<ObjState, 4> Objs;
  llvm::SmallVector<AdviseRec, 2> Advises;
  /// The session an object belongs to (following Parent), or -1.
  int rootSession(int I) const {
    for (int N = 0; I >= 0 && N < 16; ++N) {
      if (Objs[I].Session)
        return I;
      I = Objs[I].Parent;
    }
    return -1;
  }
  /// The value this function returns on this path (set at `return`).
  std::optional<Val> Ret;
  /// The result of the last call of a TU function, as its body returned it.
  const clang::Expr *LastCall = nullptr;
  std::optional<Val> LastCallVal;

  const Val *get(PathId P) const;
  void set(PathId P, Val V);
  void erase(PathId P);
  /// Forgets P and every path that extends it.
  void eraseWithPrefix(const PathTable &PT, PathId P);
  /// Forgets the paths that extend P (what P points to), not P itself.
  void eraseBelow(const PathTable &PT, PathId P);
  /// Forgets every fact whose path satisfies Pred.
  template <typename Pred> void eraseIf(Pred P) {
    Vals.erase(std::remove_if(Vals.begin(), Vals.end(),
                              [&](const std::pair<PathId, Val> &E) {
                                return P(E.first);
                              }),
               Vals.end());
  }
  /// Every path that holds object I now holds NULL (it was never acquired:
  /// a failed call leaves its out-parameter empty).
  void nullHolders(int I) {
    for (auto &E : Vals)
      if (E.second.objIndex() == I)
        E.second = Val::null();
  }
  /// Forgets every path that holds object I.
  void eraseHolders(int I) {
    Vals.erase(std::remove_if(Vals.begin(), Vals.end(),
                              [&](const std::pair<PathId, Val> &E) {
                                return E.second.objIndex() == I;
                              }),
               Vals.end());
  }
  LibState &lib(Resource R) { return Libs[static_cast<unsigned>(R)]; }
  const LibState &lib(Resource R) const {
    return Libs[static_cast<unsigned>(R)];
  }

  /// Merges O into this state (same library phases and objects): facts
  /// both agree on stay, the rest become unknown.
  /// Lenient: results (Ret, LastCall) may differ too and become unknown.
  bool joinable(const State &O, bool Lenient = false) const;
  void joinWith(const State &O);
  /// Property simulation where paths differ in which objects exist: an
  /// object that one path acquired and the other never did survives the
  /// merge marked OrNull, when the other path's holders of it are null or
  /// unknown (the holder's null test tells the two apart again). Every
  /// other fact must agree, up to pointers both leave unknown. False, and
  /// this state unchanged, when the two cannot be merged so.
  /// How much of the value at a path may be lost in such a merge: nothing
  /// but pointers (Strict), constants too (Consts: data, not a flag), or
  /// anything (Any: a counter, what a local pointer points to).
  /// Result: an HRESULT, whose error codes all merge into Failed.
  enum class Loss { Strict, Result, Consts, Any };
  /// Changed: whether this state now covers more than it did.
  bool mergeAcquisitions(const State &O,
                         llvm::function_ref<Loss(PathId)> LossAt,
                         bool &Changed);

  bool operator==(const State &O) const {
    return Vals == O.Vals && Libs == O.Libs && Objs == O.Objs &&
           Advises == O.Advises && Ret == O.Ret &&
           LastCall == O.LastCall && LastCallVal == O.LastCallVal;
  }
  size_t hash() const;
  /// Visits the fields that only say where something happened (for the
  /// messages, and to tell acquisitions apart): the objects' and the
  /// registrations' sites, and those of the libraries a caller brought,
  /// each with its kind (the engine compares a field only with the same
  /// field). A callee does the same with two entries that differ only in
  /// these, renamed one to one per kind (Engine::inlineCall's memo).
  enum NoteKind : unsigned char {
    ObjSite, ObjLeaf, ObjHolder, ObjLogoffSite, ObjLogoffLeaf, ObjSubmit,
    ObjReleaseAt, AdvSite, AdvLeaf, LibSite, LibLeaf, LibPrevSite,
    LibPrevLeaf, NumNoteKinds
  };
  template <typename Fn> void forEachNote(Fn &&F) {
    for (ObjState &O : Objs) {
      F(ObjSite, O.Site);
      F(ObjLeaf, O.Leaf);
      F(ObjHolder, O.Holder);
      F(ObjLogoffSite, O.LogoffSite);
      F(ObjLogoffLeaf, O.LogoffLeaf);
      F(ObjSubmit, O.SubmitSite);
      F(ObjReleaseAt, O.ReleaseAt);
    }
    for (AdviseRec &A : Advises) {
      F(AdvSite, A.Site);
      F(AdvLeaf, A.Leaf);
    }
    for (LibState &L : Libs)
      if (L.Inherited) {
        F(LibSite, L.Site);
        F(LibLeaf, L.Leaf);
        F(LibPrevSite, L.PrevSite);
        F(LibPrevLeaf, L.PrevLeaf);
      }
  }
};

} // namespace mapi

#endif
