#!/usr/bin/env python3
"""Generate a MAPI-heavy C++ translation unit for benchmarking mapi-tidy.

The output is ordinary, *correct* Extended MAPI client code: every object is
released, every MAPI buffer freed, every Advise has its Unadvise, Initialize
and Uninitialize calls are paired, and shutdown follows Microsoft's "Ending a
MAPI Session" order (OleUninitialize before MAPIUninitialize).  A benchmark
run therefore measures what the checks cost on clean code, not how fast they
report bugs; any mapi-* finding on this code is a false positive.

It compiles against the real mingw-w64 headers:

    clang++-19 -fsyntax-only -Wall --target=x86_64-w64-mingw32 \
        -isystem /usr/x86_64-w64-mingw32/include scale1.cpp

No STL headers are used: the mingw target has no C++ standard library here.

Size: --scale 1 is ~1500 functions / ~38k lines; size is linear in the scale.
The TU is a sequence of "units" (one template instance: a function, or a class
with its methods, or a callback plus its user).  Unit k is generated from a
random.Random seeded with (seed, k) and the units before it, so scale 2 starts
with exactly the text of scale 1 and output is byte-for-byte reproducible.

Roughly half of the lines are MAPI code and half non-MAPI filler (string and
arithmetic helpers), balanced by line count as the file is generated.
"""

import argparse
import random
import sys

FUNCS_PER_SCALE = 1500
DEFAULT_SEED = 20240917

INCLUDES = ["windows.h", "mapix.h", "mapiutil.h", "mapitags.h", "mapidefs.h"]

# (tag, value kind) per object type.  Kinds: str, long, bin, bool.
STORE_PROPS = [
    ("PR_DISPLAY_NAME", "str"), ("PR_STORE_SUPPORT_MASK", "long"),
    ("PR_MDB_PROVIDER", "bin"), ("PR_STORE_RECORD_KEY", "bin"),
    ("PR_IPM_SUBTREE_ENTRYID", "bin"), ("PR_RESOURCE_FLAGS", "long"),
]
FOLDER_PROPS = [
    ("PR_DISPLAY_NAME", "str"), ("PR_CONTENT_COUNT", "long"),
    ("PR_CONTENT_UNREAD", "long"), ("PR_FOLDER_TYPE", "long"),
    ("PR_SUBFOLDERS", "bool"), ("PR_ENTRYID", "bin"), ("PR_RECORD_KEY", "bin"),
]
MESSAGE_PROPS = [
    ("PR_SUBJECT", "str"), ("PR_MESSAGE_SIZE", "long"),
    ("PR_MESSAGE_FLAGS", "long"), ("PR_IMPORTANCE", "long"),
    ("PR_SENDER_NAME", "str"), ("PR_MESSAGE_CLASS", "str"),
    ("PR_HASATTACH", "bool"), ("PR_SEARCH_KEY", "bin"),
    ("PR_NORMALIZED_SUBJECT", "str"), ("PR_DISPLAY_TO", "str"),
    ("PR_SENT_REPRESENTING_NAME", "str"),
]
RECIP_PROPS = [
    ("PR_DISPLAY_NAME", "str"), ("PR_EMAIL_ADDRESS", "str"),
    ("PR_ADDRTYPE", "str"), ("PR_RECIPIENT_TYPE", "long"),
    ("PR_ENTRYID", "bin"), ("PR_DISPLAY_TYPE", "long"),
]
PROPS = {"store": STORE_PROPS, "folder": FOLDER_PROPS, "message": MESSAGE_PROPS}
PT_OF_KIND = {"str": "PT_STRING8", "long": "PT_LONG", "bin": "PT_BINARY",
              "bool": "PT_BOOLEAN"}

# C++ type and conventional variable name for each MAPI object kind.
OBJ = {
    "session": ("LPMAPISESSION", "lpSession", "Session"),
    "store": ("LPMDB", "lpMDB", "Store"),
    "folder": ("LPMAPIFOLDER", "lpFolder", "Folder"),
    "message": ("LPMESSAGE", "lpMessage", "Message"),
}

SUBJECTS = ["Weekly status", "Build report", "Meeting notes", "Invoice",
            "Release checklist", "Out of office", "Travel plan", "Reminder"]
WORDS = ["Inbox", "Outbox", "Archive", "Drafts", "Journal", "Contacts",
         "Tasks", "Calendar", "Notes", "Outlook", "Exchange", "Report"]


def camel(tag):
    """PR_CONTENT_UNREAD -> ContentUnread (for readable function names)."""
    return "".join(w.capitalize() for w in tag[3:].split("_"))


def block(text, indent=0):
    """Dedent a triple-quoted template (first line dropped if blank) and
    re-indent it; returns a list of lines."""
    lines = text.split("\n")
    if lines and not lines[0].strip():
        lines = lines[1:]
    if lines and not lines[-1].strip():
        lines = lines[:-1]
    margin = min((len(l) - len(l.lstrip()) for l in lines if l.strip()),
                 default=0)
    pad = " " * indent
    return [(pad + l[margin:]) if l.strip() else "" for l in lines]


def ind(lines, n):
    pad = " " * n
    return [(pad + l) if l else "" for l in lines]


