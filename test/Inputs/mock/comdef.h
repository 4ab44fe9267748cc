// Mock of mingw-w64 <comdef.h> for mapi-tidy tests: only the smart-pointer
// typedef machinery. _COM_SMARTPTR_TYPEDEF(IFoo, iid) declares IFooPtr the
// way mingw-w64 does when its __uuidof emulation is active (it always is):
// through an inline IID getter and _com_IIID_getter.
#ifndef _INC_COMDEF
#define _INC_COMDEF

#ifndef __cplusplus
#error Native Compiler support only available in C++ compiler
#endif

#include "ole2.h"
#include "comip.h"

#if !defined(_COM_SMARTPTR)
#define _COM_SMARTPTR _com_ptr_t
#define _COM_SMARTPTR_LEVEL2 _com_IIID
#endif
#if !defined(_COM_SMARTPTR_TYPEDEF)
#define _COM_SMARTPTR_TYPEDEF(Interface, aIID)                                 \
  inline const IID &__##Interface##_IID_getter(void) { return aIID; }          \
  typedef _COM_SMARTPTR<_com_IIID_getter<Interface, __##Interface##_IID_getter> > Interface##Ptr
#endif

#endif // _INC_COMDEF
