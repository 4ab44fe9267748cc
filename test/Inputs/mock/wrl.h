// Mock of mingw-w64 <wrl.h> for mapi-tidy tests: only the ComPtr part.
#ifndef _WRL_H_
#define _WRL_H_
#include "wrl/client.h"
#endif
