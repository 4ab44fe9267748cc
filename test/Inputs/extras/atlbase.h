// Mock of ATL's <atlbase.h> for mapi-tidy tests (mingw-w64 ships no ATL):
// CComPtr and CComQIPtr only. Unlike real ATL there is no CComPtrBase, and
// operator-> returns T* itself, so p->Release() through it compiles.
#ifndef __ATLBASE_H__
#define __ATLBASE_H__

#include <windows.h>
#include <ole2.h>

#ifdef __cplusplus

namespace ATL {

template <class T> class CComPtr {
public:
  T *p;

  CComPtr() throw() : p(nullptr) {}
  CComPtr(T *lp) throw() : p(lp) {
    if (p)
      p->AddRef();
  }
  CComPtr(const CComPtr &lp) throw() : p(lp.p) {
    if (p)
      p->AddRef();
  }
  ~CComPtr() throw() {
    if (p)
      p->Release();
  }

  T *operator=(T *lp) throw() {
    if (lp)
      lp->AddRef();
    if (p)
      p->Release();
    p = lp;
    return p;
  }
  T *operator=(const CComPtr &lp) throw() { return *this = lp.p; }

  operator T *() const throw() { return p; }
  T &operator*() const { return *p; }
  T **operator&() throw() { return &p; }
  T *operator->() const throw() { return p; }
  bool operator!() const throw() { return p == nullptr; }

  // Releases the interface and sets p to null.
  void Release() throw() {
    T *pTemp = p;
    if (pTemp) {
      p = nullptr;
      pTemp->Release();
    }
  }
  // Takes ownership without AddRef.
  void Attach(T *p2) throw() {
    if (p)
      p->Release();
    p = p2;
  }
  // Gives up ownership without Release.
  T *Detach() throw() {
    T *pt = p;
    p = nullptr;
    return pt;
  }
  HRESULT CopyTo(T **ppT) throw() {
    if (ppT == nullptr)
      return E_POINTER;
    *ppT = p;
    if (p)
      p->AddRef();
    return S_OK;
  }
  template <class Q> HRESULT QueryInterface(Q **pp) const throw() {
    return p->QueryInterface(__uuidof(Q), (void **)pp);
  }
};

// piid defaults to nullptr because MAPI interfaces carry no __uuidof; with
// no IID the constructors and assignments from other interfaces leave p null.
template <class T, const IID *piid = nullptr> class CComQIPtr : public CComPtr<T> {
public:
  CComQIPtr() throw() {}
  CComQIPtr(T *lp) throw() : CComPtr<T>(lp) {}
  CComQIPtr(const CComQIPtr &lp) throw() : CComPtr<T>(lp.p) {}
  template <class U> CComQIPtr(U *lp) throw() { query(lp); }

  T *operator=(T *lp) throw() { return CComPtr<T>::operator=(lp); }
  T *operator=(const CComQIPtr &lp) throw() { return CComPtr<T>::operator=(lp.p); }
  template <class U> T *operator=(U *lp) throw() {
    CComPtr<T>::Release();
    query(lp);
    return this->p;
  }

private:
  static const IID *iid() { return piid; }
  template <class U> void query(U *lp) {
    if (lp != nullptr && iid() != nullptr)
      lp->QueryInterface(*iid(), (void **)&this->p);
  }
};

} // namespace ATL

#ifndef _ATL_NO_AUTOMATIC_NAMESPACE
using namespace ATL;
#endif

#endif // __cplusplus
#endif // __ATLBASE_H__
