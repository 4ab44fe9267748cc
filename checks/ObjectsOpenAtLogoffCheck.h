//===- ObjectsOpenAtLogoffCheck.h - mapi-objects-open-at-logoff ------------------------===//
#ifndef MAPI_TIDY_OBJECTSOPENATLOGOFFCHECK_H
#define MAPI_TIDY_OBJECTSOPENATLOGOFFCHECK_H

#include "MapiCheckBase.h"

namespace clang {
namespace tidy {
namespace mapi {

/// See docs/checks/mapi/objects-open-at-logoff.rst.
class ObjectsOpenAtLogoffCheck : public MapiCheckBase {
public:
  ObjectsOpenAtLogoffCheck(StringRef Name, ClangTidyContext *Context)
      : MapiCheckBase(Name, Context, ::mapi::CheckId::ObjectsOpenAtLogoff) {}
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
