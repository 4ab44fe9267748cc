//===- EngineTest.cpp - unit tests for the engine's building blocks -------===//
#include "engine/ApiTable.h"
#include "engine/Conditions.h"
#include "engine/TUAnalysis.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <string>

using namespace clang;
using namespace mapi;

namespace {

/// How many findings of check C the analysis made.
unsigned countOf(const TUAnalysis &A, CheckId C) {
  unsigned N = 0;
  for (const Finding &F : A.findings())
    N += F.Check == C;
  return N;
}

TEST(ApiTable, MethodsResolveThroughTheInterfaceChain) {
  ApiTable T;
  auto Rows = T.method("IMsgStore", "GetProps"); // declared on IMAPIProp
  ASSERT_EQ(Rows.size(), 1u);
  EXPECT_EQ(Rows[0]->Interface, "IMAPIProp");
  EXPECT_EQ(Rows[0]->R, Role::AllocMem);
  EXPECT_EQ(Rows[0]->Arg, 3);
  EXPECT_EQ(Rows[0]->dealloc(), Dealloc::FreeBuffer);
  auto Contents = T.method("IMAPIFolder", "GetContentsTable");
  ASSERT_EQ(Contents.size(), 1u);
  EXPECT_EQ(Contents[0]->Interface, "IMAPIContainer");
  auto Release = T.method("IMAPISession", "Release");
  ASSERT_EQ(Release.size(), 1u);
  EXPECT_EQ(Release[0]->R, Role::Release);
  EXPECT_EQ(T.method("IMsgStore", "Logoff").size(), 0u);
  EXPECT_EQ(T.method("IMsgStore", "GetReceiveFolder").size(), 2u);
}

TEST(ApiTable, FunctionsAndPointerTypedefs) {
  ApiTable T;
  auto Uninit = T.function("MAPIUninitialize");
  ASSERT_EQ(Uninit.size(), 1u);
  EXPECT_EQ(Uninit[0]->R, Role::Uninit);
  EXPECT_EQ(Uninit[0]->resource(), Resource::Mapi);
  EXPECT_EQ(T.function("HrQueryAllRows")[0]->dealloc(), Dealloc::Prows);
  EXPECT_EQ(T.functionForPointerTypedef("LPMAPIUNINITIALIZE"), "MAPIUninitialize");
  EXPECT_TRUE(T.function("MAPIUninitialise").empty());
  EXPECT_TRUE(T.isMapiInterface("IMAPITable"));
  EXPECT_FALSE(T.isMapiInterface("IUnknown"));
  T.addFunction("MyRelease", Role::Release, 0, 0);
  EXPECT_EQ(T.function("MyRelease")[0]->R, Role::Release);
}

/// Classifies the condition of every `if` in Code, in order.
std::vector<CondInfo> conditions(const std::string &Code) {
  static const char *Prelude =
      "typedef long LONG; typedef LONG HRESULT; typedef int BOOL;\n"
      "#define FAILED(hr) ((HRESULT)(hr) < 0)\n"
      "#define SUCCEEDED(hr) ((HRESULT)(hr) >= 0)\n"
      "#define S_OK ((HRESULT)0)\n#define NULL ((void *)0)\n"
      "HRESULT f(void);\n";
  // CondInfo::Subject points into the AST: keep it alive for the caller.
  static std::vector<std::unique_ptr<ASTUnit>> Keep;
  Keep.push_back(tooling::buildASTFromCodeWithArgs(
      Prelude + Code, {"-xc"}, "input.c"));
  ASTUnit *AST = Keep.back().get();
  struct V : RecursiveASTVisitor<V> {
    ASTContext *Ctx;
    std::vector<CondInfo> Out;
    bool VisitIfStmt(IfStmt *S) {
      Out.push_back(classifyCondition(S->getCond(), *Ctx));
      return true;
    }
  } Vis;
  Vis.Ctx = &AST->getASTContext();
  Vis.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
  return Vis.Out;
}

TEST(Conditions, HResultTests) {
  auto C = conditions("void g(HRESULT hr) {\n"
                      "  if (FAILED(hr)) {}\n"
                      "  if (SUCCEEDED(hr)) {}\n"
                      "  if (hr != S_OK) {}\n"
                      "  if (hr == S_OK) {}\n"
                      "  if (hr) {}\n"
                      "  if (!hr) {}\n"
                      "  if (FAILED(hr = f())) {}\n"
                      "  if (FAILED(f())) {}\n"
                      "  if (hr == 0x40380) {}\n"
                      "}\n");
  ASSERT_EQ(C.size(), 9u);
  bool TrueIsFailure[] = {true, false, true, false, true, false, true, true};
  for (unsigned I = 0; I < 8; ++I) {
    EXPECT_EQ(C[I].K, CondInfo::HResult) << I;
    EXPECT_EQ(C[I].TrueIsFailure, TrueIsFailure[I]) << I;
  }
  EXPECT_TRUE(isa<DeclRefExpr>(C[6].Subject)); // the assignment's target
  EXPECT_TRUE(isa<CallExpr>(C[7].Subject));
  // One particular success code: only the true edge says something.
  EXPECT_EQ(C[8].K, CondInfo::HResult);
  EXPECT_TRUE(C[8].OnlyTrueEdge);
  EXPECT_FALSE(C[8].TrueIsFailure);
}

TEST(Conditions, NullAndFlagTests) {
  auto C = conditions("void g(int *p, BOOL f, int n) {\n"
                      "  if (p) {}\n"
                      "  if (!p) {}\n"
                      "  if (p != NULL) {}\n"
                      "  if (NULL == p) {}\n"
                      "  if (f) {}\n"
                      "  if (n == 3) {}\n"
                      "  if (n < 3) {}\n"
                      "}\n");
  ASSERT_EQ(C.size(), 7u);
  EXPECT_EQ(C[0].K, CondInfo::Pointer);
  EXPECT_TRUE(C[0].TrueIsNonNull);
  EXPECT_FALSE(C[1].TrueIsNonNull);
  EXPECT_TRUE(C[2].TrueIsNonNull);
  EXPECT_FALSE(C[3].TrueIsNonNull);
  EXPECT_EQ(C[4].K, CondInfo::Scalar);
  EXPECT_FALSE(C[4].TrueIsEqual); // true when f != 0
  EXPECT_EQ(C[5].K, CondInfo::Scalar);
  EXPECT_TRUE(C[5].TrueIsEqual);
  EXPECT_EQ(C[5].Value, 3);
  EXPECT_EQ(C[6].K, CondInfo::Compare); // decided only by a known value
  EXPECT_EQ(C[6].Op, CondInfo::LT);
  EXPECT_EQ(C[6].Value, 3);
}

TEST(TUAnalysis, SharedPerContextAndConfig) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      "void MAPIUninitialize(void); void OleUninitialize(void);\n"
      "void g(void) { MAPIUninitialize(); OleUninitialize(); }\n",
      {"-xc"}, "input.c");
  Config Cfg;
  auto A = TUAnalysis::get(AST->getASTContext(), Cfg);
  auto B = TUAnalysis::get(AST->getASTContext(), Cfg);
  EXPECT_EQ(A.get(), B.get()); // built once, shared by the checks
  Config Other;
  Other.SmartPointerTypes.push_back("AutoPtr");
  EXPECT_NE(A.get(), TUAnalysis::get(AST->getASTContext(), Other).get());
  unsigned Order = 0, Unbalanced = 0;
  for (const Finding &F : A->findings())
    (F.Check == CheckId::UninitializeOrder ? Order : Unbalanced)++;
  EXPECT_EQ(Order, 1u);      // OleUninitialize after MAPIUninitialize
  EXPECT_EQ(Unbalanced, 2u); // neither has an initializer in the TU
}

