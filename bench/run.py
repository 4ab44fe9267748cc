#!/usr/bin/env python3
"""Time mapi-tidy against clang's own baselines on MAPI-heavy C++.

For each generated translation unit (bench/gen_tu.py, one per --scales entry
and one large-functions TU per --large entry) and for
examples/mapi_client.cpp (if present), measure the median wall time and the
peak memory (child max RSS, os.wait4) of:

  fsyntax   clang++-N -fsyntax-only                      (parse + Sema only)
  trivial   clang-tidy-N, one trivial AST check          (clang-tidy baseline)
  mapi      DIR/bin/mapi-tidy --checks=-*,mapi-*         (standalone binary)
  plugin    clang-tidy-N --load libMapiTidyPlugin.so     (plugin build)
  analyzer  clang-tidy-N --checks=-*,clang-analyzer-*    (path-sensitive reference)

Every command is run once untimed first (the warm-up); that run's output is
checked and the benchmark stops loudly on a crash or any compiler "error:"
line.  Exit codes of the tidy runs are otherwise ignored (findings may exist).
The warm-up of the mapi-* runs has MAPI_TIDY_DEBUG=1, so the analysis budget
hits it prints are counted; on large-functions TUs its findings are matched
against the generator's seeded bugs.

Timing uses hyperfine when it is installed (--no-hyperfine to force the
built-in loop: time.perf_counter around subprocess.run, median of --runs).

The performance targets are reported as PASS/WARN and never fail the run.
Raw numbers go to bench/results/latest.json.  Python 3.11 stdlib only.
"""

import argparse
import datetime
import json
import os
import platform
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

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT_DIR = BENCH / "out"
RESULTS_DIR = BENCH / "results"
EXAMPLE = ROOT / "examples" / "mapi_client.cpp"
MOCK_INCLUDE = ROOT / "test" / "Inputs" / "mock"

sys.path.insert(0, str(BENCH))
import gen_tu  # noqa: E402  (sibling module; path set just above)

TOOLS = ["fsyntax", "trivial", "mapi", "plugin", "analyzer"]

# Targets the project states.  Reported only; never turned into a failure.
TARGET_MAPI_OVER_FSYNTAX = 1.25   # largest generated TU
TARGET_MAPI_OVER_TRIVIAL = 1.05   # the bundled example

# A compiler/tidy diagnostic of severity error ("file:1:2: error: ..." or a
# bare "error: ..."), clang-tidy's own fatal messages, and crash banners.
ERROR_RE = re.compile(r"^(?:\S.*?:\d+:\d+: )?(?:fatal )?error: ")
TIDY_FATAL_RE = re.compile(r"^(?:Error while processing |Error: )")
CRASH_RE = re.compile(r"PLEASE submit a bug report|^Stack dump:|Segmentation fault")
WARNING_RE = re.compile(r"^(?:\S.*?:\d+:\d+: )warning: ")
FINDING_RE = re.compile(r"^(\S.*?):(\d+):\d+: warning: .*\[([\w.,-]+)\]$")
# "mapi-tidy: analysis budget hit in 'F'; analysed per acquisition site:
# N sites[ in R runs], U left unknown" (the bracketed part since 2987512).
BUDGET_RE = re.compile(r"^mapi-tidy: analysis budget hit in '([^']*)'.*?(\d+) sites"
                       r"(?: in (\d+) runs)?, (\d+) left unknown")


class BenchError(Exception):
    pass


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# -- commands ----------------------------------------------------------------

def compile_flags(mingw_include):
    return ["--target=x86_64-w64-mingw32", "-isystem", mingw_include]


def mock_flags():
    """The test suite's mock headers (lit's %mock, without extras/)."""
    return ["--target=x86_64-w64-mingw32", "-nostdinc", "-isystem",
            str(MOCK_INCLUDE)]


def build_commands(args, src, flags=None):
    """argv per tool for one source file; None where the tool is unavailable."""
    flags = flags or compile_flags(args.mingw_include)
    clangxx, tidy = f"clang++-{args.llvm}", f"clang-tidy-{args.llvm}"
    cmds = {
        "fsyntax": [clangxx, "-fsyntax-only", *flags, str(src)],
        "trivial": [tidy, "--quiet",
                    "--checks=-*,readability-braces-around-statements",
                    str(src), "--", *flags],
        "mapi": None,
        "plugin": None,
        "analyzer": None,
    }
    if args.mapi_tidy.is_file():
        cmds["mapi"] = [str(args.mapi_tidy), "--quiet", "--checks=-*,mapi-*",
                        str(src), "--", *flags]
    if args.plugin.is_file() and not args.no_plugin:
        cmds["plugin"] = [tidy, "--quiet", f"--load={args.plugin}",
                          "--checks=-*,mapi-*", str(src), "--", *flags]
    if not args.no_analyzer:
        cmds["analyzer"] = [tidy, "--quiet", "--checks=-*,clang-analyzer-*",
                            str(src), "--", *flags]
    return cmds


