#!/usr/bin/env python3
"""Time mapi-tidy against a trivial clang-tidy check on any compile database.

For every file of DIR/compile_commands.json (optionally filtered), run

  mapi     <--tidy> -p DIR --quiet --checks=-*,mapi-* FILE
  trivial  <--trivial> -p DIR --quiet --checks=-*,readability-braces-around-statements FILE

--repeat times each (the two alternate, so drift hits both alike), keep the
minimum wall time and the minimum peak memory (the child's max RSS from
os.wait4), and print per-file figures, the mapi/trivial ratios, totals and
the worst files.  Both commands parse the same file with the same flags from
the same database, so the ratio isolates what the mapi-* checks cost on top
of clang-tidy itself.

Python 3.8+ standard library only; needs os.wait4 (Linux, macOS, BSD).
Exit status: 0, or 1 if a command crashed or timed out, 2 on a usage error.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TIDY = ROOT / "build" / "bin" / "mapi-tidy"
TRIVIAL_CHECK = "readability-braces-around-statements"

WARNING_RE = re.compile(r"^\S.*?:\d+:\d+: warning: .*\[([\w.,-]+)\]$")
ERROR_RE = re.compile(r"^(?:\S.*?:\d+:\d+: )?(?:fatal )?error: ")
CRASH_RE = re.compile(r"PLEASE submit a bug report|^Stack dump:|Segmentation fault")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# -- the compile database ----------------------------------------------------

def load_compdb(p):
    """(directory holding compile_commands.json, [absolute file paths]) in
    database order, each file once."""
    path = Path(p)
    db = path if path.is_file() else path / "compile_commands.json"
    if not db.is_file():
        raise SystemExit(f"error: no compile_commands.json in {p}")
    with open(db, encoding="utf-8") as f:
        entries = json.load(f)
    files, seen = [], set()
    for e in entries:
        if "file" not in e:
            continue
        fp = Path(e["file"])
        if not fp.is_absolute():
            fp = Path(e.get("directory", db.parent)) / fp
        fp = os.path.normpath(str(fp))
        if fp not in seen:
            seen.add(fp)
            files.append(fp)
    return db.parent, files, len(entries)


# -- one measured run --------------------------------------------------------

def run_measured(argv, timeout):
    """Run argv; return (wall seconds, peak RSS in KiB, exit status, output).
    The peak RSS is the child's ru_maxrss from os.wait4 (KiB on Linux,
    bytes on macOS).  The status is negative for a signal, None on timeout."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL)
        timed_out = []

        def kill():
            timed_out.append(True)
            try:
                os.kill(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status) \
            if hasattr(os, "waitstatus_to_exitcode") else \
            (-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
        rss = ru.ru_maxrss // 1024 if sys.platform == "darwin" else ru.ru_maxrss
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    return wall, rss, (None if timed_out else p.returncode), text


def summarize_output(text):
    lines = text.splitlines()
    checks = {}
    for l in lines:
        m = WARNING_RE.match(l)
        if m:
            for c in m.group(1).split(","):
                checks[c] = checks.get(c, 0) + 1
    return {"warnings": sum(checks.values()), "by_check": checks,
            "errors": sum(1 for l in lines if ERROR_RE.match(l)),
            "crash": any(CRASH_RE.search(l) for l in lines),
            "error_excerpt": [l for l in lines if ERROR_RE.match(l)][:3]}


def status_of(rc, summary):
    if rc is None:
        return "timeout"
    if rc < 0 or rc >= 128 or summary["crash"]:
        return "crash"
    if summary["errors"]:
        return "errors"
    return "ok"


# -- reporting ---------------------------------------------------------------

def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(v, spec, none="-"):
    return none if v is None else format(v, spec)


def short_names(paths):
    """Paths relative to their common directory, for a readable table."""
    if len(paths) == 1:
        return [os.path.basename(paths[0])]
    common = os.path.commonpath(paths)
    return [os.path.relpath(p, common) for p in paths]


def print_report(results, have_trivial, width):
    names = short_names([r["file"] for r in results])
    hdr = ["file", "mapi s", "triv s", "t ratio", "mapi MB", "triv MB",
           "m ratio", "findings", "status"]
    rows = []
    for n, r in zip(names, results):
        m, t = r["mapi"], r.get("trivial")
        if len(n) > width:
            n = "..." + n[-(width - 3):]
        status = m["status"] if not t or t["status"] in ("ok", m["status"]) \
            else f"{m['status']}/triv {t['status']}"
        rows.append([n, fmt(m["time"], ".2f"), fmt(t and t["time"], ".2f"),
                     fmt(ratio(m["time"], t and t["time"]), ".2f", "-") +
                     ("x" if t else ""),
                     fmt(m["rss_kb"] / 1024, ".0f"),
                     fmt(t and t["rss_kb"] / 1024, ".0f"),
                     fmt(ratio(m["rss_kb"], t and t["rss_kb"]), ".2f", "-") +
                     ("x" if t else ""),
                     str(m["warnings"]), status])
    if not have_trivial:
        hdr = [h for h in hdr if not h.startswith("triv") and "ratio" not in h]
        rows = [[c for i, c in enumerate(r) if i not in (2, 3, 5, 6)] for r in rows]
    widths = [max(len(r[i]) for r in rows + [hdr]) for i in range(len(hdr))]

    def line(r):
        return "  ".join(c.ljust(w) if i in (0, len(r) - 1) else c.rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    print(line(hdr))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    return names


def totals(results, names, have_trivial):
    ok = [r for r in results if r["mapi"]["time"] is not None]
    out = {"files": len(results)}
    tm = sum(r["mapi"]["time"] for r in ok)
    out["mapi_time_s"] = tm
    out["mapi_peak_kb"] = max((r["mapi"]["rss_kb"] for r in ok), default=None)
    print(f"\ntotal: {len(results)} file(s); mapi {tm:.2f} s, "
          f"peak {fmt(out['mapi_peak_kb'] and out['mapi_peak_kb'] / 1024, '.0f')} MB")
    by_check = {}
    for r in results:
        for c, n in r["mapi"]["by_check"].items():
            by_check[c] = by_check.get(c, 0) + n
    out["findings_by_check"] = by_check
    if by_check:
        print("findings: " + ", ".join(f"{c} {n}" for c, n in sorted(by_check.items())))
    bad = [(n, r) for n, r in zip(names, results) if r["mapi"]["status"] != "ok"
           or (r.get("trivial") and r["trivial"]["status"] != "ok")]
    for n, r in bad:
        t = r.get("trivial")
        print(f"note: {n}: mapi {r['mapi']['status']}"
              + (f", trivial {t['status']}" if t else "")
              + ("; " + r["mapi"]["error_excerpt"][0] if r["mapi"]["error_excerpt"] else ""))
    if not have_trivial:
        return out
    both = [(n, r) for n, r in zip(names, results)
            if r["mapi"]["time"] is not None and r["trivial"]["time"] is not None]
    if not both:
        return out
    tt = sum(r["trivial"]["time"] for _, r in both)
    tm2 = sum(r["mapi"]["time"] for _, r in both)
    tr = [r["mapi"]["time"] / r["trivial"]["time"] for _, r in both]
    mr = [r["mapi"]["rss_kb"] / r["trivial"]["rss_kb"] for _, r in both]
    peak_t = max(r["trivial"]["rss_kb"] for _, r in both)
    peak_m = max(r["mapi"]["rss_kb"] for _, r in both)
    out.update(trivial_time_s=tt, trivial_peak_kb=peak_t,
               time_ratio_of_totals=tm2 / tt,
               time_ratio_median=statistics.median(tr),
               time_ratio_geomean=statistics.geometric_mean(tr),
               peak_ratio=peak_m / peak_t,
               memory_ratio_median=statistics.median(mr),
               memory_ratio_geomean=statistics.geometric_mean(mr))
    print(f"trivial {tt:.2f} s, peak {peak_t / 1024:.0f} MB")
    print(f"time   mapi/trivial: {tm2 / tt:.3f}x of totals; per file median "
          f"{statistics.median(tr):.3f}x, geomean {statistics.geometric_mean(tr):.3f}x, "
          f"range {min(tr):.2f}x-{max(tr):.2f}x")
    print(f"memory mapi/trivial: {peak_m / peak_t:.3f}x of peaks; per file median "
          f"{statistics.median(mr):.3f}x, geomean {statistics.geometric_mean(mr):.3f}x, "
          f"range {min(mr):.2f}x-{max(mr):.2f}x")

    def worst(key, label, unit):
        n, r = max(both, key=lambda nr: key(nr[1]))
        v = key(r)
        print(f"worst {label}: {n} ({v:{unit}}; mapi {r['mapi']['time']:.2f} s / "
              f"{r['mapi']['rss_kb'] / 1024:.0f} MB, trivial {r['trivial']['time']:.2f} s / "
              f"{r['trivial']['rss_kb'] / 1024:.0f} MB)")
        return {"file": r["file"], "value": v}
    out["worst"] = {
        "time_ratio": worst(lambda r: r["mapi"]["time"] / r["trivial"]["time"],
                            "time ratio", ".2f"),
        "extra_seconds": worst(lambda r: r["mapi"]["time"] - r["trivial"]["time"],
                               "extra time (s)", ".2f"),
        "memory_ratio": worst(lambda r: r["mapi"]["rss_kb"] / r["trivial"]["rss_kb"],
                              "memory ratio", ".2f"),
        "mapi_time": worst(lambda r: r["mapi"]["time"], "mapi time (s)", ".2f"),
    }
    return out


# -- main --------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Per-file wall time and peak memory of mapi-tidy against a "
                    "trivial clang-tidy check, over a compile database.")
    ap.add_argument("-p", dest="build_path", required=True, metavar="DIR",
                    help="directory holding compile_commands.json (or the file)")
    ap.add_argument("files", nargs="*", metavar="FILE",
                    help="only these files (as in the database, or a path "
                         "suffix such as src/foo.cpp)")
    ap.add_argument("--filter", metavar="REGEX",
                    help="only files whose absolute path matches (re.search)")
    ap.add_argument("--exclude", metavar="REGEX",
                    help="skip files whose absolute path matches")
    ap.add_argument("--limit", type=int, metavar="N", help="at most N files")
    ap.add_argument("--tidy", default=None, metavar="CMD",
                    help="the mapi-tidy command (default: build/bin/mapi-tidy of "
                         "this repository, else mapi-tidy on PATH); may carry "
                         "arguments, e.g. 'clang-tidy-19 --load=.../libMapiTidyPlugin.so'")
    ap.add_argument("--checks", default="-*,mapi-*",
                    help="checks for the mapi run (default '-*,mapi-*')")
    ap.add_argument("--trivial", default=None, metavar="CMD",
                    help="clang-tidy for the baseline (default: clang-tidy-N for "
                         "the LLVM major mapi-tidy reports, else clang-tidy)")
    ap.add_argument("--trivial-check", default=TRIVIAL_CHECK,
                    help=f"the baseline's one check (default {TRIVIAL_CHECK})")
    ap.add_argument("--no-trivial", action="store_true",
                    help="measure mapi-tidy only")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="runs per command and file; the minimum is kept (default 1)")
    ap.add_argument("--extra-arg", action="append", default=[], metavar="ARG",
                    help="passed to both tools as --extra-arg=ARG (repeatable)")
    ap.add_argument("--timeout", type=float, default=0, metavar="S",
                    help="kill a run after S seconds (default: no limit)")
    ap.add_argument("--width", type=int, default=60,
                    help="maximum width of the file column (default 60)")
    ap.add_argument("--json", metavar="PATH", help="also write raw results here")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    return args


