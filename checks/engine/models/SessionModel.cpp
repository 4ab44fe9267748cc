//===- SessionModel.cpp - sessions and the objects opened from them -------===//
//
// Typestate of an object (ObjState): live, released, logged off, escaped;
// its provenance (the session it was opened from). Judged: uses after the
// session's Logoff, objects still open at Logoff, Logoff flags, a submit
// not flushed, sessions never released, released before or without Logoff.
//
//===----------------------------------------------------------------------===//
#include "Compat.h"
#include "engine/Engine.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace llvm;

namespace mapi {

/// The flags argument of Logoff as written, with a fix that adds or removes
/// MAPI_LOGOFF_SHARED when it is a plain expression.
static std::optional<FixItHint> logoffFlagsFix(const Expr *Flags, bool Add,
                                               const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange R = Flags->IgnoreImpCasts()->getSourceRange();
  CharSourceRange CR = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(R), SM, Ctx.getLangOpts());
  if (CR.isInvalid())
    return std::nullopt;
  StringRef Text = Lexer::getSourceText(CR, SM, Ctx.getLangOpts()).trim();
  std::string New;
  if (Add) {
    New = Text == "0" ? std::string("MAPI_LOGOFF_SHARED")
                      : (Text + " | MAPI_LOGOFF_SHARED").str();
  } else {
    if (Text == "MAPI_LOGOFF_SHARED")
      New = "0";
    else if (compat::endsWith(Text, "MAPI_LOGOFF_SHARED") &&
             compat::endsWith(Text.drop_back(18).rtrim(), "|"))
      New = Text.drop_back(18).rtrim().drop_back(1).rtrim().str();
    else if (compat::startsWith(Text, "MAPI_LOGOFF_SHARED") &&
             compat::startsWith(Text.drop_front(18).ltrim(), "|"))
      New = Text.drop_front(18).ltrim().drop_front(1).ltrim().str();
    else
      return std::nullopt;
  }
  return FixItHint::CreateReplacement(CR, New);
}

void SessionModel::logoff(Frame &F, const ApiCall &A, const ApiRow &R, int Ses,
                          State &S) {
  SourceLocation At = E.loc(A.E->getBeginLoc());
  std::string Name = E.objName(S, Ses);
  const ObjState &SO = S.Objs[Ses];
  // The Outbox note: a submitted message may stay queued. After a failure
  // branch the client is on an error path (a flush may have been tried).
  if (SO.SubmitSite && !SO.SubmitFailSeen)
    // Through the Effect path: a helper logging off the caller's session is
    // reported at the helper's call, naming the caller's session.
    E.raise(F, S,
            Effect{ViolationKind::PendingSubmit,
                   Resource::Mapi,
                   "",
                   At,
                   "",
                   {{E.loc(SO.SubmitSite->getBeginLoc()),
                     "message submitted here"}},
                   Ses});
  // Every object of this session still open.
  for (unsigned I = 0; I < S.Objs.size(); ++I) {
    const ObjState &O = S.Objs[I];
    if (int(I) == Ses || O.Ph != ObjState::Live || O.Escaped || O.External ||
        S.rootSession(int(I)) != Ses || heldInLeakingField(S, int(I)))
      continue;
    Effect V{
        ViolationKind::OpenAtLogoff, Resource::Mapi, "", At, "", {}, int(I)};
    E.raise(F, S, std::move(V));
  }
  // Released before its Logoff.
  if (SO.Ph == ObjState::Released && !SO.External && SO.ReleaseAt.isValid())
    E.direct(Finding{CheckId::SessionRelease,
                     SO.ReleaseAt,
                     "session '" + Name + "' is released before its Logoff",
                     {{At, "Logoff runs here"}},
                     {}});
  // Flags, judged under both SharedLogoff policies; the check keeps one.
  const Expr *FlagsE = A.arg(R.Arg);
  Expr::EvalResult ER;
  if (FlagsE && !FlagsE->isValueDependent() &&
      FlagsE->EvaluateAsInt(ER, E.TU.Ctx)) {
    bool Shared = ER.Val.getInt().getExtValue() & 0x1; // MAPI_LOGOFF_SHARED
    auto Report = [&](std::string Msg, bool Add, Finding::VariantKind K,
                      bool NoteLogon) {
      Finding Fi{CheckId::LogoffFlags, At, Msg, {}, {}};
      Fi.Variant = K;
      if (NoteLogon && SO.Leaf)
        Fi.Notes.push_back({E.loc(SO.Leaf->getBeginLoc()),
                            "'" + Name + "' is logged on here"});
      if (auto Fix = logoffFlagsFix(FlagsE, Add, E.TU.Ctx))
        Fi.Fixes.push_back(*Fix);
      E.direct(std::move(Fi));
    };
    if (Shared)
      Report("Logoff of '" + Name +
                 "' passes MAPI_LOGOFF_SHARED, which makes "
                 "every MAPI client shut down (fast-shutdown Outlook)",
             false, Finding::SharedLogoffNever, false);
    if (SO.FlagsKnown && !SO.External) {
      bool Owner = SO.LogonFlags & 0x8; // MAPI_ALLOW_OTHERS
      std::string Msg;
      bool Add = false;
      if (Shared && !Owner)
        Msg = "Logoff of '" + Name +
              "' passes MAPI_LOGOFF_SHARED, but the "
              "session was not logged on with MAPI_ALLOW_OTHERS";
      else if (!Shared && Owner) {
        Msg = "Logoff of '" + Name +
              "' lacks MAPI_LOGOFF_SHARED, but the "
              "session was logged on with MAPI_ALLOW_OTHERS and owns the "
              "shared session";
        Add = true;
      }
      if (!Msg.empty() && !SO.Inherited)
        Report(Msg, Add, Finding::SharedLogoffOwner, true);
      else if (!Msg.empty()) // a helper logging off a caller's session
        E.raise(F, S,
                Effect{ViolationKind::LogoffFlags,
                       Resource::Mapi,
                       Add ? "lacks" : "passes",
                       At,
                       "",
                       {},
                       Ses});
    }
  }
  E.Registrations.stillAdvised(
      S, [&](const AdviseRec &R) { return S.rootSession(R.Obj) == Ses; },
      Note{At, "'" + Name + "' logs off here while it is still advised"});
  ObjState &Out = S.Objs[Ses];
  Out.LoggedOff = true;
  Out.LogoffSite = Out.LogoffLeaf = A.E;
  Out.LogoffInherited = false;
  Out.SubmitSite = nullptr;
}

