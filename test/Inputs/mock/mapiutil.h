/* Mock of mingw-w64 <mapiutil.h> for mapi-tidy tests: the MAPI utility
   functions (signatures as in mingw-w64) and the ITableData and IPropData
   interfaces. */
#ifndef _MAPIUTIL_H_
#define _MAPIUTIL_H_

#ifdef __cplusplus
extern "C" {
#endif

#include "mapix.h"

DECLARE_MAPI_INTERFACE_PTR(ITableData, LPTABLEDATA);

typedef void (WINAPI CALLERRELEASE)(ULONG ulCallerData, LPTABLEDATA lpTblData, LPMAPITABLE lpVue);

#define MAPI_ITABLEDATA_METHODS(IPURE)                                                        \
  MAPIMETHOD(HrGetView)(THIS_ LPSSortOrderSet lpSSortOrderSet, CALLERRELEASE *lpfCallerRelease, \
                        ULONG ulCallerData, LPMAPITABLE *lppMAPITable) IPURE;                 \
  MAPIMETHOD(HrModifyRow)(THIS_ LPSRow) IPURE;                                               \
  MAPIMETHOD(HrDeleteRow)(THIS_ LPSPropValue lpSPropValue) IPURE;                            \
  MAPIMETHOD(HrQueryRow)(THIS_ LPSPropValue lpsPropValue, LPSRow *lppSRow, ULONG *lpuliRow) IPURE; \
  MAPIMETHOD(HrEnumRow)(THIS_ ULONG ulRowNumber, LPSRow *lppSRow) IPURE;                     \
  MAPIMETHOD(HrNotify)(THIS_ ULONG ulFlags, ULONG cValues, LPSPropValue lpSPropValue) IPURE; \
  MAPIMETHOD(HrInsertRow)(THIS_ ULONG uliRow, LPSRow lpSRow) IPURE;                          \
  MAPIMETHOD(HrModifyRows)(THIS_ ULONG ulFlags, LPSRowSet lpSRowSet) IPURE;                  \
  MAPIMETHOD(HrDeleteRows)(THIS_ ULONG ulFlags, LPSRowSet lprowsetToDelete, ULONG *cRowsDeleted) IPURE;
#undef INTERFACE
#define INTERFACE ITableData
DECLARE_MAPI_INTERFACE_(ITableData, IUnknown) {
  BEGIN_INTERFACE
  MAPI_IUNKNOWN_METHODS(PURE)
  MAPI_ITABLEDATA_METHODS(PURE)
};

STDAPI_(SCODE) CreateTable(LPCIID lpInterface, ALLOCATEBUFFER *lpAllocateBuffer, ALLOCATEMORE *lpAllocateMore,
                           FREEBUFFER *lpFreeBuffer, LPVOID lpvReserved, ULONG ulTableType,
                           ULONG ulPropTagIndexColumn, LPSPropTagArray lpSPropTagArrayColumns,
                           LPTABLEDATA *lppTableData);

#define MAPI_IPROPDATA_METHODS(IPURE)                                                               \
  MAPIMETHOD(HrSetObjAccess)(THIS_ ULONG ulAccess) IPURE;                                         \
  MAPIMETHOD(HrSetPropAccess)(THIS_ LPSPropTagArray lpPropTagArray, ULONG *rgulAccess) IPURE;     \
  MAPIMETHOD(HrGetPropAccess)(THIS_ LPSPropTagArray *lppPropTagArray, ULONG **lprgulAccess) IPURE; \
  MAPIMETHOD(HrAddObjProps)(THIS_ LPSPropTagArray lppPropTagArray, LPSPropProblemArray *lprgulAccess) IPURE;
#undef INTERFACE
#define INTERFACE IPropData
DECLARE_MAPI_INTERFACE_(IPropData, IMAPIProp) {
  BEGIN_INTERFACE
  MAPI_IUNKNOWN_METHODS(PURE)
  MAPI_IMAPIPROP_METHODS(PURE)
  MAPI_IPROPDATA_METHODS(PURE)
};
DECLARE_MAPI_INTERFACE_PTR(IPropData, LPPROPDATA);

STDAPI_(SCODE) CreateIProp(LPCIID lpInterface, ALLOCATEBUFFER *lpAllocateBuffer, ALLOCATEMORE *lpAllocateMore,
                           FREEBUFFER *lpFreeBuffer, LPVOID lpvReserved, LPPROPDATA *lppPropData);

STDAPI_(LPMALLOC) MAPIGetDefaultMalloc(VOID);
STDMETHODIMP OpenStreamOnFile(LPALLOCATEBUFFER lpAllocateBuffer, LPFREEBUFFER lpFreeBuffer, ULONG ulFlags,
                              LPTSTR lpszFileName, LPTSTR lpszPrefix, LPSTREAM *lppStream);
typedef HRESULT (WINAPI *LPOPENSTREAMONFILE)(LPALLOCATEBUFFER lpAllocateBuffer, LPFREEBUFFER lpFreeBuffer,
                                             ULONG ulFlags, LPTSTR lpszFileName, LPTSTR lpszPrefix,
                                             LPSTREAM *lppStream);
#define OPENSTREAMONFILE "OpenStreamOnFile"

STDAPI_(SCODE) PropCopyMore(LPSPropValue lpSPropValueDest, LPSPropValue lpSPropValueSrc,
                            ALLOCATEMORE *lpfAllocMore, LPVOID lpvObject);
STDAPI_(ULONG) UlPropSize(LPSPropValue lpSPropValue);
STDAPI HrAllocAdviseSink(LPNOTIFCALLBACK lpfnCallback, LPVOID lpvContext, LPMAPIADVISESINK *lppAdviseSink);
STDAPI HrThisThreadAdviseSink(LPMAPIADVISESINK lpAdviseSink, LPMAPIADVISESINK *lppAdviseSink);
STDAPI HrDispatchNotifications(ULONG ulFlags);
STDAPI_(SCODE) ScCountProps(int cValues, LPSPropValue lpPropArray, ULONG *lpcb);
STDAPI_(LPSPropValue) LpValFindProp(ULONG ulPropTag, ULONG cValues, LPSPropValue lpPropArray);
STDAPI_(SCODE) ScCopyProps(int cValues, LPSPropValue lpPropArray, LPVOID lpvDst, ULONG *lpcb);
STDAPI_(SCODE) ScDupPropset(int cValues, LPSPropValue lpPropArray, LPALLOCATEBUFFER lpAllocateBuffer,
                            LPSPropValue *lppPropArray);
STDAPI_(ULONG) UlAddRef(LPVOID lpunk);
STDAPI_(ULONG) UlRelease(LPVOID lpunk);
STDAPI HrGetOneProp(LPMAPIPROP lpMapiProp, ULONG ulPropTag, LPSPropValue *lppProp);
STDAPI HrSetOneProp(LPMAPIPROP lpMapiProp, LPSPropValue lpProp);
STDAPI_(WINBOOL) FPropExists(LPMAPIPROP lpMapiProp, ULONG ulPropTag);
STDAPI_(LPSPropValue) PpropFindProp(LPSPropValue lpPropArray, ULONG cValues, ULONG ulPropTag);
STDAPI_(void) FreePadrlist(LPADRLIST lpAdrlist);
STDAPI_(void) FreeProws(LPSRowSet lpRows);
STDAPI HrQueryAllRows(LPMAPITABLE lpTable, LPSPropTagArray lpPropTags, LPSRestriction lpRestriction,
                      LPSSortOrderSet lpSortOrderSet, LONG crowsMax, LPSRowSet *lppRows);

#define MAPI_FORCE_CREATE 1
#define MAPI_FULL_IPM_TREE 2

STDAPI HrValidateIPMSubtree(LPMDB lpMDB, ULONG ulFlags, ULONG *lpcValues, LPSPropValue *lppValues,
                            LPMAPIERROR *lpperr);
STDAPI_(WINBOOL) FBinFromHex(LPTSTR lpsz, LPBYTE lpb);
STDAPI_(void) HexFromBin(LPBYTE lpb, int cb, LPTSTR lpsz);
STDAPI HrEntryIDFromSz(LPTSTR lpsz, ULONG *lpcb, LPENTRYID *lppEntryID);
STDAPI HrSzFromEntryID(ULONG cb, LPENTRYID lpEntryID, LPTSTR *lpsz);
STDAPI HrComposeEID(LPMAPISESSION lpSession, ULONG cbStoreRecordKey, LPBYTE lpStoreRecordKey,
                    ULONG cbMsgEntryID, LPENTRYID lpMsgEntryID, ULONG *lpcbEID, LPENTRYID *lppEntryID);
STDAPI HrDecomposeEID(LPMAPISESSION lpSession, ULONG cbEntryID, LPENTRYID lpEntryID,
                      ULONG *lpcbStoreEntryID, LPENTRYID *lppStoreEntryID, ULONG *lpcbMsgEntryID,
                      LPENTRYID *lppMsgEntryID);
STDAPI HrComposeMsgID(LPMAPISESSION lpSession, ULONG cbStoreSearchKey, LPBYTE pStoreSearchKey,
                      ULONG cbMsgEntryID, LPENTRYID lpMsgEntryID, LPTSTR *lpszMsgID);
STDAPI HrDecomposeMsgID(LPMAPISESSION lpSession, LPTSTR lpszMsgID, ULONG *lpcbStoreEntryID,
                        LPENTRYID *lppStoreEntryID, ULONG *lppcbMsgEntryID, LPENTRYID *lppMsgEntryID);
STDAPI_(SCODE) ScCreateConversationIndex(ULONG cbParent, LPBYTE lpbParent, ULONG *lpcbConvIndex,
                                         LPBYTE *lppbConvIndex);
STDAPI WrapStoreEntryID(ULONG ulFlags, LPTSTR lpszDLLName, ULONG cbOrigEntry, LPENTRYID lpOrigEntry,
                        ULONG *lpcbWrappedEntry, LPENTRYID *lppWrappedEntry);

#define RTF_SYNC_RTF_CHANGED ((ULONG)0x00000001)
#define RTF_SYNC_BODY_CHANGED ((ULONG)0x00000002)

STDAPI_(HRESULT) RTFSync(LPMESSAGE lpMessage, ULONG ulFlags, WINBOOL *lpfMessageUpdated);
STDAPI_(HRESULT) WrapCompressedRTFStream(LPSTREAM lpCompressedRTFStream, ULONG ulFlags,
                                         LPSTREAM *lpUncompressedRTFStream);
STDAPI_(HRESULT) HrIStorageFromStream(LPUNKNOWN lpUnkIn, LPCIID lpInterface, ULONG ulFlags,
                                      LPSTORAGE *lppStorageOut);
STDAPI_(SCODE) ScInitMapiUtil(ULONG ulFlags);
STDAPI_(VOID) DeinitMapiUtil(VOID);

typedef HRESULT (WINAPI DISPATCHNOTIFICATIONS)(ULONG ulFlags);
typedef DISPATCHNOTIFICATIONS *LPDISPATCHNOTIFICATIONS;
typedef SCODE (WINAPI CREATECONVERSATIONINDEX)(ULONG cbParent, LPBYTE lpbParent, ULONG *lpcbConvIndex,
                                               LPBYTE *lppbConvIndex);
typedef CREATECONVERSATIONINDEX *LPCREATECONVERSATIONINDEX;

#ifdef __cplusplus
}
#endif

#endif /* _MAPIUTIL_H_ */
