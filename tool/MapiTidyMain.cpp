//===- MapiTidyMain.cpp - clang-tidy with the mapi module linked in -------===//
//
// The standalone mapi-tidy is clang-tidy's own main (same options,
// .clang-tidy, NOLINT, --fix, --export-fixes) plus two things: it names its
// own version, and it finds clang's builtin headers although it does not
// live in the LLVM tree (mingw's winnt.h needs x86intrin.h).
//
//===----------------------------------------------------------------------===//
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace clang {
namespace tidy {
extern volatile int MapiTidyModuleAnchorSource;
[[maybe_unused]] static int MapiTidyModuleAnchorDestination =
    MapiTidyModuleAnchorSource;
} // namespace tidy
} // namespace clang

// Prefer resource headers shipped next to the binary (an install that
// bundles them), else the ones of the LLVM we were built against.
static std::string resourceDir(const char *Argv0) {
  std::string Exe = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&resourceDir));
  llvm::SmallString<256> Local(llvm::sys::path::parent_path(Exe));
  llvm::sys::path::append(Local, "..", "lib", "clang",
                          std::to_string(LLVM_VERSION_MAJOR));
  if (llvm::sys::fs::is_directory(Local + "/include"))
    return std::string(Local);
  return MAPI_TIDY_RESOURCE_DIR;
}

int main(int argc, const char **argv) {
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "mapi-tidy version " << MAPI_TIDY_VERSION
       << " (MAPI shutdown checks, built with clang-tidy "
       << LLVM_VERSION_STRING << ")\n";
  });
  std::vector<const char *> Args(argv, argv + argc);
  bool HasResourceDir = false;
  for (const char *A : Args)
    if (llvm::StringRef(A).contains("-resource-dir"))
      HasResourceDir = true;
  std::string Extra = "--extra-arg-before=-resource-dir=" + resourceDir(argv[0]);
  if (!HasResourceDir && argc > 1)
    Args.insert(Args.begin() + 1, Extra.c_str());
  return clang::tidy::clangTidyMain(int(Args.size()), Args.data());
}
