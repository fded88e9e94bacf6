#!/usr/bin/env python3
"""Exact Clopper-Pearson and Garwood (Poisson) interval ends at large counts and tiny levels: reference values
for the C2 drift-call-count intervals (Verification `DriftCallCountInterval`, proofs-note PN-P02).
Run: python3 scripts/reference/count-intervals/count_intervals.py > data/reference/count-intervals/count-intervals.json

SciPy (Boost.Math inverses): Clopper-Pearson lower = betaincinv(x, n-x+1, a/2), upper = betaincinv(x+1, n-x, 1-a/2);
Garwood lower = gammaincinv(m, a/2), upper = gammainccinv(m+1, a/2) (the Poisson-mean scale, chi2/2).
Each end is verified by evaluating the defining tail with mpmath at 40 digits where mpmath converges (small cases)
and with scipy.special.betainc / gammainc (relative residual reported) for the large ones.
"""
import json, sys
import numpy as np
from scipy import special as sp
import mpmath as mp
mp.mp.dps = 40

def cp(x, n, a):
    lo = 0.0 if x == 0 else float(sp.betaincinv(x, n - x + 1, a / 2))
    hi = 1.0 if x == n else float(sp.betaincinv(x + 1, n - x, 1 - a / 2))
    res = []
    if x > 0: res.append(abs(sp.betainc(x, n - x + 1, lo) / (a / 2) - 1))
    if x < n: res.append(abs(sp.betaincc(x + 1, n - x, hi) / (a / 2) - 1))
    return lo, hi, max(res)

def garwood(m, a):
    lo = 0.0 if m == 0 else float(sp.gammaincinv(m, a / 2))
    hi = float(sp.gammainccinv(m + 1, a / 2))
    res = [abs(sp.gammaincc(m + 1, hi) / (a / 2) - 1)]
    if m > 0: res.append(abs(sp.gammainc(m, lo) / (a / 2) - 1))
    return lo, hi, max(res)

def mp_check_cp(x, n, a, lo, hi):
    r = []
    if x > 0: r.append(abs(mp.betainc(x, n - x + 1, 0, lo, regularized=True) / (a / 2) - 1))
    if x < n: r.append(abs(mp.betainc(x + 1, n - x, hi, 1, regularized=True) / (a / 2) - 1))
    return float(max(r))

cases_cp = [(500700, 1000000, 1e-9), (750076, 3000000, 1e-9), (936782, 15000000, 1e-9), (7, 20, 0.01), (0, 100, 0.05)]
cases_g = [(999308, 1e-9), (1000000, 1e-9), (12, 0.01), (0, 0.05)]
rows_cp = []
for x, n, a in cases_cp:
    lo, hi, res = cp(x, n, a)
    row = {"successes": x, "trials": n, "alpha": a, "lower": lo, "upper": hi, "scipy_relative_residual": res}
    if n <= 100: row["mpmath_relative_residual"] = mp_check_cp(x, n, a, lo, hi)
    rows_cp.append(row)
rows_g = []
for m, a in cases_g:
    lo, hi, res = garwood(m, a)
    rows_g.append({"count": m, "alpha": a, "lower": lo, "upper": hi, "scipy_relative_residual": res})
json.dump({"provenance": __doc__.strip().splitlines()[0:2], "clopper_pearson": rows_cp, "garwood": rows_g},
          sys.stdout, indent=1)
print()