def resolve_tidy(spec):
    if spec:
        argv = shlex.split(spec)
    elif DEFAULT_TIDY.is_file():
        argv = [str(DEFAULT_TIDY)]
    else:
        argv = ["mapi-tidy"]
    if not (Path(argv[0]).is_file() or shutil.which(argv[0])):
        raise SystemExit(f"error: {argv[0]} not found (build the project or pass --tidy)")
    return argv


def llvm_major(argv):
    try:
        p = subprocess.run(argv + ["--version"], capture_output=True, text=True,
                           timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r"LLVM version (\d+)", p.stdout + p.stderr)
    return m.group(1) if m else None


def main(argv=None):
    args = parse_args(argv)
    if not hasattr(os, "wait4"):
        log("error: os.wait4 is not available on this platform")
        return 2
    dbdir, files, nentries = load_compdb(args.build_path)
    if args.files:
        want = [os.path.normpath(f) for f in args.files]
        files = [f for f in files
                 if any(f == os.path.abspath(w) or f.endswith(os.sep + w) or f == w
                        for w in want)]
    if args.filter:
        files = [f for f in files if re.search(args.filter, f)]
    if args.exclude:
        files = [f for f in files if not re.search(args.exclude, f)]
    if args.limit:
        files = files[:args.limit]
    if not files:
        log("error: no file of the database is selected")
        return 2

    tidy = resolve_tidy(args.tidy)
    major = llvm_major(tidy)
    trivial = None
    if not args.no_trivial:
        if args.trivial:
            trivial = shlex.split(args.trivial)
        else:
            cands = ([f"clang-tidy-{major}"] if major else []) + ["clang-tidy"]
            found = next((c for c in cands if shutil.which(c)), None)
            if not found:
                log("error: no clang-tidy found for the baseline; pass --trivial "
                    "CMD or --no-trivial")
                return 2
            trivial = [found]
        tmajor = llvm_major(trivial)
        if major and tmajor and tmajor != major:
            log(f"warning: mapi-tidy is LLVM {major} but the baseline is LLVM "
                f"{tmajor}; the ratio then also compares two clang versions")

    extra = [f"--extra-arg={a}" for a in args.extra_arg]
    cmds = {"mapi": tidy + ["-p", str(dbdir), "--quiet", f"--checks={args.checks}", *extra]}
    if trivial:
        cmds["trivial"] = trivial + ["-p", str(dbdir), "--quiet",
                                     f"--checks=-*,{args.trivial_check}", *extra]
    log(f"{len(files)} file(s) of {nentries} database entries; {args.repeat} run(s) "
        f"each; mapi: {shlex.join(cmds['mapi'])}"
        + (f"; trivial: {shlex.join(cmds['trivial'])}" if trivial else ""))

    results = []
    failed = False
    for k, f in enumerate(files, 1):
        res = {"file": f}
        runs = {t: [] for t in cmds}
        for _ in range(args.repeat):
            for tool, base in cmds.items():
                wall, rss, rc, text = run_measured(base + [f], args.timeout or None)
                runs[tool].append((wall, rss, rc, text))
        for tool, rs in runs.items():
            summ = summarize_output(rs[-1][3])
            statuses = [status_of(rc, summarize_output(t)) for _, _, rc, t in rs]
            # A crash or timeout in any run wins; otherwise the last run's.
            st = next((s for s in statuses if s in ("crash", "timeout")), statuses[-1])
            res[tool] = {"time": min(w for w, _, _, _ in rs),
                         "rss_kb": min(r for _, r, _, _ in rs),
                         "times": [w for w, _, _, _ in rs],
                         "rss_kbs": [r for _, r, _, _ in rs],
                         "exit": rs[-1][2], "status": st,
                         "warnings": summ["warnings"], "by_check": summ["by_check"],
                         "errors": summ["errors"],
                         "error_excerpt": summ["error_excerpt"],
                         "command": base + [f]}
            if st in ("crash", "timeout"):
                failed = True
        results.append(res)
        m, t = res["mapi"], res.get("trivial")
        log(f"[{k}/{len(files)}] {os.path.relpath(f, dbdir)}: mapi {m['time']:.2f} s "
            f"{m['rss_kb'] / 1024:.0f} MB {m['status']}"
            + (f"; trivial {t['time']:.2f} s {t['rss_kb'] / 1024:.0f} MB {t['status']}"
               if t else ""))

    print()
    names = print_report(results, bool(trivial), args.width)
    print(f"(minimum of {args.repeat} run(s); wall seconds; peak RSS in MB; "
          "ratios are mapi/trivial)")
    tot = totals(results, names, bool(trivial))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"compdb": str(dbdir), "repeat": args.repeat,
                       "commands": {t: c for t, c in cmds.items()},
                       "files": results, "totals": tot}, fh, indent=2)
            fh.write("\n")
        print(f"raw results: {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
