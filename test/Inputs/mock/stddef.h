/* Mock <stddef.h> for mapi-tidy tests: -nostdinc also hides the compiler's
   own copy, and <mapidefs.h> needs offsetof for its CbNew* size macros. */
#ifndef MOCK_STDDEF_H
#define MOCK_STDDEF_H

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
typedef __PTRDIFF_TYPE__ ptrdiff_t;

#ifndef NULL
#ifdef __cplusplus
#define NULL __null
#else
#define NULL ((void *)0)
#endif
#endif

#define offsetof(type, member) __builtin_offsetof(type, member)

#endif /* MOCK_STDDEF_H */
