// examples/mapi_client.cpp with its three seeded bugs fixed: every step of
// "Ending a MAPI Session" in the right order. Silent under all mapi-* checks.
// mapi_client.cpp - a small Extended MAPI console client.
//   usage: mapi_client [profile [recipient]]
// Logs on, opens the default store, lists the Inbox, optionally sends a test
// message, and ends the session as "Ending a MAPI Session" describes.

#include <windows.h>
#include <ole2.h>
#include <stdio.h>
#include <mapix.h>
#include <mapiutil.h>

// Passes hr through, printing it first when it is a failure.
static HRESULT Check(const char *pszWhat, HRESULT hr)
{
    if (FAILED(hr))
        fprintf(stderr, "%s failed: hr=0x%08lX\n", pszWhat, (unsigned long)hr);
    return hr;
}

// Owns one reference to a MAPI interface and releases it when the holder
// goes out of scope. Deliberately tiny: no AddRef on copy, so copying is
// disabled.
template <class T> class CMapiPtr
{
public:
    CMapiPtr() : m_p(NULL) {}
    ~CMapiPtr() { Reset(); }
    CMapiPtr(const CMapiPtr &) = delete;
    CMapiPtr &operator=(const CMapiPtr &) = delete;

    void Reset() {
        if (m_p) m_p->Release();
        m_p = NULL;
    }
    // For out-parameters: drops any reference held before.
    T **operator&() { Reset(); return &m_p; }
    T *operator->() const { return m_p; }
    operator T *() const { return m_p; }

private:
    T *m_p;
};

// Advise sink callback: counts new-mail notifications while the tool runs.
static LONG WINAPI OnStoreNotify(LPVOID lpvContext, ULONG cNotif,
                                 LPNOTIFICATION lpNotifs)
{
    for (ULONG i = 0; i < cNotif; i++)
        if (lpNotifs[i].ulEventType == fnevNewMail)
            InterlockedIncrement((LONG volatile *)lpvContext);
    return 0;
}

class CMapiApp
{
public:
    CMapiApp();
    ~CMapiApp() { Shutdown(); }

    HRESULT Init();
    HRESULT Logon(LPSTR pszProfile);
    HRESULT OpenDefaultStore();
    HRESULT GetStoreName(LPSPropValue *lppName);
    HRESULT ListInbox(ULONG cMax);
    HRESULT SendTestMessage(LPSTR pszTo);
    void Shutdown();

private:
    HRESULT FlushOutgoing();

    ULONG_PTR m_ulUIParam;
    BOOL m_fOleInit, m_fMapiInit, m_fUtilInit;
    LPMAPISESSION m_lpSession;
    LPMDB m_lpMDB;
    LPADRBOOK m_lpAdrBook;
    LPMAPIADVISESINK m_lpAdviseSink;
    ULONG m_ulConnection;
    volatile LONG m_cNewMail;
    ULONG m_cbInboxEID;
    LPENTRYID m_lpInboxEID;    // cached, from GetReceiveFolder
    LPSPropValue m_lpOutboxEID; // cached, from HrGetOneProp
};

CMapiApp::CMapiApp()
    : m_ulUIParam((ULONG_PTR)GetConsoleWindow()), m_fOleInit(FALSE),
      m_fMapiInit(FALSE), m_fUtilInit(FALSE), m_lpSession(NULL), m_lpMDB(NULL),
      m_lpAdrBook(NULL), m_lpAdviseSink(NULL), m_ulConnection(0),
      m_cNewMail(0), m_cbInboxEID(0), m_lpInboxEID(NULL), m_lpOutboxEID(NULL)
{
}

// Brings up OLE, MAPI and the MAPI utilities. On failure the caller still
// runs Shutdown(), which undoes whatever the flags say was done.
HRESULT CMapiApp::Init()
{
    MAPIINIT_0 mapiInit = {MAPI_INIT_VERSION, MAPI_MULTITHREAD_NOTIFICATIONS};
    HRESULT hr = OleInitialize(NULL);
    if (FAILED(hr)) return hr;
    m_fOleInit = TRUE;

    hr = MAPIInitialize(&mapiInit);
    if (FAILED(hr)) return hr;
    m_fMapiInit = TRUE;

    SCODE sc = ScInitMapiUtil(0);
    if (FAILED(sc)) return sc;
    m_fUtilInit = TRUE;
    return S_OK;
}

