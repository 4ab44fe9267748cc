"""Writes examples/mapi_client.cpp with its three seeded bugs fixed.

The fixed client (every step of "Ending a MAPI Session" in the right order)
must be silent under every mapi-* check; deriving it from the example keeps
the two from drifting apart. Fails loudly if a bug is no longer where the
example's comments say.
"""
import sys

FIXES = [
    # a: OleUninitialize before MAPIUninitialize.
    ("""    if (m_fMapiInit) {
        MAPIUninitialize();
        m_fMapiInit = FALSE;
    }
    if (m_fOleInit) {
        // BUG (mapi-uninitialize-order): OleUninitialize must come before
        // MAPIUninitialize; swap this block with the one above.
        OleUninitialize();
        m_fOleInit = FALSE;
    }""",
     """    if (m_fOleInit) {
        OleUninitialize();
        m_fOleInit = FALSE;
    }
    if (m_fMapiInit) {
        MAPIUninitialize();
        m_fMapiInit = FALSE;
    }"""),
    # b: the error path undoes MAPIInitialize.
    ("""    if (FAILED(hr))
        return hr; // BUG (mapi-unbalanced-initialize): no MAPIUninitialize""",
     """    if (FAILED(hr)) {
        MAPIUninitialize();
        return hr;
    }"""),
    # c: the buffer is freed before Shutdown() uninitializes MAPI.
    ("""    app.Shutdown();

    if (lpStoreName) {
        printf("Closed \\"%s\\".\\n", lpStoreName->Value.lpszA);
        // BUG (mapi-uninitialize-order): Shutdown() above already ran
        // MAPIUninitialize; print and free the name before calling it.
        MAPIFreeBuffer(lpStoreName);
    }""",
     """    if (lpStoreName) {
        printf("Closing \\"%s\\".\\n", lpStoreName->Value.lpszA);
        MAPIFreeBuffer(lpStoreName);
    }
    app.Shutdown();"""),
]

src = open(sys.argv[1]).read()
for old, new in FIXES:
    if src.count(old) != 1:
        sys.exit("fix_example.py: seeded bug not found:\n" + old)
    src = src.replace(old, new)
open(sys.argv[2], "w").write(src)