TEST(TUAnalysis, NothingFromHalfAnAnalysis) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      "void MAPIUninitialize(void); void OleUninitialize(void);\n"
      "void g(void) { MAPIUninitialize(); OleUninitialize(); }\n",
      {"-xc"}, "input.c");
  Config Tiny;
  Tiny.MaxSteps = 1; // the two calls need two steps
  auto A = TUAnalysis::get(AST->getASTContext(), Tiny);
  for (const Finding &F : A->findings())
    EXPECT_NE(F.Check, CheckId::UninitializeOrder);
}

TEST(TUAnalysis, BoundLeavesTheRestJudged) {
  // Three independent conditional allocations, one never freed: over the
  // bound on paths, analysed per acquisition site, the leak is still found.
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      "typedef long HRESULT; typedef void *LPVOID;\n"
      "HRESULT MAPIAllocateBuffer(unsigned long, LPVOID *);\n"
      "unsigned long MAPIFreeBuffer(LPVOID);\n"
      "void g(int a, int b, int c) {\n"
      "  LPVOID p = 0, q = 0, r = 0;\n"
      "  if (a) MAPIAllocateBuffer(8, &p);\n"
      "  if (b) MAPIAllocateBuffer(8, &q);\n"
      "  if (c) MAPIAllocateBuffer(8, &r);\n"
      "  if (p) MAPIFreeBuffer(p);\n"
      "  if (q) MAPIFreeBuffer(q);\n"
      "}\n",
      {"-xc"}, "input.c");
  Config Narrow; // 8 path combinations of live buffers; room for 4
  Narrow.MaxStatesPerBlock = 4;
  Narrow.MergeStatesAfter = 4;
  auto A = TUAnalysis::get(AST->getASTContext(), Narrow);
  EXPECT_EQ(countOf(*A, CheckId::UnfreedBuffer), 1u);
}

