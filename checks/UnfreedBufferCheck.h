//===- UnfreedBufferCheck.h - mapi-unfreed-buffer ------------------------===//
#ifndef MAPI_TIDY_UNFREEDBUFFERCHECK_H
#define MAPI_TIDY_UNFREEDBUFFERCHECK_H

#include "MapiCheckBase.h"

namespace clang {
namespace tidy {
namespace mapi {

/// See docs/checks/mapi/unfreed-buffer.rst.
class UnfreedBufferCheck : public MapiCheckBase {
public:
  UnfreedBufferCheck(StringRef Name, ClangTidyContext *Context)
      : MapiCheckBase(Name, Context, ::mapi::CheckId::UnfreedBuffer) {}
};

} // namespace mapi
} // namespace tidy
} // namespace clang

#endif