def version_text(argv):
    """`--version` output on one line (mapi-tidy names two versions)."""
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        out = (p.stdout or p.stderr).strip().splitlines()
        return "; ".join(l.strip() for l in out if l.strip()) or "?"
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unavailable ({e})"


def list_mapi_checks(argv_prefix):
    """Names of mapi-* checks the binary/plugin registers (sanity: a run with
    no checks enabled would be meaninglessly fast)."""
    p = subprocess.run(argv_prefix + ["--list-checks", "--checks=-*,mapi-*"],
                       capture_output=True, text=True, timeout=60)
    return [l.strip() for l in p.stdout.splitlines()
            if l.strip().startswith("mapi-")]


# -- running and checking ----------------------------------------------------

def check_output(tool, argv, rc, out):
    """Raise BenchError on a crash or an error diagnostic; return the number
    of warning diagnostics (tidy findings) for the report."""
    problems = []
    crashed = rc is None or rc < 0 or rc >= 128
    if tool == "fsyntax" and rc != 0:
        problems.append(f"exit code {rc}")
    if crashed:
        problems.append(f"crashed (exit status {rc})")
    bad = [l for l in out.splitlines()
           if ERROR_RE.match(l) or TIDY_FATAL_RE.match(l) or CRASH_RE.search(l)]
    if bad:
        problems.append(f"{len(bad)} error/crash line(s)")
    if not problems:
        return sum(1 for l in out.splitlines() if WARNING_RE.match(l))
    lines = out.splitlines()
    excerpt = "\n".join((bad or lines)[:25])
    hint = ""
    if tool == "mapi" and "file not found" in out:
        hint = ("\nhint: the standalone mapi-tidy may not find clang's resource "
                "headers (stddef.h, ...); check how it sets its resource dir.")
    raise BenchError(f"{tool} failed: {', '.join(problems)}\n"
                     f"command: {shlex.join(argv)}\n--- output (excerpt) ---\n"
                     f"{excerpt}{hint}")


def current_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for l in f:
                if l.startswith("VmRSS:"):
                    return int(l.split()[1])
    except (OSError, ValueError):
        pass
    return None


def run_wait4(argv, capture, env=None, limits=None):
    """Run argv to completion; return (wall seconds, peak RSS in KiB, exit
    status, output or None, why it was killed or None).  The peak RSS is the
    child's ru_maxrss from os.wait4; the status is negative when a signal
    killed the child.  limits = (seconds, KiB), either None: a watcher
    thread kills the child when it runs longer or its RSS grows larger
    (the RSS check reads /proc, so it works on Linux only)."""
    timeout, max_kb = limits or (None, None)
    with tempfile.TemporaryFile() as out:
        sink = out if capture else subprocess.DEVNULL
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT
                             if capture else subprocess.DEVNULL,
                             stdin=subprocess.DEVNULL, env=env)
        killed, done = [], threading.Event()

        def watch():
            while not done.wait(0.5):
                why = None
                if timeout and time.perf_counter() - t0 > timeout:
                    why = f"over {timeout:.0f} s"
                elif max_kb:
                    cur = current_rss_kb(p.pid)
                    if cur and cur > max_kb:
                        why = f"over {max_kb // 1024} MB after " \
                              f"{time.perf_counter() - t0:.0f} s"
                if why and not done.is_set():
                    killed.append(why)
                    os.kill(p.pid, signal.SIGKILL)
                    return
        if timeout or max_kb:
            threading.Thread(target=watch, daemon=True).start()
        _, status, ru = os.wait4(p.pid, 0)
        done.set()
        dt = time.perf_counter() - t0
        p.returncode = (-os.WTERMSIG(status) if os.WIFSIGNALED(status)
                        else os.WEXITSTATUS(status))
        text = None
        if capture:
            out.seek(0)
            text = out.read().decode("utf-8", errors="replace")
    rss = ru.ru_maxrss // 1024 if sys.platform == "darwin" else ru.ru_maxrss
    return dt, rss, p.returncode, text, (killed[0] if killed else None)


def warmup(tool, argv, limits=None):
    """The untimed first run: validates the output, warms the page cache.
    The mapi-* runs get MAPI_TIDY_DEBUG=1 here (budget-hit lines only).
    Returns (seconds, peak RSS KiB, warning_count, output, killed)."""
    env = None
    if tool in ("mapi", "plugin"):
        env = dict(os.environ, MAPI_TIDY_DEBUG="1")
    dt, rss, rc, out, killed = run_wait4(argv, True, env, limits)
    if killed:
        return dt, rss, None, out, killed
    return dt, rss, check_output(tool, argv, rc, out), out, None


def time_internal(tool, argv, runs, limits=None):
    times, rsss = [], []
    for _ in range(runs):
        dt, rss, rc, _, killed = run_wait4(argv, False, None, limits)
        if killed:
            raise BenchError(f"{tool} killed during timing ({killed}) although "
                             f"its warm-up finished: {shlex.join(argv)}")
        times.append(dt)
        rsss.append(rss)
        if rc < 0 or rc >= 128 or (tool == "fsyntax" and rc != 0):
            raise BenchError(f"{tool} exited with {rc} during timing: "
                             f"{shlex.join(argv)}")
    return times, rsss


