// A connection whose cookie and object are kept in members (or by a sink
// that unadvises itself) is not left registered when the local smart pointer
// goes away: a smart pointer copy takes its own reference.
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-missing-unadvise' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <atlbase.h>

// A sink that remembers its source (own CComPtr reference) and cookie and
// unadvises when destroyed.
class CSelfUnadvisingSink : public IMAPIAdviseSink {
public:
  virtual ~CSelfUnadvisingSink() { Cancel(); }
  void Remember(IMAPITable *pSource, ULONG ulConn) {
    m_pSource = pSource;
    m_ulConn = ulConn;
  }
  void Cancel() {
    if (m_pSource) {
      m_pSource->Unadvise(m_ulConn);
      m_pSource.Release();
    }
  }
  STDMETHODIMP QueryInterface(REFIID, LPVOID *) { return E_NOINTERFACE; }
  STDMETHODIMP_(ULONG) AddRef() { return ++m_cRef; }
  STDMETHODIMP_(ULONG) Release() {
    ULONG c = --m_cRef;
    if (c == 0)
      delete this;
    return c;
  }
  STDMETHODIMP_(ULONG) OnNotify(ULONG, LPNOTIFICATION) { return 0; }

private:
  CComPtr<IMAPITable> m_pSource;
  ULONG m_ulConn = 0;
  ULONG m_cRef = 1;
};

class CStoreList {
public:
  ~CStoreList() {
    if (m_spTable)
      m_spTable->Unadvise(m_ulConn);
  }
  HRESULT WatchViaSink(LPMAPISESSION lpSession);
  HRESULT CopyBoth(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink);
  HRESULT AdviseIntoMember(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink);
  HRESULT ReallyLeaks(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink);

private:
  CComPtr<CSelfUnadvisingSink> m_spSink;
  CComPtr<IMAPITable> m_spTable;
  ULONG m_ulConn = 0;
};

// Local table; the sink (kept in a member) holds its own reference to it
// and the cookie.
HRESULT CStoreList::WatchViaSink(LPMAPISESSION lpSession) {
  CComPtr<IMAPITable> spTable;
  HRESULT hr = lpSession->GetMsgStoresTable(0, &spTable);
  if (FAILED(hr))
    return hr;
  CComPtr<CSelfUnadvisingSink> spSink;
  ULONG ulConn = 0;
  spSink.Attach(new CSelfUnadvisingSink());
  hr = spTable->Advise(fnevTableModified, spSink, &ulConn);
  if (FAILED(hr))
    return hr;
  spSink->Remember(spTable, ulConn);
  m_spSink = spSink;
  return S_OK;
}

// Cookie and table copied into members after the Advise.
HRESULT CStoreList::CopyBoth(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink) {
  CComPtr<IMAPITable> spTable;
  if (FAILED(lpSession->GetMsgStoresTable(0, &spTable)))
    return E_FAIL;
  ULONG ulConn = 0;
  if (FAILED(spTable->Advise(fnevTableModified, lpSink, &ulConn)))
    return E_FAIL;
  m_ulConn = ulConn;
  m_spTable = spTable;
  return S_OK;
}

// Cookie written into the member; the table copied into a member.
HRESULT CStoreList::AdviseIntoMember(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink) {
  CComPtr<IMAPITable> spTable;
  if (FAILED(lpSession->GetMsgStoresTable(0, &spTable)))
    return E_FAIL;
  if (FAILED(spTable->Advise(fnevTableModified, lpSink, &m_ulConn)))
    return E_FAIL;
  m_spTable = spTable;
  return S_OK;
}

// Still reported: nobody keeps the table, the local goes away advised.
HRESULT CStoreList::ReallyLeaks(LPMAPISESSION lpSession, LPMAPIADVISESINK lpSink) {
  CComPtr<IMAPITable> spTable;
  if (FAILED(lpSession->GetMsgStoresTable(0, &spTable)))
    return E_FAIL;
  if (FAILED(spTable->Advise(fnevTableModified, lpSink, &m_ulConn)))
    return E_FAIL;
  // CHECK: :[[@LINE-2]]:14: warning: Advise on 'spTable' has no Unadvise before the object goes away [mapi-missing-unadvise]
  return S_OK;
  // CHECK: :[[@LINE-1]]:3: note: 'spTable' is released here while still advised
}
