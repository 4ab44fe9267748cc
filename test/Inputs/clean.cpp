// A correct client: silent under every mapi-* check.
#include <windows.h>
#include <mapix.h>
void Shutdown(LPMAPISESSION lpSession) {
  if (lpSession) {
    lpSession->Logoff(0, MAPI_LOGOFF_UI, 0);
    lpSession->Release();
  }
  OleUninitialize();
  MAPIUninitialize();
}
int main() {
  if (FAILED(OleInitialize(NULL)))
    return 1;
  if (FAILED(MAPIInitialize(NULL))) {
    OleUninitialize();
    return 1;
  }
  LPMAPISESSION lpSession = NULL;
  HRESULT hr = MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED, &lpSession);
  Shutdown(SUCCEEDED(hr) ? lpSession : NULL);
  return FAILED(hr);
}