def time_hyperfine(tool, argv, runs):
    """The warm-up already happened in warmup(), so hyperfine does none."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tf:
        export = tf.name
    try:
        # hyperfine's own advice (e.g. "first run was slower") goes to
        # stderr; keep it out of the report unless hyperfine itself fails.
        p = subprocess.run(["hyperfine", "--shell=none", "--runs", str(runs),
                            "--warmup", "0", "--ignore-failure", "--style",
                            "none", "--export-json", export, "--",
                            shlex.join(argv)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True)
        if p.returncode != 0:
            raise BenchError(f"hyperfine failed ({p.returncode}) for {tool}:\n"
                             f"{p.stderr.strip()}")
        with open(export, encoding="utf-8") as f:
            res = json.load(f)["results"][0]
    finally:
        os.unlink(export)
    codes = res.get("exit_codes") or []
    if any(c is None or c < 0 or c >= 128 or (tool == "fsyntax" and c != 0)
           for c in codes):
        raise BenchError(f"{tool} exit codes {codes} during timing: "
                         f"{shlex.join(argv)}")
    return list(res["times"])


def parse_findings(out):
    """[(line, check)] of the warnings in a tidy run's output."""
    found = []
    for l in out.splitlines():
        m = FINDING_RE.match(l)
        if m:
            for c in m.group(3).split(","):
                found.append((int(m.group(2)), c))
    return found


def parse_budget(out):
    """The MAPI_TIDY_DEBUG=1 budget lines: [{function, sites, unknown}]."""
    hits = []
    for l in out.splitlines():
        m = BUDGET_RE.match(l.strip())
        if m:
            hits.append({"function": m.group(1), "sites": int(m.group(2)),
                         "runs": int(m.group(3)) if m.group(3) else None,
                         "unknown": int(m.group(4))})
    return hits


def measure(args, tool, argv, large=False):
    runs = args.analyzer_runs if tool == "analyzer" else \
        args.large_runs if large else args.runs
    limits = None
    if large:
        limits = (args.large_timeout or None,
                  args.large_max_mb * 1024 if args.large_max_mb else None)
    first, first_rss, warnings, out, killed = warmup(tool, argv, limits)
    rsss = [first_rss]
    if killed:
        # Over a limit: no timing; what it printed so far is kept.
        res = {"median": None, "times": [], "backend": "killed",
               "killed": killed, "elapsed_when_killed": first,
               "warnings": None, "rss_kb": first_rss, "rss_kbs": rsss,
               "command": argv}
        if tool in ("mapi", "plugin"):
            res["findings"] = parse_findings(out)
            res["budget_hits"] = parse_budget(out)
        return res
    if runs == 1 and (tool == "analyzer" or large):
        # Minutes per run: the checked first run is the measurement.
        times, backend = [first], "internal-single"
    elif args.hyperfine:
        # hyperfine reports no memory: the warm-up's peak RSS stands.
        times, backend = time_hyperfine(tool, argv, runs), "hyperfine"
    else:
        times, more = time_internal(tool, argv, runs, limits)
        rsss += more
        backend = "internal"
    res = {"median": statistics.median(times), "times": times,
           "backend": backend, "warnings": warnings,
           "rss_kb": statistics.median(rsss), "rss_kbs": rsss,
           "command": argv}
    if tool in ("mapi", "plugin"):
        res["findings"] = parse_findings(out)
        res["budget_hits"] = parse_budget(out)
    return res


# -- reporting ---------------------------------------------------------------

def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_s(v):
    return "-" if v is None else f"{v:.3f}"


def fmt_r(v):
    return "-" if v is None else f"{v:.2f}x"


def median_of(entry, tool):
    r = entry["results"].get(tool)
    return r["median"] if r else None


def mapi_tool(entry):
    """The standalone binary is the headline number; fall back to the plugin."""
    for t in ("mapi", "plugin"):
        if entry["results"].get(t):
            return t
    return None


def print_table(entries):
    hdr = ["file", "lines", "fsyntax", "trivial", "mapi", "plugin", "analyzer",
           "mapi/fsyn", "mapi/triv", "anlz/fsyn"]
    rows = []
    for e in entries:
        m = mapi_tool(e)
        mv = median_of(e, m) if m else None
        fs, tr, an = (median_of(e, t) for t in ("fsyntax", "trivial", "analyzer"))
        star = "*" if m == "plugin" else ""
        rows.append([e["name"], str(e["lines"]), fmt_s(fs), fmt_s(tr),
                     fmt_s(median_of(e, "mapi")), fmt_s(median_of(e, "plugin")),
                     fmt_s(an), fmt_r(ratio(mv, fs)) + star,
                     fmt_r(ratio(mv, tr)) + star, fmt_r(ratio(an, fs))])
    widths = [max(len(r[i]) for r in rows + [hdr]) for i in range(len(hdr))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths)))
    print(line(hdr))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print("(median wall seconds; '-' = not run; * = ratio uses the plugin "
          "because the standalone binary was not run)")


