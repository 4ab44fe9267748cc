/* Mock of mingw-w64 <objidl.h> for mapi-tidy tests: the storage interfaces
   that MAPI signatures mention (IStream, IMalloc, IStorage).
   IStorage is cut down to its IUnknown methods. */
#ifndef __objidl_h__
#define __objidl_h__

#include "unknwn.h"

typedef interface ISequentialStream ISequentialStream;
typedef interface IStream IStream;
typedef interface IStorage IStorage;
typedef interface IMalloc IMalloc;
typedef IStream *LPSTREAM;
typedef IStorage *LPSTORAGE;
typedef IMalloc *LPMALLOC;

typedef struct tagSTATSTG {
  LPOLESTR pwcsName;
  DWORD type;
  ULARGE_INTEGER cbSize;
  FILETIME mtime;
  FILETIME ctime;
  FILETIME atime;
  DWORD grfMode;
  DWORD grfLocksSupported;
  CLSID clsid;
  DWORD grfStateBits;
  DWORD reserved;
} STATSTG;

typedef enum tagSTREAM_SEEK {
  STREAM_SEEK_SET = 0,
  STREAM_SEEK_CUR = 1,
  STREAM_SEEK_END = 2
} STREAM_SEEK;

typedef enum tagSTATFLAG {
  STATFLAG_DEFAULT = 0,
  STATFLAG_NONAME = 1,
  STATFLAG_NOOPEN = 2
} STATFLAG;

DEFINE_GUID(IID_ISequentialStream, 0x0c733a30, 0x2a1c, 0x11ce, 0xad, 0xe5, 0x00, 0xaa, 0x00, 0x44, 0x77, 0x3d);
DEFINE_GUID(IID_IStream, 0x0000000c, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46);
DEFINE_GUID(IID_IStorage, 0x0000000b, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46);
DEFINE_GUID(IID_IMalloc, 0x00000002, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46);

#if defined(__cplusplus) && !defined(CINTERFACE)
struct ISequentialStream : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE Read(void *pv, ULONG cb, ULONG *pcbRead) = 0;
  virtual HRESULT STDMETHODCALLTYPE Write(const void *pv, ULONG cb, ULONG *pcbWritten) = 0;
};
struct IStream : public ISequentialStream {
  virtual HRESULT STDMETHODCALLTYPE Seek(LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition) = 0;
  virtual HRESULT STDMETHODCALLTYPE SetSize(ULARGE_INTEGER libNewSize) = 0;
  virtual HRESULT STDMETHODCALLTYPE CopyTo(IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten) = 0;
  virtual HRESULT STDMETHODCALLTYPE Commit(DWORD grfCommitFlags) = 0;
  virtual HRESULT STDMETHODCALLTYPE Revert() = 0;
  virtual HRESULT STDMETHODCALLTYPE LockRegion(ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType) = 0;
  virtual HRESULT STDMETHODCALLTYPE UnlockRegion(ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType) = 0;
  virtual HRESULT STDMETHODCALLTYPE Stat(STATSTG *pstatstg, DWORD grfStatFlag) = 0;
  virtual HRESULT STDMETHODCALLTYPE Clone(IStream **ppstm) = 0;
};
struct IStorage : public IUnknown {};
struct IMalloc : public IUnknown {
  virtual void *STDMETHODCALLTYPE Alloc(SIZE_T cb) = 0;
  virtual void *STDMETHODCALLTYPE Realloc(void *pv, SIZE_T cb) = 0;
  virtual void STDMETHODCALLTYPE Free(void *pv) = 0;
  virtual SIZE_T STDMETHODCALLTYPE GetSize(void *pv) = 0;
  virtual int STDMETHODCALLTYPE DidAlloc(void *pv) = 0;
  virtual void STDMETHODCALLTYPE HeapMinimize() = 0;
};
__CRT_UUID_DECL(ISequentialStream, 0x0c733a30, 0x2a1c, 0x11ce, 0xad, 0xe5, 0x00, 0xaa, 0x00, 0x44, 0x77, 0x3d)
__CRT_UUID_DECL(IStream, 0x0000000c, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46)
__CRT_UUID_DECL(IStorage, 0x0000000b, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46)
__CRT_UUID_DECL(IMalloc, 0x00000002, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46)
#else
#define IUNKNOWN_SLOTS(iface)                                                       \
  HRESULT (STDMETHODCALLTYPE *QueryInterface)(iface *This, REFIID riid, void **ppvObject); \
  ULONG (STDMETHODCALLTYPE *AddRef)(iface *This);                                   \
  ULONG (STDMETHODCALLTYPE *Release)(iface *This);
