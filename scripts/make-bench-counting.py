#!/usr/bin/env python3
"""Writes a counting-process benchmark file: (start, stop] rows, 10 covariates, an id.

Usage: python3 scripts/make-bench-counting.py ROWS OUT.csv [SEED]

ROWS/4 subjects, each followed from a delayed entry (uniform on 0..5) to an exponential event
or censoring time and cut into 4 intervals at random points (the covariates change at each
cut, as time-dependent labs do); the event, if any, is on the last interval. Times rounded to
0.01 so the file has ties.
"""
import sys

import numpy as np


def main() -> None:
    rows = int(float(sys.argv[1]))
    out = sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261130
    rng = np.random.default_rng(seed)
    subjects = rows // 4
    entry = np.round(rng.uniform(0, 5, subjects), 2)
    beta = np.linspace(-0.3, 0.3, 10)
    base = rng.normal(size=(subjects, 10))
    rate = 0.05 * np.exp(base @ beta)
    follow = np.maximum(np.round(np.minimum(rng.exponential(1.0 / rate), rng.exponential(20.0, subjects)), 2), 0.08)
    event = rng.random(subjects) < 0.7
    fractions = np.sort(rng.uniform(0.05, 0.95, size=(subjects, 3)), axis=1)
    cuts = entry[:, None] + fractions * follow[:, None]
    # Work in whole hundredths so that what is printed is what is compared: every interval has
    # stop > start after rounding (survkit refuses a zero-length interval, R's coxph drops it with
    # a warning), and each subject's intervals stay contiguous.
    bounds = np.rint(np.concatenate([entry[:, None], cuts, (entry + follow)[:, None]], axis=1) * 100).astype(np.int64)
    for k in range(1, 5):
        bounds[:, k] = np.maximum(bounds[:, k], bounds[:, k - 1] + 1)
    with open(out, "w") as f:
        f.write("id,start,stop,status," + ",".join(f"x{i}" for i in range(1, 11)) + "\n")
        chunk = 50_000
        for s0 in range(0, subjects, chunk):
            s1 = min(subjects, s0 + chunk)
            lines = []
            for k in range(4):
                start = bounds[s0:s1, k]
                stop = bounds[s0:s1, k + 1]
                status = (event[s0:s1] & (k == 3)).astype(int)
                x = base[s0:s1] + 0.1 * k * rng.normal(size=(s1 - s0, 10))
                for j in range(s1 - s0):
                    lines.append((s0 + j, k, f"{s0 + j},{start[j] // 100}.{start[j] % 100:02d},{stop[j] // 100}.{stop[j] % 100:02d},{status[j]}," +
                                  ",".join(f"{v:.4f}" for v in x[j])))
            lines.sort()
            f.write("\n".join(l[2] for l in lines) + "\n")


if __name__ == "__main__":
    main()
