#!/usr/bin/env python3
"""Adversarial-input sweep of every survkit command: no input may crash survkit.

    scripts/adversarial-sweep.py [--binary .build/debug/survkit] [--jobs 2] [--only km,cox]
                                 [--timeout 60] [--log sweep.log]

For every command a few valid base invocations are run first (each must exit 0). Then every
option that takes a value (read from the command's own `--help`, so a new flag is swept without
editing this file) is given each extreme value below on top of each base: 0, -1, 1e308, nan,
inf, 2^63, 1e-320, lists with nan/duplicates/reversed order, ... Then data files with extreme
contents (times 1e308 and 5e-324, -0, one row, all censored, one time, a 1e308 covariate, CRLF,
BOM, a 10 MB line, many groups) go through every data-reading command.

A case FAILS when survkit
  - dies of a signal (a Swift runtime trap is SIGILL/SIGTRAP, a stack overflow SIGSEGV),
  - exits with a status other than 0 or 2 (1 is an internal failure, i.e. a bug),
  - exits 2 with a stderr that is not exactly one line (the contract: one line naming the problem),
  - exits 0 with `nan`/`inf` in a number of its JSON output (a silently wrong number), or
  - runs past --timeout seconds (an unbounded loop or allocation from a number in the input).
Exit status of the script: 0 when no case failed, 1 otherwise. Run it under `nice -n 19`.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUNG = "notebooks-data/lung.csv"
OVARIAN = "notebooks-data/ovarian.csv"
AML = "notebooks-data/aml.csv"
INTERIM = "notebooks-data/nct07363356-interim.csv"
GS = "notebooks-data/nct07363356-gs.yaml"
FIXED = "notebooks-data/nct07363356.yaml"
MGUS = "Tests/Fixtures/competing/data/mgus2.csv"
METRICS_TEST = "Tests/Fixtures/metrics/test.csv"
METRICS_TRAIN = "Tests/Fixtures/metrics/train.csv"
XPT = "notebooks-data/nct07363356-adtte.xpt"

DESIGN = ["--median-control", "11", "--hazard-ratio", "0.5", "--accrual-time", "18", "--follow-up", "12"]
SIM = ["--median-control", "11", "--hazard-ratio", "0.5", "--accrual-time", "18", "--patients", "56",
       "--events", "27", "--replicates", "200", "--threads", "2"]

# Valid invocations each flag is added to ("{tmp}" is a fresh folder of the case).
BASES = {
    "km": [[LUNG, "--time", "time", "--event", "status", "--group", "sex"],
           [LUNG, "--time", "time", "--event", "status", "--group", "sex", "--plot", "{tmp}/km.svg", "--risk-table"]],
    "logrank": [[LUNG, "--time", "time", "--event", "status", "--group", "sex"],
                [LUNG, "--time", "time", "--event", "status", "--one-sample", "--median-historical", "300"]],
    "cox": [[LUNG, "--time", "time", "--event", "status", "--covariates", "age,sex"],
            [LUNG, "--time", "time", "--event", "status", "--covariates", "age,sex", "--plot", "{tmp}/c.svg"]],
    "rmst": [[OVARIAN, "--time", "futime", "--event", "fustat", "--group", "rx"]],
    "cif": [[MGUS, "--time", "etime", "--status", "status", "--group", "sex"]],
    "survreg": [[LUNG, "--time", "time", "--event", "status", "--covariates", "age,sex"]],
    "metrics": [[METRICS_TEST, "--time", "time", "--event", "status", "--marker", "risk", "--train", METRICS_TRAIN,
                 "--times", "1,2.5,4"]],
    "predict": [[INTERIM, "--time", "time", "--event", "status", "--entry", "entry", "--target-events", "40",
                 "--replicates", "100", "--threads", "2"],
                [INTERIM, "--time", "time", "--event", "status", "--entry", "entry", "--target-events", "60",
                 "--patients-to-enrol", "10", "--accrual-rate", "2", "--replicates", "100", "--group", "arm",
                 "--plot", "{tmp}/p.svg"]],
    "split": [[LUNG, "--time", "time", "--event", "status", "--cut", "100,200"]],
    "design": [DESIGN, DESIGN + ["--looks", "3"], DESIGN + ["--delay", "3"], DESIGN + ["--plot", "{tmp}/d.svg"],
               ["--one-sample", "--median-historical", "11", "--hazard-ratio", "0.5", "--accrual-time", "18",
                "--follow-up", "12"],
               ["--file", FIXED, "--patients", "56", "--grid", "accrual=12:36:6,follow-up=6:36:6"]],
    "simulate": [SIM, SIM + ["--looks", "2"], SIM + ["--shard", "1/2", "--output", "{tmp}/s1.json", "--format", "json"]],
    "boundaries": [["--looks", "3"], ["--looks", "3", "--futility-spending", "obrien-fleming"],
                   ["--looks", "3", "--plot", "{tmp}/b.svg"]],
    "interim": [[INTERIM, "--time", "time", "--event", "status", "--group", "arm", "--entry", "entry",
                 "--cut", "16.2", "--design", GS]],
    "report": [["--design", GS, INTERIM, "--time", "time", "--event", "status", "--group", "arm", "--entry", "entry",
                "--cut", "16.2", "--output-dir", "{tmp}/r"]],
}

# Extreme values of any option; lists get extra ones. "" is an empty value.
SCALARS = ["0", "-1", "-0", "1", "0.5", "2", "1e308", "-1e308", "1e-320", "4.9e-324", "nan", "inf", "-inf",
           "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
           "1e19", "1e9", "", "x", "1:0", "0:1", "1e308:1", "0/0", "5/3", "1/1", "2/1"]
LISTS = ["1,nan", "1,1", "5,1", "1,inf", ",", "1,", "-1,1", "1e308,1e308", "1e-320,1", "0,1e308", "1;2",
         "0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1",
         "a=1", "accrual=0:1:0", "accrual=1:0:1", "accrual=1:2:nan", "accrual=5e-324:1e308:1e307",
         "follow-up=0:0:0", "x=1", "time=1", "time!=1", "time<nan", "time in(1,2)", "sex=99"]
FEW = {"0", "-1", "1e308", "nan", "inf", "-inf", "9223372036854775808", "1e-320", "1,nan", "5,1", "1,1"}
SKIP_FLAGS = {"--help", "--version", "--output", "--output-dir", "--plot", "--file", "--design", "--train",
              "--replicates-csv", "--events-csv", "--residuals", "--baseline-file", "--config"}


def option_flags(binary, command):
    """Options of `command` that take a value, from its --help, each with its kind: "column" (a
    column name: only a few values), "enum" (ArgumentParser checks the words), "list"
    (comma-separated: scalars and lists) or "number" (the scalars)."""
    text = subprocess.run([binary, command, "--help"], capture_output=True, text=True, cwd=ROOT).stdout
    blocks = re.split(r"\n(?=  (?:-\w, )?--)", text)
    flags = []
    for block in blocks:
        m = re.match(r"\s*(?:-\w, )?(--[a-z0-9-]+) <[^>]+>", block)
        if not m or m.group(1) in SKIP_FLAGS or m.group(1) in [f for f, _ in flags]:
            continue
        words = " ".join(block[m.end():].split())
        if "(values:" in words:
            kind = "enum"
        elif re.match(r"(Comma-separated \w* ?columns|Column|Columns|Name of the column)", words):
            kind = "column"
        elif re.search(r"(times|rates|hazards|values|bounds|ratios|quantiles|labels|cut|at|grid|where|reference|"
                       r"allocation|shard|survival|band-range|hazards-control|hazards-treatment)$", m.group(1)):
            kind = "list"
        else:
            kind = "number"
        flags.append((m.group(1), kind))
    return flags


def values_of(kind):
    return {"enum": ["", "x"], "column": ["", "x", "time", "nan"], "list": SCALARS + LISTS, "number": SCALARS}[kind]


def with_flag(base, flag, value):
    args = list(base)
    if flag in args:
        i = args.index(flag)
        args[i + 1] = value
    else:
        args += [flag, value]
    return args


def data_files(folder):
    """Adversarial data files: name -> bytes."""
    files = {}
    header = "time,status,group,x,w\n"
    def csv(rows):
        return (header + "".join(",".join(map(str, r)) + "\n" for r in rows)).encode()
    files["huge-time.csv"] = csv([(1e308, 1, "a", 1, 1), (1.7e308, 1, "b", 2, 1), (5, 0, "a", 3, 1), (8, 1, "b", 4, 1)])
    files["tiny-time.csv"] = csv([("5e-324", 1, "a", 1, 1), ("1e-320", 1, "b", 2, 1), ("1e-310", 0, "a", 3, 1), (1, 1, "b", 4, 1)])
    files["mixed-scale.csv"] = csv([("5e-324", 1, "a", 1, 1), (1e308, 1, "b", 2, 1), (1, 0, "a", 3, 1), (1e300, 1, "b", 4, 1)])
    files["negzero.csv"] = csv([("-0", 1, "a", 1, 1), ("-0.0", 1, "b", 2, 1), (1, 0, "a", 3, 1), (2, 1, "b", 4, 1)])
    files["one-row.csv"] = csv([(5, 1, "a", 1, 1)])
    files["two-rows.csv"] = csv([(5, 1, "a", 1, 1), (6, 0, "b", 2, 1)])
    files["all-censored.csv"] = csv([(i, 0, "ab"[i % 2], i, 1) for i in range(1, 11)])
    files["one-event.csv"] = csv([(i, 1 if i == 3 else 0, "ab"[i % 2], i, 1) for i in range(1, 11)])
    files["all-events.csv"] = csv([(i, 1, "ab"[i % 2], i, 1) for i in range(1, 11)])
    files["same-time.csv"] = csv([(7, i % 2, "ab"[i % 2], i, 1) for i in range(1, 11)])
    files["same-time-all-events.csv"] = csv([(7, 1, "ab"[i % 2], i, 1) for i in range(1, 11)])
    files["huge-covariate.csv"] = csv([(i, i % 3 > 0, "ab"[i % 2], 1e308 if i == 4 else i, 1) for i in range(1, 21)])
    files["tiny-covariate.csv"] = csv([(i, i % 3 > 0, "ab"[i % 2], 5e-324 * i, 1) for i in range(1, 21)])
    files["huge-spread-covariate.csv"] = csv([(i, i % 3 > 0, "ab"[i % 2], (-1) ** i * 1e300, 1) for i in range(1, 21)])
    files["const-covariate.csv"] = csv([(i, i % 3 > 0, "ab"[i % 2], 3, 1) for i in range(1, 21)])
    files["infinite-weight.csv"] = csv([(i, i % 3 > 0, "ab"[i % 2], i, "inf" if i == 2 else 1) for i in range(1, 21)])
    files["huge-weight.csv"] = csv([(i, i % 3 > 0, "ab"[i % 2], i, 1e308) for i in range(1, 21)])
    files["tiny-weight.csv"] = csv([(i, i % 3 > 0, "ab"[i % 2], i, 5e-324) for i in range(1, 21)])
    files["zero-weight.csv"] = csv([(i, i % 3 > 0, "ab"[i % 2], i, 0) for i in range(1, 21)])
    files["crlf-bom.csv"] = b"\xef\xbb\xbf" + csv([(i, i % 2, "ab"[i % 2], i, 1) for i in range(1, 11)]).replace(b"\n", b"\r\n")
    files["many-groups.csv"] = csv([(i % 97 + 1, i % 2, "g%d" % i, i, 1) for i in range(1, 5001)])
    files["notanumber-time.csv"] = csv([("nan", 1, "a", 1, 1), (2, 1, "b", 2, 1)])
    files["infinite-time.csv"] = csv([("inf", 1, "a", 1, 1), (2, 1, "b", 2, 1)])
    files["huge-int-time.csv"] = csv([("99999999999999999999999", 1, "a", 1, 1), (2, 1, "b", 2, 1), (3, 0, "a", 1, 1)])
    files["long-line.csv"] = header.encode() + b"1,1,a," + b"9" * (10 * 1024 * 1024) + b",1\n2,0,b,1,1\n"
    files["huge-status.csv"] = csv([(1, 1e308, "a", 1, 1), (2, 1, "b", 2, 1)])
    files["header-only.csv"] = header.encode()
    files["empty.csv"] = b""
    files["nul.csv"] = b"\x00" * 1000
    paths = {}
    for name, content in files.items():
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(content)
        paths[name] = path
    return paths


def data_cases(paths):
    cases = []
    common = ["--time", "time", "--event", "status"]
    for name, path in paths.items():
        for cmd, extra in [
            ("km", ["--group", "group"]), ("km", ["--group", "group", "--plot", "{tmp}/k.svg", "--risk-table"]),
            ("km", ["--weights", "w"]), ("km", ["--times", "1,5"]), ("km", ["--tau", "5"]),
            ("logrank", ["--group", "group"]), ("logrank", ["--group", "group", "--rho", "1", "--gamma", "1"]),
            ("logrank", ["--one-sample", "--median-historical", "5"]),
            ("cox", ["--covariates", "x"]), ("cox", ["--covariates", "x", "--weights", "w"]),
            ("cox", ["--factors", "group"]), ("cox", ["--covariates", "x", "--firth"]),
            ("cox", ["--covariates", "x", "--plot", "{tmp}/c.svg"]),
            ("rmst", ["--group", "group"]), ("rmst", ["--group", "group", "--tau", "5"]),
            ("survreg", ["--covariates", "x"]), ("survreg", ["--group", "group", "--dist", "exponential"]),
            ("metrics", ["--marker", "x"]),
            ("split", ["--cut", "2,4"]),
            ("predict", ["--entry", "x", "--target-events", "3", "--replicates", "50"]),
        ]:
            cases.append((cmd, [path] + common + extra))
        cases.append(("cif", [path, "--time", "time", "--status", "status", "--group", "group"]))
    return cases


def run_case(binary, timeout, case):
    command, args = case
    tmp = tempfile.mkdtemp(prefix="sweep-")
    try:
        # Run in the case's own folder (an option given a value as its output path writes there),
        # with the repository's files named absolutely.
        def absolute(a):
            a = a.replace("{tmp}", tmp)
            return os.path.join(ROOT, a) if a and not os.path.isabs(a) and os.path.isfile(os.path.join(ROOT, a)) else a
        argv = [binary, command] + [absolute(a) for a in args]
        try:
            r = subprocess.run(argv, capture_output=True, cwd=tmp, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return (case, "timeout", f"over {timeout} s")
        err = r.stderr.decode("utf-8", "replace")
        lines = [l for l in err.split("\n") if l.strip()]
        if r.returncode < 0:
            return (case, f"signal {-r.returncode}", err[-600:])
        if r.returncode not in (0, 2):
            return (case, f"exit {r.returncode}", err[-600:])
        if r.returncode == 2 and len(lines) != 1:
            return (case, f"exit 2 with {len(lines)} stderr lines", err[-600:])
        if r.returncode == 0:
            out = r.stdout.decode("utf-8", "replace")
            if re.search(r'(?<![A-Za-z_"])(-?nan|-?inf|NaN|Infinity)(?![A-Za-z_"])', out):
                return (case, "nan/inf in output", out[:300])
        return (case, None, r.returncode)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/survkit"))
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--only", default="")
    p.add_argument("--no-data", action="store_true")
    p.add_argument("--no-flags", action="store_true")
    p.add_argument("--log", default="")
    a = p.parse_args()
    a.binary = os.path.abspath(a.binary)
    only = set(filter(None, a.only.split(",")))
    commands = [c for c in BASES if not only or c in only]

    folder = tempfile.mkdtemp(prefix="sweep-data-")
    # Data files first, then the flags of the design commands (fast runs, many numbers).
    cases = [] if a.no_data else [c for c in data_cases(data_files(folder)) if not only or c[0] in only]
    bad_bases = []
    order = ["design", "boundaries", "simulate", "predict", "interim"]
    for command in sorted(commands, key=lambda c: order.index(c) if c in order else len(order)):
        for base in BASES[command]:
            case = (command, base)
            result = run_case(a.binary, a.timeout, case)
            if result[1] is not None or result[2] != 0:
                bad_bases.append(result)
                continue
            if a.no_flags:
                continue
            for flag, kind in option_flags(a.binary, command):
                # The first base gets every value; the others the numbers that trapped most often.
                values = values_of(kind) if base is BASES[command][0] else [v for v in values_of(kind) if v in FEW]
                for value in values:
                    cases.append((command, with_flag(base, flag, value)))

    failures = []
    log = open(a.log, "w") if a.log else None
    with ThreadPoolExecutor(max_workers=a.jobs) as pool:
        for case, problem, detail in pool.map(lambda c: run_case(a.binary, a.timeout, c), cases):
            if log:
                log.write(json.dumps({"command": case[0], "args": case[1], "problem": problem,
                                      "detail": detail if problem else None}) + "\n")
            if problem:
                failures.append((case, problem, detail))
                print(f"FAIL [{problem}] survkit {case[0]} {' '.join(map(repr, case[1]))}\n    {str(detail).strip()[:400]}",
                      flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    for case, problem, detail in bad_bases:
        print(f"BASE NOT VALID survkit {case[0]} {' '.join(case[1])}: {problem} {str(detail)[:300]}")
    print(f"{len(cases)} cases, {len(failures)} failures, {len(bad_bases)} invalid bases")
    return 1 if failures or bad_bases else 0


if __name__ == "__main__":
    sys.exit(main())
