// A long shutdown routine with many independent conditional acquisitions:
// too many path combinations to enumerate, so each acquisition is followed
// on its own. Its bugs are still found, and the clean ones stay silent.
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-objects-open-at-logoff' %s -- %mock 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-objects-open-at-logoff' %s -- %mingw 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-objects-open-at-logoff' %s -- %mock -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-unfreed-buffer,mapi-objects-open-at-logoff' %s -- %mingw -x c++ %cxx 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>

/* One spelling for C vtable calls and C++ method calls. */
#ifdef __cplusplus
#define CALL(obj, method, ...) ((obj)->method(__VA_ARGS__))
#define RELEASE(obj) ((obj)->Release())
#else
#define CALL(obj, method, ...) ((obj)->lpVtbl->method((obj), __VA_ARGS__))
#define RELEASE(obj) ((obj)->lpVtbl->Release(obj))
#endif

/* Reads one property into its own buffer and frees it when it got one. */
#define READ_AND_FREE(obj, tag, out)                                        \
  do {                                                                      \
    LPSPropValue lpTmp = NULL;                                              \
    if (HrGetOneProp((LPMAPIPROP)(obj), (tag), &lpTmp) == S_OK) {           \
      (out) += lpTmp->Value.l;                                              \
      MAPIFreeBuffer(lpTmp);                                                \
    }                                                                       \
  } while (0)

ULONG Inventory(ULONG ulFlags) {
  LPMAPISESSION lpSes = NULL;
  LPMDB lpStore = NULL;
  LPMAPIFOLDER lpInbox = NULL;
  LPSPropValue lpKept = NULL;
  ULONG cbEid = 0, ulType = 0, total = 0;
  LPENTRYID lpEid = NULL;

  if (MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, &lpSes) != S_OK)
    return 0;
  if (CALL(lpSes, OpenMsgStore, 0, 0, NULL, NULL, MDB_NO_DIALOG, &lpStore) != S_OK)
    goto done;
  if (CALL(lpStore, GetReceiveFolder, NULL, 0, &cbEid, &lpEid, NULL) == S_OK) {
    CALL(lpStore, OpenEntry, cbEid, lpEid, NULL, 0, &ulType, (LPUNKNOWN *)&lpInbox);
    MAPIFreeBuffer(lpEid);
  }
  if (ulFlags & 1)
    goto done; /* skips the releases below */

  READ_AND_FREE(lpStore, PR_DISPLAY_NAME, total);
  READ_AND_FREE(lpStore, PR_STORE_SUPPORT_MASK, total);
  READ_AND_FREE(lpStore, PR_IPM_SUBTREE_ENTRYID, total);
  READ_AND_FREE(lpStore, PR_IPM_OUTBOX_ENTRYID, total);
  READ_AND_FREE(lpStore, PR_IPM_SENTMAIL_ENTRYID, total);
  READ_AND_FREE(lpStore, PR_IPM_WASTEBASKET_ENTRYID, total);
  READ_AND_FREE(lpStore, PR_VALID_FOLDER_MASK, total);
  READ_AND_FREE(lpStore, PR_ENTRYID, total);
  if (lpInbox) {
    READ_AND_FREE(lpInbox, PR_DISPLAY_NAME, total);
    READ_AND_FREE(lpInbox, PR_CONTENT_COUNT, total);
    READ_AND_FREE(lpInbox, PR_CONTENT_UNREAD, total);
    READ_AND_FREE(lpInbox, PR_SUBFOLDERS, total);
    READ_AND_FREE(lpInbox, PR_ENTRYID, total);
  }
  READ_AND_FREE(lpStore, PR_RECORD_KEY, total);
  READ_AND_FREE(lpStore, PR_MDB_PROVIDER, total);
  READ_AND_FREE(lpStore, PR_OBJECT_TYPE, total);

  /* This one is kept and never freed. */
  if (HrGetOneProp((LPMAPIPROP)lpStore, PR_DISPLAY_NAME, &lpKept) == S_OK)
    total += lpKept->Value.l;

  if (lpInbox)
    RELEASE(lpInbox);
  RELEASE(lpStore);
done:
  CALL(lpSes, Logoff, 0, 0, 0);
  RELEASE(lpSes);
  return total;
}

// CHECK: :[[@LINE-12]]:7: warning: MAPI memory in 'lpKept' is not freed on some path [mapi-unfreed-buffer]
// CHECK: :[[@LINE-4]]:3: note: this exit does not free it
// CHECK: :[[@LINE-7]]:3: warning: 'lpInbox' is still open when 'lpSes' logs off [mapi-objects-open-at-logoff]
// CHECK: :[[@LINE-41]]:5: note: opened here
// CHECK: :[[@LINE-9]]:3: warning: 'lpStore' is still open when 'lpSes' logs off [mapi-objects-open-at-logoff]
// CHECK: :[[@LINE-46]]:7: note: opened here