def rss_of(entry, tool):
    r = entry["results"].get(tool)
    return r["rss_kb"] if r else None


def fmt_mb(kb):
    return "-" if kb is None else f"{kb / 1024:.0f}"


def print_memory_table(entries):
    """Peak memory (child max RSS) per tool; median over the runs measured
    (with hyperfine: the warm-up alone)."""
    hdr = ["file", "fsyntax", "trivial", "mapi", "plugin", "analyzer",
           "mapi/fsyn", "mapi/triv"]
    rows = []
    for e in entries:
        m = mapi_tool(e)
        mv = rss_of(e, m) if m else None
        rows.append([e["name"]] + [fmt_mb(rss_of(e, t)) for t in
                                   ("fsyntax", "trivial", "mapi", "plugin", "analyzer")]
                    + [fmt_r(ratio(mv, rss_of(e, "fsyntax"))),
                       fmt_r(ratio(mv, rss_of(e, "trivial")))])
    widths = [max(len(r[i]) for r in rows + [hdr]) for i in range(len(hdr))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths)))
    print(line(hdr))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print("(peak RSS in MB, median of the measured runs)")


def seeded_match(entry, tool):
    """Findings of a large-functions TU against its seeded bugs.  For each
    check a seeded bug expects, the findings of that check inside the bug's
    function on the line nearest the bug's line are its report; the bug is
    found if any check has one.  Every other finding is 'other' (a false
    positive, or a bug the generator did not mean to write)."""
    r = entry["results"].get(tool)
    detail = entry.get("large")
    if not r or detail is None or r.get("killed"):
        return None
    funcs = detail["functions"]

    def func_at(line):
        return next((f["name"] for f in funcs if f["start"] <= line <= f["end"]), None)
    findings = [(l, c, func_at(l)) for l, c in r["findings"]]
    found, used = [], set()
    for b in detail["seeded"]:
        hit = False
        for chk in b["checks"]:
            cand = [(k, l) for k, (l, c, fn) in enumerate(findings)
                    if c == chk and fn == b["function"] and k not in used]
            if not cand:
                continue
            near = min(cand, key=lambda kl: abs(kl[1] - (b["line"] or kl[1])))[1]
            used.update(k for k, l in cand if l == near)
            hit = True
        found.append({**b, "found": hit})
    other = [{"line": l, "check": c, "function": fn}
             for k, (l, c, fn) in enumerate(findings) if k not in used]
    return {"seeded": found, "other": other}