HRESULT CMapiApp::Logon(LPSTR pszProfile)
{
    // A private session: MAPI_NEW_SESSION without MAPI_ALLOW_OTHERS.
    HRESULT hr = MAPILogonEx(m_ulUIParam, pszProfile, NULL,
                             MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_LOGON_UI |
                                 (pszProfile ? 0 : MAPI_USE_DEFAULT),
                             &m_lpSession);
    if (FAILED(hr)) return hr;

    return m_lpSession->OpenAddressBook(m_ulUIParam, NULL, AB_NO_DIALOG,
                                        &m_lpAdrBook);
}

HRESULT CMapiApp::OpenDefaultStore()
{
    static const SizedSPropTagArray(2, sptaStoreCols) = {
        2, {PR_ENTRYID, PR_DISPLAY_NAME_A}};
    LPMAPITABLE lpStoresTable = NULL;
    LPSRowSet lpRows = NULL;
    LPSPropValue lpEID = NULL;
    SPropValue spvDefault;
    SRestriction sres;
    HRESULT hr;

    // Only the row whose PR_DEFAULT_STORE is TRUE.
    spvDefault.ulPropTag = PR_DEFAULT_STORE;
    spvDefault.Value.b = TRUE;
    sres.rt = RES_PROPERTY;
    sres.res.resProperty.relop = RELOP_EQ;
    sres.res.resProperty.ulPropTag = PR_DEFAULT_STORE;
    sres.res.resProperty.lpProp = &spvDefault;

    hr = m_lpSession->GetMsgStoresTable(0, &lpStoresTable);
    if (FAILED(hr)) goto Cleanup;
    hr = HrQueryAllRows(lpStoresTable, (LPSPropTagArray)&sptaStoreCols, &sres,
                        NULL, 0, &lpRows);
    if (FAILED(hr)) goto Cleanup;
    if (lpRows->cRows == 1)
        lpEID = PpropFindProp(lpRows->aRow[0].lpProps, lpRows->aRow[0].cValues,
                              PR_ENTRYID);
    if (!lpEID) {
        hr = MAPI_E_NOT_FOUND;
        goto Cleanup;
    }

    hr = m_lpSession->OpenMsgStore(m_ulUIParam, lpEID->Value.bin.cb,
                                   (LPENTRYID)lpEID->Value.bin.lpb, NULL,
                                   MDB_WRITE | MAPI_BEST_ACCESS, &m_lpMDB);
    if (FAILED(hr)) goto Cleanup;

    // Cache the folder IDs the rest of the tool needs; Shutdown() frees them.
    hr = m_lpMDB->GetReceiveFolder(NULL, 0, &m_cbInboxEID, &m_lpInboxEID, NULL);
    if (FAILED(hr)) goto Cleanup;
    hr = HrGetOneProp(m_lpMDB, PR_IPM_OUTBOX_ENTRYID, &m_lpOutboxEID);
    if (FAILED(hr)) goto Cleanup;

    // Count new mail while we run; Shutdown() unadvises.
    hr = HrAllocAdviseSink(OnStoreNotify, (LPVOID)&m_cNewMail, &m_lpAdviseSink);
    if (FAILED(hr)) goto Cleanup;
    hr = m_lpMDB->Advise(0, NULL, fnevNewMail, m_lpAdviseSink, &m_ulConnection);

Cleanup:
    if (lpRows) FreeProws(lpRows);
    if (lpStoresTable) lpStoresTable->Release();
    return hr;
}

// Hands the store's display name to the caller, who frees it.
HRESULT CMapiApp::GetStoreName(LPSPropValue *lppName)
{
    return HrGetOneProp(m_lpMDB, PR_DISPLAY_NAME_A, lppName);
}

