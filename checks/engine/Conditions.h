//===- Conditions.h - what a branch condition tests -----------------------===//
//
// Recognises the tests real MAPI code writes after a call: FAILED(hr),
// SUCCEEDED(hr), hr != S_OK, hr == S_OK, if (hr), if (FAILED(hr = f())),
// if (FAILED(f())), null tests of pointers (p, !p, p != NULL, p == nullptr)
// and flag tests (if (m_fInit), x == 3). Macros are expanded by then, so the
// spelled-out forms are matched: FAILED(x) is `(HRESULT)(x) < 0`.
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_ENGINE_CONDITIONS_H
#define MAPI_TIDY_ENGINE_CONDITIONS_H

#include "clang/AST/Expr.h"

namespace mapi {

struct CondInfo {
  /// Compare: `Subject Op Value` with a relational operator (`i < 3`).
  enum Kind { None, HResult, Pointer, Scalar, Compare } K = None;
  /// What is tested, parentheses and casts stripped. For `hr = f()` inside a
  /// condition this is the assignment's left side.
  const clang::Expr *Subject = nullptr;
  /// HResult: the true edge is the failure edge.
  /// Pointer: the true edge means "non-null".
  /// Scalar: the true edge means "Subject == Value" (or != when !TrueIsEqual).
  bool TrueIsFailure = false;
  /// HResult compared with one error or success code (`hr == MAPI_E_NOT_FOUND`):
  /// only one edge says something.
  bool OnlyTrueEdge = false, OnlyFalseEdge = false;
  bool TrueIsNonNull = false;
  bool TrueIsEqual = false;
  int64_t Value = 0;
  enum RelOp : unsigned char { LT, LE, GT, GE } Op = LT;
  /// Compare against another variable instead of Value (`j < cValues`).
  const clang::Expr *Bound = nullptr;
};

/// Classifies a branch condition. Returns Kind None when it is not one of
/// the recognised shapes.
CondInfo classifyCondition(const clang::Expr *Cond, const clang::ASTContext &Ctx);

/// HRESULT or SCODE, seen through typedef sugar.
bool isHResultType(clang::QualType T);

/// The expression a condition's subject stands for after an assignment
/// inside the condition: `hr = f()` -> `hr`.
const clang::Expr *subjectOf(const clang::Expr *E);

} // namespace mapi

#endif