def large_report(entries):
    """Time and memory of the large-functions TUs against -fsyntax-only and
    the trivial check, the seeded bugs found, the analysis budget hits, and
    how the cost grows with the function size."""
    large = sorted((e for e in entries if e["kind"] == "large"),
                   key=lambda e: e["func_lines"])
    out = {}
    if not large:
        return out
    print("\nlarge-functions TUs (gen_tu.py --shape=large-functions):")
    hdr = ["file", "fn lines", "acq/fn", "fsyntax", "trivial", "mapi",
           "mapi/fsyn", "mapi/triv", "MB fsyn", "MB triv", "MB mapi",
           "MBm/triv", "seeded", "other", "budget", "unknown"]
    rows = []
    for e in large:
        m = mapi_tool(e)
        st = e["generator"]
        mv, fs, tr = (median_of(e, t) if t else None for t in (m, "fsyntax", "trivial"))
        match = seeded_match(e, m) if m else None
        hits = e["results"][m].get("budget_hits", []) if m else []
        info = {"func_lines": e["func_lines"], "lines": e["lines"],
                "large_function_lines": st["large_function_lines"],
                "acquisitions": st["acquisitions"], "tool": m,
                "fsyntax": fs, "trivial": tr, "mapi": mv,
                "rss_kb": {t: rss_of(e, t) for t in ("fsyntax", "trivial", m) if t},
                "budget_hits": hits}
        if match:
            info.update(seeded=match["seeded"], other=match["other"])
        out[e["name"]] = info
        nseed = len(e["large"]["seeded"])
        killed = bool(m and e["results"][m].get("killed"))
        mrss = rss_of(e, m) if m else None
        rows.append([e["name"], str(round(statistics.mean(st["large_function_lines"]))),
                     str(round(statistics.mean(st["acquisitions"]))),
                     fmt_s(fs), fmt_s(tr), "killed" if killed else fmt_s(mv),
                     fmt_r(ratio(mv, fs)),
                     fmt_r(ratio(mv, tr)), fmt_mb(rss_of(e, "fsyntax")),
                     fmt_mb(rss_of(e, "trivial")),
                     (">" if killed else "") + fmt_mb(mrss),
                     "-" if killed else fmt_r(ratio(mrss, rss_of(e, "trivial"))),
                     f"{sum(b['found'] for b in match['seeded'])}/{nseed}" if match else "-",
                     str(len(match["other"])) if match else "-",
                     str(len(hits)) if m else "-",
                     str(sum(h["unknown"] for h in hits)) if m else "-"])
    widths = [max(len(r[i]) for r in rows + [hdr]) for i in range(len(hdr))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths)))
    print(line(hdr))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print("(fn lines / acq/fn: mean lines and acquisitions per large function; "
          "seeded: seeded bugs reported / seeded; other: findings that match no "
          "seeded bug; budget: functions over the analysis bound "
          "(MAPI_TIDY_DEBUG=1); unknown: acquisition sites left unknown)")
    for e in large:
        info = out[e["name"]]
        for t, r in e["results"].items():
            if r.get("killed"):
                done = ", ".join(h["function"] for h in r.get("budget_hits", []))
                print(f"  {e['name']}: {t} KILLED ({r['killed']}, peak "
                      f"{r['rss_kb'] / 1024:.0f} MB)"
                      + (f"; budget hits printed before that: {done}" if done else ""))
                info.setdefault("killed", {})[t] = r["killed"]
        for b in info.get("seeded", []):
            if not b["found"]:
                print(f"  {e['name']}: seeded bug {b['bug']} in {b['function']} "
                      f"(line {b['line']}) not reported ({', '.join(b['checks'])})")
        for o in info.get("other", []):
            print(f"  {e['name']}:{o['line']}: other finding [{o['check']}] in "
                  f"{o['function'] or 'a helper'}")
    if len(large) >= 2:
        # x: all lines inside the large functions of the TU.
        xs = [sum(e["generator"]["large_function_lines"]) for e in large]
        for tool, base in (("mapi", "fsyntax"), ("mapi", "trivial"), ("trivial", "fsyntax")):
            t = mapi_tool(large[0]) if tool == "mapi" else tool
            pts = [(x, median_of(e, t), median_of(e, base)) for x, e in zip(xs, large)
                   if t and median_of(e, t) is not None and median_of(e, base) is not None]
            if len(pts) < 2:
                continue
            slope, icpt = least_squares([p[0] / 1000 for p in pts],
                                        [a - b for _, a, b in pts])
            per = ", ".join(f"{x / 1000:.1f}k: {(a - b) * 1000:+.0f} ms"
                            for x, a, b in pts)
            print(f"  ({t} - {base}) by large-function lines: {per}; slope "
                  f"{slope * 1000:+.1f} ms per 1000 lines (intercept "
                  f"{icpt * 1000:+.0f} ms)")
            out.setdefault("slopes", {})[f"{t}-{base}"] = {
                "slope_s_per_1k_function_lines": slope, "intercept_s": icpt}
        # Superlinear growth shows as an extra cost per line that rises.
        t = mapi_tool(large[0])
        if t:
            per_line = [(x, (median_of(e, t) - median_of(e, "fsyntax")) / x)
                        for x, e in zip(xs, large) if median_of(e, t) is not None]
            print(f"  ({t} - fsyntax) per 1000 large-function lines: " +
                  ", ".join(f"{x / 1000:.1f}k: {v * 1e6:.1f} ms" for x, v in per_line))
    return out


def budget_note(entries):
    """Analysis budget hits on the other inputs (MAPI_TIDY_DEBUG=1)."""
    for e in entries:
        if e["kind"] == "large":
            continue
        m = mapi_tool(e)
        hits = e["results"][m].get("budget_hits", []) if m else []
        if hits:
            print(f"note: {e['name']}: analysis budget hit in {len(hits)} "
                  f"function(s), {sum(h['unknown'] for h in hits)} acquisition "
                  "site(s) left unknown")


