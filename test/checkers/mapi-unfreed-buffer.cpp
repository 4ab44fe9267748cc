// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer' %s \
// RUN:   --config="{CheckOptions: [{key: mapi-unfreed-buffer.AllocFunctions, value: GetCachedEID}, {key: mapi-unfreed-buffer.FreeFunctions, value: ReleaseEID}, {key: mapi-unfreed-buffer.BufferOwnerTypes, value: unique_ptr}]}" \
// RUN:   -- %mingw %cxx -DWITH_OPTIONS 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,OPT --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <objbase.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>

// Freed on success only: the common real bug.
HRESULT LeakOnErrorPath(LPMDB lpMDB, LPMAPISESSION lpSession) {
  LPSPropValue lpEID = NULL;
  HRESULT hr = HrGetOneProp(lpMDB, PR_IPM_SUBTREE_ENTRYID, &lpEID);
  // CHECK: :[[@LINE-1]]:16: warning: MAPI memory in 'lpEID' is not freed on some path [mapi-unfreed-buffer]
  if (FAILED(hr))
    return hr;
  LPMAPITABLE lpTable = NULL;
  hr = lpSession->GetMsgStoresTable(0, &lpTable);
  if (FAILED(hr))
    return hr;
  // CHECK: :[[@LINE-1]]:5: note: this exit does not free it
  lpTable->Release();
  MAPIFreeBuffer(lpEID);
  return S_OK;
}

// Wrong deallocators.
void RowsWithFreeBuffer(LPMAPITABLE lpTable) {
  LPSRowSet lpRows = NULL;
  if (FAILED(lpTable->QueryRows(10, 0, &lpRows)))
    return;
  MAPIFreeBuffer(lpRows);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpRows' is a row set; free it with FreeProws, which also frees every row [mapi-unfreed-buffer]
  // CHECK: :[[@LINE-4]]:14: note: allocated here
}

void ForeignFree(LPMAPISESSION lpSession) {
  ULONG cb = 0;
  LPENTRYID lpEID = NULL;
  if (FAILED(lpSession->QueryIdentity(&cb, &lpEID)))
    return;
  CoTaskMemFree(lpEID);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpEID' is MAPI memory; free it with MAPIFreeBuffer, not 'CoTaskMemFree' [mapi-unfreed-buffer]
  // CHECK: :[[@LINE-4]]:14: note: allocated here
}

void DeleteFree(LPMDB lpMDB) {
  LPSPropValue lpProp = NULL;
  if (FAILED(HrGetOneProp(lpMDB, PR_DISPLAY_NAME, &lpProp)))
    return;
  delete lpProp;
  // CHECK: :[[@LINE-1]]:3: warning: 'lpProp' is MAPI memory; free it with MAPIFreeBuffer, not 'delete' [mapi-unfreed-buffer]
  // CHECK: :[[@LINE-4]]:14: note: allocated here
}

void DoubleFree(LPMDB lpMDB) {
  LPSPropValue lpProp = NULL;
  if (FAILED(HrGetOneProp(lpMDB, PR_DISPLAY_NAME, &lpProp)))
    return;
  MAPIFreeBuffer(lpProp);
  MAPIFreeBuffer(lpProp);
  // CHECK: :[[@LINE-1]]:3: warning: 'lpProp' is freed twice [mapi-unfreed-buffer]
  // CHECK: :[[@LINE-3]]:3: note: first freed here
  // CHECK: :[[@LINE-6]]:14: note: allocated here
}

void ChainedChild() {
  LPSPropValue lpProps = NULL;
  LPVOID lpMore = NULL;
  if (FAILED(MAPIAllocateBuffer(2 * sizeof(SPropValue), (LPVOID *)&lpProps)))
    return;
  if (SUCCEEDED(MAPIAllocateMore(16, lpProps, &lpMore)))
    MAPIFreeBuffer(lpMore);
  // CHECK: :[[@LINE-1]]:5: warning: 'lpMore' was allocated with MAPIAllocateMore and is freed with its parent; do not free it on its own [mapi-unfreed-buffer]
  // CHECK: :[[@LINE-3]]:17: note: allocated here
  MAPIFreeBuffer(lpProps);
}

// A cached entry ID (step 3) that nothing in the TU frees.
class CCache {
  LPSPropValue m_lpSubtreeEID = NULL;

public:
  HRESULT Load(LPMDB lpMDB) {
    return HrGetOneProp(lpMDB, PR_IPM_SUBTREE_ENTRYID, &m_lpSubtreeEID);
    // CHECK: :[[@LINE-1]]:12: warning: the MAPI memory cached in 'm_lpSubtreeEID' is never freed in this translation unit [mapi-unfreed-buffer]
  }
};

// A helper hands the buffer back; the caller leaks it.
HRESULT GetRootEID(LPMDB lpMDB, LPSPropValue *lppEID) {
  return HrGetOneProp(lpMDB, PR_IPM_SUBTREE_ENTRYID, lppEID);
}
HRESULT CallerLeaks(LPMDB lpMDB) {
  LPSPropValue lpEID = NULL;
  HRESULT hr = GetRootEID(lpMDB, &lpEID);
  // CHECK: :[[@LINE-1]]:16: warning: MAPI memory in 'lpEID' is not freed on some path [mapi-unfreed-buffer]
  // CHECK: :[[@LINE-6]]:10: note: allocated inside this call
  if (FAILED(hr))
    return hr;
  return S_OK;
  // CHECK: :[[@LINE-1]]:3: note: this exit does not free it
}

