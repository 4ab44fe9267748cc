// How real code carries a call's success to the test that guards cleanup:
// a flag set from the result, a pass-through helper around the call, a
// disjunctive early return, a zero count beside the buffer, a loop whose
// constant bound runs its body, and a deallocator reached through a
// GetProcAddress pointer inside a wrapper.
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mock -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-*' %s -- %mingw -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>

#ifdef __cplusplus
#define CALL(obj, method, ...) ((obj)->method(__VA_ARGS__))
#else
#define CALL(obj, method, ...) ((obj)->lpVtbl->method((obj), __VA_ARGS__))
#endif

static HRESULT Traced(HRESULT hr) { return hr; } /* hands back what it gets */

/* The result kept in a flag, tested later. */
int RunWithFlag(void) {
  HRESULT hr = Traced(MAPIInitialize(NULL));
  BOOL fUp = SUCCEEDED(hr);
  if (!fUp)
    return 1;
  MAPIUninitialize();
  return 0;
}

/* Disjunctive early return: a null entry ID or a zero size means nothing
   to free. */
ULONG InboxSize(LPMDB lpStore) {
  ULONG cbEid = 0;
  LPENTRYID lpEid = NULL;
  HRESULT hr = CALL(lpStore, GetReceiveFolder, NULL, 0, &cbEid, &lpEid, NULL);
  if (FAILED(hr) || !lpEid || !cbEid)
    return 0;
  MAPIFreeBuffer(lpEid);
  return cbEid;
}

/* The count beside the buffer: freed only when there were values. */
ULONG SumValues(LPMAPIPROP lpProp, LPSPropTagArray lpTags) {
  ULONG cValues = 0, j, sum = 0;
  LPSPropValue lpVals = NULL;
  if (FAILED(CALL(lpProp, GetProps, lpTags, 0, &cValues, &lpVals)))
    return 0;
  for (j = 0; j < cValues; j++)
    sum += lpVals[j].Value.l;
  if (cValues)
    MAPIFreeBuffer(lpVals);
  return sum;
}

/* A constant bound: the body runs at least once. */
void FreeOnFirstPass(LPMDB lpStore) {
  LPSPropValue lpVal = NULL;
  int i;
  if (FAILED(HrGetOneProp((LPMAPIPROP)lpStore, PR_DISPLAY_NAME, &lpVal)))
    return;
  for (i = 0; i < 3; i++)
    if (i == 0)
      MAPIFreeBuffer(lpVal);
}

/* A deallocator looked up at run time, called through a wrapper that
   guards the pointer. */
typedef ULONG(STDAPICALLTYPE *FREEBUFFERPROC)(LPVOID);
static FREEBUFFERPROC g_pfnFreeBuffer;
void BindFree(HMODULE hMapi) {
  g_pfnFreeBuffer = (FREEBUFFERPROC)GetProcAddress(hMapi, "MAPIFreeBuffer");
}
static void FreeMem(LPVOID lpv) {
  if (g_pfnFreeBuffer)
    g_pfnFreeBuffer(lpv);
}
void ViaPointer(LPMDB lpStore) {
  LPSPropValue lpVal = NULL;
  if (FAILED(HrGetOneProp((LPMAPIPROP)lpStore, PR_DISPLAY_NAME, &lpVal)))
    return;
  FreeMem(lpVal);
}

/* A structure handed to a MAPI call is read, not written: the buffer it
   points to is still the caller's, freed at Cleanup. */
HRESULT MoveAll(LPMAPIFOLDER lpSource, LPMAPIFOLDER lpTarget, LPSRowSet lpRows) {
  ENTRYLIST el = {0, NULL};
  ULONG i;
  HRESULT hr = MAPIAllocateBuffer(lpRows->cRows * sizeof(SBinary), (LPVOID *)&el.lpbin);
  if (FAILED(hr))
    goto Cleanup;
  for (i = 0; i < lpRows->cRows; i++)
    el.lpbin[el.cValues++] = lpRows->aRow[i].lpProps[0].Value.bin;
  hr = CALL(lpSource, CopyMessages, &el, NULL, lpTarget, 0, NULL, MESSAGE_MOVE);
Cleanup:
  if (el.lpbin)
    MAPIFreeBuffer(el.lpbin);
  return hr;
}

/* Still a leak: the success path forgets it. */
ULONG Forgets(LPMDB lpStore) {
  LPSPropValue lpVal = NULL;
  if (FAILED(HrGetOneProp((LPMAPIPROP)lpStore, PR_DISPLAY_NAME, &lpVal)))
    // CHECK: :[[@LINE-1]]:14: warning: MAPI memory in 'lpVal' is not freed on some path [mapi-unfreed-buffer]
    return 0;
  return lpVal->Value.l;
  // CHECK: :[[@LINE-1]]:3: note: this exit does not free it
}