HRESULT CMapiApp::ListInbox(ULONG cMax)
{
    static const SizedSPropTagArray(2, sptaCols) = {
        2, {PR_SENDER_NAME_A, PR_SUBJECT_A}};
    CMapiPtr<IMAPIFolder> spInbox;
    CMapiPtr<IMAPITable> spContents;
    LPSRowSet lpRows = NULL;
    ULONG ulObjType = 0;
    ULONG cShown = 0;

    HRESULT hr = m_lpMDB->OpenEntry(m_cbInboxEID, m_lpInboxEID, NULL,
                                    MAPI_BEST_ACCESS, &ulObjType,
                                    (LPUNKNOWN *)&spInbox);
    if (FAILED(hr)) return hr;
    hr = spInbox->GetContentsTable(0, &spContents);
    if (SUCCEEDED(hr))
        hr = spContents->SetColumns((LPSPropTagArray)&sptaCols, TBL_BATCH);
    if (FAILED(hr)) return hr;

    printf("Inbox:\n");
    while (cShown < cMax) {
        hr = spContents->QueryRows(10, 0, &lpRows);
        if (FAILED(hr)) break;
        ULONG cRows = lpRows->cRows;
        for (ULONG i = 0; i < cRows && cShown < cMax; i++, cShown++) {
            LPSRow lpRow = &lpRows->aRow[i];
            LPSPropValue lpFrom =
                PpropFindProp(lpRow->lpProps, lpRow->cValues, PR_SENDER_NAME_A);
            LPSPropValue lpSubject =
                PpropFindProp(lpRow->lpProps, lpRow->cValues, PR_SUBJECT_A);
            printf("  %-24.24s %s\n",
                   lpFrom ? lpFrom->Value.lpszA : "(unknown)",
                   lpSubject ? lpSubject->Value.lpszA : "(no subject)");
        }
        FreeProws(lpRows);
        lpRows = NULL;
        if (cRows == 0) break;
    }
    printf("%lu message(s) shown, %ld new while running.\n", cShown,
           (long)m_cNewMail);
    return hr;
}

// Pushes submitted mail out of the Outbox through the spooler's status
// object, so that logging off right after a submit does not strand it.
HRESULT CMapiApp::FlushOutgoing()
{
    static const SizedSPropTagArray(2, sptaStatusCols) = {
        2, {PR_ENTRYID, PR_RESOURCE_TYPE}};
    LPMAPITABLE lpStatusTable = NULL;
    LPSRowSet lpRows = NULL;
    LPMAPISTATUS lpSpooler = NULL;
    LPSPropValue lpEID = NULL;
    ULONG ulObjType = 0;
    SPropValue spvType;
    SRestriction sres;
    HRESULT hr;

    spvType.ulPropTag = PR_RESOURCE_TYPE;
    spvType.Value.l = MAPI_SPOOLER;
    sres.rt = RES_PROPERTY;
    sres.res.resProperty.relop = RELOP_EQ;
    sres.res.resProperty.ulPropTag = PR_RESOURCE_TYPE;
    sres.res.resProperty.lpProp = &spvType;

    hr = m_lpSession->GetStatusTable(0, &lpStatusTable);
    if (FAILED(hr)) goto Cleanup;
    hr = HrQueryAllRows(lpStatusTable, (LPSPropTagArray)&sptaStatusCols, &sres,
                        NULL, 0, &lpRows);
    if (FAILED(hr)) goto Cleanup;
    if (lpRows->cRows == 1)
        lpEID = PpropFindProp(lpRows->aRow[0].lpProps, lpRows->aRow[0].cValues,
                              PR_ENTRYID);
    if (!lpEID) {
        hr = MAPI_E_NOT_FOUND;
        goto Cleanup;
    }
    hr = m_lpSession->OpenEntry(lpEID->Value.bin.cb,
                                (LPENTRYID)lpEID->Value.bin.lpb, NULL,
                                MAPI_BEST_ACCESS, &ulObjType,
                                (LPUNKNOWN *)&lpSpooler);
    if (FAILED(hr)) goto Cleanup;
    hr = lpSpooler->FlushQueues(0, 0, NULL, FLUSH_UPLOAD);

Cleanup:
    if (lpSpooler) lpSpooler->Release();
    if (lpRows) FreeProws(lpRows);
    if (lpStatusTable) lpStatusTable->Release();
    return hr;
}

