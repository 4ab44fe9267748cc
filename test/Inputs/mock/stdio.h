/* Mock <stdio.h> for mapi-tidy tests: just enough for diagnostics output in
   test programs (examples/mapi_client.cpp uses printf and fprintf). */
#ifndef MOCK_STDIO_H
#define MOCK_STDIO_H

#include "stddef.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _iobuf FILE;
FILE *__cdecl __acrt_iob_func(unsigned index);
#define stdin (__acrt_iob_func(0))
#define stdout (__acrt_iob_func(1))
#define stderr (__acrt_iob_func(2))

int __cdecl printf(const char *_Format, ...);
int __cdecl fprintf(FILE *_File, const char *_Format, ...);
int __cdecl sprintf(char *_Dest, const char *_Format, ...);
int __cdecl snprintf(char *s, size_t n, const char *format, ...);
int __cdecl puts(const char *_Str);
int __cdecl fputs(const char *__restrict__ _Str, FILE *__restrict__ _File);

#ifdef __cplusplus
}
#endif

#endif /* MOCK_STDIO_H */