typedef struct ISequentialStreamVtbl {
  IUNKNOWN_SLOTS(ISequentialStream)
  HRESULT (STDMETHODCALLTYPE *Read)(ISequentialStream *This, void *pv, ULONG cb, ULONG *pcbRead);
  HRESULT (STDMETHODCALLTYPE *Write)(ISequentialStream *This, const void *pv, ULONG cb, ULONG *pcbWritten);
} ISequentialStreamVtbl;
interface ISequentialStream { CONST_VTBL ISequentialStreamVtbl *lpVtbl; };
typedef struct IStreamVtbl {
  IUNKNOWN_SLOTS(IStream)
  HRESULT (STDMETHODCALLTYPE *Read)(IStream *This, void *pv, ULONG cb, ULONG *pcbRead);
  HRESULT (STDMETHODCALLTYPE *Write)(IStream *This, const void *pv, ULONG cb, ULONG *pcbWritten);
  HRESULT (STDMETHODCALLTYPE *Seek)(IStream *This, LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition);
  HRESULT (STDMETHODCALLTYPE *SetSize)(IStream *This, ULARGE_INTEGER libNewSize);
  HRESULT (STDMETHODCALLTYPE *CopyTo)(IStream *This, IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten);
  HRESULT (STDMETHODCALLTYPE *Commit)(IStream *This, DWORD grfCommitFlags);
  HRESULT (STDMETHODCALLTYPE *Revert)(IStream *This);
  HRESULT (STDMETHODCALLTYPE *LockRegion)(IStream *This, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType);
  HRESULT (STDMETHODCALLTYPE *UnlockRegion)(IStream *This, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType);
  HRESULT (STDMETHODCALLTYPE *Stat)(IStream *This, STATSTG *pstatstg, DWORD grfStatFlag);
  HRESULT (STDMETHODCALLTYPE *Clone)(IStream *This, IStream **ppstm);
} IStreamVtbl;
interface IStream { CONST_VTBL IStreamVtbl *lpVtbl; };
typedef struct IStorageVtbl {
  IUNKNOWN_SLOTS(IStorage)
} IStorageVtbl;
interface IStorage { CONST_VTBL IStorageVtbl *lpVtbl; };
typedef struct IMallocVtbl {
  IUNKNOWN_SLOTS(IMalloc)
  void *(STDMETHODCALLTYPE *Alloc)(IMalloc *This, SIZE_T cb);
  void *(STDMETHODCALLTYPE *Realloc)(IMalloc *This, void *pv, SIZE_T cb);
  void (STDMETHODCALLTYPE *Free)(IMalloc *This, void *pv);
  SIZE_T (STDMETHODCALLTYPE *GetSize)(IMalloc *This, void *pv);
  int (STDMETHODCALLTYPE *DidAlloc)(IMalloc *This, void *pv);
  void (STDMETHODCALLTYPE *HeapMinimize)(IMalloc *This);
} IMallocVtbl;
interface IMalloc { CONST_VTBL IMallocVtbl *lpVtbl; };
#undef IUNKNOWN_SLOTS
#ifdef COBJMACROS
#define IStream_QueryInterface(This, riid, ppvObject) (This)->lpVtbl->QueryInterface(This, riid, ppvObject)
#define IStream_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IStream_Release(This) (This)->lpVtbl->Release(This)
#define IStream_Read(This, pv, cb, pcbRead) (This)->lpVtbl->Read(This, pv, cb, pcbRead)
#define IStream_Write(This, pv, cb, pcbWritten) (This)->lpVtbl->Write(This, pv, cb, pcbWritten)
#define IStream_Seek(This, dlibMove, dwOrigin, plibNewPosition) (This)->lpVtbl->Seek(This, dlibMove, dwOrigin, plibNewPosition)
#define IStream_Commit(This, grfCommitFlags) (This)->lpVtbl->Commit(This, grfCommitFlags)
#define IStream_Stat(This, pstatstg, grfStatFlag) (This)->lpVtbl->Stat(This, pstatstg, grfStatFlag)
#define IStorage_Release(This) (This)->lpVtbl->Release(This)
#define IMalloc_Release(This) (This)->lpVtbl->Release(This)
#define IMalloc_Alloc(This, cb) (This)->lpVtbl->Alloc(This, cb)
#define IMalloc_Free(This, pv) (This)->lpVtbl->Free(This, pv)
#endif
#endif

#endif /* __objidl_h__ */