def least_squares(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    return slope, my - slope * mx


def linearity(entries):
    """Per-1k-line cost at each scale, and the slope of the extra cost over
    -fsyntax-only against size (seconds per 1000 user lines)."""
    gen = sorted((e for e in entries if e["scale"] is not None),
                 key=lambda e: e["lines"])
    out = {}
    print("\nlinearity (generated TUs):")
    if not gen:
        print("  no generated TUs")
        return out
    for tool in ("mapi", "plugin", "trivial", "analyzer"):
        pts = [(e["lines"], median_of(e, tool), median_of(e, "fsyntax"))
               for e in gen if median_of(e, tool) is not None]
        if not pts:
            continue
        per_k = [t / (l / 1000) for l, t, _ in pts]
        extra_k = [(t - f) / (l / 1000) for l, t, f in pts]
        info = {"lines": [p[0] for p in pts], "per_1k_lines": per_k,
                "extra_over_fsyntax_per_1k_lines": extra_k}
        desc = ", ".join(f"{l // 1000}k lines: {pk * 1000:.1f} ms"
                         for (l, _, _), pk in zip(pts, per_k))
        print(f"  {tool:8s} time per 1000 user lines: {desc}")
        desc = ", ".join(f"{x * 1000:+.2f} ms" for x in extra_k)
        print(f"  {'':8s} ({tool} - fsyntax) per 1000 lines:  {desc}")
        if len(pts) >= 2:
            slope, icpt = least_squares([p[0] / 1000 for p in pts],
                                        [t - f for _, t, f in pts])
            info.update(slope_s_per_1k_lines=slope, intercept_s=icpt)
            print(f"  {'':8s} slope of ({tool} - fsyntax) vs size: "
                  f"{slope * 1000:+.2f} ms per 1000 lines "
                  f"(intercept {icpt * 1000:+.0f} ms)")
        out[tool] = info
    pts = [(e["lines"], median_of(e, "fsyntax")) for e in gen]
    if len(pts) >= 2:
        slope, icpt = least_squares([l / 1000 for l, _ in pts],
                                    [t for _, t in pts])
        out["fsyntax"] = {"slope_s_per_1k_lines": slope, "intercept_s": icpt}
        print(f"  fsyntax  itself: {slope * 1000:.2f} ms per 1000 lines, "
              f"{icpt * 1000:.0f} ms fixed (headers)")
    return out


def spread_note(entry, tools):
    """Ratios of medians can sit inside run-to-run noise on a 2-core box;
    show the min-based ratio and each command's (max - min) / median."""
    rs = [entry["results"][t] for t in tools]
    spread = ", ".join(f"{t} spread {(max(r['times']) - min(r['times'])) / r['median']:.0%}"
                       for t, r in zip(tools, rs))
    return f"; min-based {min(rs[0]['times']) / min(rs[1]['times']):.3f}x; {spread}"


def targets(entries):
    out = []
    print("\ntargets (reported only, never a failure):")
    gen = [e for e in entries if e["scale"] is not None]
    largest = max(gen, key=lambda e: e["lines"]) if gen else None
    m = mapi_tool(largest) if largest else None
    if largest and m:
        r = ratio(median_of(largest, m), median_of(largest, "fsyntax"))
        status = "PASS" if r <= TARGET_MAPI_OVER_FSYNTAX else "WARN"
        msg = (f"{m} on largest generated TU ({largest['name']}): "
               f"{r:.2f}x fsyntax (target <= {TARGET_MAPI_OVER_FSYNTAX:.2f}x)"
               + spread_note(largest, (m, "fsyntax")))
    else:
        status, r = "SKIP", None
        msg = (f"mapi-* <= {TARGET_MAPI_OVER_FSYNTAX:.2f}x fsyntax on the "
               "largest generated TU: not measured")
    print(f"  [{status}] {msg}")
    out.append({"target": "mapi_over_fsyntax_largest", "limit":
                TARGET_MAPI_OVER_FSYNTAX, "value": r, "status": status})

    ex = next((e for e in entries if e["kind"] == "example"), None)
    m = mapi_tool(ex) if ex else None
    if ex and m and median_of(ex, "trivial"):
        r = ratio(median_of(ex, m), median_of(ex, "trivial"))
        status = "PASS" if r <= TARGET_MAPI_OVER_TRIVIAL else "WARN"
        msg = (f"{m} on {ex['name']}: {r:.3f}x the trivial-check run "
               f"(target <= {TARGET_MAPI_OVER_TRIVIAL:.2f}x)"
               + spread_note(ex, (m, "trivial")))
    else:
        status, r = "SKIP", None
        msg = ("mapi-* within 5% of the trivial-check run on the example: "
               "not measured")
    print(f"  [{status}] {msg}")
    out.append({"target": "mapi_over_trivial_example", "limit":
                TARGET_MAPI_OVER_TRIVIAL, "value": r, "status": status})
    return out


def git_head():
    try:
        p = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"],
                           capture_output=True, text=True, timeout=10)
        return p.stdout.strip() if p.returncode == 0 else None
    except OSError:
        return None


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for l in f:
                if l.startswith("model name"):
                    return l.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