void SessionModel::onUse(Frame &F, const ApiCall &A, int Self, State &S) {
  SourceLocation At = E.loc(A.E->getBeginLoc());
  const ApiRow *ReleaseRow = A.row(Role::Release);
  const ApiRow *AddRefRow = A.row(Role::AddRef);
  // Using an object whose session is gone (Release is not a use).
  if (A.IsMapiCall && !ReleaseRow && !AddRefRow) {
    SmallVector<int, 4> Used;
    if (Self >= 0)
      Used.push_back(Self);
    for (const Expr *Arg : A.Args) {
      const Expr *SA = stripCasts(Arg);
      if (isa<UnaryOperator>(SA))
        continue; // &out: written, not used
      int I = E.objOf(S, SA, false);
      if (I >= 0 && !is_contained(Used, I))
        Used.push_back(I);
    }
    for (int I : Used) {
      int Ses = S.rootSession(I);
      if (Ses < 0 || !S.Objs[Ses].LoggedOff)
        continue;
      // The message names objects as the reporting frame sees them.
      Effect V{ViolationKind::UseAfterLogoff,
               Resource::Mapi,
               A.Name,
               At,
               "",
               {},
               Ses,
               I};
      E.raise(F, S, std::move(V));
      break;
    }
  }
}

void SessionModel::onRow(Frame &F, const ApiCall &A, const ApiRow &Row,
                         int Self, State &S) {
  SourceLocation At = E.loc(A.E->getBeginLoc());
  const ApiRow *R = &Row;
  switch (R->R) {
  case Role::Logon: {
    ObjState O;
    O.Session = true;
    O.Site = O.Leaf = A.E;
    O.Pending = A.E;
    O.Holder = A.arg(R->Arg);
    if (const Expr *FE = A.arg(R->Extra)) {
      Expr::EvalResult ER;
      if (!FE->isValueDependent() && FE->EvaluateAsInt(ER, E.TU.Ctx)) {
        O.FlagsKnown = true;
        O.LogonFlags = unsigned(ER.Val.getInt().getExtValue());
      }
    }
    E.bindOut(S, A.arg(R->Arg), E.newObj(S, O));
    break;
  }
  case Role::OpenObject: {
    ObjState O;
    O.Site = O.Leaf = A.E;
    O.Pending = A.E;
    O.Parent = Self;
    if (E.nullOut(A.arg(R->Arg), S))
      break;
    O.Slot = static_cast<signed char>(R->Arg);
    O.Holder = A.arg(R->Arg);
    E.bindOut(S, A.arg(R->Arg), E.newObj(S, O));
    break;
  }
  case Role::Logoff:
    if (Self >= 0 && S.Objs[Self].Session)
      logoff(F, A, *R, Self, S);
    break;
  case Role::Release: {
    const Expr *T = R->Arg < 0 ? A.Object : A.arg(R->Arg);
    releaseObj(S, E.objOf(S, T, false), At);
    break;
  }
  case Role::AddRef: {
    int I = E.objOf(S, R->Arg < 0 ? A.Object : A.arg(R->Arg), false);
    if (I >= 0 && S.Objs[I].Refs < 3)
      ++S.Objs[I].Refs;
    break;
  }
  case Role::Submit: {
    int Ses = S.rootSession(Self);
    if (Ses >= 0) {
      S.Objs[Ses].SubmitSite = A.E;
      S.Objs[Ses].SubmitFailSeen = false;
    }
    break;
  }
  case Role::Flush: {
    int Ses = S.rootSession(Self);
    for (unsigned I = 0; I < S.Objs.size(); ++I)
      if (Ses < 0 || int(I) == Ses)
        S.Objs[I].SubmitSite = nullptr;
    break;
  }
  case Role::StoreLogoff: {
    // Waits for the queues unless told not to (LOGOFF_NO_WAIT/ABORT only).
    bool Waits = true;
    const Expr *FA = stripCasts(A.arg(0));
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(FA);
        U && U->getOpcode() == UO_AddrOf)
      if (auto V = E.evalVal(U->getSubExpr(), S); V && V->K == ValKind::Const)
        Waits = (V->C & (0x2 | 0x4)) != 0; // LOGOFF_ORDERLY | LOGOFF_PURGE
    int Ses = S.rootSession(Self);
    if (Waits && Ses >= 0)
      S.Objs[Ses].SubmitSite = nullptr;
    break;
  }
  default:
    break;
  }
}

