/* Mock system header for mapi-tidy tests: the base Windows types and macros
   that mingw-w64 spreads over minwindef.h, winnt.h, basetsd.h, guiddef.h and
   basetyps.h. Private to the mock; tests include <windows.h> instead. */
#ifndef MOCK_WINTYPES_H
#define MOCK_WINTYPES_H

#ifdef __cplusplus
#define EXTERN_C extern "C"
#else
#define EXTERN_C extern
#endif

/* What the real headers give NULL in effect: __null from GNU stddef.h. */
#ifndef NULL
#ifdef __cplusplus
#define NULL __null
#else
#define NULL ((void *)0)
#endif
#endif

#define FALSE 0
#define TRUE 1
#define VOID void
#define CONST const
#define FAR
#define NEAR

/* mingw-w64 defines __stdcall away on 64-bit targets. */
#ifdef _WIN64
#define WINAPI
#define CALLBACK
#else
#define WINAPI __stdcall
#define CALLBACK __stdcall
#endif
#define APIENTRY WINAPI
#define STDMETHODCALLTYPE WINAPI
#define STDAPICALLTYPE WINAPI
#define STDAPI EXTERN_C HRESULT STDAPICALLTYPE
#define STDAPI_(type) EXTERN_C type STDAPICALLTYPE
#define STDMETHODIMP HRESULT STDMETHODCALLTYPE
#define STDMETHODIMP_(type) type STDMETHODCALLTYPE

#define DECLSPEC_IMPORT __declspec(dllimport)
#define DECLSPEC_NOTHROW __declspec(nothrow)
#define DECLSPEC_SELECTANY __declspec(selectany)
#define DECLSPEC_NOVTABLE
#define DECLSPEC_UUID(x)
#define WINBASEAPI DECLSPEC_IMPORT
#define WINOLEAPI EXTERN_C DECLSPEC_IMPORT HRESULT STDAPICALLTYPE
#define WINOLEAPI_(type) EXTERN_C DECLSPEC_IMPORT type STDAPICALLTYPE

#ifndef _SIZE_T_DEFINED
#define _SIZE_T_DEFINED
typedef __SIZE_TYPE__ size_t;
#endif
#ifndef _WCHAR_T_DEFINED
#define _WCHAR_T_DEFINED
#ifndef __cplusplus
typedef __WCHAR_TYPE__ wchar_t;
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* LLP64: long is 32 bits on Windows, so mingw's __LONG32 is plain long. */
typedef unsigned char BYTE, UCHAR, *PBYTE, *LPBYTE;
typedef unsigned short WORD, USHORT, *PWORD, *LPWORD;
typedef unsigned long DWORD, ULONG, *PDWORD, *LPDWORD, *PULONG;
typedef long LONG, *LPLONG, *PLONG;
typedef short SHORT;
typedef int INT, WINBOOL, BOOL, *PBOOL, *LPBOOL;
typedef unsigned int UINT;
typedef float FLOAT;
typedef char CHAR;
typedef wchar_t WCHAR;
typedef long long LONGLONG;
typedef unsigned long long ULONGLONG, DWORDLONG;
typedef void *LPVOID, *PVOID;
typedef const void *LPCVOID;

#ifdef _WIN64
typedef long long INT_PTR, LONG_PTR;
typedef unsigned long long UINT_PTR, ULONG_PTR, DWORD_PTR;
#else
typedef int INT_PTR;
typedef long LONG_PTR;
typedef unsigned int UINT_PTR;
typedef unsigned long ULONG_PTR, DWORD_PTR;
#endif
typedef ULONG_PTR SIZE_T;
typedef ULONG_PTR *PULONG_PTR;

typedef CHAR *LPSTR, *PSTR;
typedef const CHAR *LPCSTR, *PCSTR;
typedef WCHAR *LPWSTR, *PWSTR;
typedef const WCHAR *LPCWSTR, *PCWSTR;
#ifdef UNICODE
typedef WCHAR TCHAR;
typedef LPWSTR LPTSTR;
typedef LPCWSTR LPCTSTR;
#else
typedef char TCHAR;
typedef LPSTR LPTSTR;
typedef LPCSTR LPCTSTR;
#endif
typedef WCHAR OLECHAR;
typedef OLECHAR *LPOLESTR;
typedef const OLECHAR *LPCOLESTR;

typedef LONG HRESULT;
typedef LONG SCODE;

typedef void *HANDLE;
typedef HANDLE HLOCAL, HGLOBAL;
#define DECLARE_HANDLE(name) struct name##__ { int unused; }; typedef struct name##__ *name
DECLARE_HANDLE(HINSTANCE);
DECLARE_HANDLE(HWND);
typedef HINSTANCE HMODULE;
typedef INT_PTR (WINAPI *FARPROC)();

typedef struct _FILETIME {
  DWORD dwLowDateTime;
  DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

typedef union _LARGE_INTEGER {
  __extension__ struct { DWORD LowPart; LONG HighPart; };
  struct { DWORD LowPart; LONG HighPart; } u;
  LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
  __extension__ struct { DWORD LowPart; DWORD HighPart; };
  struct { DWORD LowPart; DWORD HighPart; } u;
  ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef struct _GUID {
  unsigned long Data1;
  unsigned short Data2;
  unsigned short Data3;
  unsigned char Data4[8];
} GUID;
typedef GUID *LPGUID;
typedef const GUID *LPCGUID;
typedef GUID IID, CLSID;
typedef IID *LPIID;
typedef CLSID *LPCLSID;

#ifdef __cplusplus
}
#endif

/* Like guiddef.h without INITGUID: every GUID is only declared. */
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
  EXTERN_C const GUID name
#define DEFINE_OLEGUID(name, l, w1, w2) \
  DEFINE_GUID(name, l, w1, w2, 0xc0, 0, 0, 0, 0, 0, 0, 0x46)

#ifdef __cplusplus
#define REFGUID const GUID &
#define REFIID const IID &
#define REFCLSID const IID &
extern "C++" {
inline int IsEqualGUID(REFGUID a, REFGUID b) {
  return !__builtin_memcmp(&a, &b, sizeof(GUID));
}
inline bool operator==(REFGUID a, REFGUID b) { return !!IsEqualGUID(a, b); }
inline bool operator!=(REFGUID a, REFGUID b) { return !(a == b); }
}
#else
#define REFGUID const GUID *const
#define REFIID const IID *const
#define REFCLSID const IID *const
#define IsEqualGUID(a, b) (!__builtin_memcmp(a, b, sizeof(GUID)))
#endif
#define IsEqualIID(a, b) IsEqualGUID(a, b)
#define IsEqualCLSID(a, b) IsEqualGUID(a, b)

/* mingw-w64 emulates MSVC's __uuidof with these templates (_mingw.h). */
#ifdef __cplusplus
extern "C++" template <typename T> const GUID &__mingw_uuidof();
#define __uuidof(type) __mingw_uuidof<__typeof(type)>()
#define __CRT_UUID_DECL(type, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)   \
  extern "C++" {                                                          \
  template <> inline const GUID &__mingw_uuidof<type>() {                 \
    static const IID __uuid_inst = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}; \
    return __uuid_inst;                                                   \
  }                                                                       \
  template <> inline const GUID &__mingw_uuidof<type *>() {               \
    return __mingw_uuidof<type>();                                        \
  }                                                                       \
  }
#else
#define __CRT_UUID_DECL(type, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)
#endif

#endif /* MOCK_WINTYPES_H */
