//===- Events.h - recognising MAPI calls in every spelling ----------------===//
//
// One call shape per MAPI event is not enough: C++ member calls (also through
// smart pointers), C `p->lpVtbl->M(p, ...)` with arguments shifted by one,
// `IUnknown_Release`, `UlRelease`, and calls through function pointers from
// GetProcAddress or typed with LPMAPI* typedefs all mean the same event.
// EventRecognizer turns each into an ApiCall that names the table rows.
//
//===----------------------------------------------------------------------===//
#ifndef MAPI_TIDY_ENGINE_EVENTS_H
#define MAPI_TIDY_ENGINE_EVENTS_H

#include "engine/ApiTable.h"
#include "engine/Config.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"

namespace clang {
class CXXRecordDecl;
class RecordDecl;
class FunctionDecl;
} // namespace clang

namespace mapi {

struct ApiCall {
  const clang::Expr *E = nullptr;
  llvm::SmallVector<const ApiRow *, 2> Rows;
  std::string Name;                   // function or method name
  std::string Interface;              // interface of the object (methods)
  const clang::Expr *Object = nullptr; // object of a method call, casts stripped
  llvm::SmallVector<const clang::Expr *, 8> Args; // without the object
  bool IsMapiCall = false; // a call into MAPI: wrong after MAPIUninitialize
  const clang::ValueDecl *Module = nullptr; // module of a GetProcAddress'd call

  const ApiRow *row(Role R) const {
    for (const ApiRow *Row : Rows)
      if (Row->R == R)
        return Row;
    return nullptr;
  }
  const clang::Expr *arg(int I) const {
    return I >= 0 && unsigned(I) < Args.size() ? Args[I] : nullptr;
  }
};

/// A function pointer that some assignment in the TU fills from
/// GetProcAddress(Module, "Function").
struct ProcBinding {
  std::string Function;
  const clang::ValueDecl *Module = nullptr;
};
using ProcBindings = llvm::DenseMap<const clang::ValueDecl *, ProcBinding>;

class EventRecognizer {
public:
  EventRecognizer(const ApiTable &Table, const Config &Cfg,
                  const ProcBindings &Bindings)
      : Table(Table), Cfg(Cfg), Bindings(Bindings) {}

  /// Fills Out if CE is a call of something in the API table.
  bool recognize(const clang::CallExpr *CE, ApiCall &Out) const;

  /// GetProcAddress(h, "Name"): the name and the module's declaration.
  bool procAddress(const clang::Expr *E, ProcBinding &Out) const;

  /// Interface name of a pointer-to-interface (or interface) type, or "".
  llvm::StringRef interfaceOf(clang::QualType T) const;
  llvm::StringRef interfaceOfRecord(const clang::RecordDecl *RD) const;

  /// A COM smart pointer; Iface receives the interface it holds.
  bool isSmartPointer(clang::QualType T, llvm::StringRef *Iface = nullptr) const;
  /// A type whose destructor runs a callable it was constructed with.
  bool isScopeGuard(clang::QualType T) const;
  /// A RAII owner whose destructor frees the MAPI memory it holds.
  bool isBufferHolder(clang::QualType T) const;

  /// A free function at global scope named like an API function.
  bool isApiFunction(const clang::FunctionDecl *FD) const;

  const ApiTable &table() const { return Table; }

private:
  bool recognizeFunction(const clang::FunctionDecl *FD,
                         const clang::CallExpr *CE, ApiCall &Out) const;
  bool recognizePointerCall(const clang::CallExpr *CE, ApiCall &Out) const;
  bool recognizeMethod(const clang::CallExpr *CE, ApiCall &Out) const;
  bool recognizeVtblCall(const clang::CallExpr *CE, ApiCall &Out) const;
  void finishMethod(llvm::StringRef Iface, llvm::StringRef Method,
                    ApiCall &Out) const;

  const ApiTable &Table;
  const Config &Cfg;
  const ProcBindings &Bindings;
};

/// Strips parentheses, implicit casts and C-style casts of pointers.
const clang::Expr *stripCasts(const clang::Expr *E);

} // namespace mapi

#endif
