//===- Liveness.h - which locals a block may still read -------------------===//
//
// A value the rest of the function never reads cannot tell one path from
// another, yet it keeps states apart (a loop flag past its loop, a variable
// out of scope). The engine drops such values at block entry. A local is
// live at a block if some path from the block's start names it: no kills,
// so it errs on the side of live. Variables captured by a lambda that is
// kept (in a variable, a guard) are live wherever the lambda may run.
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_ENGINE_LIVENESS_H
#define MAPI_TIDY_ENGINE_LIVENESS_H

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang {
class CFG;
class VarDecl;
} // namespace clang

namespace mapi {

class Liveness {
public:
  explicit Liveness(const clang::CFG &G);
  /// False only if no path from the start of block BlockID names V (a local
  /// of the function; parameters, globals and statics are always live).
  bool liveAt(unsigned BlockID, const clang::VarDecl *V) const {
    return liveAtSlot(BlockID, slotOf(V));
  }
  /// liveAt in two steps, the first once per variable (the engine asks for
  /// every value on every edge): Always, Never, or the bit to test.
  static constexpr int Always = -1, Never = -2;
  int slotOf(const clang::VarDecl *V) const;
  bool liveAtSlot(unsigned BlockID, int Slot) const {
    if (Slot < 0)
      return Slot == Always;
    return BlockID < LiveIn.size() && LiveIn[BlockID].test(unsigned(Slot));
  }

private:
  llvm::DenseMap<const clang::VarDecl *, unsigned> Index;
  std::vector<llvm::BitVector> LiveIn;
};

} // namespace mapi

#endif