class Generator:
    """Accumulates the TU.  Registries record earlier functions by signature so
    later units can call them, giving the file a realistic call graph."""

    def __init__(self, seed):
        self.seed = seed
        self.chunks = []
        self.lines = {"prelude": 0, "mapi": 0, "filler": 0}
        self.funcs = {"prelude": 0, "mapi": 0, "filler": 0}
        # HRESULT f(<obj> p, ULONG *pulResult) for obj in OBJ.
        self.calls = {k: [] for k in OBJ}
        # HRESULT f(LPMDB, LPMAPIFOLDER *): out-parameter openers.
        self.openers = []
        # Filler helpers: ULONG f(const char *), ULONG f(const BYTE *, ULONG),
        # ULONG f(ULONG), void f(char *).
        self.sz_fns, self.bytes_fns, self.ul_fns, self.mut_fns = [], [], [], []

    # -- emission ---------------------------------------------------------

    def emit(self, category, lines, nfuncs):
        lines = list(lines) + [""]
        self.chunks.append("\n".join(lines))
        self.lines[category] += len(lines)
        self.funcs[category] += nfuncs

    def total_funcs(self):
        return sum(self.funcs.values())

    def text(self):
        return "\n".join(self.chunks)

    # -- shared snippets --------------------------------------------------

    def use_value(self, r, expr, kind, acc="ulResult"):
        """Statement(s) folding a property value into an accumulator."""
        if kind == "str":
            fn = r.choice(self.sz_fns)
            field = r.choice(["lpszA", "LPSZ"])
            return [f"{acc} += {fn}({expr}.Value.{field});"]
        if kind == "long":
            return r.choice([
                [f"{acc} += (ULONG){expr}.Value.l;"],
                [f"if ({expr}.Value.l > {r.choice([0, 16, 1024, 65536])})",
                 f"  {acc}++;"],
                [f"{acc} = {r.choice(self.ul_fns)}({acc} ^ {expr}.Value.ul);"],
            ])
        if kind == "bin":
            return r.choice([
                [f"{acc} ^= {r.choice(self.bytes_fns)}({expr}.Value.bin.lpb, "
                 f"{expr}.Value.bin.cb);"],
                [f"{acc} += {expr}.Value.bin.cb;"],
            ])
        if kind == "bool":
            return [f"if ({expr}.Value.b)",
                    f"  {acc} |= 0x{1 << r.randrange(12):x};"]
        raise ValueError(kind)

    def call_obj(self, r, kind, arg, out="&ulResult"):
        return f"{r.choice(self.calls[kind])}({arg}, {out})"

    def sized_tags(self, name, tags):
        n = len(tags)
        return (f"static SizedSPropTagArray({n}, {name}) = "
                f"{{ {n}, {{ {', '.join(tags)} }} }};")

    # -- prelude ----------------------------------------------------------

    def prelude(self, scale):
        head = [
            f"// Generated by bench/gen_tu.py --scale {scale} --seed {self.seed}.",
            "// Deterministic benchmark input for mapi-tidy; do not edit.",
            "// Clean MAPI client code: no leaks, no missing Unadvise, correct",
            "// initialisation and shutdown order.",
        ] + [f"#include <{h}>" for h in INCLUDES] + [""]
        self.chunks.append("\n".join(head))
        self.lines["prelude"] += len(head)
        self.emit("prelude", block("""
            // Releases any COM/MAPI interface; tolerates NULL.
            void SafeRelease(LPUNKNOWN p) { if (p) p->Release(); }

            ULONG HashSz(const char *psz)
            {
              ULONG h = 2166136261u;
              if (!psz)
                return 0;
              while (*psz)
                h = (h ^ (BYTE)*psz++) * 16777619u;
              return h;
            }

            ULONG HashBytes(const BYTE *pb, ULONG cb)
            {
              ULONG h = 5381;
              for (ULONG i = 0; i < cb; i++)
                h = h * 33 + pb[i];
              return h;
            }

            ULONG Mix(ULONG x)
            {
              x ^= x >> 16;
              x *= 0x7feb352du;
              x ^= x >> 15;
              return x;
            }

            void TrimRight(char *psz)
            {
              char *pEnd = psz;
              for (char *p = psz; *p; p++)
                if (*p != ' ' && *p != '\\t')
                  pEnd = p + 1;
              *pEnd = '\\0';
            }

            // Opens the default message store.  On success the caller owns *pp.
            HRESULT OpenDefaultStore(LPMAPISESSION s, LPMDB *pp)
            {
              enum { iEntryID, iDefault, cCols };
              static SizedSPropTagArray(cCols, sptCols) = { cCols, { PR_ENTRYID, PR_DEFAULT_STORE } };
              LPMAPITABLE lpTable = NULL;
              LPSRowSet lpRows = NULL;
              HRESULT hr;

              *pp = NULL;
              hr = s->GetMsgStoresTable(0, &lpTable);
              if (FAILED(hr))
                goto Cleanup;
              hr = HrQueryAllRows(lpTable, (LPSPropTagArray)&sptCols, NULL, NULL, 0, &lpRows);
              if (FAILED(hr))
                goto Cleanup;
              hr = MAPI_E_NOT_FOUND;
              for (ULONG i = 0; i < lpRows->cRows; i++) {
                LPSPropValue lpCols = lpRows->aRow[i].lpProps;
                if (lpCols[iDefault].ulPropTag == PR_DEFAULT_STORE && lpCols[iDefault].Value.b) {
                  hr = s->OpenMsgStore(0, lpCols[iEntryID].Value.bin.cb,
                                       (LPENTRYID)lpCols[iEntryID].Value.bin.lpb, NULL,
                                       MDB_WRITE | MAPI_BEST_ACCESS, pp);
                  break;
                }
              }

            Cleanup:
              if (lpRows)
                FreeProws(lpRows);
              if (lpTable)
                lpTable->Release();
              return hr;
            }

            // Opens the store's receive folder.  On success the caller owns *lppFolder.
            HRESULT OpenInbox(LPMDB lpMDB, LPMAPIFOLDER *lppFolder)
            {
              ULONG cbEntryID = 0;
              LPENTRYID lpEntryID = NULL;
              ULONG ulObjType = 0;
              HRESULT hr;

              *lppFolder = NULL;
              hr = lpMDB->GetReceiveFolder(NULL, 0, &cbEntryID, &lpEntryID, NULL);
              if (FAILED(hr))
                return hr;
              hr = lpMDB->OpenEntry(cbEntryID, lpEntryID, NULL, MAPI_BEST_ACCESS, &ulObjType,
                                    (LPUNKNOWN *)lppFolder);
              MAPIFreeBuffer(lpEntryID);
              return hr;
            }

            HRESULT CountFolderItems(LPMAPIFOLDER lpFolder, ULONG *pulResult)
            {
              LPMAPITABLE lpTable = NULL;
              HRESULT hr = lpFolder->GetContentsTable(0, &lpTable);
              if (FAILED(hr))
                return hr;
              hr = lpTable->GetRowCount(0, pulResult);
              lpTable->Release();
              return hr;
            }

            HRESULT GetMessageSize(LPMESSAGE lpMessage, ULONG *pulResult)
            {
              LPSPropValue lpProp = NULL;
              HRESULT hr = HrGetOneProp(lpMessage, PR_MESSAGE_SIZE, &lpProp);
              if (FAILED(hr))
                return hr;
              *pulResult += lpProp->Value.ul;
              MAPIFreeBuffer(lpProp);
              return S_OK;
            }

            HRESULT HashStoreName(LPMDB lpMDB, ULONG *pulResult)
            {
              LPSPropValue lpProp = NULL;
              HRESULT hr = HrGetOneProp(lpMDB, PR_DISPLAY_NAME, &lpProp);
              if (FAILED(hr))
                return hr;
              *pulResult ^= HashSz(lpProp->Value.lpszA);
              MAPIFreeBuffer(lpProp);
              return S_OK;
            }

            HRESULT CountInboxItems(LPMAPISESSION lpSession, ULONG *pulResult)
            {
              LPMDB lpMDB = NULL;
              LPMAPIFOLDER lpFolder = NULL;
              HRESULT hr = OpenDefaultStore(lpSession, &lpMDB);
              if (FAILED(hr))
                return hr;
              hr = OpenInbox(lpMDB, &lpFolder);
              if (SUCCEEDED(hr)) {
                hr = CountFolderItems(lpFolder, pulResult);
                lpFolder->Release();
              }
              lpMDB->Release();
              return hr;
            }
            """), 11)
        self.sz_fns.append("HashSz")
        self.bytes_fns.append("HashBytes")
        self.ul_fns.append("Mix")
        self.mut_fns.append("TrimRight")
        self.openers.append("OpenInbox")
        self.calls["folder"].append("CountFolderItems")
        self.calls["message"].append("GetMessageSize")
        self.calls["store"].append("HashStoreName")
        self.calls["session"].append("CountInboxItems")

    # -- MAPI templates ---------------------------------------------------
    # Each returns (lines, number_of_functions) and may register itself.

    def m_one_prop(self, r, n):
        """HrGetOneProp + MAPIFreeBuffer for 1-3 properties in sequence; each
        buffer is freed before the next is fetched."""
        kind = r.choice(["store", "folder", "message"])
        typ, var, Kind = OBJ[kind]
        props = r.sample(PROPS[kind], r.choice([1, 2, 2, 3]))
        if len(props) == 1:
            name = f"Get{Kind}{camel(props[0][0])}_{n}"
        else:
            name = f"Read{Kind}{r.choice(['Info', 'Summary', 'Digest', 'Props'])}_{n}"
        style = r.randrange(3)
        body = []
        for k, (tag, vk) in enumerate(props):
            use = self.use_value(r, "lpProp[0]", vk)
            last = k == len(props) - 1
            reset = [] if last else ["lpProp = NULL;"]
            if style == 0:
                # Early return: nothing else is held at this point.
                body += [f"if (FAILED(hr = HrGetOneProp({var}, {tag}, &lpProp)))",
                         "  return hr;"] + use + ["MAPIFreeBuffer(lpProp);"] + reset
            elif style == 1:
                # Optional property: MAPI_E_NOT_FOUND just means "absent".
                body += [f"hr = HrGetOneProp({var}, {tag}, &lpProp);",
                         "if (SUCCEEDED(hr)) {"] + ind(use, 2) + [
                         "  MAPIFreeBuffer(lpProp);"] + ind(reset, 2) + [
                         "} else if (hr != MAPI_E_NOT_FOUND) {",
                         "  return hr;", "}"]
            else:
                body += [f"hr = HrGetOneProp({var}, {tag}, &lpProp);",
                         "if (FAILED(hr))", "  return hr;"] + use + [
                         "MAPIFreeBuffer(lpProp);"] + reset
            if not last:
                body += [""]
        tags = ", ".join(t for t, _ in props)
        lines = [f"// Reads {tags} from the {kind}",
                 "// and folds them into *pulResult.",
                 f"HRESULT {name}({typ} {var}, ULONG *pulResult)", "{",
                 "  LPSPropValue lpProp = NULL;", "  ULONG ulResult = 0;",
                 "  HRESULT hr;", "",
                 f"  if (!{var} || !pulResult)",
                 "    return MAPI_E_INVALID_PARAMETER;"] + ind(body, 2) + [
                 "  *pulResult = ulResult;", "  return S_OK;", "}"]
        self.calls[kind].append(name)
        return lines, 1

    def m_get_props(self, r, n):
        """IMAPIProp::GetProps with a static tag array and a type switch."""
        kind = r.choice(["store", "folder", "message"])
        typ, var, Kind = OBJ[kind]
        props = r.sample(PROPS[kind], r.randint(2, 4))
        kinds = {k for _, k in props}
        name = f"Summarize{Kind}_{n}"
        cases = []
        for k in ["long", "str", "bin", "bool"]:
            if k in kinds:
                cases += [f"case {PT_OF_KIND[k]}:"] + ind(
                    self.use_value(r, "lpProps[i]", k), 2) + ["  break;"]
        cases += ["case PT_ERROR:",
                  "  // Missing properties come back as PT_ERROR entries.",
                  "  ulMissing++;", "  break;", "default:", "  break;"]
        lines = [f"// Fetches {len(props)} {kind} properties in one GetProps call; missing ones",
                 "// come back as PT_ERROR values and are counted, not treated as failures.",
                 f"HRESULT {name}({typ} {var}, ULONG *pulResult)", "{",
                 "  " + self.sized_tags("sptProps", [t for t, _ in props]),
                 "  ULONG cValues = 0;", "  LPSPropValue lpProps = NULL;",
                 "  ULONG ulResult = 0;", "  ULONG ulMissing = 0;",
                 "  HRESULT hr;", "",
                 f"  hr = {var}->GetProps((LPSPropTagArray)&sptProps, 0, "
                 "&cValues, &lpProps);",
                 "  if (FAILED(hr))", "    return hr;",
                 "  for (ULONG i = 0; i < cValues; i++) {",
                 "    switch (PROP_TYPE(lpProps[i].ulPropTag)) {"] + ind(
                 cases, 4) + ["    }", "  }", "  MAPIFreeBuffer(lpProps);",
                 f"  *pulResult = ulMissing == cValues ? 0 : ulResult;",
                 "  // MAPI_W_ERRORS_RETURNED is a success code; report plain S_OK.",
                 "  return hr == MAPI_W_ERRORS_RETURNED ? S_OK : hr;", "}"]
        self.calls[kind].append(name)
        return lines, 1

    def _row_uses(self, r, props, arr="lpCols", first=0):
        """Per-column checks for a row laid out as `props` (SetColumns order)."""
        out = []
        for idx, (tag, vk) in enumerate(props, first):
            use = self.use_value(r, f"{arr}[{idx}]", vk)
            out += [f"if ({arr}[{idx}].ulPropTag == {tag})"
                    + (" {" if len(use) > 1 else "")]
            out += ind(use, 2) + (["}"] if len(use) > 1 else [])
        return out

    def m_contents_loop(self, r, n):
        """Contents table paged with QueryRows, FreeProws per batch, goto
        Cleanup error handling."""
        props = r.sample(MESSAGE_PROPS, r.randint(2, 4))
        name = r.choice(["Scan", "Tally", "Walk", "Audit"]) + \
            r.choice(["Messages", "Items", "Contents", "Mail"]) + f"_{n}"
        batch = r.choice([10, 25, 50, 100])
        sort = r.random() < 0.4
        lines = [f"// Pages through the contents table {batch} rows at a time.",
                 f"HRESULT {name}(LPMAPIFOLDER lpFolder, ULONG *pulResult)",
                 "{", "  " + self.sized_tags("sptCols", [t for t, _ in props])]
        if sort:
            lines += ["  static SizedSSortOrderSet(1, sosByTime) = "
                      "{ 1, 0, 0, { { PR_MESSAGE_DELIVERY_TIME, "
                      "TABLE_SORT_DESCEND } } };"]
        lines += ["  LPMAPITABLE lpTable = NULL;", "  LPSRowSet lpRows = NULL;",
                  "  ULONG ulResult = 0;", "  HRESULT hr;", "",
                  f"  hr = lpFolder->GetContentsTable("
                  f"{r.choice(['0', 'MAPI_DEFERRED_ERRORS'])}, &lpTable);",
                  "  if (FAILED(hr))", "    goto Cleanup;",
                  "  hr = lpTable->SetColumns((LPSPropTagArray)&sptCols, TBL_BATCH);",
                  "  if (FAILED(hr))", "    goto Cleanup;"]
        if sort:
            lines += ["  hr = lpTable->SortTable((LPSSortOrderSet)&sosByTime, TBL_BATCH);",
                      "  if (FAILED(hr))", "    goto Cleanup;"]
        lines += ["  for (;;) {",
                  f"    hr = lpTable->QueryRows({batch}, 0, &lpRows);",
                  "    if (FAILED(hr))", "      goto Cleanup;",
                  "    if (lpRows->cRows == 0)", "      break;",
                  "    for (ULONG i = 0; i < lpRows->cRows; i++) {",
                  "      LPSPropValue lpCols = lpRows->aRow[i].lpProps;"] + \
            ind(self._row_uses(r, props), 6) + [
                  "    }", "    FreeProws(lpRows);", "    lpRows = NULL;", "  }",
                  "  *pulResult = ulResult;", "",
                  "Cleanup:", "  if (lpRows)", "    FreeProws(lpRows);",
                  "  if (lpTable)", "    lpTable->Release();", "  return hr;",
                  "}"]
        self.calls["folder"].append(name)
        return lines, 1

    def m_hierarchy(self, r, n):
        """Hierarchy table + restriction + HrQueryAllRows, release early."""
        props = [("PR_DISPLAY_NAME", "str")] + r.sample(
            [p for p in FOLDER_PROPS if p[0] != "PR_DISPLAY_NAME"],
            r.randint(1, 2))
        rtag = r.choice(["PR_CONTENT_COUNT", "PR_CONTENT_UNREAD"])
        name = f"ListSubfolders_{n}"
        lines = ["// Walks the direct subfolders that have items and folds their properties.",
                 f"HRESULT {name}(LPMAPIFOLDER lpFolder, ULONG *pulResult)",
                 "{", "  " + self.sized_tags("sptCols", [t for t, _ in props]),
                 "  LPMAPITABLE lpTable = NULL;", "  LPSRowSet lpRows = NULL;",
                 "  SPropValue spvLimit;", "  SRestriction sres;",
                 "  ULONG ulResult = 0;", "  HRESULT hr;", "",
                 "  // Only folders that have items.",
                 f"  spvLimit.ulPropTag = {rtag};",
                 f"  spvLimit.Value.l = {r.choice([0, 0, 1, 10])};",
                 "  sres.rt = RES_PROPERTY;",
                 "  sres.res.resProperty.relop = RELOP_GT;",
                 f"  sres.res.resProperty.ulPropTag = {rtag};",
                 "  sres.res.resProperty.lpProp = &spvLimit;", "",
                 "  if (FAILED(hr = lpFolder->GetHierarchyTable("
                 f"{r.choice(['0', 'CONVENIENT_DEPTH'])}, &lpTable)))",
                 "    return hr;",
                 "  hr = HrQueryAllRows(lpTable, (LPSPropTagArray)&sptCols, "
                 "&sres, NULL, 0, &lpRows);",
                 "  lpTable->Release();", "  if (FAILED(hr))", "    return hr;",
                 "  for (ULONG i = 0; i < lpRows->cRows; i++) {",
                 "    LPSPropValue lpCols = lpRows->aRow[i].lpProps;"] + ind(
                 self._row_uses(r, props), 4) + [
                 "  }", "  FreeProws(lpRows);", "  *pulResult = ulResult;",
                 "  return S_OK;", "}"]
        self.calls["folder"].append(name)
        return lines, 1

    def m_opener(self, r, n):
        """Helper returning an owned folder through an out-parameter."""
        tag = r.choice(["PR_IPM_SUBTREE_ENTRYID", "PR_IPM_OUTBOX_ENTRYID",
                        "PR_IPM_SENTMAIL_ENTRYID", "PR_IPM_WASTEBASKET_ENTRYID"])
        name = f"Open{camel(tag).replace('IpmSubtreeEntryid', 'Subtree').replace('Entryid', '').replace('Ipm', '')}_{n}"
        lines = [f"// Opens the folder named by {tag}.  On success the caller owns",
                 "// *lppFolder and must Release it.",
                 f"HRESULT {name}(LPMDB lpMDB, LPMAPIFOLDER *lppFolder)", "{",
                 "  LPSPropValue lpEID = NULL;", "  ULONG ulObjType = 0;",
                 "  HRESULT hr;", "", "  *lppFolder = NULL;",
                 f"  hr = HrGetOneProp(lpMDB, {tag}, &lpEID);",
                 "  if (FAILED(hr))", "    return hr;",
                 "  hr = lpMDB->OpenEntry(lpEID->Value.bin.cb, "
                 "(LPENTRYID)lpEID->Value.bin.lpb, NULL,",
                 f"                        {r.choice(['MAPI_BEST_ACCESS', 'MAPI_MODIFY', '0'])}, &ulObjType, (LPUNKNOWN *)lppFolder);",
                 "  MAPIFreeBuffer(lpEID);",
                 "  if (SUCCEEDED(hr) && ulObjType != MAPI_FOLDER) {",
                 "    (*lppFolder)->Release();", "    *lppFolder = NULL;",
                 "    hr = MAPI_E_INVALID_OBJECT;", "  }", "  return hr;", "}"]
        self.openers.append(name)
        return lines, 1

    def m_store_walk(self, r, n):
        """Caller of an out-parameter opener; releases what it was given."""
        opener = r.choice(self.openers)
        calls = r.sample(self.calls["folder"],
                         min(len(self.calls["folder"]), r.randint(1, 3)))
        name = f"Inspect{r.choice(WORDS)}_{n}"
        rel = r.choice(["lpFolder->Release();", "SafeRelease(lpFolder);"])
        lines = [f"// Opens a folder with {opener}() and runs folder-level passes",
                 "// over it.  The folder is owned here and released before returning.",
                 f"HRESULT {name}(LPMDB lpMDB, ULONG *pulResult)", "{",
                 "  LPMAPIFOLDER lpFolder = NULL;", "  LPSPropValue lpName = NULL;",
                 f"  char szName[{r.choice([64, 128, 256])}];",
                 "  ULONG ulResult = 0;",
                 f"  HRESULT hr = {opener}(lpMDB, &lpFolder);", "",
                 "  if (FAILED(hr))", "    return hr;", "  szName[0] = '\\0';",
                 "  if (SUCCEEDED(HrGetOneProp(lpFolder, PR_DISPLAY_NAME, &lpName))) {",
                 "    lstrcpynA(szName, lpName->Value.lpszA, (int)sizeof(szName));",
                 "    MAPIFreeBuffer(lpName);", "  }",
                 f"  {r.choice(self.mut_fns)}(szName);",
                 f"  ulResult = {r.choice(self.sz_fns)}(szName);",
                 f"  hr = {calls[0]}(lpFolder, &ulResult);"]
        for c in calls[1:]:
            lines += ["  if (SUCCEEDED(hr))", f"    hr = {c}(lpFolder, &ulResult);"]
        lines += [f"  {rel}", "  *pulResult = ulResult;", "  return hr;", "}"]
        self.calls["store"].append(name)
        return lines, 1

    def _callback(self, r, cbname, table):
        if table:
            events = r.sample(["TABLE_ROW_ADDED", "TABLE_ROW_DELETED",
                               "TABLE_ROW_MODIFIED", "TABLE_CHANGED",
                               "TABLE_RELOAD"], r.randint(2, 4))
            sw = "lpNotifications[i].info.tab.ulTableEvent"
        else:
            events = r.sample(["fnevNewMail", "fnevObjectCreated",
                               "fnevObjectModified", "fnevObjectDeleted",
                               "fnevObjectMoved"], r.randint(2, 4))
            sw = "lpNotifications[i].ulEventType"
        cases = []
        for k, ev in enumerate(events):
            cases += [f"case {ev}:",
                      f"  *pulCount += {k + 1};" if k else "  (*pulCount)++;",
                      "  break;"]
        return [f"LONG WINAPI {cbname}(LPVOID lpvContext, ULONG cNotification, "
                "LPNOTIFICATION lpNotifications)", "{",
                "  ULONG *pulCount = (ULONG *)lpvContext;",
                "  for (ULONG i = 0; i < cNotification; i++) {",
                f"    switch ({sw}) {{"] + ind(cases, 4) + [
                "    default:", "      break;", "    }", "  }", "  return 0;",
                "}", ""], events

    def m_advise(self, r, n):
        """Callback + HrAllocAdviseSink/Advise/Unadvise/Release pair."""
        target = r.choice(["store", "session", "table"])
        cbname = f"On{target.capitalize()}Event_{n}"
        cb, events = self._callback(r, cbname, target == "table")
        name = f"Watch{target.capitalize()}_{n}"
        if target == "table":
            mask = "fnevTableModified"
        else:
            mask = " | ".join(events)
        pre, post = [], []
        if target == "store":
            sig = "LPMDB lpMDB, ULONG *pulResult"
            adv = f"lpMDB->Advise(0, NULL, {mask}, lpSink, &ulConnection)"
            unadv = "lpMDB->Unadvise(ulConnection);"
            self.calls["store"].append(name)
        elif target == "session":
            sig = "LPMAPISESSION lpSession, ULONG *pulResult"
            adv = f"lpSession->Advise(0, NULL, {mask}, lpSink, &ulConnection)"
            unadv = "lpSession->Unadvise(ulConnection);"
            self.calls["session"].append(name)
        else:
            sig = "LPMAPIFOLDER lpFolder, ULONG *pulResult"
            pre = ["LPMAPITABLE lpTable = NULL;"]
            adv = f"lpTable->Advise({mask}, lpSink, &ulConnection)"
            unadv = "lpTable->Unadvise(ulConnection);"
            self.calls["folder"].append(name)
        lines = cb + [f"HRESULT {name}({sig})", "{"] + ind(pre, 2) + [
            "  LPMAPIADVISESINK lpSink = NULL;", "  ULONG ulConnection = 0;",
            "  ULONG ulEvents = 0;", "  HRESULT hr;", ""]
        if target == "table":
            lines += ["  hr = lpFolder->GetContentsTable(0, &lpTable);",
                      "  if (FAILED(hr))", "    return hr;"]
            post = ["lpTable->Release();"]
        lines += [f"  hr = HrAllocAdviseSink({cbname}, &ulEvents, &lpSink);"]
        if post:
            lines += ["  if (FAILED(hr)) {", "    lpTable->Release();",
                      "    return hr;", "  }"]
        else:
            lines += ["  if (FAILED(hr))", "    return hr;"]
        lines += [f"  hr = {adv};", "  if (SUCCEEDED(hr)) {",
                  "    // Pump pending notifications before disconnecting.",
                  "    hr = HrDispatchNotifications(0);", f"    {unadv}", "  }",
                  "  lpSink->Release();"] + ind(post, 2) + [
                  "  *pulResult = ulEvents;", "  return hr;", "}"]
        return lines, 2

    def m_create_message(self, r, n):
        """CreateMessage/SetProps/SaveChanges/Release with stack props."""
        subject = r.choice(SUBJECTS)
        cls = r.choice(["IPM.Note", "IPM.Post", "IPM.Note.Report"])
        imp = r.choice(["IMPORTANCE_LOW", "IMPORTANCE_NORMAL", "IMPORTANCE_HIGH"])
        name = f"Create{subject.title().replace(' ', '')}_{n}"
        save = r.choice(["0", "KEEP_OPEN_READWRITE", "FORCE_SAVE"])
        lines = ["// Creates and saves a message with a subject, class and importance.",
                 f"HRESULT {name}(LPMAPIFOLDER lpFolder, ULONG *pulResult)", "{",
                 f"  char szSubject[] = \"{subject}\";",
                 f"  char szClass[] = \"{cls}\";", "  SPropValue rgProps[3];",
                 "  LPMESSAGE lpMessage = NULL;",
                 "  LPSPropProblemArray lpProblems = NULL;", "  HRESULT hr;", "",
                 "  rgProps[0].ulPropTag = PR_SUBJECT;",
                 "  rgProps[0].Value.lpszA = szSubject;",
                 "  rgProps[1].ulPropTag = PR_MESSAGE_CLASS;",
                 "  rgProps[1].Value.lpszA = szClass;",
                 "  rgProps[2].ulPropTag = PR_IMPORTANCE;",
                 f"  rgProps[2].Value.l = {imp};", "",
                 "  hr = lpFolder->CreateMessage(NULL, 0, &lpMessage);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpMessage->SetProps(3, rgProps, &lpProblems);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  if (lpProblems && lpProblems->cProblem > 0) {",
                 "    hr = MAPI_E_CALL_FAILED;", "    goto Cleanup;", "  }",
                 f"  hr = lpMessage->SaveChanges({save});",
                 "  if (SUCCEEDED(hr))", "    (*pulResult)++;", "",
                 "Cleanup:", "  if (lpProblems)", "    MAPIFreeBuffer(lpProblems);",
                 "  if (lpMessage)", "    lpMessage->Release();", "  return hr;",
                 "}"]
        self.calls["folder"].append(name)
        return lines, 1

    def m_alloc_props(self, r, n):
        """MAPIAllocateBuffer + MAPIAllocateMore, one MAPIFreeBuffer frees both."""
        text = r.choice(["Reviewed", "Follow up", "Filed", "Escalated"])
        tag = r.choice(["PR_SUBJECT", "PR_NORMALIZED_SUBJECT"])
        name = f"Stamp{text.replace(' ', '')}_{n}"
        lines = ["// Sets two properties from one MAPIAllocateBuffer block and saves them.",
                 f"HRESULT {name}(LPMESSAGE lpMessage, ULONG *pulResult)", "{",
                 f"  static const char szText[] = \"{text}\";",
                 "  LPSPropValue lpProps = NULL;", "  HRESULT hr;", "",
                 "  hr = MAPIAllocateBuffer(2 * sizeof(SPropValue), (LPVOID *)&lpProps);",
                 "  if (FAILED(hr))", "    return hr;",
                 "  // Chained to lpProps: released by the MAPIFreeBuffer below.",
                 "  hr = MAPIAllocateMore(sizeof(szText), lpProps, "
                 "(LPVOID *)&lpProps[0].Value.lpszA);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  CopyMemory(lpProps[0].Value.lpszA, szText, sizeof(szText));",
                 f"  lpProps[0].ulPropTag = {tag};",
                 "  lpProps[1].ulPropTag = PR_IMPORTANCE;",
                 f"  lpProps[1].Value.l = {r.choice(['IMPORTANCE_NORMAL', 'IMPORTANCE_HIGH'])};",
                 "  hr = lpMessage->SetProps(2, lpProps, NULL);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpMessage->SaveChanges(KEEP_OPEN_READWRITE);",
                 "  if (SUCCEEDED(hr))", "    *pulResult += 1;", "",
                 "Cleanup:", "  MAPIFreeBuffer(lpProps);", "  return hr;", "}"]
        self.calls["message"].append(name)
        return lines, 1

    def m_recipients(self, r, n):
        """Recipient table via HrQueryAllRows, switch on recipient type."""
        props = [("PR_RECIPIENT_TYPE", "long")] + r.sample(
            [p for p in RECIP_PROPS if p[0] != "PR_RECIPIENT_TYPE"],
            r.randint(1, 3))
        name = f"CountRecipients_{n}"
        w = [r.randint(1, 9) for _ in range(3)]
        lines = ["// Weighs recipients by type and folds their properties into *pulResult.",
                 f"HRESULT {name}(LPMESSAGE lpMessage, ULONG *pulResult)", "{",
                 "  " + self.sized_tags("sptCols", [t for t, _ in props]),
                 "  LPMAPITABLE lpTable = NULL;", "  LPSRowSet lpRows = NULL;",
                 "  ULONG ulResult = 0;", "  HRESULT hr;", "",
                 "  hr = lpMessage->GetRecipientTable(0, &lpTable);",
                 "  if (FAILED(hr))", "    return hr;",
                 "  hr = HrQueryAllRows(lpTable, (LPSPropTagArray)&sptCols, NULL, NULL, 0, &lpRows);",
                 "  if (FAILED(hr)) {", "    lpTable->Release();", "    return hr;",
                 "  }", "  for (ULONG i = 0; i < lpRows->cRows; i++) {",
                 "    LPSPropValue lpCols = lpRows->aRow[i].lpProps;",
                 "    if (lpCols[0].ulPropTag != PR_RECIPIENT_TYPE)",
                 "      continue;", "    switch (lpCols[0].Value.l) {",
                 f"    case MAPI_TO:", f"      ulResult += {w[0]};", "      break;",
                 f"    case MAPI_CC:", f"      ulResult += {w[1]};", "      break;",
                 f"    case MAPI_BCC:", f"      ulResult += {w[2]};", "      break;",
                 "    default:", "      break;", "    }"] + ind(
                 self._row_uses(r, props[1:], first=1), 4) + [
                 "  }", "  FreeProws(lpRows);", "  lpTable->Release();",
                 "  *pulResult = ulResult;", "  return S_OK;", "}"]
        self.calls["message"].append(name)
        return lines, 1

    def m_attachments(self, r, n):
        """Attachment table loop; each attachment opened, read and released."""
        tag, vk = r.choice([("PR_ATTACH_LONG_FILENAME", "str"),
                            ("PR_ATTACH_EXTENSION", "str"),
                            ("PR_ATTACH_SIZE", "long"),
                            ("PR_ATTACH_METHOD", "long")])
        name = f"ScanAttachments_{n}"
        lines = ["// Visits every attachment; each one is opened, read and released in turn.",
                 f"HRESULT {name}(LPMESSAGE lpMessage, ULONG *pulResult)", "{",
                 "  enum { iNum, iSize, cCols };",
                 "  static SizedSPropTagArray(cCols, sptCols) = "
                 "{ cCols, { PR_ATTACH_NUM, PR_ATTACH_SIZE } };",
                 "  LPMAPITABLE lpTable = NULL;", "  LPSRowSet lpRows = NULL;",
                 "  ULONG ulResult = 0;", "  HRESULT hr;", "",
                 "  if (FAILED(hr = lpMessage->GetAttachmentTable(0, &lpTable)))",
                 "    return hr;",
                 "  hr = lpTable->SetColumns((LPSPropTagArray)&sptCols, 0);",
                 "  while (SUCCEEDED(hr)) {",
                 f"    hr = lpTable->QueryRows({r.choice([5, 10, 20])}, 0, &lpRows);",
                 "    if (FAILED(hr))", "      break;",
                 "    if (lpRows->cRows == 0) {", "      FreeProws(lpRows);",
                 "      break;", "    }",
                 "    for (ULONG i = 0; i < lpRows->cRows && SUCCEEDED(hr); i++) {",
                 "      LPATTACH lpAttach = NULL;",
                 "      LPSPropValue lpProp = NULL;",
                 "      LPSPropValue lpCols = lpRows->aRow[i].lpProps;",
                 "      if (lpCols[iSize].ulPropTag == PR_ATTACH_SIZE && "
                 f"lpCols[iSize].Value.l > {r.choice([0, 1024, 1048576])})",
                 "        ulResult++;",
                 "      hr = lpMessage->OpenAttach(lpCols[iNum].Value.ul, NULL, "
                 f"{r.choice(['MAPI_BEST_ACCESS', '0'])}, &lpAttach);",
                 "      if (FAILED(hr))", "        break;",
                 f"      if (SUCCEEDED(HrGetOneProp(lpAttach, {tag}, &lpProp))) {{"
                 ] + ind(self.use_value(r, "lpProp[0]", vk), 8) + [
                 "        MAPIFreeBuffer(lpProp);", "      }",
                 "      lpAttach->Release();", "    }", "    FreeProws(lpRows);",
                 "  }", "  lpTable->Release();", "  *pulResult = ulResult;",
                 "  return hr;", "}"]
        self.calls["message"].append(name)
        return lines, 1

    def m_folder_messages(self, r, n):
        """Open every message of a folder by entry ID, dispatch on object type."""
        mcall = r.choice(self.calls["message"])
        fcall = r.choice(self.calls["folder"])
        name = f"ProcessFolder_{n}"
        lines = ["// Opens every item of the folder and dispatches on its object type.",
                 f"HRESULT {name}(LPMAPIFOLDER lpFolder, ULONG *pulResult)", "{",
                 "  static SizedSPropTagArray(1, sptCols) = { 1, { PR_ENTRYID } };",
                 "  LPMAPITABLE lpTable = NULL;", "  LPSRowSet lpRows = NULL;",
                 "  ULONG ulResult = 0;", "  HRESULT hr;", "",
                 "  hr = lpFolder->GetContentsTable(MAPI_DEFERRED_ERRORS, &lpTable);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 f"  hr = HrQueryAllRows(lpTable, (LPSPropTagArray)&sptCols, NULL, "
                 f"NULL, {r.choice([50, 100, 500])}, &lpRows);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  for (ULONG i = 0; i < lpRows->cRows; i++) {",
                 "    SBinary &eid = lpRows->aRow[i].lpProps[0].Value.bin;",
                 "    ULONG ulObjType = 0;", "    LPUNKNOWN lpUnk = NULL;",
                 "    if (FAILED(lpFolder->OpenEntry(eid.cb, (LPENTRYID)eid.lpb, "
                 "NULL, 0, &ulObjType, &lpUnk)))",
                 "      continue;", "    switch (ulObjType) {",
                 "    case MAPI_MESSAGE:",
                 f"      hr = {mcall}((LPMESSAGE)lpUnk, &ulResult);", "      break;",
                 "    case MAPI_FOLDER:",
                 f"      hr = {fcall}((LPMAPIFOLDER)lpUnk, &ulResult);", "      break;",
                 "    default:", "      hr = MAPI_E_INVALID_OBJECT;", "      break;",
                 "    }", "    lpUnk->Release();", "    if (FAILED(hr))",
                 "      break;", "  }", "  *pulResult = ulResult;", "",
                 "Cleanup:", "  if (lpRows)", "    FreeProws(lpRows);",
                 "  if (lpTable)", "    lpTable->Release();", "  return hr;", "}"]
        self.calls["folder"].append(name)
        return lines, 1

    def m_session_store(self, r, n):
        """OpenDefaultStore through an out-parameter, then store-level work."""
        calls = r.sample(self.calls["store"],
                         min(len(self.calls["store"]), r.randint(1, 3)))
        name = f"{r.choice(['Sync', 'Check', 'Index', 'Backup'])}DefaultStore_{n}"
        logoff = r.random() < 0.5
        lines = [f"// Runs store-level passes over the session's default store.",
                 f"HRESULT {name}(LPMAPISESSION lpSession, ULONG *pulResult)", "{",
                 "  LPMDB lpMDB = NULL;", "  LPSPropValue lpMask = NULL;",
                 "  ULONG ulResult = 0;", "  HRESULT hr;",
                 "", "  if (FAILED(hr = OpenDefaultStore(lpSession, &lpMDB)))",
                 "    return hr;",
                 "  // Read-only stores are skipped rather than treated as errors.",
                 "  hr = HrGetOneProp(lpMDB, PR_STORE_SUPPORT_MASK, &lpMask);",
                 "  if (SUCCEEDED(hr)) {",
                 "    BOOL fReadOnly = (lpMask->Value.l & STORE_MODIFY_OK) == 0;",
                 "    MAPIFreeBuffer(lpMask);", "    if (fReadOnly) {",
                 "      lpMDB->Release();", "      *pulResult = 0;",
                 "      return S_FALSE;", "    }", "  }"]
        for k, c in enumerate(calls):
            if k == 0:
                lines += [f"  hr = {c}(lpMDB, &ulResult);"]
            else:
                lines += ["  if (SUCCEEDED(hr))", f"    hr = {c}(lpMDB, &ulResult);"]
        if logoff:
            lines += ["  ULONG ulLogoffFlags = LOGOFF_NO_WAIT;",
                      "  lpMDB->StoreLogoff(&ulLogoffFlags);"]
        lines += [f"  {r.choice(['lpMDB->Release();', 'SafeRelease(lpMDB);', 'UlRelease(lpMDB);'])}",
                  "  *pulResult = ulResult;", "  return hr;", "}"]
        self.calls["session"].append(name)
        return lines, 1

    def m_msg_stores(self, r, n):
        """Enumerate the message store table and open every store."""
        scall = r.choice(self.calls["store"])
        name = f"ForEachStore_{n}"
        lines = ["// Opens every message store of the profile and runs a store-level pass.",
                 f"HRESULT {name}(LPMAPISESSION lpSession, ULONG *pulResult)", "{",
                 "  enum { iEntryID, iName, cCols };",
                 "  static SizedSPropTagArray(cCols, sptCols) = "
                 "{ cCols, { PR_ENTRYID, PR_DISPLAY_NAME } };",
                 "  LPMAPITABLE lpTable = NULL;", "  LPSRowSet lpRows = NULL;",
                 "  ULONG ulResult = 0;", "  HRESULT hr;", "",
                 "  hr = lpSession->GetMsgStoresTable(0, &lpTable);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpTable->SetColumns((LPSPropTagArray)&sptCols, TBL_BATCH);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpTable->QueryRows(64, 0, &lpRows);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  for (ULONG i = 0; i < lpRows->cRows; i++) {",
                 "    LPSPropValue lpCols = lpRows->aRow[i].lpProps;",
                 "    LPMDB lpMDB = NULL;",
                 "    if (lpCols[iName].ulPropTag == PR_DISPLAY_NAME)",
                 f"      ulResult += {r.choice(self.sz_fns)}(lpCols[iName].Value.lpszA);",
                 "    hr = lpSession->OpenMsgStore(0, lpCols[iEntryID].Value.bin.cb,",
                 "                                 (LPENTRYID)lpCols[iEntryID].Value.bin.lpb,",
                 f"                                 NULL, {r.choice(['MDB_NO_DIALOG', 'MAPI_BEST_ACCESS | MDB_NO_DIALOG'])}, &lpMDB);",
                 "    if (FAILED(hr))", "      continue;",
                 f"    hr = {scall}(lpMDB, &ulResult);", "    lpMDB->Release();",
                 "    if (FAILED(hr))", "      break;", "  }",
                 "  *pulResult = ulResult;", "", "Cleanup:", "  if (lpRows)",
                 "    FreeProws(lpRows);", "  if (lpTable)",
                 "    lpTable->Release();", "  return hr;", "}"]
        self.calls["session"].append(name)
        return lines, 1

    def m_address_book(self, r, n):
        """Address book, default directory container, row count."""
        name = f"CountDirectoryEntries_{n}"
        lines = ["// Counts entries in the default address book container.",
                 f"HRESULT {name}(LPMAPISESSION lpSession, ULONG *pulResult)", "{",
                 "  LPADRBOOK lpAdrBook = NULL;", "  LPABCONT lpContainer = NULL;",
                 "  LPMAPITABLE lpTable = NULL;", "  LPENTRYID lpEntryID = NULL;",
                 "  ULONG cbEntryID = 0;", "  ULONG ulObjType = 0;",
                 "  HRESULT hr;", "",
                 "  hr = lpSession->OpenAddressBook(0, NULL, AB_NO_DIALOG, &lpAdrBook);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 f"  hr = lpAdrBook->{r.choice(['GetDefaultDir', 'GetPAB'])}(&cbEntryID, &lpEntryID);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpAdrBook->OpenEntry(cbEntryID, lpEntryID, NULL, 0, &ulObjType,",
                 "                            (LPUNKNOWN *)&lpContainer);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  if (ulObjType != MAPI_ABCONT) {",
                 "    hr = MAPI_E_INVALID_OBJECT;", "    goto Cleanup;", "  }",
                 "  hr = lpContainer->GetContentsTable(0, &lpTable);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpTable->GetRowCount(0, pulResult);", "",
                 "Cleanup:", "  if (lpTable)", "    lpTable->Release();",
                 "  if (lpContainer)", "    lpContainer->Release();",
                 "  if (lpEntryID)", "    MAPIFreeBuffer(lpEntryID);",
                 "  if (lpAdrBook)",
                 "    lpAdrBook->Release();", "  return hr;", "}"]
        self.calls["session"].append(name)
        return lines, 1

    def m_status_table(self, r, n):
        name = f"CheckProviders_{n}"
        lines = ["// Counts status-table rows (providers) that report the given status bit.",
                 f"HRESULT {name}(LPMAPISESSION lpSession, ULONG *pulResult)", "{",
                 "  static SizedSPropTagArray(2, sptCols) = "
                 "{ 2, { PR_RESOURCE_TYPE, PR_STATUS_CODE } };",
                 "  LPMAPITABLE lpTable = NULL;", "  LPSRowSet lpRows = NULL;",
                 "  ULONG ulResult = 0;", "  HRESULT hr;", "",
                 "  if (FAILED(hr = lpSession->GetStatusTable(0, &lpTable)))",
                 "    return hr;",
                 "  hr = HrQueryAllRows(lpTable, (LPSPropTagArray)&sptCols, NULL, NULL, 0, &lpRows);",
                 "  lpTable->Release();", "  if (FAILED(hr))", "    return hr;",
                 "  for (ULONG i = 0; i < lpRows->cRows; i++) {",
                 "    if (lpRows->aRow[i].lpProps[1].ulPropTag != PR_STATUS_CODE)",
                 "      continue;",
                 f"    if (lpRows->aRow[i].lpProps[1].Value.l & {r.choice(['STATUS_AVAILABLE', 'STATUS_DEFAULT_STORE'])})",
                 "      ulResult++;", "  }", "  FreeProws(lpRows);",
                 "  *pulResult = ulResult;", "  return S_OK;", "}"]
        self.calls["session"].append(name)
        return lines, 1

    def m_class(self, r, n):
        """Class owning MAPI objects as members, all released in Close()."""
        cname = f"C{r.choice(['Inbox', 'Folder', 'Store', 'Mailbox'])}Monitor_{n}"
        opener = r.choice(self.openers)
        events = r.sample(["TABLE_ROW_ADDED", "TABLE_ROW_DELETED",
                           "TABLE_ROW_MODIFIED", "TABLE_CHANGED"], 2)
        lines = block(f"""
            // Keeps a folder's contents table open and counts table changes.
            class {cname}
            {{
            public:
              {cname}()
                : m_lpMDB(NULL), m_lpFolder(NULL), m_lpTable(NULL), m_lpSink(NULL),
                  m_ulConnection(0), m_ulChanges(0) {{}}
              ~{cname}() {{ Close(); }}

              HRESULT Open(LPMAPISESSION lpSession);
              HRESULT CountRows(ULONG *pulRows);
              ULONG Changes() const {{ return m_ulChanges; }}
              void Close();

            private:
              static LONG WINAPI OnTableEvent(LPVOID lpvContext, ULONG cNotification,
                                              LPNOTIFICATION lpNotifications);

              LPMDB m_lpMDB;
              LPMAPIFOLDER m_lpFolder;
              LPMAPITABLE m_lpTable;
              LPMAPIADVISESINK m_lpSink;
              ULONG m_ulConnection;
              ULONG m_ulChanges;
            }};

            LONG WINAPI {cname}::OnTableEvent(LPVOID lpvContext, ULONG cNotification,
                                              LPNOTIFICATION lpNotifications)
            {{
              {cname} *pThis = ({cname} *)lpvContext;
              for (ULONG i = 0; i < cNotification; i++) {{
                ULONG ulEvent = lpNotifications[i].info.tab.ulTableEvent;
                if (ulEvent == {events[0]} || ulEvent == {events[1]})
                  pThis->m_ulChanges++;
              }}
              return 0;
            }}

            HRESULT {cname}::Open(LPMAPISESSION lpSession)
            {{
              HRESULT hr;

              Close();
              hr = OpenDefaultStore(lpSession, &m_lpMDB);
              if (FAILED(hr))
                goto Error;
              hr = {opener}(m_lpMDB, &m_lpFolder);
              if (FAILED(hr))
                goto Error;
              hr = m_lpFolder->GetContentsTable({r.choice(['0', 'MAPI_DEFERRED_ERRORS'])}, &m_lpTable);
              if (FAILED(hr))
                goto Error;
              hr = HrAllocAdviseSink(OnTableEvent, this, &m_lpSink);
              if (FAILED(hr))
                goto Error;
              hr = m_lpTable->Advise(fnevTableModified, m_lpSink, &m_ulConnection);
              if (FAILED(hr))
                goto Error;
              return S_OK;

            Error:
              Close();
              return hr;
            }}

            HRESULT {cname}::CountRows(ULONG *pulRows)
            {{
              if (!m_lpTable)
                return MAPI_E_CALL_FAILED;
              return m_lpTable->GetRowCount(0, pulRows);
            }}

            // Releases everything Open() acquired, in reverse order.
            void {cname}::Close()
            {{
              if (m_lpTable && m_ulConnection) {{
                m_lpTable->Unadvise(m_ulConnection);
                m_ulConnection = 0;
              }}
              if (m_lpSink) {{
                m_lpSink->Release();
                m_lpSink = NULL;
              }}
              if (m_lpTable) {{
                m_lpTable->Release();
                m_lpTable = NULL;
              }}
              if (m_lpFolder) {{
                m_lpFolder->Release();
                m_lpFolder = NULL;
              }}
              if (m_lpMDB) {{
                m_lpMDB->Release();
                m_lpMDB = NULL;
              }}
            }}

            HRESULT Run{cname[1:]}(LPMAPISESSION lpSession, ULONG *pulResult)
            {{
              {cname} monitor;
              HRESULT hr = monitor.Open(lpSession);
              if (SUCCEEDED(hr))
                hr = monitor.CountRows(pulResult);
              if (SUCCEEDED(hr))
                *pulResult += monitor.Changes();
              monitor.Close();
              return hr;
            }}
            """)
        self.calls["session"].append(f"Run{cname[1:]}")
        # ctor, dtor, Open, CountRows, Changes, Close, callback, Run
        return lines, 8

    def m_class_reader(self, r, n):
        """Class caching a MAPI property buffer; MAPIFreeBuffer in Close()."""
        cname = f"CMessageCache_{n}"
        props = r.sample(MESSAGE_PROPS, 3)
        uses = []
        for i, (tag, vk) in enumerate(props):
            u = self.use_value(r, f"m_lpProps[{i}]", vk, "ul")
            uses += [f"  if (m_lpProps[{i}].ulPropTag == {tag})" +
                     (" {" if len(u) > 1 else "")] + ind(u, 4) + \
                (["  }"] if len(u) > 1 else [])
        lines = block(f"""
            // Caches a few properties of one message.
            class {cname}
            {{
            public:
              {cname}() : m_lpMessage(NULL), m_lpProps(NULL), m_cValues(0) {{}}
              ~{cname}() {{ Close(); }}

              HRESULT Load(LPMESSAGE lpMessage)
              {{
                {self.sized_tags("sptProps", [t for t, _ in props])}
                HRESULT hr;

                Close();
                hr = lpMessage->GetProps((LPSPropTagArray)&sptProps, 0, &m_cValues, &m_lpProps);
                if (FAILED(hr))
                  return hr;
                // Keep our own reference; released in Close().
                m_lpMessage = lpMessage;
                m_lpMessage->AddRef();
                return S_OK;
              }}

              ULONG Digest() const;

              void Close()
              {{
                if (m_lpProps) {{
                  MAPIFreeBuffer(m_lpProps);
                  m_lpProps = NULL;
                  m_cValues = 0;
                }}
                if (m_lpMessage) {{
                  m_lpMessage->Release();
                  m_lpMessage = NULL;
                }}
              }}

            private:
              LPMESSAGE m_lpMessage;
              LPSPropValue m_lpProps;
              ULONG m_cValues;
            }};

            ULONG {cname}::Digest() const
            {{
              ULONG ul = 0;
              if (!m_lpProps || m_cValues < 3)
                return 0;
            """) + uses + block(f"""
              return ul;
            }}

            HRESULT Digest{cname[1:]}(LPMESSAGE lpMessage, ULONG *pulResult)
            {{
              {cname} cache;
              HRESULT hr = cache.Load(lpMessage);
              if (SUCCEEDED(hr))
                *pulResult ^= cache.Digest();
              return hr;
            }}
            """)
        self.calls["message"].append(f"Digest{cname[1:]}")
        return lines, 6

    def m_restrict(self, r, n):
        """Contents table filtered with an AND restriction (size, unread)."""
        size = r.choice([1024, 4096, 65536, 1048576])
        name = f"FindUnreadOver{size // 1024}K_{n}"
        batch = r.choice([20, 50, 100])
        lines = [f"// Sums the sizes of unread messages of at least {size} bytes.",
                 f"HRESULT {name}(LPMAPIFOLDER lpFolder, ULONG *pulResult)", "{",
                 "  enum { iEntryID, iSize, cCols };",
                 "  static SizedSPropTagArray(cCols, sptCols) = "
                 "{ cCols, { PR_ENTRYID, PR_MESSAGE_SIZE } };",
                 "  SPropValue spvSize;", "  SRestriction rgres[2];",
                 "  SRestriction sresAnd;", "  LPMAPITABLE lpTable = NULL;",
                 "  LPSRowSet lpRows = NULL;", "  ULONG ulResult = 0;",
                 "  HRESULT hr;", "",
                 "  spvSize.ulPropTag = PR_MESSAGE_SIZE;",
                 f"  spvSize.Value.l = {size};",
                 "  rgres[0].rt = RES_PROPERTY;",
                 "  rgres[0].res.resProperty.relop = RELOP_GE;",
                 "  rgres[0].res.resProperty.ulPropTag = PR_MESSAGE_SIZE;",
                 "  rgres[0].res.resProperty.lpProp = &spvSize;",
                 "  rgres[1].rt = RES_BITMASK;",
                 "  rgres[1].res.resBitMask.relBMR = BMR_EQZ;",
                 "  rgres[1].res.resBitMask.ulPropTag = PR_MESSAGE_FLAGS;",
                 "  rgres[1].res.resBitMask.ulMask = MSGFLAG_READ;",
                 "  sresAnd.rt = RES_AND;", "  sresAnd.res.resAnd.cRes = 2;",
                 "  sresAnd.res.resAnd.lpRes = rgres;", "",
                 "  hr = lpFolder->GetContentsTable(0, &lpTable);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpTable->SetColumns((LPSPropTagArray)&sptCols, TBL_BATCH);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpTable->Restrict(&sresAnd, TBL_BATCH);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpTable->SeekRow(BOOKMARK_BEGINNING, 0, NULL);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 f"  hr = lpTable->QueryRows({batch}, 0, &lpRows);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  for (ULONG i = 0; i < lpRows->cRows; i++) {",
                 "    const SPropValue &size = lpRows->aRow[i].lpProps[iSize];",
                 "    if (size.ulPropTag == PR_MESSAGE_SIZE)",
                 "      ulResult += size.Value.ul;", "  }",
                 "  *pulResult = ulResult;", "", "Cleanup:", "  if (lpRows)",
                 "    FreeProws(lpRows);", "  if (lpTable)",
                 "    lpTable->Release();", "  return hr;", "}"]
        self.calls["folder"].append(name)
        return lines, 1

    def m_copy_messages(self, r, n):
        """ENTRYLIST built in a MAPIAllocateBuffer block, CopyMessages between
        two folders opened through out-parameter helpers."""
        src, dst = r.choice(self.openers), r.choice(self.openers)
        limit = r.choice([10, 25, 100])
        move = r.random() < 0.5
        name = f"{'Move' if move else 'Copy'}Recent_{n}"
        lines = [f"// {'Moves' if move else 'Copies'} up to {limit} messages from "
                 f"{src}() to {dst}().",
                 f"HRESULT {name}(LPMDB lpMDB, ULONG *pulResult)", "{",
                 "  static SizedSPropTagArray(1, sptCols) = { 1, { PR_ENTRYID } };",
                 "  LPMAPIFOLDER lpSource = NULL;", "  LPMAPIFOLDER lpTarget = NULL;",
                 "  LPMAPITABLE lpTable = NULL;", "  LPSRowSet lpRows = NULL;",
                 "  ENTRYLIST el = { 0, NULL };", "  HRESULT hr;", "",
                 f"  hr = {src}(lpMDB, &lpSource);", "  if (FAILED(hr))",
                 "    goto Cleanup;", f"  hr = {dst}(lpMDB, &lpTarget);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = lpSource->GetContentsTable(0, &lpTable);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = HrQueryAllRows(lpTable, (LPSPropTagArray)&sptCols, NULL, "
                 f"NULL, {limit}, &lpRows);",
                 "  if (FAILED(hr) || lpRows->cRows == 0)", "    goto Cleanup;",
                 "  hr = MAPIAllocateBuffer(lpRows->cRows * sizeof(SBinary), "
                 "(LPVOID *)&el.lpbin);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  // The SBinary entries point into lpRows; no deep copy needed.",
                 "  for (ULONG i = 0; i < lpRows->cRows; i++)",
                 "    el.lpbin[el.cValues++] = lpRows->aRow[i].lpProps[0].Value.bin;",
                 f"  hr = lpSource->CopyMessages(&el, NULL, lpTarget, 0, NULL, "
                 f"{'MESSAGE_MOVE' if move else '0'});",
                 "  if (SUCCEEDED(hr))", "    *pulResult += el.cValues;", "",
                 "Cleanup:", "  if (el.lpbin)", "    MAPIFreeBuffer(el.lpbin);",
                 "  if (lpRows)", "    FreeProws(lpRows);", "  if (lpTable)",
                 "    lpTable->Release();", "  if (lpTarget)",
                 "    lpTarget->Release();", "  if (lpSource)",
                 "    lpSource->Release();", "  return hr;", "}"]
        self.calls["store"].append(name)
        return lines, 1

    def m_named_prop(self, r, n):
        """GetIDsFromNames: the returned tag array is a MAPI buffer too."""
        lid = r.choice([0x8503, 0x8516, 0x8517, 0x851C, 0x8560, 0x8580])
        name = f"ReadNamedProp{lid:04X}_{n}"
        lines = [f"// Reads the PS_PUBLIC_STRINGS named property 0x{lid:04X} as a long.",
                 f"HRESULT {name}(LPMESSAGE lpMessage, ULONG *pulResult)", "{",
                 "  GUID guidSet = PS_PUBLIC_STRINGS;", "  MAPINAMEID nameid;",
                 "  LPMAPINAMEID lpNameID = &nameid;",
                 "  LPSPropTagArray lpTags = NULL;", "  LPSPropValue lpProp = NULL;",
                 "  ULONG ulTag;", "  HRESULT hr;", "",
                 "  nameid.lpguid = &guidSet;", "  nameid.ulKind = MNID_ID;",
                 f"  nameid.Kind.lID = 0x{lid:04X};",
                 "  hr = lpMessage->GetIDsFromNames(1, &lpNameID, 0, &lpTags);",
                 "  if (FAILED(hr))", "    return hr;",
                 "  ulTag = lpTags->aulPropTag[0];", "  MAPIFreeBuffer(lpTags);",
                 "  if (hr == MAPI_W_ERRORS_RETURNED || PROP_TYPE(ulTag) == PT_ERROR)",
                 "    return S_OK;",
                 "  hr = HrGetOneProp(lpMessage, CHANGE_PROP_TYPE(ulTag, PT_LONG), &lpProp);",
                 "  if (hr == MAPI_E_NOT_FOUND)", "    return S_OK;",
                 "  if (FAILED(hr))", "    return hr;",
                 f"  *pulResult += {r.choice(self.ul_fns)}(lpProp->Value.ul);",
                 "  MAPIFreeBuffer(lpProp);", "  return S_OK;", "}"]
        self.calls["message"].append(name)
        return lines, 1

    def m_body_stream(self, r, n):
        """OpenProperty(PR_BODY) as an IStream, read in chunks, release."""
        cb = r.choice([256, 512, 1024, 4096])
        name = f"HashBody_{n}"
        lines = ["// Hashes the plain-text body by streaming it; absent body is 0.",
                 f"HRESULT {name}(LPMESSAGE lpMessage, ULONG *pulResult)", "{",
                 "  LPSTREAM lpStream = NULL;", f"  BYTE rgb[{cb}];",
                 "  ULONG cbRead = 0;", "  ULONG ulResult = 0;", "  HRESULT hr;", "",
                 "  hr = lpMessage->OpenProperty(PR_BODY, &IID_IStream, STGM_READ, 0,",
                 "                               (LPUNKNOWN *)&lpStream);",
                 "  if (hr == MAPI_E_NOT_FOUND) {", "    *pulResult = 0;",
                 "    return S_OK;", "  }", "  if (FAILED(hr))", "    return hr;",
                 "  for (;;) {",
                 "    hr = lpStream->Read(rgb, sizeof(rgb), &cbRead);",
                 "    if (FAILED(hr) || cbRead == 0)", "      break;",
                 f"    ulResult ^= {r.choice(self.bytes_fns)}(rgb, cbRead);", "  }",
                 "  lpStream->Release();", "  *pulResult = ulResult;",
                 "  return FAILED(hr) ? hr : S_OK;", "}"]
        self.calls["message"].append(name)
        return lines, 1

    def m_send_mail(self, r, n):
        """Compose and submit: ADRLIST from MAPIAllocateBuffer blocks, freed
        with FreePadrlist; message and folder released on every path."""
        opener = r.choice(self.openers)
        subject = r.choice(SUBJECTS)
        who = r.choice(["Alice Example", "Bob Example", "Help Desk", "Build Bot"])
        addr = who.lower().replace(" ", ".") + "@example.com"
        rtype = r.choice(["MAPI_TO", "MAPI_CC", "MAPI_BCC"])
        name = f"Send{subject.title().replace(' ', '')}_{n}"
        lines = [f"// Composes \"{subject}\" to {who} in the folder from {opener}()",
                 "// and submits it.",
                 f"HRESULT {name}(LPMDB lpMDB, ULONG *pulResult)", "{",
                 f"  char szSubject[] = \"{subject}\";", f"  char szName[] = \"{who}\";",
                 f"  char szAddress[] = \"{addr}\";", "  char szAddrType[] = \"SMTP\";",
                 "  LPMAPIFOLDER lpFolder = NULL;", "  LPMESSAGE lpMessage = NULL;",
                 "  LPADRLIST lpAdrList = NULL;", "  LPSPropValue lpRecip = NULL;",
                 "  SPropValue spvSubject;", "  HRESULT hr;", "",
                 f"  hr = {opener}(lpMDB, &lpFolder);", "  if (FAILED(hr))",
                 "    goto Cleanup;",
                 "  hr = lpFolder->CreateMessage(NULL, 0, &lpMessage);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  hr = MAPIAllocateBuffer(CbNewADRLIST(1), (LPVOID *)&lpAdrList);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  // Empty until the entry's own block exists, so FreePadrlist is safe.",
                 "  lpAdrList->cEntries = 0;",
                 "  hr = MAPIAllocateBuffer(4 * sizeof(SPropValue), (LPVOID *)&lpRecip);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  lpAdrList->cEntries = 1;", "  lpAdrList->aEntries[0].ulReserved1 = 0;",
                 "  lpAdrList->aEntries[0].cValues = 4;",
                 "  lpAdrList->aEntries[0].rgPropVals = lpRecip;",
                 "  lpRecip[0].ulPropTag = PR_DISPLAY_NAME;",
                 "  lpRecip[0].Value.lpszA = szName;",
                 "  lpRecip[1].ulPropTag = PR_EMAIL_ADDRESS;",
                 "  lpRecip[1].Value.lpszA = szAddress;",
                 "  lpRecip[2].ulPropTag = PR_ADDRTYPE;",
                 "  lpRecip[2].Value.lpszA = szAddrType;",
                 "  lpRecip[3].ulPropTag = PR_RECIPIENT_TYPE;",
                 f"  lpRecip[3].Value.l = {rtype};",
                 "  hr = lpMessage->ModifyRecipients(MODRECIP_ADD, lpAdrList);",
                 "  if (FAILED(hr))", "    goto Cleanup;",
                 "  spvSubject.ulPropTag = PR_SUBJECT;",
                 "  spvSubject.Value.lpszA = szSubject;",
                 "  hr = HrSetOneProp(lpMessage, &spvSubject);", "  if (FAILED(hr))",
                 "    goto Cleanup;", "  hr = lpMessage->SubmitMessage(0);",
                 "  if (SUCCEEDED(hr))", "    (*pulResult)++;", "", "Cleanup:",
                 "  // Frees the list and every entry's rgPropVals block.",
                 "  if (lpAdrList)", "    FreePadrlist(lpAdrList);",
                 "  if (lpMessage)", "    lpMessage->Release();", "  if (lpFolder)",
                 "    lpFolder->Release();", "  return hr;", "}"]
        self.calls["store"].append(name)
        return lines, 1

    def m_lifecycle(self, r, n):
        """Whole client lifetime: (Ole)Initialize, logon, work, logoff, uninit."""
        call = r.choice(self.calls["session"])
        flags = r.choice(["MAPI_EXTENDED | MAPI_USE_DEFAULT",
                          "MAPI_EXTENDED | MAPI_USE_DEFAULT | MAPI_NO_MAIL",
                          "MAPI_EXTENDED | MAPI_LOGON_UI | MAPI_NEW_SESSION"])
        name = f"Run{r.choice(['Mail', 'Sync', 'Export', 'Cleanup'])}Job_{n}"
        if r.random() < 0.25:
            # Microsoft's "Ending a MAPI Session": OLE is initialized first,
            # and OleUninitialize must come before MAPIUninitialize.
            lines = ["// Client entry point: OleInitialize, then MAPIInitialize; at the",
                     "// end OleUninitialize, then MAPIUninitialize (MAPI shutdown order).",
                     f"HRESULT {name}(ULONG *pulResult)", "{",
                     "  MAPIINIT_0 init = { MAPI_INIT_VERSION, "
                     "MAPI_MULTITHREAD_NOTIFICATIONS };",
                     "  LPMAPISESSION lpSession = NULL;",
                     "  HRESULT hr = OleInitialize(NULL);", "  if (FAILED(hr))",
                     "    return hr;", "  hr = MAPIInitialize(&init);",
                     "  if (FAILED(hr)) {", "    OleUninitialize();",
                     "    return hr;", "  }",
                     f"  hr = MAPILogonEx(0, NULL, NULL, {flags}, &lpSession);",
                     "  if (SUCCEEDED(hr)) {",
                     f"    hr = {call}(lpSession, pulResult);",
                     "    lpSession->Logoff(0, 0, 0);",
                     "    lpSession->Release();", "  }", "  OleUninitialize();",
                     "  MAPIUninitialize();", "  return hr;", "}"]
        else:
            init = r.choice(["MAPIInitialize(NULL)", "MAPIInitialize(&init)"])
            lines = ["// Client entry point: one MAPI session for the whole job.",
                     f"HRESULT {name}(ULONG *pulResult)", "{"]
            if "&init" in init:
                lines += ["  MAPIINIT_0 init = { MAPI_INIT_VERSION, 0 };"]
            lines += ["  LPMAPISESSION lpSession = NULL;",
                      "  BOOL fInitialized = FALSE;", "  HRESULT hr;", "",
                      f"  hr = {init};", "  if (FAILED(hr))", "    goto Cleanup;",
                      "  fInitialized = TRUE;",
                      f"  hr = MAPILogonEx(0, NULL, NULL, {flags}, &lpSession);",
                      "  if (FAILED(hr))", "    goto Cleanup;",
                      f"  hr = {call}(lpSession, pulResult);", "",
                      "Cleanup:", "  if (lpSession) {",
                      "    lpSession->Logoff(0, 0, 0);",
                      "    lpSession->Release();", "  }", "  if (fInitialized)",
                      "    MAPIUninitialize();", "  return hr;", "}"]
        return lines, 1

    # -- filler (non-MAPI) templates --------------------------------------

    def f_sz_hash(self, r, n):
        name = f"{r.choice(['Hash', 'Digest', 'Fold', 'Sum'])}Text_{n}"
        mul, seed = r.choice([31, 33, 37, 131, 65599]), r.randrange(1, 1 << 16)
        rot, limit = r.randint(1, 13), r.choice([64, 256, 1024])
        fold = r.random() < 0.5
        lines = [f"// {'Case-insensitive hash' if fold else 'Hash'} of at most "
                 f"{limit} characters of psz.",
                 f"ULONG {name}(const char *psz)", "{", f"  ULONG h = {seed}u;",
                 "  ULONG cch = 0;", "", "  if (!psz)", "    return 0;",
                 f"  for (; *psz && cch < {limit}; psz++, cch++) {{",
                 "    char c = *psz;"]
        if fold:
            lines += ["    if (c >= 'A' && c <= 'Z')",
                      "      c = (char)(c - 'A' + 'a');"]
        lines += [f"    h = h * {mul}u + (BYTE)c;",
                  f"    h = (h << {rot}) | (h >> {32 - rot});", "  }",
                  "  // Final avalanche so short strings spread over all bits.",
                  "  h ^= h >> 13;", f"  h *= 0x{r.getrandbits(31) | 1:08x}u;",
                  "  h ^= h >> 15;", "  return h ^ cch;", "}"]
        self.sz_fns.append(name)
        return lines, 1

    def f_sz_count(self, r, n):
        name = f"Count{r.choice(['Words', 'Tokens', 'Fields'])}_{n}"
        sep = r.choice(["' '", "','", "';'", "'|'"])
        lines = [f"// Counts {sep}-separated fields, honouring double quotes.",
                 f"ULONG {name}(const char *psz)", "{",
                 "  enum { Start, InField, InQuote } state = Start;",
                 "  ULONG cFields = 0;", "  if (!psz)", "    return 0;",
                 "  for (; *psz; psz++) {", "    switch (state) {",
                 "    case Start:", "      if (*psz == '\"') {",
                 "        state = InQuote;", "        cFields++;",
                 f"      }} else if (*psz != {sep}) {{", "        state = InField;",
                 "        cFields++;", "      }", "      break;",
                 "    case InField:", f"      if (*psz == {sep})",
                 "        state = Start;", "      break;", "    case InQuote:",
                 "      if (*psz == '\"')", "        state = InField;",
                 "      break;", "    }", "  }", "  return cFields;", "}"]
        self.sz_fns.append(name)
        return lines, 1

    def f_parse(self, r, n):
        base = r.choice([10, 16, 8])
        name = "Parse" + {10: "Decimal", 16: "Hex", 8: "Octal"}[base] + f"_{n}"
        digit = {10: ["    if (c >= '0' && c <= '9')", "      d = (ULONG)(c - '0');"],
                 8: ["    if (c >= '0' && c <= '7')", "      d = (ULONG)(c - '0');"],
                 16: ["    if (c >= '0' && c <= '9')", "      d = (ULONG)(c - '0');",
                      "    else if (c >= 'a' && c <= 'f')",
                      "      d = (ULONG)(c - 'a' + 10);",
                      "    else if (c >= 'A' && c <= 'F')",
                      "      d = (ULONG)(c - 'A' + 10);"]}[base]
        lines = [f"// Parses a base-{base} number; saturates on overflow.",
                 f"ULONG {name}(const char *psz)", "{", "  ULONG v = 0;",
                 "  if (!psz)", "    return 0;",
                 "  while (*psz == ' ' || *psz == '\\t')", "    psz++;",
                 "  for (; *psz; psz++) {", "    char c = *psz;",
                 "    ULONG d;"] + digit + [
                 "    else", "      break;",
                 f"    if (v > (0xFFFFFFFFu - d) / {base})", "      return 0xFFFFFFFFu;",
                 f"    v = v * {base} + d;", "  }", "  return v;", "}"]
        self.sz_fns.append(name)
        return lines, 1

    def f_crc(self, r, n):
        poly = r.choice(["0xEDB88320u", "0x82F63B78u", "0xEB31D82Eu"])
        name = f"Crc32_{n}"
        lines = [f"// Table-driven reflected CRC-32 (polynomial {poly}).",
                 f"ULONG {name}(const BYTE *pb, ULONG cb)", "{",
                 "  static ULONG s_table[256];", "  static BOOL s_fInit = FALSE;",
                 "  ULONG crc = 0xFFFFFFFFu;", "", "  if (!s_fInit) {",
                 "    for (ULONG i = 0; i < 256; i++) {", "      ULONG c = i;",
                 "      for (int k = 0; k < 8; k++)",
                 f"        c = (c & 1u) ? ({poly} ^ (c >> 1)) : (c >> 1);",
                 "      s_table[i] = c;", "    }", "    s_fInit = TRUE;", "  }",
                 "  for (ULONG i = 0; i < cb; i++)",
                 "    crc = s_table[(crc ^ pb[i]) & 0xFFu] ^ (crc >> 8);",
                 "  return ~crc;", "}"]
        self.bytes_fns.append(name)
        return lines, 1

    def f_bitscore(self, r, n):
        name = f"BitScore_{n}"
        k = [r.randint(2, 97) for _ in range(4)]
        lines = ["// Mixes the population count and the leading/trailing zero counts.",
                 f"ULONG {name}(ULONG x)", "{", "  ULONG pop = 0, lead = 0, trail = 0;",
                 "  ULONG y = x;", "", "  if (x == 0)", f"    return {k[0]};",
                 "  while (y) {", "    y &= y - 1;", "    pop++;", "  }",
                 "  for (ULONG m = 0x80000000u; (x & m) == 0; m >>= 1)",
                 "    lead++;", "  for (ULONG m = 1u; (x & m) == 0; m <<= 1)",
                 "    trail++;", "  switch (pop & 3) {", "  case 0:",
                 f"    return lead * {k[1]} + trail;", "  case 1:",
                 "    return (lead ^ trail) + pop;", "  case 2:",
                 f"    return lead + trail * {k[2]};", "  default:",
                 f"    return pop * {k[3]};", "  }", "}"]
        self.ul_fns.append(name)
        return lines, 1

    def f_base64(self, r, n):
        name = f"Base64Encode_{n}"
        cap = r.choice([24, 48, 72])
        alphabet = ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                    + r.choice(["+/", "-_"]))
        lines = ["// Base64-encodes cb bytes into psz (cch includes the terminator).",
                 "// Returns the encoded length, or 0 if psz is too small.",
                 f"ULONG {name}(const BYTE *pb, ULONG cb, char *psz, ULONG cch)", "{",
                 f"  static const char s_alphabet[] = \"{alphabet}\";",
                 "  ULONG o = 0;", "", "  if (cch < (cb + 2) / 3 * 4 + 1)",
                 "    return 0;", "  for (ULONG i = 0; i < cb; i += 3) {",
                 "    ULONG v = (ULONG)pb[i] << 16;", "    if (i + 1 < cb)",
                 "      v |= (ULONG)pb[i + 1] << 8;", "    if (i + 2 < cb)",
                 "      v |= pb[i + 2];", "    psz[o++] = s_alphabet[(v >> 18) & 63];",
                 "    psz[o++] = s_alphabet[(v >> 12) & 63];",
                 "    psz[o++] = i + 1 < cb ? s_alphabet[(v >> 6) & 63] : '=';",
                 "    psz[o++] = i + 2 < cb ? s_alphabet[v & 63] : '=';", "  }",
                 "  psz[o] = '\\0';", "  return o;", "}", "",
                 f"ULONG EncodedHash_{n}(const BYTE *pb, ULONG cb)", "{",
                 f"  char sz[{(cap + 2) // 3 * 4 + 1}];",
                 f"  ULONG cbUse = cb < {cap} ? cb : {cap};",
                 f"  ULONG cch = {name}(pb, cbUse, sz, sizeof(sz));",
                 f"  return cch ? {r.choice(self.sz_fns)}(sz) : 0;", "}"]
        self.bytes_fns.append(f"EncodedHash_{n}")
        return lines, 2

    def f_lexer(self, r, n):
        w = [r.randint(1, 9) for _ in range(3)]
        lines = block(f"""
            struct TokenCounts_{n} {{
              ULONG cIdent;
              ULONG cNumber;
              ULONG cOperator;
              ULONG cOther;
            }};

            // Splits an expression into identifiers, numbers and operators.
            void Tokenize_{n}(const char *psz, TokenCounts_{n} *pCounts)
            {{
              pCounts->cIdent = pCounts->cNumber = pCounts->cOperator = pCounts->cOther = 0;
              while (psz && *psz) {{
                char c = *psz;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {{
                  while ((*psz >= 'a' && *psz <= 'z') || (*psz >= 'A' && *psz <= 'Z') ||
                         (*psz >= '0' && *psz <= '9') || *psz == '_')
                    psz++;
                  pCounts->cIdent++;
                  continue;
                }}
                if (c >= '0' && c <= '9') {{
                  while ((*psz >= '0' && *psz <= '9') || *psz == '{r.choice(['.', 'x', '_'])}')
                    psz++;
                  pCounts->cNumber++;
                  continue;
                }}
                switch (c) {{
                case '+': case '-': case '*': case '/': case '%':
                case '<': case '>': case '=': case '!': case '&': case '|':
                  pCounts->cOperator++;
                  break;
                case ' ': case '\\t': case '\\r': case '\\n':
                  break;
                default:
                  pCounts->cOther++;
                  break;
                }}
                psz++;
              }}
            }}

            ULONG ScoreExpression_{n}(const char *psz)
            {{
              TokenCounts_{n} counts;
              Tokenize_{n}(psz, &counts);
              return counts.cIdent * {w[0]} + counts.cNumber * {w[1]} + counts.cOperator * {w[2]} +
                     counts.cOther;
            }}
            """)
        self.sz_fns.append(f"ScoreExpression_{n}")
        return lines, 2

    def f_adler(self, r, n):
        name = f"Adler32_{n}"
        lines = ["// Adler-32 checksum; reduces modulo 65521 once per chunk.",
                 f"ULONG {name}(const BYTE *pb, ULONG cb)", "{",
                 "  ULONG a = 1, b = 0;", "  while (cb > 0) {",
                 f"    ULONG chunk = cb < {r.choice([3800, 5552])}u ? cb : {r.choice([3800, 5552])}u;",
                 "    cb -= chunk;", "    while (chunk--) {", "      a += *pb++;",
                 "      b += a;", "    }", "    a %= 65521u;", "    b %= 65521u;",
                 "  }", "  return (b << 16) | a;", "}"]
        self.bytes_fns.append(name)
        return lines, 1

    def f_bits(self, r, n):
        which = r.randrange(4)
        name = ["PopCount", "ReverseBits", "ISqrt", "NextPow2"][which] + f"_{n}"
        body = [
            ["  ULONG c = 0;", "  while (x) {", "    x &= x - 1;", "    c++;", "  }",
             "  return c;"],
            ["  ULONG y = 0;", "  for (int i = 0; i < 32; i++) {",
             "    y = (y << 1) | (x & 1u);", "    x >>= 1;", "  }", "  return y;"],
            ["  ULONG lo = 0, hi = x < 65536u ? x : 65535u;", "  while (lo < hi) {",
             "    ULONG mid = (lo + hi + 1) / 2;", "    if (mid * mid <= x)",
             "      lo = mid;", "    else", "      hi = mid - 1;", "  }",
             "  return lo;"],
            ["  if (x == 0)", "    return 1;", "  x--;", "  x |= x >> 1;",
             "  x |= x >> 2;", "  x |= x >> 4;", "  x |= x >> 8;",
             "  x |= x >> 16;", "  return x + 1;"],
        ][which]
        lines = [f"// {name.split('_')[0]} of a 32-bit value.",
                 f"ULONG {name}(ULONG x)", "{"] + body + ["}"]
        self.ul_fns.append(name)
        return lines, 1

    def f_gcd(self, r, n):
        name = f"ModInverse_{n}"
        mod = r.choice([65521, 65537, 1000003, 2147483647])
        lines = ["// Multiplicative inverse of a modulo m by the extended Euclidean",
                 "// algorithm; returns 0 when a and m are not coprime.",
                 f"ULONG {name}(ULONG a, ULONG m)", "{",
                 "  LONGLONG t = 0, newT = 1;", "  LONGLONG rem = m, newRem = a % m;",
                 "", "  if (m < 2)", "    return 0;", "  while (newRem != 0) {",
                 "    LONGLONG q = rem / newRem;", "    LONGLONG tmp = t - q * newT;",
                 "    t = newT;", "    newT = tmp;", "    tmp = rem - q * newRem;",
                 "    rem = newRem;", "    newRem = tmp;", "  }", "  if (rem > 1)",
                 "    return 0;", "  if (t < 0)", "    t += m;", "  return (ULONG)t;",
                 "}", "", "// Scrambles x with an invertible affine map.",
                 f"ULONG Scramble_{n}(ULONG x)", "{",
                 f"  ULONG inv = {name}((x | 1u) % {mod}u, {mod}u);",
                 f"  return (ULONG)(((ULONGLONG)x * {r.randrange(3, 999)}u + inv) % {mod}u);",
                 "}"]
        self.ul_fns.append(f"Scramble_{n}")
        return lines, 2

    def f_days(self, r, n):
        name = f"DaysInMonth_{n}"
        lines = ["// Calendar helper: days in the given month (1-12), 0 if out of range.",
                 f"ULONG {name}(ULONG year, ULONG month)", "{", "  switch (month) {",
                 "  case 1: case 3: case 5: case 7: case 8: case 10: case 12:",
                 "    return 31;", "  case 4: case 6: case 9: case 11:",
                 "    return 30;", "  case 2:",
                 "    if ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)",
                 "      return 29;", "    return 28;", "  default:", "    return 0;",
                 "  }", "}", "",
                 f"// Day of year for a packed yyyymmdd value.",
                 f"ULONG DayOfYear_{n}(ULONG packed)", "{",
                 "  ULONG year = packed / 10000, month = packed / 100 % 100;",
                 "  ULONG day = packed % 100, total = day;",
                 "  for (ULONG m = 1; m < month && m <= 12; m++)",
                 f"    total += {name}(year, m);", "  return total;", "}"]
        self.ul_fns.append(f"DayOfYear_{n}")
        return lines, 2

    def f_mutate(self, r, n):
        upper = r.random() < 0.5
        sep = r.choice(["' '", "'_'", "'-'"])
        name = f"Normalize{r.choice(['Name', 'Key', 'Label', 'Subject'])}_{n}"
        lines = [f"// Trims psz, collapses runs of blanks into one {sep} and folds case.",
                 f"void {name}(char *psz)", "{", "  char *pIn = psz;",
                 "  char *pOut = psz;", "  BOOL fPendingSep = FALSE;", "",
                 "  if (!psz)", "    return;",
                 "  while (*pIn == ' ' || *pIn == '\\t')", "    pIn++;",
                 "  for (; *pIn; pIn++) {", "    char c = *pIn;",
                 "    if (c == ' ' || c == '\\t' || c == '\\r' || c == '\\n') {",
                 "      fPendingSep = TRUE;", "      continue;", "    }",
                 "    if (fPendingSep) {", f"      *pOut++ = {sep};",
                 "      fPendingSep = FALSE;", "    }"]
        if upper:
            lines += ["    if (c >= 'a' && c <= 'z')", "      c = (char)(c - 'a' + 'A');"]
        else:
            lines += ["    if (c >= 'A' && c <= 'Z')", "      c = (char)(c - 'A' + 'a');"]
        lines += ["    *pOut++ = c;", "  }", "  *pOut = '\\0';", "}"]
        self.mut_fns.append(name)
        return lines, 1

    def f_format(self, r, n):
        base = r.choice([10, 16])
        name = f"Format{'Decimal' if base == 10 else 'Hex'}_{n}"
        lines = [f"// Writes v in base {base} into psz (cch >= 2); returns length.",
                 f"ULONG {name}(ULONG v, char *psz, ULONG cch)", "{",
                 "  char tmp[12];", "  ULONG c = 0, i = 0;", "  do {",
                 f"    ULONG d = v % {base};",
                 "    tmp[c++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);",
                 f"    v /= {base};", "  } while (v && c < sizeof(tmp));",
                 "  for (; i < c && i + 1 < cch; i++)", "    psz[i] = tmp[c - 1 - i];",
                 "  psz[i] = '\\0';", "  return i;", "}", "",
                 f"ULONG RoundTrip_{n}(ULONG v)", "{", "  char sz[16];",
                 f"  ULONG cch = {name}(v, sz, sizeof(sz));",
                 f"  {r.choice(self.mut_fns)}(sz);",
                 f"  return cch + {r.choice(self.sz_fns)}(sz);", "}"]
        self.ul_fns.append(f"RoundTrip_{n}")
        return lines, 2

    def f_sort(self, r, n):
        name = f"SampleMedian_{n}"
        cmp = r.choice([">", "<"])
        lines = ["// Draws a few pseudo-random samples from seed, insertion-sorts them",
                 f"// ({'ascending' if cmp == '>' else 'descending'}) and returns the median.",
                 f"ULONG {name}(ULONG seed)", "{",
                 f"  LONG rg[{r.choice([7, 9, 15, 31])}];",
                 "  const ULONG c = sizeof(rg) / sizeof(rg[0]);", "",
                 "  for (ULONG i = 0; i < c; i++) {",
                 f"    seed = seed * 1103515245u + {r.choice([12345, 1013904223])}u;",
                 "    rg[i] = (LONG)(seed >> 8);", "  }",
                 "  for (ULONG i = 1; i < c; i++) {", "    LONG v = rg[i];",
                 "    ULONG j = i;", f"    while (j > 0 && rg[j - 1] {cmp} v) {{",
                 "      rg[j] = rg[j - 1];", "      j--;", "    }", "    rg[j] = v;",
                 "  }", "  return (ULONG)rg[c / 2];", "}"]
        self.ul_fns.append(name)
        return lines, 1

    def f_matrix(self, r, n):
        name = f"Transform_{n}"
        k = [r.randint(-5, 9) for _ in range(9)]
        lines = [f"struct Mat3_{n} {{", "  LONG m[3][3];", "};", "",
                 "// Multiplies a fixed matrix by one built from the bits of x and",
                 "// returns the trace of the product.",
                 f"ULONG {name}(ULONG x)", "{",
                 f"  static const Mat3_{n} a = {{ {{ {{ {k[0]}, {k[1]}, {k[2]} }}, "
                 f"{{ {k[3]}, {k[4]}, {k[5]} }}, {{ {k[6]}, {k[7]}, {k[8]} }} }} }};",
                 f"  Mat3_{n} b, c;", "  LONG trace = 0;", "",
                 "  for (int i = 0; i < 3; i++)", "    for (int j = 0; j < 3; j++)",
                 "      b.m[i][j] = (LONG)((x >> (i * 3 + j)) & 7u);",
                 "  for (int i = 0; i < 3; i++)", "    for (int j = 0; j < 3; j++) {",
                 "      LONG s = 0;", "      for (int k = 0; k < 3; k++)",
                 "        s += a.m[i][k] * b.m[k][j];", "      c.m[i][j] = s;", "    }",
                 "  for (int i = 0; i < 3; i++)", "    trace += c.m[i][i];",
                 "  return (ULONG)trace;", "}"]
        self.ul_fns.append(name)
        return lines, 1

    def f_ring(self, r, n):
        cap = r.choice([8, 16, 32, 64])
        cname = f"RingBuffer_{n}"
        lines = block(f"""
            // Fixed-size FIFO of ULONGs.
            class {cname}
            {{
            public:
              {cname}() : m_head(0), m_count(0) {{}}
              BOOL Push(ULONG v)
              {{
                if (m_count == {cap})
                  return FALSE;
                m_items[(m_head + m_count) % {cap}] = v;
                m_count++;
                return TRUE;
              }}
              BOOL Pop(ULONG *pv)
              {{
                if (m_count == 0)
                  return FALSE;
                *pv = m_items[m_head];
                m_head = (m_head + 1) % {cap};
                m_count--;
                return TRUE;
              }}
              ULONG Count() const {{ return m_count; }}

            private:
              ULONG m_items[{cap}];
              ULONG m_head;
              ULONG m_count;
            }};

            ULONG Drain{cname}(ULONG seed)
            {{
              {cname} ring;
              ULONG v = 0, total = 0;
              for (ULONG i = 0; i < {cap + r.randint(0, 5)}; i++)
                if (!ring.Push({r.choice(self.ul_fns)}(seed + i)))
                  break;
              while (ring.Pop(&v))
                total += v;
              return total + ring.Count();
            }}
            """)
        self.ul_fns.append(f"Drain{cname}")
        return lines, 5

    def f_wide(self, r, n):
        """Win32 but not MAPI: ANSI/UTF-16 round trip through a stack buffer."""
        name = f"WideLength_{n}"
        lines = ["// Hashes the UTF-16 form of psz; ignores overlong input.",
                 f"ULONG {name}(const char *psz)", "{",
                 f"  WCHAR wsz[{r.choice([64, 128, 260])}];", "  if (!psz)",
                 "    return 0;",
                 f"  int cch = MultiByteToWideChar({r.choice(['CP_ACP', 'CP_UTF8'])}, 0, psz, -1, wsz,",
                 "                                (int)(sizeof(wsz) / sizeof(wsz[0])));",
                 "  if (cch <= 0)", "    return 0;", "  ULONG h = 0;",
                 "  for (int i = 0; i < cch - 1; i++)", "    h = h * 31u + wsz[i];",
                 "  return h ^ (ULONG)lstrlenA(psz);", "}"]
        self.sz_fns.append(name)
        return lines, 1

    def f_stats(self, r, n):
        name = f"Stats_{n}"
        lines = [f"struct Stats_{n} {{", "  LONG lMin;", "  LONG lMax;",
                 "  LONG lMean;", "};", "",
                 f"BOOL Compute{name}(const LONG *rg, ULONG c, Stats_{n} *pStats)", "{",
                 "  LONGLONG sum = 0;", "  if (c == 0)", "    return FALSE;",
                 "  pStats->lMin = pStats->lMax = rg[0];",
                 "  for (ULONG i = 0; i < c; i++) {",
                 "    if (rg[i] < pStats->lMin)", "      pStats->lMin = rg[i];",
                 "    if (rg[i] > pStats->lMax)", "      pStats->lMax = rg[i];",
                 "    sum += rg[i];", "  }", "  pStats->lMean = (LONG)(sum / c);",
                 "  return TRUE;", "}", "",
                 f"ULONG Spread_{n}(ULONG x)", "{",
                 "  LONG rg[4] = { (LONG)(x & 0xFF), (LONG)((x >> 8) & 0xFF),",
                 "                 (LONG)((x >> 16) & 0xFF), (LONG)(x >> 24) };",
                 f"  Stats_{n} st;",
                 f"  if (!Compute{name}(rg, 4, &st))", "    return 0;",
                 "  return (ULONG)(st.lMax - st.lMin + st.lMean);", "}"]
        self.ul_fns.append(f"Spread_{n}")
        return lines, 2

    def f_path(self, r, n):
        exts = r.sample(["doc", "pdf", "xls", "txt", "msg", "eml", "zip", "png"], 4)
        cases = []
        for k, e in enumerate(exts):
            cases += [f"  if (lstrcmpiA(szExt, \"{e}\") == 0)", f"    return {k + 1};"]
        lines = ["// Returns a pointer to the extension of a path (\"\" if none).",
                 f"const char *PathExtension_{n}(const char *pszPath)", "{",
                 "  const char *pszDot = NULL;", "", "  if (!pszPath)",
                 "    return \"\";", "  for (const char *p = pszPath; *p; p++) {",
                 "    if (*p == '\\\\' || *p == '/' || *p == ':')",
                 "      pszDot = NULL;", "    else if (*p == '.')",
                 "      pszDot = p;", "  }", "  return pszDot ? pszDot + 1 : \"\";",
                 "}", "", "// Classifies an attachment file name by its extension.",
                 f"ULONG ClassifyFile_{n}(const char *pszPath)", "{",
                 f"  const char *pszExt = PathExtension_{n}(pszPath);",
                 "  char szExt[8];", "  ULONG i = 0;", "",
                 "  for (; pszExt[i] && i + 1 < sizeof(szExt); i++)",
                 "    szExt[i] = pszExt[i];", "  szExt[i] = '\\0';"] + cases + [
                 "  if (szExt[0] == '\\0')", "    return 0;",
                 f"  return {len(exts) + 1} + {r.choice(self.sz_fns)}(szExt) % 7;", "}"]
        self.sz_fns.append(f"ClassifyFile_{n}")
        return lines, 2

    def f_luhn(self, r, n):
        name = f"IsValidLuhn_{n}"
        lines = ["// Luhn check over the digits of psz; other characters are skipped.",
                 f"BOOL {name}(const char *psz)", "{", "  ULONG sum = 0, cDigits = 0;",
                 "  const char *pEnd = psz;", "", "  if (!psz)", "    return FALSE;",
                 "  while (*pEnd)", "    pEnd++;", "  // Walk right to left.",
                 "  while (pEnd > psz) {", "    char c = *--pEnd;",
                 "    if (c < '0' || c > '9')", "      continue;",
                 "    ULONG d = (ULONG)(c - '0');", "    if (cDigits++ % 2 == 1) {",
                 "      d *= 2;", "      if (d > 9)", "        d -= 9;", "    }",
                 "    sum += d;", "  }",
                 f"  return cDigits >= {r.choice([2, 8, 12])} && sum % 10 == 0;", "}", "",
                 f"ULONG CheckDigits_{n}(const char *psz)", "{",
                 f"  return {name}(psz) ? {r.randint(1, 99)}u : "
                 f"{r.choice(self.sz_fns)}(psz) & 0xFFu;", "}"]
        self.sz_fns.append(f"CheckDigits_{n}")
        return lines, 2

    def f_systime(self, r, n):
        sep = r.choice(["-", "/", "."])
        name = f"FormatDate_{n}"
        lines = [f"// Writes pst as YYYY{sep}MM{sep}DD into psz; returns FALSE if it does not fit.",
                 f"BOOL {name}(const SYSTEMTIME *pst, char *psz, ULONG cch)", "{",
                 "  ULONG parts[3];", "  ULONG o = 0;", "", "  if (cch < 11)",
                 "    return FALSE;", "  parts[0] = pst->wYear;",
                 "  parts[1] = pst->wMonth;", "  parts[2] = pst->wDay;",
                 "  for (int k = 0; k < 3; k++) {",
                 "    ULONG width = k == 0 ? 4 : 2;", "    ULONG v = parts[k];",
                 "    for (ULONG d = width; d-- > 0;) {",
                 "      psz[o + d] = (char)('0' + v % 10);", "      v /= 10;",
                 "    }", "    o += width;", "    if (k < 2)",
                 f"      psz[o++] = '{sep}';", "  }", "  psz[o] = '\\0';",
                 "  return TRUE;", "}", "",
                 f"ULONG DateKey_{n}(ULONG packed)", "{", "  SYSTEMTIME st;",
                 "  char sz[16];", "", "  ZeroMemory(&st, sizeof(st));",
                 "  st.wYear = (WORD)(1990 + packed % 60);",
                 "  st.wMonth = (WORD)(1 + packed / 60 % 12);",
                 "  st.wDay = (WORD)(1 + packed / 720 % 28);",
                 f"  if (!{name}(&st, sz, sizeof(sz)))", "    return 0;",
                 f"  return {r.choice(self.sz_fns)}(sz);", "}"]
        self.ul_fns.append(f"DateKey_{n}")
        return lines, 2

    # (method, weight).  Weights are tuned so scale 1 lands near 1500
    # functions / 40k lines with the MAPI/filler line balance above.
    MAPI_TEMPLATES = [
        ("m_one_prop", 8), ("m_get_props", 9), ("m_contents_loop", 14),
        ("m_hierarchy", 6), ("m_opener", 3), ("m_store_walk", 5),
        ("m_advise", 5), ("m_create_message", 5), ("m_alloc_props", 4),
        ("m_recipients", 5), ("m_attachments", 5), ("m_folder_messages", 5),
        ("m_session_store", 5), ("m_msg_stores", 4), ("m_address_book", 2),
        ("m_status_table", 2), ("m_class", 2), ("m_class_reader", 1),
        ("m_lifecycle", 2), ("m_restrict", 6), ("m_copy_messages", 5),
        ("m_named_prop", 3), ("m_body_stream", 3), ("m_send_mail", 4),
    ]
    FILLER_TEMPLATES = [
        ("f_sz_hash", 5), ("f_sz_count", 6), ("f_parse", 5), ("f_crc", 4),
        ("f_adler", 1), ("f_bits", 1), ("f_bitscore", 4), ("f_gcd", 2),
        ("f_days", 1), ("f_mutate", 4), ("f_format", 1), ("f_sort", 3),
        ("f_matrix", 4), ("f_ring", 1), ("f_wide", 2), ("f_stats", 2),
        ("f_base64", 3), ("f_lexer", 6), ("f_path", 4), ("f_luhn", 2),
        ("f_systime", 4),
    ]

    def generate(self, scale):
        self.prelude(scale)
        target = FUNCS_PER_SCALE * scale
        unit = 0
        while self.total_funcs() < target:
            r = random.Random(f"{self.seed}/{unit}")
            # Keep MAPI and filler code at about half the lines each.
            cat = "mapi" if self.lines["mapi"] <= self.lines["filler"] else "filler"
            table = self.MAPI_TEMPLATES if cat == "mapi" else self.FILLER_TEMPLATES
            names, weights = zip(*table)
            method = r.choices(names, weights)[0]
            lines, nfuncs = getattr(self, method)(r, unit)
            self.emit(cat, lines, nfuncs)
            unit += 1
        return self.text()

    def stats(self):
        total = sum(self.lines.values())
        return {"functions": self.total_funcs(), "lines": total,
                "mapi_lines": self.lines["mapi"],
                "filler_lines": self.lines["filler"],
                "prelude_lines": self.lines["prelude"],
                "mapi_functions": self.funcs["mapi"],
                "filler_functions": self.funcs["filler"]}


# -- shape "large-functions" -------------------------------------------------
#
# A few very large functions, written the way big MAPI clients (exporters,
# profile tools, console front ends) are: one function holds twenty or more
# conditional acquisitions, loops over table rows with nested loops over each
# message's attachments, sends every error to one Cleanup label, and wraps
# every call in an error-check macro.  The main macro evaluates the call
# inside an immediately invoked [&] lambda, as tracing wrappers do.  A set of
# small helpers (property readers, openers, logging) is called from many
# places in every function.
#
# The code is correct except for a few seeded bugs, each marked with a
# "seeded bug" comment and listed in the generator stats (function, line,
# the checks expected to report it), so a run can tell found bugs, missed
# bugs and other findings apart.  The text compiles, warning-free with -Wall
# -Wextra, against both the real mingw-w64 headers and the mock headers in
# test/Inputs/mock (so it uses no Win32 call the mock lacks).

LARGE_PRELUDE = r"""
// Error-check macros in the style of large MAPI clients.  CHK evaluates the
// call inside an immediately invoked [&] lambda (how tracing wrappers are
// usually written), so every acquisition below happens in a lambda body that
// writes the caller's variables through by-reference captures.
#define CHK(x) [&] { HRESULT hr_ = (x); return hr_; }()
// Failure: log it and jump to the function's one cleanup label.
#define EC_H(x)                                                                \
  do {                                                                         \
    hr = CHK(x);                                                               \
    if (FAILED(hr)) {                                                          \
      LogFailure(hr, #x, __LINE__);                                            \
      goto Cleanup;                                                            \
    }                                                                          \
  } while (0)
// Warning: log it and carry on; the caller tests hr.
#define WC_H(x)                                                                \
  do {                                                                         \
    hr = CHK(x);                                                               \
    if (FAILED(hr))                                                            \
      LogWarning(hr, #x, __LINE__);                                            \
  } while (0)
// The older spelling, without the lambda.
#define CHECK_HR(x)                                                            \
  do {                                                                         \
    if (FAILED(hr = (x))) {                                                    \
      LogFailure(hr, #x, __LINE__);                                            \
      goto Cleanup;                                                            \
    }                                                                          \
  } while (0)
// A condition that must hold; MAPI_E_CALL_FAILED otherwise.
#define EC_B(x)                                                                \
  do {                                                                         \
    if (!(x)) {                                                                \
      hr = MAPI_E_CALL_FAILED;                                                 \
      LogFailure(hr, #x, __LINE__);                                            \
      goto Cleanup;                                                            \
    }                                                                          \
  } while (0)

static ULONG g_cFailures = 0;
static ULONG g_cWarnings = 0;
static ULONG g_ulTrace = 0;

ULONG FoldSz(ULONG acc, const char *psz)
{
  if (!psz)
    return acc;
  while (*psz)
    acc = (acc ^ (BYTE)*psz++) * 16777619u;
  return acc;
}

ULONG FoldBin(ULONG acc, const SBinary *pbin)
{
  for (ULONG i = 0; pbin && i < pbin->cb; i++)
    acc = acc * 33 + pbin->lpb[i];
  return acc;
}

void LogFailure(HRESULT hr, const char *pszExpr, int iLine)
{
  g_cFailures++;
  g_ulTrace = FoldSz(g_ulTrace ^ (ULONG)hr, pszExpr) + (ULONG)iLine;
}

void LogWarning(HRESULT hr, const char *pszExpr, int iLine)
{
  g_cWarnings++;
  g_ulTrace = FoldSz(g_ulTrace + (ULONG)hr, pszExpr) ^ (ULONG)iLine;
}

void CopySz(char *pszDst, ULONG cch, const char *pszSrc)
{
  ULONG i = 0;
  if (!cch)
    return;
  for (; pszSrc && pszSrc[i] && i + 1 < cch; i++)
    pszDst[i] = pszSrc[i];
  pszDst[i] = '\0';
}

// Releases any COM/MAPI interface; tolerates NULL.
void SafeRelease(LPUNKNOWN p)
{
  if (p)
    p->Release();
}

enum { iMsgEntryID, iMsgSubject, iMsgFlags, iMsgSize, iMsgHasAttach, cMsgCols };
static SizedSPropTagArray(cMsgCols, sptMsgCols) = {
  cMsgCols, { PR_ENTRYID, PR_SUBJECT, PR_MESSAGE_FLAGS, PR_MESSAGE_SIZE, PR_HASATTACH } };
enum { iAttNum, iAttMethod, iAttName, cAttCols };
static SizedSPropTagArray(cAttCols, sptAttCols) = {
  cAttCols, { PR_ATTACH_NUM, PR_ATTACH_METHOD, PR_ATTACH_LONG_FILENAME } };
enum { iFldEntryID, iFldName, iFldDepth, iFldCount, cFldCols };
static SizedSPropTagArray(cFldCols, sptFldCols) = {
  cFldCols, { PR_ENTRYID, PR_DISPLAY_NAME, PR_DEPTH, PR_CONTENT_COUNT } };
enum { iStoreEntryID, iStoreName, iStoreDefault, cStoreCols };
static SizedSPropTagArray(cStoreCols, sptStoreCols) = {
  cStoreCols, { PR_ENTRYID, PR_DISPLAY_NAME, PR_DEFAULT_STORE } };
enum { iRcpName, iRcpType, iRcpAddress, cRcpCols };
static SizedSPropTagArray(cRcpCols, sptRcpCols) = {
  cRcpCols, { PR_DISPLAY_NAME, PR_RECIPIENT_TYPE, PR_EMAIL_ADDRESS } };

// Reads a long property; *pul is 0 when it is missing.
HRESULT GetPropLong(LPMAPIPROP lpObj, ULONG ulTag, ULONG *pul)
{
  LPSPropValue lpProp = NULL;
  HRESULT hr = S_OK;

  *pul = 0;
  EC_H(HrGetOneProp(lpObj, ulTag, &lpProp));
  *pul = lpProp->Value.ul;

Cleanup:
  if (lpProp)
    MAPIFreeBuffer(lpProp);
  return hr;
}

// Copies a string property into psz (empty when it is missing).
HRESULT GetPropSz(LPMAPIPROP lpObj, ULONG ulTag, char *psz, ULONG cch)
{
  LPSPropValue lpProp = NULL;
  HRESULT hr = S_OK;

  CopySz(psz, cch, "");
  EC_H(HrGetOneProp(lpObj, ulTag, &lpProp));
  CopySz(psz, cch, lpProp->Value.lpszA);

Cleanup:
  MAPIFreeBuffer(lpProp);
  return hr;
}

// Folds a binary property (an entry ID, a key) into *pulHash.
HRESULT HashPropBin(LPMAPIPROP lpObj, ULONG ulTag, ULONG *pulHash)
{
  LPSPropValue lpProp = NULL;
  HRESULT hr = S_OK;

  EC_H(HrGetOneProp(lpObj, ulTag, &lpProp));
  *pulHash = FoldBin(*pulHash, &lpProp->Value.bin);

Cleanup:
  if (lpProp)
    MAPIFreeBuffer(lpProp);
  return hr;
}

// Opens the profile's default message store.  On success the caller owns *lppMDB.
HRESULT OpenDefaultStore(LPMAPISESSION lpSession, LPMDB *lppMDB)
{
  LPMAPITABLE lpTable = NULL;
  LPSRowSet lpRows = NULL;
  HRESULT hr = S_OK;

  *lppMDB = NULL;
  EC_H(lpSession->GetMsgStoresTable(0, &lpTable));
  EC_H(HrQueryAllRows(lpTable, (LPSPropTagArray)&sptStoreCols, NULL, NULL, 0, &lpRows));
  hr = MAPI_E_NOT_FOUND;
  for (ULONG i = 0; i < lpRows->cRows; i++) {
    LPSPropValue lpCols = lpRows->aRow[i].lpProps;
    if (lpCols[iStoreDefault].ulPropTag != PR_DEFAULT_STORE || !lpCols[iStoreDefault].Value.b)
      continue;
    EC_H(lpSession->OpenMsgStore(0, lpCols[iStoreEntryID].Value.bin.cb,
                                 (LPENTRYID)lpCols[iStoreEntryID].Value.bin.lpb, NULL,
                                 MDB_WRITE | MAPI_BEST_ACCESS, lppMDB));
    break;
  }

Cleanup:
  if (lpRows)
    FreeProws(lpRows);
  if (lpTable)
    lpTable->Release();
  return hr;
}

// Opens the folder whose entry ID the store keeps in ulTag.  On success the
// caller owns *lppFolder.
HRESULT OpenFolderByTag(LPMDB lpMDB, ULONG ulTag, LPMAPIFOLDER *lppFolder)
{
  LPSPropValue lpEID = NULL;
  ULONG ulObjType = 0;
  HRESULT hr = S_OK;

  *lppFolder = NULL;
  EC_H(HrGetOneProp(lpMDB, ulTag, &lpEID));
  EC_H(lpMDB->OpenEntry(lpEID->Value.bin.cb, (LPENTRYID)lpEID->Value.bin.lpb, NULL,
                        MAPI_BEST_ACCESS, &ulObjType, (LPUNKNOWN *)lppFolder));
  if (ulObjType != MAPI_FOLDER) {
    (*lppFolder)->Release();
    *lppFolder = NULL;
    hr = MAPI_E_INVALID_OBJECT;
  }

Cleanup:
  if (lpEID)
    MAPIFreeBuffer(lpEID);
  return hr;
}

// Opens the store's receive folder.  On success the caller owns *lppFolder.
HRESULT OpenInbox(LPMDB lpMDB, LPMAPIFOLDER *lppFolder)
{
  ULONG cbEntryID = 0;
  LPENTRYID lpEntryID = NULL;
  ULONG ulObjType = 0;
  HRESULT hr = S_OK;

  *lppFolder = NULL;
  EC_H(lpMDB->GetReceiveFolder(NULL, 0, &cbEntryID, &lpEntryID, NULL));
  EC_H(lpMDB->OpenEntry(cbEntryID, lpEntryID, NULL, MAPI_BEST_ACCESS, &ulObjType,
                        (LPUNKNOWN *)lppFolder));

Cleanup:
  if (lpEntryID)
    MAPIFreeBuffer(lpEntryID);
  return hr;
}

// Opens the message a contents-table row names.  On success the caller owns
// *lppMessage.
HRESULT OpenMessageFromRow(LPMAPIFOLDER lpFolder, const SPropValue *lpEID, LPMESSAGE *lppMessage)
{
  ULONG ulObjType = 0;
  HRESULT hr = S_OK;

  *lppMessage = NULL;
  EC_B(lpEID->ulPropTag == PR_ENTRYID);
  EC_H(lpFolder->OpenEntry(lpEID->Value.bin.cb, (LPENTRYID)lpEID->Value.bin.lpb, NULL,
                           MAPI_BEST_ACCESS, &ulObjType, (LPUNKNOWN *)lppMessage));

Cleanup:
  return hr;
}

HRESULT CountFolderItems(LPMAPIFOLDER lpFolder, ULONG *pulCount)
{
  LPMAPITABLE lpTable = NULL;
  HRESULT hr = S_OK;

  *pulCount = 0;
  EC_H(lpFolder->GetContentsTable(MAPI_DEFERRED_ERRORS, &lpTable));
  EC_H(lpTable->GetRowCount(0, pulCount));

Cleanup:
  if (lpTable)
    lpTable->Release();
  return hr;
}

HRESULT CountAttachments(LPMESSAGE lpMessage, ULONG *pulCount)
{
  LPMAPITABLE lpTable = NULL;
  HRESULT hr = S_OK;

  *pulCount = 0;
  EC_H(lpMessage->GetAttachmentTable(0, &lpTable));
  EC_H(lpTable->GetRowCount(0, pulCount));

Cleanup:
  SafeRelease(lpTable);
  return hr;
}

// Copies an entry ID into its own MAPI buffer; the caller frees *lppEID
// with MAPIFreeBuffer.
HRESULT DupEntryID(const SBinary *pbin, ULONG *pcb, LPENTRYID *lppEID)
{
  HRESULT hr = S_OK;

  *lppEID = NULL;
  *pcb = 0;
  EC_H(MAPIAllocateBuffer(pbin->cb, (LPVOID *)lppEID));
  for (ULONG i = 0; i < pbin->cb; i++)
    ((LPBYTE)*lppEID)[i] = pbin->lpb[i];
  *pcb = pbin->cb;

Cleanup:
  return hr;
}

// Streams the plain-text body and folds it into *pulHash.
HRESULT HashBody(LPMESSAGE lpMessage, ULONG *pulHash)
{
  LPSTREAM lpStream = NULL;
  BYTE rgb[256];
  ULONG cbRead = 0;
  HRESULT hr = S_OK;

  EC_H(lpMessage->OpenProperty(PR_BODY, &IID_IStream, STGM_READ, 0, (LPUNKNOWN *)&lpStream));
  for (;;) {
    EC_H(lpStream->Read(rgb, sizeof(rgb), &cbRead));
    if (cbRead == 0)
      break;
    for (ULONG i = 0; i < cbRead; i++)
      *pulHash = *pulHash * 31 + rgb[i];
  }

Cleanup:
  if (lpStream)
    lpStream->Release();
  return hr;
}

LONG WINAPI OnStoreEvent(LPVOID lpvContext, ULONG cNotification, LPNOTIFICATION lpNotifications)
{
  ULONG *pulCount = (ULONG *)lpvContext;
  for (ULONG i = 0; i < cNotification; i++)
    if (lpNotifications[i].ulEventType == fnevNewMail)
      (*pulCount)++;
  return 0;
}
"""

# Phase kinds of a large function, with weights.
LARGE_PHASES = [
    ("props", 6), ("getprops", 3), ("folder_walk", 6), ("paged_walk", 3),
    ("hierarchy", 4), ("stores", 3), ("advise", 2), ("create", 3),
    ("abook", 2), ("named", 2), ("helpers", 4), ("cache_eid", 2),
    ("status", 2), ("recipients", 3), ("copy", 2),
]

# Seeded bugs: (kind, phase the bug lives in or None for the shutdown code,
# checks that should report it, description).
SEEDED_BUGS = {
    "unfreed-early": ("props", ["mapi-unfreed-buffer"],
                      "HrGetOneProp buffer skipped by an EC_H goto before its MAPIFreeBuffer"),
    "empty-batch": ("paged_walk", ["mapi-unfreed-buffer"],
                    "the last, empty QueryRows batch is never passed to FreeProws"),
    "wrong-free": ("hierarchy", ["mapi-unfreed-buffer"],
                   "a row set freed with MAPIFreeBuffer instead of FreeProws"),
    "missing-unadvise": ("advise", ["mapi-missing-unadvise"],
                         "the Advise registration is never passed to Unadvise"),
    "open-at-logoff": ("cache_eid", ["mapi-objects-open-at-logoff"],
                       "a folder opened from the session is never released"),
    "use-after-logoff": (None, ["mapi-use-after-logoff", "mapi-objects-open-at-logoff"],
                         "the store is used and released after the session's Logoff"),
    "uninit-order": (None, ["mapi-uninitialize-order"],
                     "MAPIUninitialize runs before OleUninitialize"),
}

# Per function index (cycled): (entry point with the whole MAPI lifetime?,
# seeded bugs).  Function 2 stays clean.
LARGE_PLAN = [
    (True, ["unfreed-early", "uninit-order"]),
    (False, ["empty-batch"]),
    (False, []),
    (True, ["missing-unadvise", "use-after-logoff"]),
    (False, ["wrong-free"]),
    (True, ["open-at-logoff"]),
]


class Phase:
    """One step of a large function: its body, the function-scope variables
    it needs (declared at the top, before the first goto), and the lines
    that free them at Cleanup."""

    def __init__(self):
        self.decls = []     # (type, name, initializer)
        self.body = []
        self.cleanup = []
        self.acquisitions = 0
        self.helper_calls = 0
        self.bug_line = None  # index into body of the seeded bug's line

    def var(self, typ, name, init="NULL"):
        self.decls.append((typ, name, init))
        return name

    def release(self, name):
        self.cleanup += [f"if ({name})", f"  {name}->Release();"]

    def free(self, name, fn="MAPIFreeBuffer"):
        self.cleanup += [f"if ({name})", f"  {fn}({name});"]

    def mark_bug(self):
        self.bug_line = len(self.body)


class LargeFunctionGenerator:
    def __init__(self, seed, func_lines, nfuncs):
        self.seed = seed
        self.func_lines = func_lines
        self.nfuncs = nfuncs
        self.out = []          # lines of the TU
        self.functions = []    # per large function: name, lines, stats
        self.seeded = []

    # -- small pieces -------------------------------------------------------

    @staticmethod
    def cond(r):
        """A run-time condition of the kind that makes acquisitions optional."""
        bit = 1 << r.randrange(31)
        return r.choice([f"ulFlags & 0x{bit:x}", f"ulFlags & 0x{bit:x}",
                         f"(ulFlags & 0x{bit:x}) == 0",
                         f"ulResult % {r.choice([3, 5, 7, 11])} != 0"])

    @staticmethod
    def ec(r):
        """The failure macro for one call: mostly the lambda one."""
        return r.choices(["EC_H", "CHECK_HR"], [5, 1])[0]

    # -- phases -------------------------------------------------------------
    # Each takes (r, p, bug) and returns a Phase; p makes names unique.

    def ph_props(self, r, p, bug):
        ph = Phase()
        lp = ph.var("LPSPropValue", f"lpProp_{p}")
        ph.free(lp)
        tags = r.sample([("PR_DISPLAY_NAME", "str"), ("PR_STORE_SUPPORT_MASK", "long"),
                         ("PR_MDB_PROVIDER", "bin"), ("PR_STORE_RECORD_KEY", "bin"),
                         ("PR_IPM_SUBTREE_ENTRYID", "bin"), ("PR_RESOURCE_FLAGS", "long"),
                         ("PR_VALID_FOLDER_MASK", "long")], r.randint(2, 4))
        b = [f"// Step {p}: store properties."]
        for k, (tag, kind) in enumerate(tags):
            use = {"str": f"ulResult = FoldSz(ulResult, {lp}->Value.lpszA);",
                   "long": f"ulResult += {lp}->Value.ul & 0x{r.getrandbits(16) | 1:x};",
                   "bin": f"ulResult = FoldBin(ulResult, &{lp}->Value.bin);"}[kind]
            if k % 2 == 0:
                b += [f"if ({self.cond(r)}) {{",
                      f"  {self.ec(r)}(HrGetOneProp(lpMDB, {tag}, &{lp}));",
                      f"  {use}", f"  MAPIFreeBuffer({lp});", f"  {lp} = NULL;", "}"]
            else:
                b += [f"WC_H(HrGetOneProp(lpMDB, {tag}, &{lp}));",
                      "if (SUCCEEDED(hr)) {", f"  {use}",
                      f"  MAPIFreeBuffer({lp});", f"  {lp} = NULL;", "}"]
            ph.acquisitions += 1
        b += [f"WC_H(GetPropLong(lpMDB, PR_STORE_SUPPORT_MASK, &ulValue));",
              "if (SUCCEEDED(hr) && (ulValue & STORE_MODIFY_OK))", "  ulResult++;"]
        ph.helper_calls += 1
        if bug == "unfreed-early":
            # A block-local buffer that the goto inside EC_H skips: Cleanup
            # does not know it.
            b += [f"if ({self.cond(r)}) {{", "  LPSPropValue lpMask = NULL;"]
            ph.body = b
            ph.mark_bug()
            b += ["  EC_H(HrGetOneProp(lpMDB, PR_VALID_FOLDER_MASK, &lpMask)); // seeded bug: leaked when the next EC_H fails",
                  "  EC_H(GetPropLong(lpMDB, PR_RESOURCE_FLAGS, &ulValue));",
                  "  if (lpMask->Value.ul & ulValue)", "    ulResult ^= ulValue;",
                  "  MAPIFreeBuffer(lpMask);", "}"]
            ph.acquisitions += 1
            ph.helper_calls += 1
        ph.body = b
        return ph

    def ph_getprops(self, r, p, bug):
        ph = Phase()
        lp = ph.var("LPSPropValue", f"lpProps_{p}")
        ph.free(lp)
        tags = r.sample(["PR_DISPLAY_NAME", "PR_STORE_SUPPORT_MASK", "PR_MDB_PROVIDER",
                         "PR_STORE_RECORD_KEY", "PR_RESOURCE_FLAGS", "PR_IPM_OUTBOX_ENTRYID"],
                        r.randint(2, 5))
        n = len(tags)
        ph.body = [
            f"// Step {p}: several store properties in one GetProps call.",
            f"if ({self.cond(r)}) {{",
            f"  static SizedSPropTagArray({n}, sptStep{p}) = {{ {n}, {{ {', '.join(tags)} }} }};",
            "  ULONG cValues = 0;",
            f"  {self.ec(r)}(lpMDB->GetProps((LPSPropTagArray)&sptStep{p}, 0, &cValues, &{lp}));",
            "  for (ULONG i = 0; i < cValues; i++) {",
            f"    switch (PROP_TYPE({lp}[i].ulPropTag)) {{",
            "    case PT_STRING8:",
            f"      ulResult = FoldSz(ulResult, {lp}[i].Value.lpszA);", "      break;",
            "    case PT_LONG:", f"      ulResult += {lp}[i].Value.ul;", "      break;",
            "    case PT_BINARY:", f"      ulResult = FoldBin(ulResult, &{lp}[i].Value.bin);",
            "      break;", "    case PT_ERROR:", "      ulMissing++;", "      break;",
            "    default:", "      break;", "    }", "  }",
            f"  MAPIFreeBuffer({lp});", f"  {lp} = NULL;", "}"]
        ph.acquisitions += 1
        return ph

    def _message_body(self, r, p, msg, ph, depth=2):
        """Per-message work inside a row loop: properties, body, attachments
        (a nested loop), each object released before the next row."""
        att_tbl = ph.var("LPMAPITABLE", f"lpAttTable_{p}")
        att_rows = ph.var("LPSRowSet", f"lpAttRows_{p}")
        attach = ph.var("LPATTACH", f"lpAttach_{p}")
        aprop = ph.var("LPSPropValue", f"lpAttProp_{p}")
        ph.free(aprop)
        ph.release(attach)
        ph.free(att_rows, "FreeProws")
        ph.release(att_tbl)
        pad = " " * depth
        lines = [
            f"WC_H(GetPropLong({msg}, PR_IMPORTANCE, &ulValue));",
            "if (SUCCEEDED(hr))", "  ulResult += ulValue;",
            f"if ({self.cond(r)})", f"  WC_H(HashBody({msg}, &ulResult));",
            "if (lpCols[iMsgHasAttach].ulPropTag == PR_HASATTACH && lpCols[iMsgHasAttach].Value.b) {",
            f"  EC_H({msg}->GetAttachmentTable(0, &{att_tbl}));",
            f"  EC_H(HrQueryAllRows({att_tbl}, (LPSPropTagArray)&sptAttCols, NULL, NULL, "
            f"{r.choice([0, 16, 64])}, &{att_rows}));",
            f"  for (ULONG j = 0; j < {att_rows}->cRows; j++) {{",
            f"    LPSPropValue lpAtt = {att_rows}->aRow[j].lpProps;",
            "    if (lpAtt[iAttNum].ulPropTag != PR_ATTACH_NUM)", "      continue;",
            "    if (lpAtt[iAttName].ulPropTag == PR_ATTACH_LONG_FILENAME)",
            "      ulResult = FoldSz(ulResult, lpAtt[iAttName].Value.lpszA);",
            f"    EC_H({msg}->OpenAttach(lpAtt[iAttNum].Value.ul, NULL, MAPI_BEST_ACCESS, &{attach}));",
            f"    WC_H(HrGetOneProp({attach}, PR_ATTACH_FILENAME, &{aprop}));",
            "    if (SUCCEEDED(hr)) {",
            f"      ulResult = FoldSz(ulResult, {aprop}->Value.lpszA);",
            f"      MAPIFreeBuffer({aprop});", f"      {aprop} = NULL;", "    }",
            f"    if (lpAtt[iAttMethod].ulPropTag == PR_ATTACH_METHOD && lpAtt[iAttMethod].Value.l == ATTACH_BY_VALUE)",
            f"      WC_H(GetPropLong({attach}, PR_ATTACH_METHOD, &ulValue));",
            f"    {attach}->Release();", f"    {attach} = NULL;", "  }",
            f"  FreeProws({att_rows});", f"  {att_rows} = NULL;",
            f"  {att_tbl}->Release();", f"  {att_tbl} = NULL;", "}"]
        ph.acquisitions += 5
        ph.helper_calls += 3
        return [pad + l if l else l for l in lines]

    def ph_folder_walk(self, r, p, bug):
        """Open a folder, page through its contents table; for each message
        open it and loop over its attachments."""
        ph = Phase()
        tag = r.choice(["PR_IPM_SUBTREE_ENTRYID", "PR_IPM_OUTBOX_ENTRYID",
                        "PR_IPM_SENTMAIL_ENTRYID", "PR_IPM_WASTEBASKET_ENTRYID"])
        fld = ph.var("LPMAPIFOLDER", f"lpFolder_{p}")
        tbl = ph.var("LPMAPITABLE", f"lpTable_{p}")
        rows = ph.var("LPSRowSet", f"lpRows_{p}")
        msg = ph.var("LPMESSAGE", f"lpMessage_{p}")
        b = [f"// Step {p}: every message of the {camel(tag).replace('Entryid', '')} folder, "
             "and every attachment of each.",
             f"if ({self.cond(r)}) {{",
             f"  {self.ec(r)}(OpenFolderByTag(lpMDB, {tag}, &{fld}));",
             f"  EC_H({fld}->GetContentsTable(MAPI_DEFERRED_ERRORS, &{tbl}));",
             f"  EC_H({tbl}->SetColumns((LPSPropTagArray)&sptMsgCols, TBL_BATCH));",
             "  for (;;) {",
             f"    EC_H({tbl}->QueryRows({r.choice([10, 25, 50, 100])}, 0, &{rows}));",
             f"    if ({rows}->cRows == 0)", "      break;",
             f"    for (ULONG i = 0; i < {rows}->cRows; i++) {{",
             f"      LPSPropValue lpCols = {rows}->aRow[i].lpProps;",
             "      if (lpCols[iMsgFlags].ulPropTag == PR_MESSAGE_FLAGS && "
             f"(lpCols[iMsgFlags].Value.l & MSGFLAG_{r.choice(['READ', 'UNSENT', 'SUBMIT'])}))",
             "        continue;",
             "      if (lpCols[iMsgSubject].ulPropTag == PR_SUBJECT)",
             "        ulResult = FoldSz(ulResult, lpCols[iMsgSubject].Value.lpszA);",
             f"      EC_H(OpenMessageFromRow({fld}, &lpCols[iMsgEntryID], &{msg}));"]
        ph.acquisitions += 5
        ph.helper_calls += 2
        b += self._message_body(r, p, msg, ph, 6)
        ph.release(msg)
        b += [f"      {msg}->Release();", f"      {msg} = NULL;", "    }",
              f"    FreeProws({rows});", f"    {rows} = NULL;", "  }",
              f"  {tbl}->Release();", f"  {tbl} = NULL;"]
        # Sometimes the folder is kept for Cleanup, sometimes released here.
        if r.random() < 0.5:
            b += [f"  {fld}->Release();", f"  {fld} = NULL;"]
        b += ["}"]
        ph.free(rows, "FreeProws")
        ph.release(tbl)
        ph.release(fld)
        ph.body = b
        return ph

    def ph_paged_walk(self, r, p, bug):
        """The inbox paged with a block-local row set per batch."""
        ph = Phase()
        fld = ph.var("LPMAPIFOLDER", f"lpInbox_{p}")
        tbl = ph.var("LPMAPITABLE", f"lpContents_{p}")
        msg = ph.var("LPMESSAGE", f"lpItem_{p}")
        ph.release(msg)
        ph.release(tbl)
        ph.release(fld)
        batch = r.choice([20, 50, 200])
        b = [f"// Step {p}: the inbox, {batch} rows at a time.",
             f"if ({self.cond(r)}) {{",
             f"  EC_H(OpenInbox(lpMDB, &{fld}));",
             f"  EC_H({fld}->GetContentsTable(0, &{tbl}));",
             f"  EC_H({tbl}->SetColumns((LPSPropTagArray)&sptMsgCols, 0));",
             "  for (BOOL fMore = TRUE; fMore;) {",
             "    LPSRowSet lpBatch = NULL;"]
        ph.acquisitions += 3
        ph.helper_calls += 1
        b += ["    WC_H(" + f"{tbl}->QueryRows({batch}, 0, &lpBatch));",
              "    if (FAILED(hr))", "      break;"]
        if bug == "empty-batch":
            ph.body = b
            ph.mark_bug()
            b += ["    if (lpBatch->cRows == 0) // seeded bug: the empty batch is not freed",
                  "      break;"]
        else:
            b += ["    if (lpBatch->cRows == 0) {", "      FreeProws(lpBatch);",
                  "      break;", "    }"]
        ph.acquisitions += 1
        b += ["    for (ULONG i = 0; i < lpBatch->cRows && SUCCEEDED(hr); i++) {",
              "      LPSPropValue lpCols = lpBatch->aRow[i].lpProps;",
              "      if (lpCols[iMsgSize].ulPropTag == PR_MESSAGE_SIZE && "
              f"lpCols[iMsgSize].Value.l < {r.choice([1024, 4096, 65536])})",
              "        continue;",
              f"      WC_H(OpenMessageFromRow({fld}, &lpCols[iMsgEntryID], &{msg}));",
              "      if (FAILED(hr))", "        continue;",
              f"      WC_H(CountAttachments({msg}, &ulValue));",
              "      if (SUCCEEDED(hr))", "        ulResult += ulValue;",
              f"      {msg}->Release();", f"      {msg} = NULL;", "    }",
              f"    fMore = lpBatch->cRows == {batch};", "    FreeProws(lpBatch);", "  }",
              f"  {tbl}->Release();", f"  {tbl} = NULL;", "}"]
        ph.acquisitions += 1
        ph.helper_calls += 2
        ph.body = b
        return ph

    def ph_hierarchy(self, r, p, bug):
        ph = Phase()
        root = ph.var("LPMAPIFOLDER", f"lpRoot_{p}")
        hier = ph.var("LPMAPITABLE", f"lpHierarchy_{p}")
        rows = ph.var("LPSRowSet", f"lpFolders_{p}")
        sub = ph.var("LPMAPIFOLDER", f"lpSubfolder_{p}")
        ph.release(sub)
        ph.free(rows, "FreeProws")
        ph.release(hier)
        ph.release(root)
        maxdepth = r.randint(1, 4)
        b = [f"// Step {p}: folders down to depth {maxdepth}, with their item counts.",
             f"if ({self.cond(r)}) {{", "  ULONG ulObjType = 0;",
             f"  {self.ec(r)}(lpMDB->OpenEntry(0, NULL, NULL, MAPI_BEST_ACCESS, &ulObjType, "
             f"(LPUNKNOWN *)&{root}));",
             f"  EC_H({root}->GetHierarchyTable(CONVENIENT_DEPTH, &{hier}));",
             f"  EC_H(HrQueryAllRows({hier}, (LPSPropTagArray)&sptFldCols, NULL, NULL, 0, &{rows}));",
             f"  for (ULONG i = 0; i < {rows}->cRows; i++) {{",
             f"    LPSPropValue lpCols = {rows}->aRow[i].lpProps;",
             f"    if (lpCols[iFldDepth].ulPropTag == PR_DEPTH && lpCols[iFldDepth].Value.l > {maxdepth})",
             "      continue;",
             "    if (lpCols[iFldName].ulPropTag == PR_DISPLAY_NAME)",
             "      ulResult = FoldSz(ulResult, lpCols[iFldName].Value.lpszA);",
             f"    EC_H({root}->OpenEntry(lpCols[iFldEntryID].Value.bin.cb, "
             "(LPENTRYID)lpCols[iFldEntryID].Value.bin.lpb, NULL,",
             f"                           MAPI_BEST_ACCESS, &ulObjType, (LPUNKNOWN *)&{sub}));",
             f"    WC_H(CountFolderItems({sub}, &ulValue));",
             "    if (SUCCEEDED(hr))", "      ulResult += ulValue;",
             f"    {sub}->Release();", f"    {sub} = NULL;", "  }"]
        ph.acquisitions += 4
        ph.helper_calls += 1
        if bug == "wrong-free":
            ph.body = b
            ph.mark_bug()
            b += [f"  MAPIFreeBuffer({rows}); // seeded bug: a row set needs FreeProws"]
        else:
            b += [f"  FreeProws({rows});"]
        b += [f"  {rows} = NULL;", f"  {hier}->Release();", f"  {hier} = NULL;",
              f"  {root}->Release();", f"  {root} = NULL;", "}"]
        ph.body = b
        return ph

    def ph_stores(self, r, p, bug):
        ph = Phase()
        tbl = ph.var("LPMAPITABLE", f"lpStores_{p}")
        rows = ph.var("LPSRowSet", f"lpStoreRows_{p}")
        other = ph.var("LPMDB", f"lpOtherStore_{p}")
        ph.release(other)
        ph.free(rows, "FreeProws")
        ph.release(tbl)
        b = [f"// Step {p}: every other store of the profile.",
             f"if ({self.cond(r)}) {{",
             f"  EC_H(lpSession->GetMsgStoresTable(0, &{tbl}));",
             f"  EC_H({tbl}->SetColumns((LPSPropTagArray)&sptStoreCols, TBL_BATCH));",
             f"  EC_H({tbl}->QueryRows({r.choice([16, 64])}, 0, &{rows}));",
             f"  for (ULONG i = 0; i < {rows}->cRows; i++) {{",
             f"    LPSPropValue lpCols = {rows}->aRow[i].lpProps;",
             "    if (lpCols[iStoreDefault].ulPropTag == PR_DEFAULT_STORE && lpCols[iStoreDefault].Value.b)",
             "      continue;",
             f"    WC_H(lpSession->OpenMsgStore(0, lpCols[iStoreEntryID].Value.bin.cb,",
             "                                 (LPENTRYID)lpCols[iStoreEntryID].Value.bin.lpb, NULL,",
             f"                                 MDB_NO_DIALOG, &{other}));",
             "    if (FAILED(hr))", "      continue;",
             f"    WC_H(GetPropSz({other}, PR_DISPLAY_NAME, szName, sizeof(szName)));",
             "    ulResult = FoldSz(ulResult, szName);",
             f"    if ({self.cond(r)})",
             f"      WC_H(HashPropBin({other}, PR_STORE_RECORD_KEY, &ulResult));",
             f"    {other}->Release();", f"    {other} = NULL;", "  }",
             f"  FreeProws({rows});", f"  {rows} = NULL;",
             f"  {tbl}->Release();", f"  {tbl} = NULL;", "}"]
        ph.acquisitions += 4
        ph.helper_calls += 2
        ph.body = b
        return ph

    def ph_advise(self, r, p, bug):
        ph = Phase()
        sink = ph.var("LPMAPIADVISESINK", f"lpSink_{p}")
        conn = ph.var("ULONG", f"ulConnection_{p}", "0")
        if bug == "missing-unadvise":
            ph.cleanup += [f"// seeded bug: {conn} is never passed to Unadvise"]
        else:
            ph.cleanup += [f"if ({conn})", f"  lpMDB->Unadvise({conn});"]
        ph.release(sink)
        b = [f"// Step {p}: new-mail notifications while the rest runs.",
             f"if ({self.cond(r)}) {{",
             f"  EC_H(HrAllocAdviseSink(OnStoreEvent, &ulEvents, &{sink}));"]
        if bug == "missing-unadvise":
            ph.body = b
            ph.mark_bug()
        b += [f"  EC_H(lpMDB->Advise(0, NULL, fnevNewMail, {sink}, &{conn}));"
              + (" // seeded bug: see Cleanup" if bug else ""),
              "  WC_H(HrDispatchNotifications(0));", "}"]
        ph.acquisitions += 2
        ph.body = b
        return ph

    def ph_create(self, r, p, bug):
        ph = Phase()
        fld = ph.var("LPMAPIFOLDER", f"lpDrafts_{p}")
        msg = ph.var("LPMESSAGE", f"lpNewMessage_{p}")
        prob = ph.var("LPSPropProblemArray", f"lpProblems_{p}")
        ph.free(prob)
        ph.release(msg)
        ph.release(fld)
        subject = r.choice(SUBJECTS)
        b = [f"// Step {p}: a \"{subject}\" message, saved in the inbox.",
             f"if ({self.cond(r)}) {{", f"  char szSubject[] = \"{subject}\";",
             "  char szClass[] = \"IPM.Note\";", "  SPropValue rgProps[3];",
             "  rgProps[0].ulPropTag = PR_SUBJECT;", "  rgProps[0].Value.lpszA = szSubject;",
             "  rgProps[1].ulPropTag = PR_MESSAGE_CLASS;", "  rgProps[1].Value.lpszA = szClass;",
             "  rgProps[2].ulPropTag = PR_IMPORTANCE;", "  rgProps[2].Value.l = 1;",
             f"  EC_H(OpenInbox(lpMDB, &{fld}));",
             f"  EC_H({fld}->CreateMessage(NULL, 0, &{msg}));",
             f"  EC_H({msg}->SetProps(3, rgProps, &{prob}));",
             f"  if ({prob}) {{", f"    ulResult += {prob}->cProblem;",
             f"    MAPIFreeBuffer({prob});", f"    {prob} = NULL;", "  }",
             f"  EC_H({msg}->SaveChanges(KEEP_OPEN_READWRITE));",
             f"  WC_H(HashPropBin({msg}, PR_ENTRYID, &ulResult));",
             f"  {msg}->Release();", f"  {msg} = NULL;",
             f"  {fld}->Release();", f"  {fld} = NULL;", "}"]
        ph.acquisitions += 3
        ph.helper_calls += 2
        ph.body = b
        return ph

    def ph_abook(self, r, p, bug):
        ph = Phase()
        ab = ph.var("LPADRBOOK", f"lpAdrBook_{p}")
        eid = ph.var("LPENTRYID", f"lpDirEID_{p}")
        cont = ph.var("LPABCONT", f"lpDirectory_{p}")
        tbl = ph.var("LPMAPITABLE", f"lpDirTable_{p}")
        rows = ph.var("LPSRowSet", f"lpDirRows_{p}")
        cb = ph.var("ULONG", f"cbDirEID_{p}", "0")
        ph.free(rows, "FreeProws")
        ph.release(tbl)
        ph.release(cont)
        ph.free(eid)
        ph.release(ab)
        b = [f"// Step {p}: the first page of the default directory.",
             f"if ({self.cond(r)}) {{", "  ULONG ulObjType = 0;",
             f"  EC_H(lpSession->OpenAddressBook(0, NULL, AB_NO_DIALOG, &{ab}));",
             f"  EC_H({ab}->{r.choice(['GetDefaultDir', 'GetPAB'])}(&{cb}, &{eid}));",
             f"  EC_H({ab}->OpenEntry({cb}, {eid}, NULL, 0, &ulObjType, (LPUNKNOWN *)&{cont}));",
             "  EC_B(ulObjType == MAPI_ABCONT);",
             f"  EC_H({cont}->GetContentsTable(0, &{tbl}));",
             f"  EC_H({tbl}->QueryRows({r.choice([20, 100])}, 0, &{rows}));",
             f"  for (ULONG i = 0; i < {rows}->cRows; i++)",
             f"    for (ULONG k = 0; k < {rows}->aRow[i].cValues; k++)",
             f"      if (PROP_TYPE({rows}->aRow[i].lpProps[k].ulPropTag) == PT_STRING8)",
             f"        ulResult = FoldSz(ulResult, {rows}->aRow[i].lpProps[k].Value.lpszA);",
             f"  FreeProws({rows});", f"  {rows} = NULL;",
             f"  {tbl}->Release();", f"  {tbl} = NULL;",
             f"  {cont}->Release();", f"  {cont} = NULL;",
             f"  MAPIFreeBuffer({eid});", f"  {eid} = NULL;", "}"]
        ph.acquisitions += 5
        ph.body = b
        return ph

    def ph_named(self, r, p, bug):
        ph = Phase()
        tags = ph.var("LPSPropTagArray", f"lpNamedTags_{p}")
        prop = ph.var("LPSPropValue", f"lpNamed_{p}")
        ph.free(prop)
        ph.free(tags)
        lid = r.choice([0x8503, 0x8516, 0x8517, 0x851C, 0x8560, 0x8580])
        b = [f"// Step {p}: the PS_PUBLIC_STRINGS property 0x{lid:04X} of the store.",
             f"if ({self.cond(r)}) {{", "  GUID guidSet = PS_PUBLIC_STRINGS;",
             "  MAPINAMEID nameid;", "  LPMAPINAMEID lpNameID = &nameid;",
             "  nameid.lpguid = &guidSet;", "  nameid.ulKind = MNID_ID;",
             f"  nameid.Kind.lID = 0x{lid:04X};",
             f"  EC_H(lpMDB->GetIDsFromNames(1, &lpNameID, 0, &{tags}));",
             f"  if (PROP_TYPE({tags}->aulPropTag[0]) != PT_ERROR) {{",
             f"    WC_H(HrGetOneProp(lpMDB, CHANGE_PROP_TYPE({tags}->aulPropTag[0], PT_LONG), &{prop}));",
             "    if (SUCCEEDED(hr)) {", f"      ulResult += {prop}->Value.ul;",
             f"      MAPIFreeBuffer({prop});", f"      {prop} = NULL;", "    }", "  }",
             f"  MAPIFreeBuffer({tags});", f"  {tags} = NULL;", "}"]
        ph.acquisitions += 2
        ph.body = b
        return ph

    def ph_helpers(self, r, p, bug):
        ph = Phase()
        b = [f"// Step {p}: store summary through the property helpers."]
        for _ in range(r.randint(4, 8)):
            c = r.randrange(4)
            if c == 0:
                tag = r.choice(["PR_STORE_SUPPORT_MASK", "PR_RESOURCE_FLAGS", "PR_VALID_FOLDER_MASK"])
                b += [f"WC_H(GetPropLong(lpMDB, {tag}, &ulValue));",
                      "if (SUCCEEDED(hr))", f"  ulResult += ulValue * {r.randint(2, 9)};"]
            elif c == 1:
                b += ["WC_H(GetPropSz(lpMDB, PR_DISPLAY_NAME, szName, sizeof(szName)));",
                      "ulResult = FoldSz(ulResult, szName);"]
            elif c == 2:
                tag = r.choice(["PR_STORE_RECORD_KEY", "PR_MDB_PROVIDER", "PR_ENTRYID"])
                b += [f"if ({self.cond(r)})", f"  WC_H(HashPropBin(lpMDB, {tag}, &ulResult));"]
            else:
                b += [f"{self.ec(r)}(GetPropLong(lpMDB, PR_STORE_SUPPORT_MASK, &ulValue));",
                      "ulResult ^= ulValue;"]
            ph.helper_calls += 1
        ph.body = b
        return ph

    def ph_cache_eid(self, r, p, bug):
        """Caches an entry ID for later (freed at Cleanup) and opens the
        folder it names."""
        ph = Phase()
        prop = ph.var("LPSPropValue", f"lpEID_{p}")
        cached = ph.var("LPENTRYID", f"lpCachedEID_{p}")
        cb = ph.var("ULONG", f"cbCachedEID_{p}", "0")
        fld = ph.var("LPMAPIFOLDER", f"lpCachedFolder_{p}")
        if bug == "open-at-logoff":
            ph.cleanup += [f"// seeded bug: {fld} is not released here"]
        else:
            ph.release(fld)
        ph.free(cached)
        ph.free(prop)
        tag = r.choice(["PR_IPM_OUTBOX_ENTRYID", "PR_IPM_SENTMAIL_ENTRYID",
                        "PR_IPM_WASTEBASKET_ENTRYID"])
        b = [f"// Step {p}: cache the {camel(tag).replace('Entryid', '')} entry ID and keep the folder open.",
             f"if ({self.cond(r)}) {{", "  ULONG ulObjType = 0;",
             f"  EC_H(HrGetOneProp(lpMDB, {tag}, &{prop}));",
             f"  EC_H(DupEntryID(&{prop}->Value.bin, &{cb}, &{cached}));",
             f"  MAPIFreeBuffer({prop});", f"  {prop} = NULL;"]
        if bug == "open-at-logoff":
            ph.body = b
            ph.mark_bug()
        b += [f"  EC_H(lpMDB->OpenEntry({cb}, {cached}, NULL, MAPI_BEST_ACCESS, &ulObjType, "
              f"(LPUNKNOWN *)&{fld}));" + (" // seeded bug: never released" if bug else ""),
              f"  WC_H(CountFolderItems({fld}, &ulValue));",
              "  if (SUCCEEDED(hr))", "    ulResult += ulValue;", "}"]
        ph.acquisitions += 3
        ph.helper_calls += 2
        ph.body = b
        return ph

    def ph_status(self, r, p, bug):
        ph = Phase()
        tbl = ph.var("LPMAPITABLE", f"lpStatus_{p}")
        rows = ph.var("LPSRowSet", f"lpStatusRows_{p}")
        ph.free(rows, "FreeProws")
        ph.release(tbl)
        b = [f"// Step {p}: providers that report themselves available.",
             f"if ({self.cond(r)}) {{",
             f"  static SizedSPropTagArray(2, sptStatus{p}) = {{ 2, {{ PR_RESOURCE_TYPE, PR_STATUS_CODE }} }};",
             f"  EC_H(lpSession->GetStatusTable(0, &{tbl}));",
             f"  EC_H(HrQueryAllRows({tbl}, (LPSPropTagArray)&sptStatus{p}, NULL, NULL, 0, &{rows}));",
             f"  for (ULONG i = 0; i < {rows}->cRows; i++)",
             f"    if ({rows}->aRow[i].lpProps[1].ulPropTag == PR_STATUS_CODE &&",
             f"        ({rows}->aRow[i].lpProps[1].Value.l & STATUS_AVAILABLE))",
             "      ulResult++;",
             f"  FreeProws({rows});", f"  {rows} = NULL;",
             f"  {tbl}->Release();", f"  {tbl} = NULL;", "}"]
        ph.acquisitions += 2
        ph.body = b
        return ph

    def ph_recipients(self, r, p, bug):
        """Recipients of the inbox's first few messages: a row loop with a
        nested loop over each message's recipient rows."""
        ph = Phase()
        fld = ph.var("LPMAPIFOLDER", f"lpRcpFolder_{p}")
        tbl = ph.var("LPMAPITABLE", f"lpRcpContents_{p}")
        rows = ph.var("LPSRowSet", f"lpRcpMessages_{p}")
        msg = ph.var("LPMESSAGE", f"lpRcpMessage_{p}")
        rt = ph.var("LPMAPITABLE", f"lpRecipTable_{p}")
        rr = ph.var("LPSRowSet", f"lpRecipRows_{p}")
        for v, fn in ((rr, "FreeProws"), (rt, None), (msg, None), (rows, "FreeProws"),
                      (tbl, None), (fld, None)):
            if fn:
                ph.free(v, fn)
            else:
                ph.release(v)
        w = [r.randint(1, 9) for _ in range(3)]
        b = [f"// Step {p}: weigh the recipients of the newest inbox items.",
             f"if ({self.cond(r)}) {{",
             f"  EC_H(OpenInbox(lpMDB, &{fld}));",
             f"  EC_H({fld}->GetContentsTable(0, &{tbl}));",
             f"  EC_H(HrQueryAllRows({tbl}, (LPSPropTagArray)&sptMsgCols, NULL, NULL, "
             f"{r.choice([10, 20, 50])}, &{rows}));",
             f"  for (ULONG i = 0; i < {rows}->cRows; i++) {{",
             f"    EC_H(OpenMessageFromRow({fld}, &{rows}->aRow[i].lpProps[iMsgEntryID], &{msg}));",
             f"    EC_H({msg}->GetRecipientTable(0, &{rt}));",
             f"    EC_H(HrQueryAllRows({rt}, (LPSPropTagArray)&sptRcpCols, NULL, NULL, 0, &{rr}));",
             f"    for (ULONG j = 0; j < {rr}->cRows; j++) {{",
             f"      LPSPropValue lpRcp = {rr}->aRow[j].lpProps;",
             "      if (lpRcp[iRcpType].ulPropTag != PR_RECIPIENT_TYPE)", "        continue;",
             "      switch (lpRcp[iRcpType].Value.l) {",
             f"      case MAPI_TO:", f"        ulResult += {w[0]};", "        break;",
             f"      case MAPI_CC:", f"        ulResult += {w[1]};", "        break;",
             f"      case MAPI_BCC:", f"        ulResult += {w[2]};", "        break;",
             "      default:", "        break;", "      }",
             "      if (lpRcp[iRcpAddress].ulPropTag == PR_EMAIL_ADDRESS)",
             "        ulResult = FoldSz(ulResult, lpRcp[iRcpAddress].Value.lpszA);", "    }",
             f"    FreeProws({rr});", f"    {rr} = NULL;",
             f"    {rt}->Release();", f"    {rt} = NULL;",
             f"    {msg}->Release();", f"    {msg} = NULL;", "  }",
             f"  FreeProws({rows});", f"  {rows} = NULL;",
             f"  {tbl}->Release();", f"  {tbl} = NULL;",
             f"  {fld}->Release();", f"  {fld} = NULL;", "}"]
        ph.acquisitions += 6
        ph.helper_calls += 2
        ph.body = b
        return ph

    def ph_copy(self, r, p, bug):
        ph = Phase()
        src = ph.var("LPMAPIFOLDER", f"lpCopySource_{p}")
        dst = ph.var("LPMAPIFOLDER", f"lpCopyTarget_{p}")
        tbl = ph.var("LPMAPITABLE", f"lpCopyTable_{p}")
        rows = ph.var("LPSRowSet", f"lpCopyRows_{p}")
        lst = ph.var("LPENTRYLIST", f"lpCopyList_{p}")
        ph.free(lst)
        ph.free(rows, "FreeProws")
        ph.release(tbl)
        ph.release(dst)
        ph.release(src)
        limit = r.choice([10, 25, 100])
        b = [f"// Step {p}: copy up to {limit} inbox items to the sent-items folder.",
             f"if ({self.cond(r)}) {{",
             f"  static SizedSPropTagArray(1, sptEID{p}) = {{ 1, {{ PR_ENTRYID }} }};",
             f"  EC_H(OpenInbox(lpMDB, &{src}));",
             f"  EC_H(OpenFolderByTag(lpMDB, PR_IPM_SENTMAIL_ENTRYID, &{dst}));",
             f"  EC_H({src}->GetContentsTable(0, &{tbl}));",
             f"  EC_H(HrQueryAllRows({tbl}, (LPSPropTagArray)&sptEID{p}, NULL, NULL, {limit}, &{rows}));",
             f"  if ({rows}->cRows > 0) {{",
             f"    EC_H(MAPIAllocateBuffer(sizeof(ENTRYLIST), (LPVOID *)&{lst}));",
             f"    {lst}->cValues = 0;",
             f"    EC_H(MAPIAllocateMore({rows}->cRows * sizeof(SBinary), {lst}, (LPVOID *)&{lst}->lpbin));",
             f"    for (ULONG i = 0; i < {rows}->cRows; i++)",
             f"      {lst}->lpbin[{lst}->cValues++] = {rows}->aRow[i].lpProps[0].Value.bin;",
             f"    EC_H({src}->CopyMessages({lst}, NULL, {dst}, 0, NULL, 0));",
             f"    ulResult += {lst}->cValues;",
             f"    MAPIFreeBuffer({lst});", f"    {lst} = NULL;", "  }",
             f"  FreeProws({rows});", f"  {rows} = NULL;",
             f"  {tbl}->Release();", f"  {tbl} = NULL;",
             f"  {dst}->Release();", f"  {dst} = NULL;",
             f"  {src}->Release();", f"  {src} = NULL;", "}"]
        ph.acquisitions += 6
        ph.helper_calls += 2
        ph.body = b
        return ph

    # -- functions ----------------------------------------------------------

    def phase(self, fidx, p, kind=None, bug=None):
        r = random.Random(f"{self.seed}/large/{fidx}/{p}")
        if kind is None:
            names, weights = zip(*LARGE_PHASES)
            kind = r.choices(names, weights)[0]
        ph = getattr(self, "ph_" + kind)(r, p, bug)
        ph.kind = kind
        return ph

    def function(self, fidx):
        lifecycle, bugs = LARGE_PLAN[fidx % len(LARGE_PLAN)]
        ole = lifecycle and ("uninit-order" in bugs or fidx % 2 == 1)
        name = (f"RunMailboxJob_{fidx}" if lifecycle else f"ExportStore_{fidx}")
        # Fixed lines outside the phases: signature, prologue, epilogue.
        fixed = 30 if lifecycle else 18
        phases = []
        p = 1
        while True:
            ph = self.phase(fidx, p)
            phases.append(ph)
            p += 1
            total = fixed + sum(len(x.body) + len(x.decls) + len(x.cleanup) + 1
                                for x in phases)
            if total >= self.func_lines:
                break
        # Seeded bugs in the last third of the function, so finding them
        # takes the analysis through most of it.
        slot = max(1, len(phases) * 2 // 3)
        for bug in bugs:
            kind = SEEDED_BUGS[bug][0]
            if kind is None:
                continue
            while slot >= len(phases):
                slot -= 1
            phases[slot] = self.phase(fidx, slot + 1, kind, bug)
            slot += 1

        decls = []
        if lifecycle:
            sig = f"HRESULT {name}(ULONG ulFlags, ULONG *pulResult)"
            doc = ["// Client entry point: one MAPI session for the whole job, every step",
                   "// optional (ulFlags), every error to Cleanup."]
            decls += ["MAPIINIT_0 init = { MAPI_INIT_VERSION, 0 };",
                      "LPMAPISESSION lpSession = NULL;", "BOOL fMapiInit = FALSE;"]
            if ole:
                decls += ["BOOL fOleInit = FALSE;"]
        else:
            sig = f"HRESULT {name}(LPMAPISESSION lpSession, ULONG ulFlags, ULONG *pulResult)"
            doc = ["// Exports the session's default store: every step optional (ulFlags),",
                   "// every error to Cleanup."]
        decls += ["LPMDB lpMDB = NULL;", "ULONG ulResult = 0;", "ULONG ulValue = 0;",
                  "ULONG ulMissing = 0;", "ULONG ulEvents = 0;", "char szName[128];"]
        for ph in phases:
            decls += [f"{t} {n} = {i};" for t, n, i in ph.decls]
        decls += ["HRESULT hr = S_OK;"]

        lines = doc + [sig, "{"] + ind(decls, 2) + [""]
        lines += ["  szName[0] = '\\0';"]
        if lifecycle:
            if ole:
                lines += ["  EC_H(OleInitialize(NULL));", "  fOleInit = TRUE;"]
            lines += ["  EC_H(MAPIInitialize(&init));", "  fMapiInit = TRUE;",
                      "  EC_H(MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION | "
                      "MAPI_USE_DEFAULT, &lpSession));"]
        lines += ["  EC_H(OpenDefaultStore(lpSession, &lpMDB));", ""]
        acq = 2 if lifecycle else 1
        helper_calls = 1
        body_start = len(lines)
        bug_lines = {}
        for ph in phases:
            if ph.bug_line is not None:
                bug_lines[ph.kind] = len(lines) + ph.bug_line
            lines += ind(ph.body, 2) + [""]
            acq += ph.acquisitions
            helper_calls += ph.helper_calls
        lines += ["  *pulResult = ulResult + ulMissing + ulEvents + (ulValue & 1);", "", "Cleanup:"]
        for ph in reversed(phases):
            lines += ind(ph.cleanup, 2)
        epilogue_bugs = {}
        if lifecycle:
            if "use-after-logoff" in bugs:
                epilogue_bugs["use-after-logoff"] = len(lines) + 5
                lines += ["  if (lpSession)",
                          "    lpSession->Logoff(0, 0, 0);",
                          "  // seeded bug: the store outlives the session's Logoff",
                          "  if (lpMDB) {", "    ULONG ulLogoff = LOGOFF_ORDERLY;",
                          "    lpMDB->StoreLogoff(&ulLogoff);", "    lpMDB->Release();",
                          "  }", "  if (lpSession)", "    lpSession->Release();"]
            else:
                lines += ["  if (lpMDB)", "    lpMDB->Release();",
                          "  if (lpSession) {", "    lpSession->Logoff(0, 0, 0);",
                          "    lpSession->Release();", "  }"]
            if "uninit-order" in bugs:
                epilogue_bugs["uninit-order"] = len(lines) + 4
                lines += ["  if (fMapiInit)", "    MAPIUninitialize();",
                          "  // seeded bug: OLE must be uninitialized before MAPI",
                          "  if (fOleInit)", "    OleUninitialize();"]
            else:
                if ole:
                    lines += ["  if (fOleInit)", "    OleUninitialize();"]
                lines += ["  if (fMapiInit)", "    MAPIUninitialize();"]
        else:
            lines += ["  if (lpMDB)", "    lpMDB->Release();"]
        lines += ["  return hr;", "}", ""]

        start = len(self.out) + 1
        self.out += lines
        end = len(self.out)
        for bug in bugs:
            kind, checks, desc = SEEDED_BUGS[bug]
            off = bug_lines.get(kind) if kind else epilogue_bugs.get(bug)
            self.seeded.append({"bug": bug, "function": name, "checks": checks,
                                "line": start + off if off is not None else None,
                                "description": desc})
        self.functions.append({"name": name, "start": start, "end": end,
                               "lines": end - start + 1 - 1, "phases": len(phases),
                               "acquisitions": acq, "helper_calls": helper_calls,
                               "entry_point": lifecycle,
                               "seeded_bugs": list(bugs)})

    def generate(self):
        self.out = [
            f"// Generated by bench/gen_tu.py --shape=large-functions --func-lines {self.func_lines} "
            f"--functions {self.nfuncs} --seed {self.seed}.",
            "// Deterministic benchmark input for mapi-tidy; do not edit.",
            "// A few very large MAPI functions: conditional acquisitions, nested row and",
            "// attachment loops, one Cleanup label, an error-check macro (an immediately",
            "// invoked [&] lambda) around every call.  Correct except for the lines",
            "// marked \"seeded bug\".",
        ] + [f"#include <{h}>" for h in INCLUDES]
        self.out += block(LARGE_PRELUDE) + [""]
        self.prelude_lines = len(self.out)
        for f in range(self.nfuncs):
            self.function(f)
        # A caller of the session-level functions, so they are used.
        callees = [f["name"] for f in self.functions if not f["entry_point"]]
        if callees:
            self.out += ["// Runs every export over one session.",
                         "HRESULT ExportAll(LPMAPISESSION lpSession, ULONG ulFlags, ULONG *pulResult)",
                         "{", "  HRESULT hr = S_OK;", "  ULONG ul = 0;", "",
                         "  *pulResult = 0;"]
            for c in callees:
                self.out += [f"  EC_H({c}(lpSession, ulFlags, &ul));", "  *pulResult += ul;"]
            self.out += ["", "Cleanup:", "  return hr;", "}", ""]
        return "\n".join(self.out)

    def stats(self):
        big = self.functions
        return {"shape": "large-functions", "func_lines": self.func_lines,
                "functions": len(big), "lines": len(self.out),
                "prelude_lines": self.prelude_lines,
                "large_function_lines": [f["lines"] for f in big],
                "acquisitions": [f["acquisitions"] for f in big],
                "helper_calls": [f["helper_calls"] for f in big],
                "seeded_bugs": len(self.seeded)}


def generate_large(func_lines, nfuncs=4, seed=DEFAULT_SEED):
    """Return (source_text, stats, detail) for the large-functions shape.
    detail has the per-function line ranges and the seeded bugs."""
    g = LargeFunctionGenerator(seed, func_lines, nfuncs)
    text = g.generate()
    return text, g.stats(), {"functions": g.functions, "seeded": g.seeded}


def generate(scale, seed=DEFAULT_SEED):
    """Return (source_text, stats_dict) for the given scale."""
    g = Generator(seed)
    text = g.generate(scale)
    return text, g.stats()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shape", choices=["scale", "large-functions"], default="scale",
                    help="'scale' (default): ~1500 small functions per --scale; "
                         "'large-functions': --functions very large functions "
                         "of about --func-lines lines each")
    ap.add_argument("--scale", type=int, default=1,
                    help="size multiplier; 1 is ~1500 functions (default 1)")
    ap.add_argument("--func-lines", type=int, default=1000,
                    help="large-functions: target lines per large function "
                         "(default 1000)")
    ap.add_argument("--functions", type=int, default=4,
                    help="large-functions: number of large functions (default 4)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("-o", "--output", help="write here instead of stdout")
    ap.add_argument("--stats", action="store_true",
                    help="print function/line counts to stderr (large-functions: "
                         "also each function's line range and the seeded bugs)")
    args = ap.parse_args(argv)
    if args.scale < 1:
        ap.error("--scale must be >= 1")
    if args.func_lines < 100 or args.functions < 1:
        ap.error("--func-lines must be >= 100 and --functions >= 1")
    detail = None
    if args.shape == "large-functions":
        text, st, detail = generate_large(args.func_lines, args.functions, args.seed)
    else:
        text, st = generate(args.scale, args.seed)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if args.stats:
        print(" ".join(f"{k}={v}" for k, v in st.items()), file=sys.stderr)
        for f in (detail or {}).get("functions", []):
            print(f"  {f['name']}: lines {f['start']}-{f['end']}, "
                  f"{f['acquisitions']} acquisitions, {f['helper_calls']} helper "
                  f"calls, {f['phases']} steps", file=sys.stderr)
        for b in (detail or {}).get("seeded", []):
            print(f"  seeded bug {b['bug']} in {b['function']} line {b['line']}: "
                  f"{b['description']} ({', '.join(b['checks'])})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