void SessionModel::releaseObj(State &S, int I, SourceLocation At) {
  if (I < 0)
    return;
  ObjState &O = S.Objs[I];
  if (O.Ph != ObjState::Live || O.External)
    return;
  if (O.Refs > 1) {
    --O.Refs;
    return;
  }
  O.Refs = 0;
  O.Ph = ObjState::Released;
  O.ReleaseAt = At;
  E.Registrations.stillAdvised(
      S, [&](const AdviseRec &R) { return R.Obj == I; },
      Note{At, "'" + E.objName(S, I) +
                   "' is released here while "
                   "still advised"});
  if (O.OpenAtLogoff >= 0 &&
      unsigned(O.OpenAtLogoff) < E.Top->Findings.size()) {
    std::vector<Note> &N = E.Top->Findings[O.OpenAtLogoff].Notes;
    Note Late{At, "released here, after the Logoff"};
    if (At.isValid() && std::none_of(N.begin(), N.end(), [&](const Note &X) {
          return X.Loc == Late.Loc && X.Msg == Late.Msg;
        }))
      N.push_back(Late);
  }
}

bool SessionModel::heldInLeakingField(const State &S, int I) const {
  // Reported once over the TU (judgeFields); the flow would repeat it.
  for (const auto &KV : S.Vals)
    if (KV.second.objIndex() == I) {
      const Path &P = E.TU.Paths.get(KV.first);
      if (P.Size && E.TU.FieldLeaks.count(P.Elems[P.Size - 1]))
        return true;
    }
  return false;
}