# -- main --------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Benchmark mapi-tidy against clang -fsyntax-only, a trivial "
                    "clang-tidy check and the clang static analyzer.")
    ap.add_argument("--build", default="build",
                    help="build dir, relative to the repo root unless absolute "
                         "(default: build); uses DIR/bin/mapi-tidy and "
                         "DIR/lib/libMapiTidyPlugin.so")
    ap.add_argument("--llvm", default="19", help="LLVM major version (default 19)")
    ap.add_argument("--runs", type=int, default=5,
                    help="timed runs per command after one warm-up (default 5)")
    ap.add_argument("--scales", default="1,2,4",
                    help="comma-separated gen_tu.py scales (default 1,2,4); "
                         "empty for none")
    ap.add_argument("--large", default="500,1000,2000",
                    help="comma-separated function sizes (lines) for "
                         "large-functions TUs, gen_tu.py --shape=large-functions "
                         "(default 500,1000,2000); empty for none")
    ap.add_argument("--large-functions", type=int, default=4,
                    help="large functions per large-functions TU (default 4)")
    ap.add_argument("--large-headers", choices=["mingw", "mock"], default="mingw",
                    help="headers for the large-functions TUs: the real mingw-w64 "
                         "ones like every other input (default) or the test "
                         "suite's mock headers (test/Inputs/mock)")
    ap.add_argument("--analyzer-large", action="store_true",
                    help="also run the analyzer on the large-functions TUs")
    ap.add_argument("--large-runs", type=int, default=None,
                    help="timed runs per command on the large-functions TUs "
                         "(default: --runs); 1 makes the checked first run "
                         "the measurement, as for the analyzer")
    ap.add_argument("--large-timeout", type=float, default=1800,
                    help="kill a command on a large-functions TU after this many "
                         "seconds and report it as killed (default 1800; 0: none)")
    ap.add_argument("--large-max-mb", type=int, default=12288,
                    help="kill a command on a large-functions TU whose RSS grows "
                         "past this many MB (default 12288; 0: none)")
    ap.add_argument("--no-plugin", action="store_true",
                    help="skip the plugin column (it runs the same checks as "
                         "the standalone binary)")
    ap.add_argument("--seed", type=int, default=gen_tu.DEFAULT_SEED)
    ap.add_argument("--no-analyzer", action="store_true",
                    help="skip the clang-analyzer-* reference run")
    ap.add_argument("--analyzer-runs", type=int, default=1,
                    help="timed analyzer runs (default 1: the checked first run "
                         "is the measurement; the analyzer takes minutes here)")
    ap.add_argument("--analyzer-scales", default="min",
                    help="scales to run the analyzer on: 'min' (smallest, "
                         "default), 'all', or a comma list; the example always "
                         "gets it unless --no-analyzer")
    ap.add_argument("--no-example", action="store_true",
                    help="skip examples/mapi_client.cpp")
    ap.add_argument("--no-hyperfine", action="store_true",
                    help="use the built-in timing loop even if hyperfine exists")
    ap.add_argument("--mingw-include", default="/usr/x86_64-w64-mingw32/include")
    ap.add_argument("--json", default=str(RESULTS_DIR / "latest.json"),
                    help="where to write raw results")
    args = ap.parse_args(argv)

    if args.large_runs is None:
        args.large_runs = args.runs
    if args.runs < 1 or args.analyzer_runs < 1 or args.large_runs < 1:
        ap.error("--runs, --analyzer-runs and --large-runs must be >= 1")
    try:
        args.scale_list = [int(s) for s in args.scales.split(",") if s.strip()]
    except ValueError:
        ap.error(f"bad --scales {args.scales!r}")
    if any(s < 1 for s in args.scale_list):
        ap.error("scales must be >= 1")
    try:
        args.large_list = [int(s) for s in args.large.split(",") if s.strip()]
    except ValueError:
        ap.error(f"bad --large {args.large!r}")
    if any(s < 100 for s in args.large_list) or args.large_functions < 1:
        ap.error("--large sizes must be >= 100 and --large-functions >= 1")
    a = args.analyzer_scales.strip()
    if a == "all":
        args.analyzer_scale_set = set(args.scale_list)
    elif a == "min":
        args.analyzer_scale_set = {min(args.scale_list)} if args.scale_list else set()
    else:
        try:
            args.analyzer_scale_set = {int(s) for s in a.split(",") if s.strip()}
        except ValueError:
            ap.error(f"bad --analyzer-scales {a!r}")

    build = Path(args.build)
    args.build_dir = build if build.is_absolute() else ROOT / build
    args.mapi_tidy = args.build_dir / "bin" / "mapi-tidy"
    args.plugin = args.build_dir / "lib" / "libMapiTidyPlugin.so"
    args.hyperfine = not args.no_hyperfine and shutil.which("hyperfine") is not None
    return args


def write_if_changed(path, text):
    # Rewrite only when changed so repeated runs keep warm file caches.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")


def prepare_inputs(args):
    """[entry skeletons]: name, path, lines, kind ('scale', 'large' or
    'example'), scale, generator stats, and for 'large' the function-size
    target, per-function line ranges and seeded bugs."""
    inputs = []
    OUT_DIR.mkdir(exist_ok=True)
    # Shield generated TUs from any .clang-tidy higher up in the repository:
    # clang-tidy uses the nearest config file, and e.g. WarningsAsErrors there
    # would turn findings into "error:" lines.
    (OUT_DIR / ".clang-tidy").write_text(
        "# Written by bench/run.py: isolates benchmark inputs from repo config.\n"
        "Checks: '-*'\nWarningsAsErrors: ''\n", encoding="utf-8")
    for scale in args.scale_list:
        text, st = gen_tu.generate(scale, args.seed)
        path = OUT_DIR / f"mapi_scale{scale}.cpp"
        write_if_changed(path, text)
        inputs.append({"name": path.name, "path": path, "lines": text.count("\n"),
                       "kind": "scale", "scale": scale, "generator": st})
    for fl in args.large_list:
        text, st, detail = gen_tu.generate_large(fl, args.large_functions, args.seed)
        path = OUT_DIR / f"mapi_large{fl}.cpp"
        write_if_changed(path, text)
        inputs.append({"name": path.name, "path": path, "lines": text.count("\n"),
                       "kind": "large", "scale": None, "func_lines": fl,
                       "generator": st, "large": detail})
    if args.no_example:
        log("note: example skipped (--no-example)")
    elif EXAMPLE.is_file():
        with open(EXAMPLE, encoding="utf-8", errors="replace") as f:
            n = sum(1 for _ in f)
        inputs.append({"name": str(EXAMPLE.relative_to(ROOT)), "path": EXAMPLE,
                       "lines": n, "kind": "example", "scale": None,
                       "generator": None})
    else:
        log(f"note: {EXAMPLE.relative_to(ROOT)} does not exist; skipping the "
            "example (and the mapi-vs-trivial target)")
    return inputs


