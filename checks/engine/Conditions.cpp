//===- Conditions.cpp -----------------------------------------------------===//
#include "engine/Conditions.h"
#include "engine/Events.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace llvm;

namespace mapi {

bool isHResultType(QualType T) {
  while (!T.isNull()) {
    const auto *TT = T->getAs<TypedefType>();
    if (!TT)
      return false;
    StringRef N = TT->getDecl()->getName();
    if (N == "HRESULT" || N == "SCODE")
      return true;
    QualType Next = TT->desugar();
    if (Next == T)
      return false;
    T = Next;
  }
  return false;
}

const Expr *subjectOf(const Expr *E) {
  E = stripCasts(E);
  while (const auto *BO = dyn_cast_or_null<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Assign)
      E = stripCasts(BO->getLHS());
    else if (BO->getOpcode() == BO_Comma)
      E = stripCasts(BO->getRHS());
    else
      break;
  }
  return E;
}

// The type of the tested value, before casts (FAILED casts to HRESULT, which
// is also what tells us the value is an HRESULT).
static bool testsHResult(const Expr *Raw) {
  const Expr *E = Raw->IgnoreParens();
  while (true) {
    if (isHResultType(E->getType()))
      return true;
    if (const auto *C = dyn_cast<CastExpr>(E))
      E = C->getSubExpr()->IgnoreParens();
    else if (const auto *BO = dyn_cast<BinaryOperator>(E);
             BO && BO->getOpcode() == BO_Assign)
      E = BO->getLHS()->IgnoreParens();
    else
      return false;
  }
}

static bool evalInt(const Expr *E, const ASTContext &Ctx, int64_t &V) {
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx))
    return false;
  V = R.Val.getInt().getExtValue();
  return true;
}

static bool isNullConstant(const Expr *E, const ASTContext &Ctx) {
  return E->IgnoreParenImpCasts()->isNullPointerConstant(
             const_cast<ASTContext &>(Ctx),
             Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
}

static CondInfo classifyValue(const Expr *Raw, bool Negated) {
  CondInfo CI;
  const Expr *S = subjectOf(Raw);
  if (!S)
    return CI;
  CI.Subject = S;
  QualType T = S->getType();
  if (testsHResult(Raw)) {
    CI.K = CondInfo::HResult; // non-zero HRESULT: treat as failure
    CI.TrueIsFailure = !Negated;
  } else if (T->isPointerType() || T->isNullPtrType() ||
             T->isObjCObjectPointerType()) {
    CI.K = CondInfo::Pointer;
    CI.TrueIsNonNull = !Negated;
  } else if (T->isIntegralOrEnumerationType() || T->isBooleanType()) {
    CI.K = CondInfo::Scalar;
    CI.Value = 0;
    CI.TrueIsEqual = Negated; // `x` is true when x != 0
  }
  return CI;
}

CondInfo classifyCondition(const Expr *Cond, const ASTContext &Ctx) {
  CondInfo None;
  if (!Cond)
    return None;
  const Expr *E = Cond->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_LNot) {
      CondInfo Inner = classifyCondition(U->getSubExpr(), Ctx);
      // Negation swaps the edges.
      Inner.TrueIsFailure = !Inner.TrueIsFailure;
      Inner.TrueIsNonNull = !Inner.TrueIsNonNull;
      Inner.TrueIsEqual = !Inner.TrueIsEqual;
      return Inner;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    BinaryOperatorKind Op = BO->getOpcode();
    if (Op == BO_Assign || Op == BO_Comma)
      return classifyValue(E, false);
    // Only comparisons are recognised below (`a && b`, `f & MASK` are not
    // tests of one value): nothing to evaluate for the rest.
    if (!BO->isComparisonOp())
      return None;
    const Expr *L = BO->getLHS(), *R = BO->getRHS();
    int64_t V = 0;
    bool RConst = evalInt(R, Ctx, V);
    if (!RConst && evalInt(L, Ctx, V)) {
      std::swap(L, R);
      // Mirror the comparison: 0 > x is x < 0.
      switch (Op) {
      case BO_LT: Op = BO_GT; break;
      case BO_GT: Op = BO_LT; break;
      case BO_LE: Op = BO_GE; break;
      case BO_GE: Op = BO_LE; break;
      default: break;
      }
      RConst = true;
    }
    if (Op == BO_EQ || Op == BO_NE) {
      bool Eq = Op == BO_EQ;
      if (isNullConstant(R, Ctx) && !RConst) {
        CondInfo CI = classifyValue(L, false);
        if (CI.K == CondInfo::Pointer)
          CI.TrueIsNonNull = !Eq;
        return CI.K == CondInfo::Pointer ? CI : None;
      }
      if (isNullConstant(L, Ctx) && !RConst) {
        CondInfo CI = classifyValue(R, false);
        if (CI.K == CondInfo::Pointer)
          CI.TrueIsNonNull = !Eq;
        return CI.K == CondInfo::Pointer ? CI : None;
      }
      if (!RConst)
        return None;
      CondInfo CI = classifyValue(L, false);
      if (CI.K == CondInfo::HResult) {
        if (V == 0) {
          CI.TrueIsFailure = !Eq;
          return CI;
        }
        // One particular code: the edge where hr equals it is known to be a
        // failure (negative) or a success (MAPI_W_ERRORS_RETURNED, S_FALSE).
        bool CodeFails = int32_t(V) < 0;
        CI.OnlyTrueEdge = Eq;
        CI.OnlyFalseEdge = !Eq;
        CI.TrueIsFailure = Eq ? CodeFails : !CodeFails;
        return CI;
      }
      if (CI.K == CondInfo::Pointer) {
        if (V != 0)
          return None;
        CI.TrueIsNonNull = !Eq;
        return CI;
      }
      if (CI.K == CondInfo::Scalar) {
        CI.Value = V;
        CI.TrueIsEqual = Eq;
        return CI;
      }
      return None;
    }
    if (RConst && V == 0 && (Op == BO_LT || Op == BO_GE)) {
      CondInfo CI = classifyValue(L, false);
      if (CI.K == CondInfo::HResult) {
        CI.TrueIsFailure = Op == BO_LT;
        return CI;
      }
    }
    if (!RConst && Op == BO_LT && L->getType()->isIntegerType() &&
        R->IgnoreParenImpCasts()->getType()->isUnsignedIntegerType()) {
      CondInfo CI = classifyValue(L, false);
      if (CI.K != CondInfo::Scalar)
        return None;
      CI.K = CondInfo::Compare;
      CI.Op = CondInfo::LT;
      CI.Bound = R->IgnoreParenImpCasts();
      return CI;
    }
    if (RConst && BO->isRelationalOp()) {
      CondInfo CI = classifyValue(L, false);
      if (CI.K != CondInfo::Scalar)
        return None;
      // An unsigned count or size above zero is one that is not zero
      // (`cb > 0`, `cb >= 1`).
      if (CI.Subject->getType()->isUnsignedIntegerType() &&
          ((Op == BO_GT && V == 0) || (Op == BO_GE && V == 1))) {
        CI.Value = 0;
        CI.TrueIsEqual = false;
        return CI;
      }
      CI.K = CondInfo::Compare;
      CI.Value = V;
      CI.Op = Op == BO_LT   ? CondInfo::LT
              : Op == BO_LE ? CondInfo::LE
              : Op == BO_GT ? CondInfo::GT
                            : CondInfo::GE;
      return CI;
    }
    return None;
  }
  return classifyValue(E, false);
}

} // namespace mapi
