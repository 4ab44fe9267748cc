//===- Models.h - one model per domain of the shutdown procedure ----------===//
//
// Each model owns one domain's typestate (State.h), its transfer functions
// (what a MAPI call does to it) and its judgement (what is wrong at a call
// or at an exit), and nothing else; the Engine walks the code and calls
// them, as the Static Analyzer's engine calls its checkers.
//   LibraryModel       MAPIInitialize/OleInitialize/ScInitMapiUtil/COM
//                      phases, FreeLibrary, calls after MAPIUninitialize
//   SessionModel       sessions and what is opened from them: logon,
//                      open, release, Logoff (flags, open objects), submit
//   RegistrationModel  Advise/Unadvise connections
//   MemoryModel        MAPI memory: allocators, deallocators, leaks
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_ENGINE_MODELS_H
#define MAPI_TIDY_ENGINE_MODELS_H

#include "engine/FunctionAnalysis.h"
#include "llvm/ADT/STLExtras.h"

namespace mapi {

class Engine;
struct Frame;

class LibraryModel {
public:
  explicit LibraryModel(Engine &E) : E(E) {}
  /// Init/Uninit/FreeLibrary, and any MAPI call after MAPIUninitialize.
  void onCall(Frame &F, const ApiCall &A, State &S);
  /// The null edge of a test that cannot be taken (an uninitializer's
  /// pointer from the module whose initializer is live).
  bool impossibleNull(const clang::Expr *Subject, const State &S) const;
  /// A path leaving the top-level function.
  void onExit(Frame &F, const State &S, clang::SourceLocation Exit);
  /// Judged once the function is done: initializers an error path leaks.
  void judge(Frame &F);
  void emit(Frame &F, const LibState &Cause, const Effect &V);

private:
  Engine &E;
};

class SessionModel {
public:
  explicit SessionModel(Engine &E) : E(E) {}
  /// Any call on an object whose session logged off (Self: the object).
  void onUse(Frame &F, const ApiCall &A, int Self, State &S);
  /// Logon, OpenObject, Logoff, Release, AddRef, Submit, Flush, StoreLogoff.
  void onRow(Frame &F, const ApiCall &A, const ApiRow &R, int Self, State &S);
  void releaseObj(State &S, int I, clang::SourceLocation At);
  void onExit(Frame &F, const State &S, clang::SourceLocation Exit);
  void emit(const State &S, const Effect &V);

private:
  void logoff(Frame &F, const ApiCall &A, const ApiRow &R, int Ses, State &S);
  bool heldInLeakingField(const State &S, int I) const;
  Engine &E;
};

class RegistrationModel {
public:
  explicit RegistrationModel(Engine &E) : E(E) {}
  /// Advise, Unadvise.
  void onRow(Frame &F, const ApiCall &A, const ApiRow &R, int Self, State &S);
  /// Reports and drops the registrations Which selects (object released or
  /// session logged off while still advised).
  void stillAdvised(State &S, llvm::function_ref<bool(const AdviseRec &)> Which,
                    Note Why);
  void onExit(Frame &F, const State &S, clang::SourceLocation Exit);

private:
  Engine &E;
};

class MemoryModel {
public:
  explicit MemoryModel(Engine &E) : E(E) {}
  /// AllocMem, FreeMem.
  void onRow(Frame &F, const ApiCall &A, const ApiRow &R, int Self, State &S);
  void onExit(Frame &F, const State &S, clang::SourceLocation Exit);

private:
  void freeBuffer(const ApiCall &A, const ApiRow &R, State &S);
  Engine &E;
};

} // namespace mapi

#endif