void SessionModel::onExit(Frame &F, const State &S, SourceLocation Exit) {
  if (!F.TopLevel)
    return;
  for (unsigned I = 0; I < S.Objs.size(); ++I) {
    const ObjState &O = S.Objs[I];
    if (!O.Session || O.External || O.Ph == ObjState::Gone || !O.Leaf)
      continue;
    std::string Name = E.objName(S, int(I));
    // Handed to code we cannot see, it may have been logged off there.
    if (O.Ph == ObjState::Released && !O.LoggedOff && !O.Escaped &&
        O.ReleaseAt.isValid()) {
      Finding Fi{
          CheckId::SessionRelease,
          O.ReleaseAt,
          "session '" + Name +
              "' is released without a Logoff on "
              "this path",
          {{E.loc(O.Site->getBeginLoc()), "'" + Name + "' is logged on here"}},
          {}};
      Fi.Variant = Finding::NoLogoff;
      E.direct(std::move(Fi));
      continue;
    }
    if (O.Ph != ObjState::Live || O.Escaped)
      continue;
    if (!E.keptBeyond(S, int(I)))
      E.direct(Finding{CheckId::SessionRelease,
                       E.loc(O.Site->getBeginLoc()),
                       "session '" + Name + "' is never released on some path",
                       {{Exit, "this exit leaves it open"}},
                       {}});
  }
}

void SessionModel::emit(const State &S, const Effect &V) {
  Finding Fi;
  Fi.Loc = V.At;
  const ObjState &O = S.Objs[V.Obj];
  if (V.K == ViolationKind::PendingSubmit) {
    Fi.Check = CheckId::LogoffPendingSubmit;
    Fi.Msg = "'" + E.objName(S, V.Obj) +
             "' logs off right after SubmitMessage "
             "with no flush in between; the message may stay in the Outbox";
    Fi.Msg += V.Via.empty() ? "" : " (" + V.Via + ")";
    Fi.Notes = V.Notes; // the path into the helper, then the submit
    E.direct(std::move(Fi));
    return;
  }
  if (V.K == ViolationKind::LogoffFlags) {
    std::string N = E.objName(S, V.Obj);
    Fi.Check = CheckId::LogoffFlags;
    Fi.Variant = Finding::SharedLogoffOwner;
    Fi.Msg = V.What == "lacks"
                 ? "Logoff of '" + N +
                       "' lacks MAPI_LOGOFF_SHARED, but the "
                       "session was logged on with MAPI_ALLOW_OTHERS and owns "
                       "the shared session"
                 : "Logoff of '" + N +
                       "' passes MAPI_LOGOFF_SHARED, but the "
                       "session was not logged on with MAPI_ALLOW_OTHERS";
    Fi.Msg += V.Via.empty() ? "" : " (" + V.Via + ")";
    Fi.Notes = V.Notes;
    if (O.Leaf)
      Fi.Notes.push_back(
          {E.loc(O.Leaf->getBeginLoc()), "'" + N + "' is logged on here"});
    E.direct(std::move(Fi));
    return;
  }
  if (V.K == ViolationKind::UseAfterLogoff)
    Fi.Msg = "'" + V.What + "' on '" + E.objName(S, V.Used) + "' runs after '" +
             E.objName(S, V.Obj) + "' logged off";
  else
    Fi.Msg = "'" + E.objName(S, V.Obj) + "' is still open when '" +
             E.objName(S, S.rootSession(V.Obj)) + "' logs off";
  Fi.Msg += V.Via.empty() ? "" : " (" + V.Via + ")";
  Fi.Notes = V.Notes;
  if (V.K == ViolationKind::UseAfterLogoff) {
    Fi.Check = CheckId::UseAfterLogoff;
    if (O.LogoffSite && O.LogoffSite != O.LogoffLeaf)
      Fi.Notes.push_back(
          {E.loc(O.LogoffSite->getBeginLoc()), "Logoff runs inside this call"});
    if (O.LogoffLeaf)
      Fi.Notes.push_back(
          {E.loc(O.LogoffLeaf->getBeginLoc()), "logged off here"});
  } else {
    Fi.Check = CheckId::ObjectsOpenAtLogoff;
    if (O.Site && O.Site != O.Leaf)
      Fi.Notes.push_back(
          {E.loc(O.Site->getBeginLoc()), "opened inside this call"});
    if (O.Leaf)
      Fi.Notes.push_back({E.loc(O.Leaf->getBeginLoc()), "opened here"});
    // A later release on this path adds its note to this finding.
    const_cast<State &>(S).Objs[V.Obj].OpenAtLogoff =
        int(E.Top->Findings.size());
  }
  E.direct(std::move(Fi));
}

} // namespace mapi
