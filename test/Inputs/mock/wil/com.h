// Mock of WIL's <wil/com.h> for mapi-tidy tests (not part of mingw-w64):
// wil::com_ptr_t and its aliases, with the members MAPI code uses. As in
// WIL, the error policy is a second template parameter.
#ifndef __WIL_COM_INCLUDED
#define __WIL_COM_INCLUDED

#include "../unknwn.h"

#ifdef __cplusplus

namespace wil {

struct err_exception_policy {};
struct err_returncode_policy {};
struct err_failfast_policy {};

template <typename T, typename err_policy = err_exception_policy> class com_ptr_t {
public:
  typedef T element_type;
  typedef T *pointer;

  com_ptr_t() noexcept : m_ptr(nullptr) {}
  com_ptr_t(decltype(nullptr)) noexcept : m_ptr(nullptr) {}
  com_ptr_t(pointer ptr) noexcept : m_ptr(ptr) {
    if (m_ptr)
      m_ptr->AddRef();
  }
  com_ptr_t(const com_ptr_t &other) noexcept : com_ptr_t(other.get()) {}
  com_ptr_t(com_ptr_t &&other) noexcept : m_ptr(other.detach()) {}
  ~com_ptr_t() noexcept {
    if (m_ptr)
      m_ptr->Release();
  }

  com_ptr_t &operator=(decltype(nullptr)) noexcept {
    reset();
    return *this;
  }
  com_ptr_t &operator=(pointer other) noexcept {
    pointer ptr = m_ptr;
    m_ptr = other;
    if (m_ptr)
      m_ptr->AddRef();
    if (ptr)
      ptr->Release();
    return *this;
  }
  com_ptr_t &operator=(const com_ptr_t &other) noexcept { return operator=(other.get()); }
  com_ptr_t &operator=(com_ptr_t &&other) noexcept {
    attach(other.detach());
    return *this;
  }

  void swap(com_ptr_t &other) noexcept {
    pointer ptr = m_ptr;
    m_ptr = other.m_ptr;
    other.m_ptr = ptr;
  }
  void reset() noexcept {
    pointer ptr = m_ptr;
    m_ptr = nullptr;
    if (ptr)
      ptr->Release();
  }
  void reset(decltype(nullptr)) noexcept { reset(); }
  // Takes ownership without AddRef.
  void attach(pointer other) noexcept {
    pointer ptr = m_ptr;
    m_ptr = other;
    if (ptr)
      ptr->Release();
  }
  // Gives up ownership without Release.
  pointer detach() noexcept {
    pointer temp = m_ptr;
    m_ptr = nullptr;
    return temp;
  }

  // put() and operator& release the current pointer first; addressof() does not.
  pointer *put() noexcept {
    reset();
    return &m_ptr;
  }
  void **put_void() noexcept { return reinterpret_cast<void **>(put()); }
  ::IUnknown **put_unknown() noexcept { return reinterpret_cast<::IUnknown **>(put()); }
  pointer *operator&() noexcept { return put(); }
  pointer *addressof() noexcept { return &m_ptr; }
  const pointer *addressof() const noexcept { return &m_ptr; }

  explicit operator bool() const noexcept { return m_ptr != nullptr; }
  pointer get() const noexcept { return m_ptr; }
  pointer operator->() const noexcept { return m_ptr; }
  T &operator*() const noexcept { return *m_ptr; }

  template <class U> HRESULT copy_to(U **ptrResult) const {
    *ptrResult = m_ptr;
    if (m_ptr)
      m_ptr->AddRef();
    return S_OK;
  }

private:
  pointer m_ptr;
};

template <typename T> using com_ptr = com_ptr_t<T, err_exception_policy>;
template <typename T> using com_ptr_nothrow = com_ptr_t<T, err_returncode_policy>;
template <typename T> using com_ptr_failfast = com_ptr_t<T, err_failfast_policy>;

} // namespace wil

#endif // __cplusplus
#endif // __WIL_COM_INCLUDED
