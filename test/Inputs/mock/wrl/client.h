// Mock of mingw-w64 <wrl/client.h> for mapi-tidy tests: Microsoft::WRL::ComPtr
// and the ComPtrRef proxy that its operator& returns.
#ifndef _WRL_CLIENT_H_
#define _WRL_CLIENT_H_

#include "../stddef.h"
#include "../unknwn.h"

#ifdef __cplusplus

namespace Microsoft {
namespace WRL {
namespace Details {

struct BoolStruct {
  int Member;
};
typedef int BoolStruct::*BoolType;

// operator IUnknown** sits in a base so that ComPtrRef<ComPtr<IUnknown>>
// does not declare it twice (same layout as mingw-w64).
template <typename T> class ComPtrRefBase {
protected:
  T *ptr_;

public:
  typedef typename T::InterfaceType InterfaceType;
  operator IUnknown **() const throw() { return reinterpret_cast<IUnknown **>(ptr_->ReleaseAndGetAddressOf()); }
};

template <typename T> class ComPtrRef : public ComPtrRefBase<T> {
public:
  typedef typename ComPtrRefBase<T>::InterfaceType InterfaceType;

  ComPtrRef(T *ptr) throw() { this->ptr_ = ptr; }

  operator void **() const throw() { return reinterpret_cast<void **>(this->ptr_->ReleaseAndGetAddressOf()); }
  operator T *() throw() {
    *this->ptr_ = nullptr;
    return this->ptr_;
  }
  operator InterfaceType **() throw() { return this->ptr_->ReleaseAndGetAddressOf(); }
  InterfaceType *operator*() throw() { return this->ptr_->Get(); }
  InterfaceType *const *GetAddressOf() const throw() { return this->ptr_->GetAddressOf(); }
  InterfaceType **ReleaseAndGetAddressOf() throw() { return this->ptr_->ReleaseAndGetAddressOf(); }
};

} // namespace Details

template <typename T> class ComPtr {
public:
  typedef T InterfaceType;

  ComPtr() throw() : ptr_(nullptr) {}
  ComPtr(decltype(nullptr)) throw() : ptr_(nullptr) {}
  template <class U> ComPtr(U *other) throw() : ptr_(other) { InternalAddRef(); }
  ComPtr(const ComPtr &other) throw() : ptr_(other.ptr_) { InternalAddRef(); }
  template <class U> ComPtr(const ComPtr<U> &other) throw() : ptr_(other.Get()) { InternalAddRef(); }
  ComPtr(ComPtr &&other) throw() : ptr_(other.Detach()) {}
  template <class U> ComPtr(ComPtr<U> &&other) throw() : ptr_(other.Detach()) {}
  ~ComPtr() throw() {
    if (ptr_)
      ptr_->Release();
  }

  ComPtr &operator=(decltype(nullptr)) throw() {
    InternalRelease();
    return *this;
  }
  ComPtr &operator=(InterfaceType *other) throw() {
    if (ptr_ != other) {
      InternalRelease();
      ptr_ = other;
      InternalAddRef();
    }
    return *this;
  }
  ComPtr &operator=(const ComPtr &other) throw() {
    if (ptr_ != other.ptr_)
      ComPtr(other).Swap(*this);
    return *this;
  }
  ComPtr &operator=(ComPtr &&other) throw() {
    ComPtr(static_cast<ComPtr &&>(other)).Swap(*this);
    return *this;
  }

  void Swap(ComPtr &r) throw() {
    InterfaceType *tmp = ptr_;
    ptr_ = r.ptr_;
    r.ptr_ = tmp;
  }

  operator Details::BoolType() const throw() { return Get() != nullptr ? &Details::BoolStruct::Member : nullptr; }
  InterfaceType *Get() const throw() { return ptr_; }
  InterfaceType *operator->() const throw() { return ptr_; }
  Details::ComPtrRef<ComPtr<T>> operator&() throw() { return Details::ComPtrRef<ComPtr<T>>(this); }
  InterfaceType *const *GetAddressOf() const throw() { return &ptr_; }
  InterfaceType **GetAddressOf() throw() { return &ptr_; }
  InterfaceType **ReleaseAndGetAddressOf() throw() {
    InternalRelease();
    return &ptr_;
  }
  InterfaceType *Detach() throw() {
    T *ptr = ptr_;
    ptr_ = nullptr;
    return ptr;
  }
  void Attach(InterfaceType *other) throw() {
    if (ptr_ != other) {
      InternalRelease();
      ptr_ = other;
      InternalAddRef();
    }
  }
  unsigned long Reset() { return InternalRelease(); }
  HRESULT CopyTo(InterfaceType **ptr) const throw() {
    InternalAddRef();
    *ptr = ptr_;
    return S_OK;
  }
  HRESULT CopyTo(REFIID riid, void **ptr) const throw() { return ptr_->QueryInterface(riid, ptr); }
  template <typename U> HRESULT As(ComPtr<U> *p) const throw() {
    return ptr_->QueryInterface(__uuidof(U), reinterpret_cast<void **>(p->ReleaseAndGetAddressOf()));
  }
  HRESULT AsIID(REFIID riid, ComPtr<IUnknown> *p) const throw() {
    return ptr_->QueryInterface(riid, reinterpret_cast<void **>(p->ReleaseAndGetAddressOf()));
  }

protected:
  InterfaceType *ptr_;

  void InternalAddRef() const throw() {
    if (ptr_)
      ptr_->AddRef();
  }
  unsigned long InternalRelease() throw() {
    InterfaceType *tmp = ptr_;
    if (!tmp)
      return 0;
    ptr_ = nullptr;
    return tmp->Release();
  }
};

} // namespace WRL
} // namespace Microsoft

#endif // __cplusplus
#endif // _WRL_CLIENT_H_