// --- silent -------------------------------------------------------------------
// The cached entry ID freed by the destructor.
class CGoodCache {
  LPSPropValue m_lpEID = NULL;

public:
  ~CGoodCache() { MAPIFreeBuffer(m_lpEID); }
  HRESULT Load(LPMDB lpMDB) {
    return HrGetOneProp(lpMDB, PR_IPM_SUBTREE_ENTRYID, &m_lpEID);
  }
};

// Returned to the caller, or through an out-parameter.
LPSPropValue CopyName(LPMDB lpMDB) {
  LPSPropValue lpProp = NULL;
  if (FAILED(HrGetOneProp(lpMDB, PR_DISPLAY_NAME, &lpProp)))
    return NULL;
  return lpProp;
}

// goto Cleanup that frees everything, with if (p) guards; row sets with
// FreeProws; pointers into a row set are not allocations.
HRESULT CleanupBlock(LPMAPITABLE lpTable) {
  LPSRowSet lpRows = NULL;
  LPSPropTagArray lpCols = NULL;
  HRESULT hr = lpTable->QueryColumns(0, &lpCols);
  if (FAILED(hr))
    goto Cleanup;
  hr = HrQueryAllRows(lpTable, lpCols, NULL, NULL, 0, &lpRows);
  if (FAILED(hr))
    goto Cleanup;
  if (lpRows->cRows) {
    LPSPropValue lpFound =
        PpropFindProp(lpRows->aRow[0].lpProps, lpRows->aRow[0].cValues, PR_ENTRYID);
    (void)lpFound;
  }
Cleanup:
  if (lpRows)
    FreeProws(lpRows);
  MAPIFreeBuffer(lpCols);
  return hr;
}

// GetProps: MAPI_W_ERRORS_RETURNED is a success; a specific error is a failure.
HRESULT Props(LPMAPIPROP lpProp, LPSPropTagArray lpTags) {
  ULONG cValues = 0;
  LPSPropValue lpValues = NULL;
  HRESULT hr = lpProp->GetProps(lpTags, 0, &cValues, &lpValues);
  if (hr == MAPI_E_NOT_FOUND)
    return S_OK;
  if (FAILED(hr))
    return hr;
  MAPIFreeBuffer(lpValues);
  return hr;
}

// Both out-parameters of GetReceiveFolder.
void ReceiveFolder(LPMDB lpMDB) {
  ULONG cb = 0;
  LPENTRYID lpEID = NULL;
  LPTSTR lpszClass = NULL;
  if (FAILED(lpMDB->GetReceiveFolder(NULL, 0, &cb, &lpEID, &lpszClass)))
    return;
  MAPIFreeBuffer(lpEID);
  MAPIFreeBuffer(lpszClass);
}

// A RAII owner recognised by its destructor and operator&.
class CMAPIBuffer {
  LPSPropValue m_p = NULL;

public:
  ~CMAPIBuffer() { MAPIFreeBuffer(m_p); }
  LPSPropValue *operator&() { return &m_p; }
  LPSPropValue operator->() const { return m_p; }
};
void RaiiOwner(LPMDB lpMDB) {
  CMAPIBuffer Name;
  if (FAILED(HrGetOneProp(lpMDB, PR_DISPLAY_NAME, &Name)))
    return;
}

// An address list built with MAPIAllocateBuffer and freed with FreePadrlist.
void AdrList() {
  LPADRLIST lpAdrList = NULL;
  if (FAILED(MAPIAllocateBuffer(CbNewADRLIST(1), (LPVOID *)&lpAdrList)))
    return;
  lpAdrList->cEntries = 0;
  FreePadrlist(lpAdrList);
}

// A unique_ptr-style owner with a deleter (named in BufferOwnerTypes in the
// option run; without the option it is an unknown class and stays silent).
struct MAPIDeleter {
  void operator()(void *p) const { MAPIFreeBuffer(p); }
};
template <class T, class D> class unique_ptr {
  T *P;

public:
  explicit unique_ptr(T *p = nullptr) : P(p) {}
  ~unique_ptr() {
    if (P)
      D()(P);
  }
  T *get() const { return P; }
  T *release() {
    T *R = P;
    P = nullptr;
    return R;
  }
};
void OwnedByUniquePtr(LPMDB lpMDB) {
  LPSPropValue lpProp = NULL;
  if (FAILED(HrGetOneProp(lpMDB, PR_DISPLAY_NAME, &lpProp)))
    return;
  unique_ptr<SPropValue, MAPIDeleter> Owner(lpProp);
}

#ifdef WITH_OPTIONS
// Project allocator/deallocator pairs without a body here.
HRESULT GetCachedEID(LPMDB lpMDB, LPSPropValue *lppEID);
void ReleaseEID(LPSPropValue lpEID);
void WithWrappers(LPMDB lpMDB) {
  LPSPropValue lpEID = NULL;
  if (SUCCEEDED(GetCachedEID(lpMDB, &lpEID)))
    ReleaseEID(lpEID);
}
void WrapperLeak(LPMDB lpMDB) {
  LPSPropValue lpEID = NULL;
  GetCachedEID(lpMDB, &lpEID);
  // OPT: :[[@LINE-1]]:3: warning: MAPI memory in 'lpEID' is not freed on some path [mapi-unfreed-buffer]
}
// OPT: :[[@LINE-1]]:1: note: this exit does not free it
#endif
