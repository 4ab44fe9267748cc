/* Mock of mingw-w64 <unknwn.h> for mapi-tidy tests: IUnknown in its C and
   C++ forms, plus the interface-declaration macros of combaseapi.h.
   As with mingw-w64, including it brings in <windows.h> and <ole2.h>. The
   <windows.h> include stays outside the guard because <windows.h> comes
   back here through <ole2.h>. */
#include "windows.h"

#ifndef __unknwn_h__
#define __unknwn_h__

#include "_mock_wintypes.h"

#if defined(__cplusplus) && !defined(CINTERFACE)
#undef interface
#define interface struct
#define STDMETHOD(method) virtual DECLSPEC_NOTHROW HRESULT STDMETHODCALLTYPE method
#define STDMETHOD_(type, method) virtual DECLSPEC_NOTHROW type STDMETHODCALLTYPE method
#define PURE = 0
#define THIS_
#define THIS void
#define DECLARE_INTERFACE(iface) interface DECLSPEC_NOVTABLE iface
#define DECLARE_INTERFACE_(iface, baseiface) interface DECLSPEC_NOVTABLE iface : public baseiface
#define CONST_VTBL
#else
#undef interface
#define interface struct
#define STDMETHOD(method) HRESULT (STDMETHODCALLTYPE *method)
#define STDMETHOD_(type, method) type (STDMETHODCALLTYPE *method)
#define PURE
#define THIS_ INTERFACE *This,
#define THIS INTERFACE *This
#ifdef CONST_VTABLE
#define CONST_VTBL const
#define DECLARE_INTERFACE(iface) typedef interface iface { const struct iface##Vtbl *lpVtbl; } iface; typedef const struct iface##Vtbl iface##Vtbl; const struct iface##Vtbl
#else
#define CONST_VTBL
#define DECLARE_INTERFACE(iface) typedef interface iface { struct iface##Vtbl *lpVtbl; } iface; typedef struct iface##Vtbl iface##Vtbl; struct iface##Vtbl
#endif
#define DECLARE_INTERFACE_(iface, baseiface) DECLARE_INTERFACE(iface)
#endif
#ifndef BEGIN_INTERFACE
#define BEGIN_INTERFACE
#define END_INTERFACE
#endif

typedef interface IUnknown IUnknown;
typedef IUnknown *LPUNKNOWN;

#if defined(__cplusplus) && !defined(CINTERFACE)
EXTERN_C const IID IID_IUnknown;
extern "C++" {
struct IUnknown {
public:
  BEGIN_INTERFACE
  virtual HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void **ppvObject) = 0;
  virtual ULONG STDMETHODCALLTYPE AddRef(void) = 0;
  virtual ULONG STDMETHODCALLTYPE Release(void) = 0;
  template <class Q> HRESULT STDMETHODCALLTYPE QueryInterface(Q **pp) {
    return QueryInterface(__uuidof(Q), (void **)pp);
  }
  END_INTERFACE
};
}
__CRT_UUID_DECL(IUnknown, 0x00000000, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46)
#else
DEFINE_GUID(IID_IUnknown, 0x00000000, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46);
typedef struct IUnknownVtbl {
  BEGIN_INTERFACE
  HRESULT (STDMETHODCALLTYPE *QueryInterface)(IUnknown *This, REFIID riid, void **ppvObject);
  ULONG (STDMETHODCALLTYPE *AddRef)(IUnknown *This);
  ULONG (STDMETHODCALLTYPE *Release)(IUnknown *This);
  END_INTERFACE
} IUnknownVtbl;
interface IUnknown {
  CONST_VTBL IUnknownVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IUnknown_QueryInterface(This, riid, ppvObject) (This)->lpVtbl->QueryInterface(This, riid, ppvObject)
#define IUnknown_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IUnknown_Release(This) (This)->lpVtbl->Release(This)
#endif
#endif

/* The real COM headers reach <ole2.h> from here even under
   WIN32_LEAN_AND_MEAN. */
#include "ole2.h"

#endif /* __unknwn_h__ */
