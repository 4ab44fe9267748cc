// Mock of mingw-w64 <comip.h> for mapi-tidy tests: _com_ptr_t and its IID
// holders, without the CLSID/variant/string constructors (which need the
// C++ library in the real header).
#ifndef _INC_COMIP
#define _INC_COMIP

#include "ole2.h"

#ifdef __cplusplus

void WINAPI _com_issue_error(HRESULT);

template <typename _Interface, const IID *_IID> class _com_IIID {
public:
  typedef _Interface Interface;
  static _Interface *GetInterfacePtr() throw() { return NULL; }
  static _Interface &GetInterface() throw() { return *GetInterfacePtr(); }
  static const IID &GetIID() throw() { return *_IID; }
};

// mingw-w64 passes the IID through a getter function because its emulated
// __uuidof cannot be a template argument; _COM_SMARTPTR_TYPEDEF uses this.
template <typename _Interface, const IID &(*iid_getter)()> class _com_IIID_getter {
public:
  typedef _Interface Interface;
  static _Interface *GetInterfacePtr() throw() { return NULL; }
  static _Interface &GetInterface() throw() { return *GetInterfacePtr(); }
  static const IID &GetIID() throw() { return iid_getter(); }
};

template <typename _IIID> class _com_ptr_t {
public:
  typedef _IIID ThisIIID;
  typedef typename _IIID::Interface Interface;
  static const IID &GetIID() throw() { return ThisIIID::GetIID(); }

  _com_ptr_t() throw() : m_pInterface(NULL) {}
  _com_ptr_t(int null) : m_pInterface(NULL) {
    if (null != 0)
      _com_issue_error(E_POINTER);
  }
  _com_ptr_t(const _com_ptr_t &cp) throw() : m_pInterface(cp.m_pInterface) { _AddRef(); }
  _com_ptr_t(Interface *pInterface) throw() : m_pInterface(pInterface) { _AddRef(); }
  _com_ptr_t(Interface *pInterface, bool fAddRef) throw() : m_pInterface(pInterface) {
    if (fAddRef)
      _AddRef();
  }
  ~_com_ptr_t() throw() {
    if (m_pInterface != NULL)
      m_pInterface->Release();
  }

  _com_ptr_t &operator=(Interface *pInterface) throw() {
    if (m_pInterface != pInterface) {
      Interface *pOldInterface = m_pInterface;
      m_pInterface = pInterface;
      _AddRef();
      if (pOldInterface != NULL)
        pOldInterface->Release();
    }
    return *this;
  }
  _com_ptr_t &operator=(const _com_ptr_t &cp) throw() { return operator=(cp.m_pInterface); }
  _com_ptr_t &operator=(int null) {
    if (null != 0)
      _com_issue_error(E_POINTER);
    return operator=(reinterpret_cast<Interface *>(NULL));
  }

  void Attach(Interface *pInterface) throw() {
    _Release();
    m_pInterface = pInterface;
  }
  void Attach(Interface *pInterface, bool fAddRef) throw() {
    _Release();
    m_pInterface = pInterface;
    if (fAddRef && pInterface)
      pInterface->AddRef();
  }
  Interface *Detach() throw() {
    Interface *const old = m_pInterface;
    m_pInterface = NULL;
    return old;
  }

  operator Interface *() const throw() { return m_pInterface; }
  Interface &operator*() const { return *m_pInterface; }
  Interface **operator&() throw() {
    _Release();
    m_pInterface = NULL;
    return &m_pInterface;
  }
  Interface *operator->() const {
    if (!m_pInterface)
      _com_issue_error(E_POINTER);
    return m_pInterface;
  }
  operator bool() const throw() { return m_pInterface != NULL; }

  void Release() {
    if (!m_pInterface) {
      _com_issue_error(E_POINTER);
    } else {
      m_pInterface->Release();
      m_pInterface = NULL;
    }
  }
  void AddRef() {
    if (!m_pInterface)
      _com_issue_error(E_POINTER);
    else
      m_pInterface->AddRef();
  }
  Interface *GetInterfacePtr() const throw() { return m_pInterface; }
  Interface *&GetInterfacePtr() throw() { return m_pInterface; }

  template <typename _InterfaceType> HRESULT QueryInterface(const IID &iid, _InterfaceType *&p) throw() {
    if (m_pInterface != NULL)
      return m_pInterface->QueryInterface(iid, reinterpret_cast<void **>(&p));
    return E_POINTER;
  }
  template <typename _InterfaceType> HRESULT QueryInterface(const IID &iid, _InterfaceType **p) throw() {
    return QueryInterface(iid, *p);
  }

private:
  Interface *m_pInterface;
  void _Release() throw() {
    if (m_pInterface != NULL)
      m_pInterface->Release();
  }
  void _AddRef() throw() {
    if (m_pInterface != NULL)
      m_pInterface->AddRef();
  }
};

#endif // __cplusplus
#endif // _INC_COMIP
