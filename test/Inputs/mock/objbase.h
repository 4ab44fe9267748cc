/* Mock of mingw-w64 <objbase.h> for mapi-tidy tests: COM initialisation and
   task memory (combaseapi.h and objbase.h in mingw-w64). */
#ifndef _OBJBASE_H_
#define _OBJBASE_H_

#include "unknwn.h"
#include "objidl.h"

typedef enum tagCOINITBASE {
  COINITBASE_MULTITHREADED = 0x0
} COINITBASE;

typedef enum tagCOINIT {
  COINIT_APARTMENTTHREADED = 0x2,
  COINIT_MULTITHREADED = COINITBASE_MULTITHREADED,
  COINIT_DISABLE_OLE1DDE = 0x4,
  COINIT_SPEED_OVER_MEMORY = 0x8
} COINIT;

#define STGM_READ 0x00000000l
#define STGM_WRITE 0x00000001l
#define STGM_READWRITE 0x00000002l
#define STGM_SHARE_EXCLUSIVE 0x00000010l
#define STGM_CREATE 0x00001000l

WINOLEAPI CoInitialize(LPVOID pvReserved);
WINOLEAPI CoInitializeEx(LPVOID pvReserved, DWORD dwCoInit);
WINOLEAPI_(void) CoUninitialize(void);
WINOLEAPI_(LPVOID) CoTaskMemAlloc(SIZE_T cb);
WINOLEAPI_(LPVOID) CoTaskMemRealloc(LPVOID pv, SIZE_T cb);
WINOLEAPI_(void) CoTaskMemFree(LPVOID pv);

#endif /* _OBJBASE_H_ */
