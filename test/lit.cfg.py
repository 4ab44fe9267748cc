# lit configuration for mapi-tidy. Substitutions:
#   %mapi_tidy   the tool under test: `clang-tidy-N --load=<plugin>` or the
#                standalone mapi-tidy, always with --quiet
#   %mock        compiler flags for the small mock headers in test/Inputs/mock
#   %mingw       compiler flags for the real mingw-w64 headers
#   %cxx         C++ language flags (no standard library exists for mingw)
#   %other_clang_tidy  a clang-tidy of another LLVM major, if installed
import glob
import os
import re
import sys

import lit.formats

config.name = "mapi-tidy-" + config.mapi_mode
config.test_format = lit.formats.ShTest(True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.join(config.source_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# A user's .clang-tidy above the build tree must not leak into the tests.
config.environment["CLANG_NO_DEFAULT_CONFIG"] = "1"

if config.mapi_mode == "plugin":
    if not config.plugin_path:
        lit_config.fatal("plugin mode, but the plugin was not built")
    tool = "%s --load=%s" % (config.host_clang_tidy, config.plugin_path)
else:
    if not config.mapi_tidy_path:
        lit_config.fatal("standalone mode, but mapi-tidy was not built")
    tool = config.mapi_tidy_path
config.available_features.add("mode-" + config.mapi_mode)
config.available_features.add("llvm-" + config.llvm_major)

inputs = os.path.join(config.test_source_root, "Inputs")
target = "--target=x86_64-w64-mingw32"
config.substitutions.append(("%mapi_tidy", tool + " --quiet"))
config.substitutions.append(("%plugin", config.plugin_path or "no-plugin-built"))
config.substitutions.append(("%host_clang_tidy", config.host_clang_tidy))
# extras/: what neither header set has (ATL's CComPtr, <memory>), usable
# with both.
extras = os.path.join(inputs, "extras")
config.substitutions.append(("%mock", "%s -nostdinc -isystem %s -isystem %s" % (target, os.path.join(inputs, "mock"), extras)))
config.substitutions.append(("%mingw", "%s -isystem %s -isystem %s" % (target, config.mingw_include, extras)))
config.substitutions.append(("%cxx", "-std=c++17 -nostdinc++ -fno-delayed-template-parsing"))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%python", sys.executable))
if not os.path.isdir(config.mingw_include):
    lit_config.fatal("mingw-w64 headers not found at %s (apt-get install mingw-w64-x86-64-dev)"
                     % config.mingw_include)

# A clang-tidy of another major proves the plugin refuses to run there.
others = []
for path in sorted(glob.glob("/usr/lib/llvm-*/bin/clang-tidy")):
    m = re.match(r"/usr/lib/llvm-(\d+)/", path)
    if m and m.group(1) != config.llvm_major:
        others.append(path)
if others:
    config.available_features.add("other-clang-tidy")
    config.substitutions.append(("%other_clang_tidy", others[0]))
