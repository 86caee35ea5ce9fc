#!/usr/bin/env python3
"""Writes the benchmark data sets: a 13-column numeric CSV (time, status, arm, x1..x10).

Usage: python3 scripts/make-bench-data.py ROWS OUT.csv [SEED]

Event times are exponential with a proportional-hazards dependence on arm and the covariates,
censored by an independent exponential, rounded to 0.01 so the file has ties, as real data do.
"""
import sys

import numpy as np


def main() -> None:
    rows = int(float(sys.argv[1]))
    out = sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261127
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, 10))
    arm = rng.integers(1, 3, size=rows)
    beta = np.linspace(-0.3, 0.3, 10)
    rate = 0.05 * np.exp(x @ beta + 0.4 * (arm == 2))
    event_time = rng.exponential(1.0 / rate)
    censor_time = rng.exponential(20.0, size=rows)
    time = np.round(np.minimum(event_time, censor_time), 2)
    status = (event_time <= censor_time).astype(int)
    with open(out, "w") as f:
        f.write("time,status,arm," + ",".join(f"x{i}" for i in range(1, 11)) + "\n")
        chunk = 200_000
        for start in range(0, rows, chunk):
            stop = min(rows, start + chunk)
            cols = [np.char.mod("%.2f", time[start:stop]), status[start:stop].astype(str),
                    arm[start:stop].astype(str)]
            cols += [np.char.mod("%.6f", x[start:stop, j]) for j in range(10)]
            lines = [",".join(r) for r in zip(*cols)]
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