HRESULT CMapiApp::SendTestMessage(LPSTR pszTo)
{
    CMapiPtr<IMAPIFolder> spOutbox;
    CMapiPtr<IMessage> spMessage;
    LPADRLIST lpAdrList = NULL;
    SPropValue rgProps[4];
    ULONG ulObjType = 0;
    HRESULT hr;

    hr = m_lpMDB->OpenEntry(m_lpOutboxEID->Value.bin.cb,
                            (LPENTRYID)m_lpOutboxEID->Value.bin.lpb, NULL,
                            MAPI_BEST_ACCESS, &ulObjType,
                            (LPUNKNOWN *)&spOutbox);
    if (FAILED(hr)) goto Cleanup;
    hr = spOutbox->CreateMessage(NULL, 0, &spMessage);
    if (FAILED(hr)) goto Cleanup;

    // One recipient, resolved by the address book. Each entry's property
    // array is its own MAPI allocation, as FreePadrlist expects.
    hr = MAPIAllocateBuffer(CbNewADRLIST(1), (LPVOID *)&lpAdrList);
    if (FAILED(hr)) goto Cleanup;
    lpAdrList->cEntries = 0;
    hr = MAPIAllocateBuffer(2 * sizeof(SPropValue),
                            (LPVOID *)&lpAdrList->aEntries[0].rgPropVals);
    if (FAILED(hr)) goto Cleanup;
    lpAdrList->cEntries = 1;
    lpAdrList->aEntries[0].ulReserved1 = 0;
    lpAdrList->aEntries[0].cValues = 2;
    lpAdrList->aEntries[0].rgPropVals[0].ulPropTag = PR_DISPLAY_NAME_A;
    lpAdrList->aEntries[0].rgPropVals[0].Value.lpszA = pszTo;
    lpAdrList->aEntries[0].rgPropVals[1].ulPropTag = PR_RECIPIENT_TYPE;
    lpAdrList->aEntries[0].rgPropVals[1].Value.l = MAPI_TO;
    hr = m_lpAdrBook->ResolveName(m_ulUIParam, MAPI_DIALOG, NULL, lpAdrList);
    if (FAILED(hr)) goto Cleanup;
    hr = spMessage->ModifyRecipients(MODRECIP_ADD, lpAdrList);
    if (FAILED(hr)) goto Cleanup;

    rgProps[0].ulPropTag = PR_MESSAGE_CLASS_A;
    rgProps[0].Value.lpszA = const_cast<LPSTR>("IPM.Note");
    rgProps[1].ulPropTag = PR_SUBJECT_A;
    rgProps[1].Value.lpszA = const_cast<LPSTR>("mapi_client test message");
    rgProps[2].ulPropTag = PR_BODY_A;
    rgProps[2].Value.lpszA = const_cast<LPSTR>("Sent by mapi_client.");
    rgProps[3].ulPropTag = PR_DELETE_AFTER_SUBMIT;
    rgProps[3].Value.b = TRUE;
    hr = spMessage->SetProps(4, rgProps, NULL);
    if (FAILED(hr)) goto Cleanup;
    hr = spMessage->SubmitMessage(0);
    if (FAILED(hr)) goto Cleanup;

    // After SubmitMessage the message only accepts Release.
    spMessage.Reset();
    hr = FlushOutgoing();

Cleanup:
    if (lpAdrList) FreePadrlist(lpAdrList);
    return hr;
}