def main(argv=None):
    args = parse_args(argv)
    clangxx, tidy = f"clang++-{args.llvm}", f"clang-tidy-{args.llvm}"
    for exe in (clangxx, tidy):
        if shutil.which(exe) is None:
            log(f"error: {exe} not found on PATH")
            return 2
    if not Path(args.mingw_include, "windows.h").is_file():
        log(f"error: {args.mingw_include}/windows.h not found (mingw-w64 headers)")
        return 2

    meta = {
        "date_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(
            timespec="seconds"),
        "host": platform.node(), "cpu": cpu_model(), "cpus": os.cpu_count(),
        "python": platform.python_version(), "git_head": git_head(),
        "timing_backend": "hyperfine" if args.hyperfine else "internal",
        "runs": args.runs, "analyzer_runs": args.analyzer_runs,
        "large_runs": args.large_runs,
        "seed": args.seed, "scales": args.scale_list,
        "large_func_lines": args.large_list,
        "large_functions": args.large_functions,
        "large_headers": args.large_headers,
        "flags": compile_flags(args.mingw_include),
        "build_dir": str(args.build_dir),
        "versions": {clangxx: version_text([clangxx, "--version"]),
                     tidy: version_text([tidy, "--version"])},
        "mapi_checks": {},
    }
    log(f"timing with {meta['timing_backend']}, {args.runs} runs after 1 warm-up; "
        f"{os.cpu_count()} CPUs; build dir {args.build_dir}")

    # The binaries may legitimately not exist yet: skip with a clear note.
    if args.mapi_tidy.is_file():
        meta["versions"]["mapi-tidy"] = version_text([str(args.mapi_tidy), "--version"])
        checks = list_mapi_checks([str(args.mapi_tidy)])
        meta["mapi_checks"]["mapi"] = checks
        if not checks:
            log(f"error: {args.mapi_tidy} lists no mapi-* checks; timing it "
                "would measure nothing")
            return 1
        log(f"mapi-tidy: {len(checks)} mapi-* checks")
    else:
        log(f"SKIP mapi: {args.mapi_tidy} not found (build the project or pass "
            "--build DIR)")
    if args.no_plugin:
        log("SKIP plugin: --no-plugin")
    elif args.plugin.is_file():
        checks = list_mapi_checks([tidy, f"--load={args.plugin}"])
        meta["mapi_checks"]["plugin"] = checks
        if not checks:
            log(f"error: {tidy} --load {args.plugin} lists no mapi-* checks")
            return 1
        log(f"plugin: {len(checks)} mapi-* checks")
    else:
        log(f"SKIP plugin: {args.plugin} not found (build the project or pass "
            "--build DIR)")
    if args.no_analyzer:
        log("SKIP analyzer: --no-analyzer")

    entries = []
    try:
        for entry in prepare_inputs(args):
            name, path, scale = entry["name"], entry["path"], entry["scale"]
            entry["path"] = str(path)
            entry["results"] = {}
            large = entry["kind"] == "large"
            flags = mock_flags() if large and args.large_headers == "mock" else None
            entry["flags"] = flags or compile_flags(args.mingw_include)
            cmds = build_commands(args, path, flags)
            if scale is not None and scale not in args.analyzer_scale_set:
                cmds["analyzer"] = None
            if large and not args.analyzer_large:
                cmds["analyzer"] = None
            for tool in TOOLS:
                if cmds[tool] is None:
                    continue
                log(f"[{name}] {tool} ...")
                res = measure(args, tool, cmds[tool], large)
                entry["results"][tool] = res
                if res.get("killed"):
                    log(f"[{name}] {tool}: KILLED ({res['killed']}); peak "
                        f"{res['rss_kb'] / 1024:.0f} MB")
                    continue
                log(f"[{name}] {tool}: median {res['median']:.3f} s "
                    f"({len(res['times'])} run(s), {res['warnings']} warning(s), "
                    f"peak {res['rss_kb'] / 1024:.0f} MB)")
            entries.append(entry)
    except BenchError as e:
        log(f"\nBENCHMARK FAILED\n{e}")
        return 1

    print()
    print_table(entries)
    print()
    print_memory_table(entries)
    # Generated code is correct by construction: any mapi-* finding on it is a
    # false positive worth looking at.
    for e in entries:
        for t in ("mapi", "plugin"):
            r = e["results"].get(t)
            if r and e["scale"] is not None and r["warnings"]:
                print(f"note: {t} reported {r['warnings']} finding(s) on "
                      f"{e['name']}, which is clean by construction "
                      "(false positives?)")
    lin = linearity(entries)
    large = large_report(entries)
    budget_note(entries)
    tg = targets(entries)

    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "files": entries, "linearity": lin,
                   "large_functions": large, "targets": tg}, f, indent=2)
        f.write("\n")
    print(f"\nraw results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
