//===- FunctionAnalysis.h - what one function's analysis yields ---------===//
//
// The face of the engine (Engine.h, with the domain models of Models.h):
// analyzeFunction() judges one function of the TU. A violation whose cause
// (say the MAPIUninitialize) happened in this very function is reported
// here; one whose cause came with a caller's state is handed back to the
// caller as an Effect, which reports it at the call.
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_ENGINE_FUNCTIONANALYSIS_H
#define MAPI_TIDY_ENGINE_FUNCTIONANALYSIS_H

#include "engine/TUAnalysis.h"

namespace mapi {

enum class ViolationKind : unsigned char {
  OleAfterMapi,     // OleUninitialize after MAPIUninitialize
  MapiAfterUninit,  // a MAPI call after MAPIUninitialize
  FreeLibraryLive,  // FreeLibrary of the module whose MAPIInitialize is live
  UseAfterLogoff,   // a call on an object whose session logged off
  OpenAtLogoff,     // an object still held when its session logs off
  LogoffFlags,      // Logoff flags that do not match the session's logon
  PendingSubmit,    // Logoff right after SubmitMessage
};

/// A violation waiting for the frame that owns its cause.
struct Effect {
  ViolationKind K;
  Resource Cause;            // whose LibState caused it
  std::string What;          // "'Release' on 'lpMDB'"
  clang::SourceLocation At;  // where, in the callee's frame
  std::string Via;           // how the caller reaches it
  std::vector<Note> Notes;   // the path down to the real call
  int Obj = -1; // UseAfterLogoff: the session; OpenAtLogoff: the object
  int Used = -1; // UseAfterLogoff: the object used
};

struct TUAnalysis::InlineResult {
  bool Aborted = false;
  std::vector<State> Exits;
  std::vector<Effect> Effects;
  /// Findings the callee reported straight into the top frame, replayed on
  /// a memo hit from another run (DirectBase: where they started then).
  std::vector<Finding> Direct;
  size_t DirectBase = 0;
  unsigned Run = 0; // the top-level run that computed it
};

/// Analyses one function with an unknown entry state and records its
/// findings in the TU analysis (nothing when the work bound is hit).
void analyzeFunction(TUAnalysis &TU, const clang::Decl *D);

} // namespace mapi

#endif
