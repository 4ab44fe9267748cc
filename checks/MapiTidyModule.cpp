//===- MapiTidyModule.cpp - registers the mapi-* checks -------------------===//
//
// Compiled into both artifacts. In the plugin it refuses to register inside
// a clang-tidy of another LLVM major: such a plugin would load, list its
// checks and then silently report nothing (the ABI does not match).
//
//===----------------------------------------------------------------------===//
#include "Compat.h"
#include "LogoffFlagsCheck.h"
#include "LogoffPendingSubmitCheck.h"
#include "MissingUnadviseCheck.h"
#include "ObjectsOpenAtLogoffCheck.h"
#include "SessionReleaseCheck.h"
#include "UnbalancedInitializeCheck.h"
#include "UnfreedBufferCheck.h"
#include "UninitializeOrderCheck.h"
#include "UseAfterLogoffCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#if MAPI_NEEDS_REGISTRY_HEADER
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif
#include "clang/Basic/Version.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>

namespace clang {
namespace tidy {
namespace mapi {

class MapiTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
#define MAPI_CHECK(Class, Name) Factories.registerCheck<Class>(Name);
#include "MapiChecks.def"
  }
};

#ifdef MAPI_TIDY_PLUGIN
/// The major version of the clang-tidy that loaded us, read from the host's
/// own libclang-cpp (not from our headers).
static int hostMajor() {
  std::string V = getClangFullVersion();
  auto Pos = V.find("version ");
  if (Pos == std::string::npos)
    return -1;
  return std::atoi(V.c_str() + Pos + 8);
}

static std::optional<ClangTidyModuleRegistry::Add<MapiTidyModule>> Registration =
    []() -> std::optional<ClangTidyModuleRegistry::Add<MapiTidyModule>> {
  int Host = hostMajor();
  if (Host == MAPI_LLVM_MAJOR)
    return std::optional<ClangTidyModuleRegistry::Add<MapiTidyModule>>(
        std::in_place, "mapi-module", "Checks for the MAPI shutdown procedure.");
  llvm::errs() << "error: mapi-tidy plugin was built for clang-tidy "
               << MAPI_LLVM_MAJOR << " but was loaded by clang-tidy "
               << (Host < 0 ? std::string("of unknown version")
                            : std::to_string(Host))
               << " ('" << getClangFullVersion()
               << "'); not registering the mapi-* checks. Use the plugin "
                  "built against LLVM "
               << Host << ", or the standalone mapi-tidy binary.\n";
  return std::nullopt;
}();
#else
static ClangTidyModuleRegistry::Add<MapiTidyModule>
    Registration("mapi-module", "Checks for the MAPI shutdown procedure.");
#endif

} // namespace mapi

// Referenced by the standalone main so the linker keeps this object.
volatile int MapiTidyModuleAnchorSource = 0;

} // namespace tidy
} // namespace clang