// Ends the session in the order of "Ending a MAPI Session". Safe to call
// more than once: every step is guarded and resets what it undid.
void CMapiApp::Shutdown()
{
    // 1. Cancel notifications.
    if (m_lpMDB && m_ulConnection) {
        m_lpMDB->Unadvise(m_ulConnection);
        m_ulConnection = 0;
    }
    // 2. Release every open object.
    if (m_lpAdviseSink) {
        m_lpAdviseSink->Release();
        m_lpAdviseSink = NULL;
    }
    if (m_lpMDB) {
        m_lpMDB->Release();
        m_lpMDB = NULL;
    }
    if (m_lpAdrBook) {
        m_lpAdrBook->Release();
        m_lpAdrBook = NULL;
    }
    // 3. Free cached entry identifiers.
    if (m_lpInboxEID) {
        MAPIFreeBuffer(m_lpInboxEID);
        m_lpInboxEID = NULL;
        m_cbInboxEID = 0;
    }
    if (m_lpOutboxEID) {
        MAPIFreeBuffer(m_lpOutboxEID);
        m_lpOutboxEID = NULL;
    }
    // 4-5. Log off (private session: no MAPI_LOGOFF_SHARED), then release.
    if (m_lpSession) {
        m_lpSession->Logoff(m_ulUIParam, MAPI_LOGOFF_UI, 0);
        m_lpSession->Release();
        m_lpSession = NULL;
    }
    // 6-7. Uninitialize OLE and MAPI.
    if (m_fOleInit) {
        OleUninitialize();
        m_fOleInit = FALSE;
    }
    if (m_fMapiInit) {
        MAPIUninitialize();
        m_fMapiInit = FALSE;
    }
    // 8. Only because Init() called ScInitMapiUtil.
    if (m_fUtilInit) {
        DeinitMapiUtil();
        m_fUtilInit = FALSE;
    }
}

// Checks that at least one profile exists before the real work starts.
// Runs its own MAPIInitialize/MAPIUninitialize pair.
static HRESULT ProbeProfiles(ULONG *pcProfiles)
{
    LPPROFADMIN lpProfAdmin = NULL;
    LPMAPITABLE lpProfTable = NULL;
    ULONG cRows = 0;

    *pcProfiles = 0;
    HRESULT hr = MAPIInitialize(NULL);
    if (FAILED(hr)) return hr;

    hr = MAPIAdminProfiles(0, &lpProfAdmin);
    if (FAILED(hr)) {
        MAPIUninitialize();
        return hr;
    }

    hr = lpProfAdmin->GetProfileTable(0, &lpProfTable);
    if (SUCCEEDED(hr)) {
        hr = lpProfTable->GetRowCount(0, &cRows);
        lpProfTable->Release();
    }
    lpProfAdmin->Release();
    MAPIUninitialize();

    if (SUCCEEDED(hr)) *pcProfiles = cRows;
    return hr;
}

int main(int argc, char *argv[])
{
    LPSTR pszProfile = argc > 1 ? argv[1] : NULL;
    LPSTR pszRecipient = argc > 2 ? argv[2] : NULL;
    LPSPropValue lpStoreName = NULL; // kept for the exit summary
    ULONG cProfiles = 0;

    HRESULT hr = Check("ProbeProfiles", ProbeProfiles(&cProfiles));
    if (FAILED(hr)) return 1;
    if (cProfiles == 0) {
        fprintf(stderr, "No MAPI profiles are configured.\n");
        return 1;
    }

    CMapiApp app;
    hr = Check("Init", app.Init());
    if (SUCCEEDED(hr)) hr = Check("Logon", app.Logon(pszProfile));
    if (SUCCEEDED(hr)) hr = Check("OpenDefaultStore", app.OpenDefaultStore());
    if (SUCCEEDED(hr)) hr = Check("StoreName", app.GetStoreName(&lpStoreName));
    if (SUCCEEDED(hr)) hr = Check("ListInbox", app.ListInbox(20));
    if (SUCCEEDED(hr) && pszRecipient)
        hr = Check("SendTestMessage", app.SendTestMessage(pszRecipient));
    if (lpStoreName) {
        printf("Closing \"%s\".\n", lpStoreName->Value.lpszA);
        MAPIFreeBuffer(lpStoreName);
    }
    app.Shutdown();
    return FAILED(hr) ? 1 : 0;
}