TEST(TUAnalysis, LongRoutineCostsLinearSteps) {
  // A shutdown routine in the shape of real ones: many acquisitions, each
  // tested with a goto to one cleanup label, a helper called with what is
  // open so far. Walked in reverse post-order, each join merges before it
  // goes on, the helper's analysis is shared by every call that shows it
  // the same objects, and pointers set to 0 are null (what tells a path
  // that never allocated from one that did), so the steps grow with the
  // length: a few per line are enough for one pass, and the one buffer
  // the cleanup forgets is found.
  const unsigned N = 40;
  std::string Code = "typedef long HRESULT; typedef void *LPVOID;\n"
                     "HRESULT MAPIAllocateBuffer(unsigned long, LPVOID *);\n"
                     "unsigned long MAPIFreeBuffer(LPVOID);\n"
                     "HRESULT Touch(LPVOID p) {\n"
                     "  if (!p) return -1;\n"
                     "  LPVOID t = 0;\n"
                     "  if (MAPIAllocateBuffer(4, &t) < 0) return -1;\n"
                     "  MAPIFreeBuffer(t);\n"
                     "  return 0;\n"
                     "}\n"
                     "HRESULT Run(int f) {\n  HRESULT hr = 0;\n";
  for (unsigned I = 0; I < N; ++I)
    Code += "  LPVOID p" + std::to_string(I) + " = 0;\n";
  for (unsigned I = 0; I < N; ++I) {
    std::string P = "p" + std::to_string(I);
    Code += "  if (f & " + std::to_string(1u << (I % 16)) + ") {\n"
            "    hr = MAPIAllocateBuffer(8, &" + P + ");\n"
            "    if (hr < 0) goto Cleanup;\n"
            "    hr = Touch(" + P + ");\n"
            "    if (hr < 0) goto Cleanup;\n"
            "  }\n";
  }
  Code += "Cleanup:\n";
  for (unsigned I = 1; I < N; ++I) // p0 is never freed
    Code += "  if (p" + std::to_string(I) + ") MAPIFreeBuffer(p" +
            std::to_string(I) + ");\n";
  Code += "  return hr;\n}\n";
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-xc"}, "input.c");
  Config Linear;
  Linear.MaxSteps = 40 * N; // 10 lines a step: 4 steps a line
  auto A = TUAnalysis::get(AST->getASTContext(), Linear);
  EXPECT_EQ(A->Runs, 2u); // Touch and Run, each in one pass
  EXPECT_EQ(countOf(*A, CheckId::UnfreedBuffer), 1u);
}

