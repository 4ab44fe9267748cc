//===- Config.h - what check options tell the engine ----------------------===//
#ifndef MAPI_TIDY_ENGINE_CONFIG_H
#define MAPI_TIDY_ENGINE_CONFIG_H

#include <string>
#include <vector>

namespace mapi {

struct Config {
  /// Class names (unqualified) whose destructor releases the interface they
  /// point to, in addition to CComPtr, CComQIPtr, _com_ptr_t, ComPtr and
  /// com_ptr_t.
  std::vector<std::string> SmartPointerTypes;
  /// Class names whose destructor runs the callable they were built with,
  /// in addition to types recognised by their destructor's body.
  std::vector<std::string> ScopeGuardTypes;
  /// Functions defined outside the TU that release the MAPI object passed as
  /// their first argument.
  std::vector<std::string> ReleaseFunctions;
  /// Functions that flush the outgoing queue (after SubmitMessage).
  std::vector<std::string> FlushFunctions;
  /// User wrappers: Advise-like functions (object first, connection
  /// out-parameter last) and Unadvise-like ones (object first, connection
  /// last).
  std::vector<std::string> AdviseFunctions;
  std::vector<std::string> UnadviseFunctions;
  /// mapi-unfreed-buffer: project allocators (buffer returned through their
  /// last argument), deallocators (free their first argument, like
  /// MAPIFreeBuffer) and RAII owner types (their destructor frees).
  std::vector<std::string> AllocFunctions;
  std::vector<std::string> FreeFunctions;
  std::vector<std::string> BufferOwnerTypes;

  /// Work bound per analysed function (states visited, inlined calls too).
  unsigned MaxSteps = 600000;
  unsigned MaxStatesPerBlock = 128;
  unsigned MergeStatesAfter = 16;
  unsigned MaxInlineDepth = 8;
  /// Callee analyses kept for reuse across the TU's functions.
  unsigned MaxMemoEntries = 1024;

  /// A stable key: checks with equal configs share one engine per TU.
  std::string key() const {
    std::string K;
    for (const auto *L : {&SmartPointerTypes, &ScopeGuardTypes,
                          &ReleaseFunctions, &FlushFunctions,
                          &AdviseFunctions, &UnadviseFunctions,
                          &AllocFunctions, &FreeFunctions, &BufferOwnerTypes}) {
      for (const auto &S : *L)
        K += S + ";";
      K += "|";
    }
    return K + std::to_string(MaxSteps) + "," +
           std::to_string(MaxStatesPerBlock);
  }
};

} // namespace mapi

#endif
