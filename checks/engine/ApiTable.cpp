//===- ApiTable.cpp - lookup over MapiApi.def -----------------------------===//
#include "engine/ApiTable.h"

using namespace llvm;

namespace mapi {

StringRef initName(Resource R) {
  static const char *const Names[] = {"MAPIInitialize", "OleInitialize",
                                      "ScInitMapiUtil", "CoInitialize"};
  return Names[static_cast<unsigned>(R)];
}
StringRef uninitName(Resource R) {
  static const char *const Names[] = {"MAPIUninitialize", "OleUninitialize",
                                      "DeinitMapiUtil", "CoUninitialize"};
  return Names[static_cast<unsigned>(R)];
}

// The .def file spells Extra as a word or a number; both become an int.
static int extraValue(StringRef S) {
  static const struct {
    const char *Name;
    int Value;
  } Words[] = {{"None", 0},
               {"Mapi", int(Resource::Mapi)},
               {"Ole", int(Resource::Ole)},
               {"Util", int(Resource::Util)},
               {"Com", int(Resource::Com)},
               {"FreeBuffer", int(Dealloc::FreeBuffer)},
               {"Prows", int(Dealloc::Prows)},
               {"Padrlist", int(Dealloc::Padrlist)},
               {"ChainedMore", int(Dealloc::ChainedMore)},
               {"Foreign", int(Dealloc::Foreign)}};
  for (const auto &W : Words)
    if (S == W.Name)
      return W.Value;
  int V = 0;
  S.getAsInteger(10, V);
  return V;
}

ApiTable::ApiTable() {
#define MAPI_INTERFACE(Name, Base, IsMapi)                                     \
  Interfaces[#Name] = InterfaceInfo{#Base, IsMapi};
#define MAPI_FUNCTION(Name, R, Arg, Extra)                                     \
  Rows.push_back(ApiRow{"", #Name, Role::R, Arg, extraValue(#Extra)});         \
  Functions[#Name].push_back(&Rows.back());
#define MAPI_METHOD(Iface, Method, R, Arg, Extra)                              \
  Rows.push_back(ApiRow{#Iface, #Method, Role::R, Arg, extraValue(#Extra)});   \
  Methods[#Iface "::" #Method].push_back(&Rows.back());
#define MAPI_FNPTR_TYPEDEF(Typedef, Function) PointerTypedefs[#Typedef] = #Function;
#include "engine/MapiApi.def"
}

bool ApiTable::addFunction(StringRef Name, Role R, int Arg, int Extra) {
  Rows.push_back(ApiRow{"", Name.str(), R, Arg, Extra, true});
  Functions[Name].push_back(&Rows.back());
  return true;
}

ArrayRef<const ApiRow *> ApiTable::function(StringRef Name) const {
  auto It = Functions.find(Name);
  if (It == Functions.end())
    return {};
  return It->second;
}

SmallVector<const ApiRow *, 2> ApiTable::method(StringRef Interface,
                                                StringRef Method) const {
  SmallVector<const ApiRow *, 2> Out;
  // Walk up the interface chain; the first interface that lists the method
  // decides (IMsgStore::GetProps is IMAPIProp::GetProps).
  for (StringRef I = Interface; !I.empty(); I = baseOf(I)) {
    auto It = Methods.find((Twine(I) + "::" + Method).str());
    if (It != Methods.end()) {
      Out.append(It->second.begin(), It->second.end());
      break;
    }
  }
  return Out;
}

bool ApiTable::isMapiInterface(StringRef Name) const {
  auto It = Interfaces.find(Name);
  return It != Interfaces.end() && It->second.IsMapi;
}

StringRef ApiTable::baseOf(StringRef Interface) const {
  auto It = Interfaces.find(Interface);
  if (It == Interfaces.end())
    return {};
  return It->second.Base;
}

StringRef ApiTable::functionForPointerTypedef(StringRef Typedef) const {
  auto It = PointerTypedefs.find(Typedef);
  if (It == PointerTypedefs.end())
    return {};
  return It->second;
}

} // namespace mapi