TEST(TUAnalysis, OptionalRegistrationsMergeIntoOneState) {
  // Optional steps that each register a notification, with warnings that
  // take a failure branch and go on: at the cleanup, paths differ in which
  // registrations they made and in whether a failure was seen since
  // MAPIInitialize. A registration made on one path only merges with the
  // paths whose cookie is still zero (the cookie's test before Unadvise
  // tells them apart again), and failures seen on some paths merge too, so
  // the routine is walked once in steps that grow with its length, and the
  // one cookie the cleanup forgets is found.
  const unsigned N = 24;
  std::string Code =
      "typedef long HRESULT; typedef unsigned long ULONG;\n"
      "struct IMAPIAdviseSink;\n"
      "struct IMsgStore {\n"
      "  virtual HRESULT Advise(ULONG, void *, ULONG, IMAPIAdviseSink *,\n"
      "                         ULONG *) = 0;\n"
      "  virtual HRESULT Unadvise(ULONG) = 0;\n"
      "};\n"
      "HRESULT MAPIInitialize(void *); void MAPIUninitialize();\n"
      "void Warn(HRESULT);\n"
      "HRESULT Run(IMsgStore *pStore, int f, IMAPIAdviseSink *pSink) {\n"
      "  HRESULT hr = MAPIInitialize(0);\n"
      "  if (hr < 0) return hr;\n";
  for (unsigned I = 0; I < N; ++I)
    Code += "  ULONG c" + std::to_string(I) + " = 0;\n";
  for (unsigned I = 0; I < N; ++I) {
    std::string C = "c" + std::to_string(I);
    Code += "  if (f & " + std::to_string(1u << (I % 16)) + ") {\n"
            "    hr = pStore->Advise(0, 0, 1, pSink, &" + C + ");\n"
            "    if (hr < 0) goto Cleanup;\n"
            "  }\n"
            "  if (f & " + std::to_string(1u << ((I + 3) % 16)) + ") {\n"
            "    hr = f;\n"
            "    if (hr < 0) Warn(hr);\n"
            "  }\n";
  }
  Code += "Cleanup:\n";
  for (unsigned I = 1; I < N; ++I) // c0 is never unadvised
    Code += "  if (c" + std::to_string(I) + ") pStore->Unadvise(c" +
            std::to_string(I) + ");\n";
  Code += "  MAPIUninitialize();\n  return hr;\n}\n";
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-xc++"}, "input.cpp");
  Config Linear;
  Linear.MaxSteps = 60 * N; // 11 lines a step: under 6 steps a line
  auto A = TUAnalysis::get(AST->getASTContext(), Linear);
  EXPECT_EQ(A->Runs, 1u);
  EXPECT_EQ(countOf(*A, CheckId::MissingUnadvise), 1u);
}

