// Silent: the owner logs the member session off in another method of the TU.
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mock %cxx 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not='{{warning|error|note}}:'
// RUN: %mapi_tidy --checks='-*,mapi-session-release' %s -- %mingw %cxx 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not='{{warning|error|note}}:'

#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>

class CClient {
public:
  HRESULT Start() {
    return MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION, &m_lpSes);
  }
  void Stop() {
    if (!m_lpSes)
      return;
    m_lpSes->Logoff(0, 0, 0);
    m_lpSes->Release();
    m_lpSes = NULL;
  }

private:
  LPMAPISESSION m_lpSes = NULL;
};
