#!/usr/bin/env python3
"""Reference log-probabilities for `DiscreteLogPMF` (Randomness), at 50 digits with mpmath.

  stirlingError(n) = log n! − (n + ½)·log n + n − ½·log(2π)
  deviance(x, M)   = x·log(x/M) + M − x
  poisson(k, λ)    = −λ + k·log λ − log k!
  binomial(k, n, p)= log C(n, k) + k·log p + (n − k)·log(1 − p)
Inputs are binary64 values (written as hex floats where not integers) and evaluated exactly as given, so the
only error in the comparison is the Swift code's. Prints JSON to stdout.
Run: python3 scripts/reference/randomness/log_pmf_reference.py > data/reference/randomness/log_pmf.json
"""
import json
import sys

import mpmath as mp

mp.mp.dps = 50


def s(x):
    return mp.nstr(x, 30, min_fixed=-1, max_fixed=-1) if mp.isfinite(x) else ("-inf" if x < 0 else "inf")


def log_factorial(n):
    return mp.loggamma(mp.mpf(n) + 1)


def main():
    stirling = [{"n": n, "value": s(log_factorial(n) - (n + mp.mpf(1) / 2) * mp.log(n) + n - mp.log(2 * mp.pi) / 2)}
                for n in list(range(1, 41)) + [50, 99, 100, 500, 1000, 10**4, 10**6, 10**9, 10**12, 10**15]]
    deviance = []
    for x, m in [(0.0, 3.5), (1.0, 1.0), (10.0, 9.5), (10.0, 10.5), (1000.0, 1001.0), (1e9, 1e9 + 3e4),
                 (12.0, 3.0), (3.0, 12.0), (1e12, 1e12 - 1.0), (5.0, 0.001)]:
        xm, mm = mp.mpf(x), mp.mpf(m)
        val = mm if x == 0 else xm * mp.log(xm / mm) + mm - xm
        deviance.append({"x": float(x).hex(), "mean": float(m).hex(), "value": s(val)})
    poisson = []
    for lam in [0.5, 3.7, 10.0, 47.25, 1000.0, 123456.789, 1e9, 2.0 ** 50]:
        lm = mp.mpf(lam)
        mode = int(mp.floor(lm))
        sd = float(mp.sqrt(lm))
        ks = sorted({0, 1, 2, mode, mode + 1, max(0, int(mode - 3 * sd)), int(mode + 3 * sd), int(mode + 10 * sd) + 7})
        for k in ks:
            val = -lm if k == 0 else -lm + k * mp.log(lm) - log_factorial(k)
            poisson.append({"k": k, "mean": float(lam).hex(), "value": s(val)})
    binomial = []
    for n, p in [(20, 0.3), (1000, 0.005), (1000, 0.995), (50, 0.2), (101, 0.75), (10**6, 3e-6), (10**9, 0.37),
                 (2**50, 0.5), (7, 1e-300)]:
        nm, pm = mp.mpf(n), mp.mpf(p)
        mean = n * p
        sd = (n * p * (1 - p)) ** 0.5
        ks = sorted({k for k in [0, 1, n - 1, n, int(mean), int(mean) + 1, int(mean - 3 * sd), int(mean + 3 * sd),
                                 int(mean + 8 * sd) + 3] if 0 <= k <= n})
        for k in ks:
            val = (log_factorial(n) - log_factorial(k) - log_factorial(n - k)
                   + (k * mp.log(pm) if k > 0 else 0) + ((n - k) * mp.log1p(-pm) if k < n else 0))
            binomial.append({"k": k, "count": n, "probability": float(p).hex(), "value": s(val)})
    json.dump({
        "provenance": f"scripts/reference/randomness/log_pmf_reference.py, mpmath {mp.__version__} at 50 digits, "
                      f"Python {sys.version.split()[0]}; hex inputs are the exact binary64 arguments.",
        "stirlingError": stirling, "deviance": deviance, "poisson": poisson, "binomial": binomial,
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