TEST(TUAnalysis, HelperAnalysisSharedByObjectsOfManySites) {
  // A helper handed thirty objects, each opened at its own site: the entry
  // states differ only in where the object came from (its site, holder),
  // which the helper never looks at, so one analysis of it serves every
  // call. Re-walked per call, the routine needs over three times the steps
  // and goes over the bound. The buffer the routine forgets is found.
  const unsigned N = 30;
  std::string Code =
      "typedef long HRESULT; typedef unsigned long ULONG;\n"
      "struct SPropValue { ULONG ulPropTag; long l; };\n"
      "struct SPropTagArray { ULONG cValues; ULONG aulPropTag[1]; };\n"
      "struct IMAPIProp {\n"
      "  virtual HRESULT GetProps(SPropTagArray *, ULONG, ULONG *,\n"
      "                           SPropValue **) = 0;\n"
      "  virtual ULONG Release() = 0;\n"
      "};\n"
      "struct IMsgStore : IMAPIProp {\n"
      "  virtual HRESULT OpenEntry(ULONG, void *, void *, ULONG, ULONG *,\n"
      "                            IMAPIProp **) = 0;\n"
      "};\n"
      "ULONG MAPIFreeBuffer(void *);\n"
      "void Log(const char *, long);\n"
      "HRESULT ReadLong(IMAPIProp *p, ULONG tag, long *out) {\n"
      "  SPropTagArray tags = {1, {tag}};\n"
      "  ULONG n = 0;\n"
      "  SPropValue *v = 0;\n"
      "  HRESULT hr = p->GetProps(&tags, 0, &n, &v);\n"
      "  if (hr < 0) { Log(\"GetProps\", hr); return hr; }\n"
      "  if (n != 1 || !v) { MAPIFreeBuffer(v); return -1; }\n"
      "  if (v[0].ulPropTag != tag) { Log(\"tag\", 0); hr = -2; }\n"
      "  else if (v[0].l < 0) { Log(\"negative\", v[0].l); hr = -3; }\n"
      "  else { *out = v[0].l; }\n"
      "  MAPIFreeBuffer(v);\n"
      "  return hr;\n"
      "}\n"
      "long Sum(IMsgStore *s) {\n"
      "  long total = 0, x = 0;\n"
      "  ULONG t = 0, n = 0;\n"
      "  SPropValue *forgotten = 0;\n"
      "  if (s->GetProps(0, 0, &n, &forgotten) < 0) return 0;\n";
  for (unsigned I = 0; I < N; ++I) {
    std::string P = "p" + std::to_string(I);
    Code += "  IMAPIProp *" + P + " = 0;\n"
            "  if (s->OpenEntry(0, 0, 0, 0, &t, &" + P + ") >= 0) {\n"
            "    if (ReadLong(" + P + ", " + std::to_string(I) +
            ", &x) >= 0) total += x;\n"
            "    " + P + "->Release();\n"
            "  }\n";
  }
  Code += "  return total;\n}\n";
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-xc++"}, "input.cpp");
  Config Shared;
  Shared.MaxSteps = 20 * N; // about 16 a call when the helper is shared
  auto A = TUAnalysis::get(AST->getASTContext(), Shared);
  EXPECT_EQ(A->Runs, 2u); // one per function: neither went over the bound
  EXPECT_EQ(countOf(*A, CheckId::UnfreedBuffer), 1u);
}

/// A property object, MAPIFreeBuffer and a helper that reads one property
/// of an object and frees it: what the memo tests hand their callers' objects
/// to.
static const char SizeHelper[] =
      "typedef long HRESULT; typedef unsigned long ULONG;\n"
      "struct SPropValue { ULONG ulPropTag; long l; };\n"
      "struct IMAPIProp {\n"
      "  virtual HRESULT GetProps(void *, ULONG, ULONG *, SPropValue **) = 0;\n"
      "  virtual ULONG Release() = 0;\n"
      "};\n"
      "ULONG MAPIFreeBuffer(void *);\n"
      "long Size(IMAPIProp *p) {\n"
      "  ULONG n = 0;\n"
      "  SPropValue *v = 0;\n"
      "  if (p->GetProps(0, 0, &n, &v) < 0) return 0;\n"
      "  long l = n == 1 ? v[0].l : 0;\n"
      "  MAPIFreeBuffer(v);\n"
      "  return l;\n"
      "}\n";

