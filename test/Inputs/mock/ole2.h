/* Mock of mingw-w64 <ole2.h> for mapi-tidy tests. */
#ifndef _OLE2_H_
#define _OLE2_H_

#include "objbase.h"

WINOLEAPI OleInitialize(LPVOID pvReserved);
WINOLEAPI_(void) OleUninitialize(void);

#endif /* _OLE2_H_ */
