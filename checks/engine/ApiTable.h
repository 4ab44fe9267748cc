//===- ApiTable.h - lookup over MapiApi.def -------------------------------===//
#ifndef MAPI_TIDY_ENGINE_APITABLE_H
#define MAPI_TIDY_ENGINE_APITABLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"
#include "llvm/ADT/StringRef.h"
#include <deque>
#include <string>
#include <vector>

namespace mapi {

/// What a call does in the shutdown procedure.
enum class Role : unsigned char {
  Init, Uninit, LoadLibrary, FreeLibrary, GetProcAddress,
  Logon, Logoff, StoreLogoff, Release, AddRef, FreeMem, AllocMem,
  OpenObject, Advise, Unadvise, Submit, Flush, Use
};

/// The global libraries whose lifetime the procedure orders.
enum class Resource : unsigned char { Mapi = 0, Ole = 1, Util = 2, Com = 3 };
constexpr unsigned NumResources = 4;
llvm::StringRef initName(Resource R);
llvm::StringRef uninitName(Resource R);

/// Which deallocator owns a buffer.
/// Foreign: a deallocator that is never right for MAPI memory.
enum class Dealloc : unsigned char { None, FreeBuffer, Prows, Padrlist, ChainedMore, Foreign };

struct ApiRow {
  std::string Interface; // empty for free functions
  std::string Name;
  Role R;
  int Arg;   // argument index (without `this`), -1 for the object itself
  int Extra; // Resource, Dealloc, or an argument index, depending on R
  bool FromOption = false;

  Resource resource() const { return static_cast<Resource>(Extra); }
  Dealloc dealloc() const { return static_cast<Dealloc>(Extra); }
};

class ApiTable {
public:
  /// The built-in table from MapiApi.def.
  ApiTable();

  /// Adds a row (check options extend the table). Returns false when the
  /// interface is unknown.
  bool addFunction(llvm::StringRef Name, Role R, int Arg, int Extra);

  llvm::ArrayRef<const ApiRow *> function(llvm::StringRef Name) const;
  /// Rows for Method looked up on Interface and then on its bases.
  llvm::SmallVector<const ApiRow *, 2> method(llvm::StringRef Interface,
                                              llvm::StringRef Method) const;
  bool isInterface(llvm::StringRef Name) const {
    return Interfaces.count(Name) != 0;
  }
  /// True for MAPI's own interfaces (not IUnknown).
  bool isMapiInterface(llvm::StringRef Name) const;
  llvm::StringRef baseOf(llvm::StringRef Interface) const;
  /// The function a pointer typedef such as LPMAPIUNINITIALIZE stands for.
  llvm::StringRef functionForPointerTypedef(llvm::StringRef Typedef) const;

private:
  struct InterfaceInfo {
    std::string Base;
    bool IsMapi;
  };
  std::deque<ApiRow> Rows; // stable addresses
  llvm::StringMap<std::vector<const ApiRow *>> Functions;
  llvm::StringMap<std::vector<const ApiRow *>> Methods; // "Iface::Method"
  llvm::StringMap<InterfaceInfo> Interfaces;
  llvm::StringMap<std::string> PointerTypedefs;
};

} // namespace mapi

#endif