TEST(TUAnalysis, HelperAnalysisSharedAcrossFunctions) {
  // Twenty functions each open a message and hand it to the same helper:
  // the helper is analysed once and its result serves every function (the
  // memo outlives one function). The one caller that forgets to free a
  // buffer is still the one reported.
  const unsigned N = 20;
  std::string Code = std::string(SizeHelper) +
      "struct IMsgStore : IMAPIProp {\n"
      "  virtual HRESULT OpenEntry(ULONG, void *, void *, ULONG, ULONG *,\n"
      "                            IMAPIProp **) = 0;\n"
      "};\n"
      "struct IMAPISession {\n"
      "  virtual HRESULT Logoff(ULONG, ULONG, ULONG) = 0;\n"
      "};\n";
  for (unsigned I = 0; I < N; ++I)
    Code += "long Count" + std::to_string(I) +
            "(IMAPISession *s, IMsgStore *st) {\n"
            "  ULONG t = 0;\n"
            "  IMAPIProp *m = 0;\n"
            "  if (st->OpenEntry(0, 0, 0, 0, &t, &m) < 0) return 0;\n"
            "  long l = Size(m);\n" +
            (I == 7 ? std::string("  SPropValue *x = 0;\n"
                                  "  st->GetProps(0, 0, &t, &x);\n")
                    : std::string()) +
            "  m->Release();\n"
            "  s->Logoff(0, 0, 0);\n"
            "  return l;\n"
            "}\n";
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-xc++"}, "input.cpp");
  auto A = TUAnalysis::get(AST->getASTContext(), Config());
  EXPECT_EQ(A->CalleeRuns, 1u);
  EXPECT_EQ(countOf(*A, CheckId::UnfreedBuffer), 1u);
}

TEST(TUAnalysis, HelperAnalysisSharedAcrossLineages) {
  // A helper handed a folder that sits one, two or three opens below a
  // store: what the folder was opened from, short of its session, does not
  // change what the helper does, so one analysis serves the three callers
  // (a recursive folder walk is a new lineage at every depth).
  std::string Code = std::string(SizeHelper) +
      "struct IMAPIFolder : IMAPIProp {\n"
      "  virtual HRESULT OpenEntry(ULONG, void *, void *, ULONG, ULONG *,\n"
      "                            IMAPIFolder **) = 0;\n"
      "};\n"
      "struct IMsgStore : IMAPIProp {\n"
      "  virtual HRESULT OpenEntry(ULONG, void *, void *, ULONG, ULONG *,\n"
      "                            IMAPIFolder **) = 0;\n"
      "};\n";
  for (unsigned Depth = 1; Depth <= 3; ++Depth) {
    Code += "long Depth" + std::to_string(Depth) + "(IMsgStore *st) {\n"
            "  ULONG t = 0;\n"
            "  IMAPIFolder *f1 = 0, *f2 = 0, *f3 = 0;\n"
            "  if (st->OpenEntry(0, 0, 0, 0, &t, &f1) < 0) return 0;\n";
    if (Depth >= 2)
      Code += "  if (f1->OpenEntry(0, 0, 0, 0, &t, &f2) < 0) { f1->Release(); "
              "return 0; }\n";
    if (Depth >= 3)
      Code += "  if (f2->OpenEntry(0, 0, 0, 0, &t, &f3) < 0) { f2->Release(); "
              "f1->Release(); return 0; }\n";
    Code += std::string("  long l = Size(") +
            (Depth == 1 ? "f1" : Depth == 2 ? "f2" : "f3") + ");\n";
    if (Depth >= 3)
      Code += "  f3->Release();\n";
    if (Depth >= 2)
      Code += "  f2->Release();\n";
    Code += "  f1->Release();\n"
            "  return l;\n"
            "}\n";
  }
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-xc++"}, "input.cpp");
  auto A = TUAnalysis::get(AST->getASTContext(), Config());
  EXPECT_EQ(A->CalleeRuns, 1u);
  EXPECT_TRUE(A->findings().empty());
}

} // namespace
