#!/usr/bin/env python3
"""A competent NumPy implementation of PLMC with K = infinity (the Poisson limit), vectorised over chains,
used as an external speed reference for the Swift engine (docs/theory.md §2.1 (K = ∞: Poisson midpoints); the
finite-K literal reference is docs/theory.md §2.3).

One step, for every chain independently:
    N ~ Poisson(1), U_1 < ... < U_N sorted iid U[0,1), W one Brownian motion on [0, eta]
    X' = X + eta b(X) + eta sum_j [b(X + U_j eta b(X) + sqrt2 W(U_j eta)) - b(X)] + sqrt2 W(eta)
W is built at the sorted times and at eta from independent increments (O(1 + N) Gaussians per coordinate,
as in the Swift engine). Drift: b(x) = -a * (x - m), diagonal a (the engine's "diag" benchmark case).

Two formulations (--variant): "flat" (all midpoints of all chains in one segmented array) and "grouped" (the
chains with the same midpoint count advanced together); report the faster one.

Usage: python3 scripts/bench/plmc_numpy.py [--chains 100000] [--dim 10] [--steps 40] [--repeats 3] [--variant flat|grouped]
Prints ns per chain·step·dimension (best of repeats) and, for comparison, the cost of the Gaussians alone.
"""
import argparse
import time

import numpy as np


def make_drift(d):
    a = 1.0 + np.arange(d) / d
    m = np.zeros(d)

    def b(x):
        return -a * (x - m)

    return b


def plmc_inf_step(x, eta, b, rng):
    """Flat (segmented) formulation: all S = sum(N) midpoints of all chains in one array, grouped by chain."""
    n, d = x.shape
    counts = rng.poisson(1.0, n)
    total = int(counts.sum())
    b0 = b(x)
    root2 = np.sqrt(2.0)
    owner = np.repeat(np.arange(n), counts)                  # chain of each midpoint, ascending
    # sort the uniforms within each chain: owner + u sorts by chain, then by u (u < 1)
    key = np.sort(owner + rng.random(total))
    s = (key - owner) * eta                                  # midpoint times, ascending within a chain
    starts = np.cumsum(counts) - counts                      # first midpoint of each chain
    has = counts > 0
    previous = np.empty(total)
    previous[1:] = s[:-1]
    previous[starts[has]] = 0.0                              # the first midpoint of a chain starts at t = 0
    g = rng.standard_normal((total, d))
    g *= np.sqrt(s - previous)[:, None]
    np.cumsum(g, axis=0, out=g)                              # global running sum ...
    before = np.zeros((n, d))                                # ... minus the running sum before each chain
    idx = starts[has]
    before[has] = np.where((idx > 0)[:, None], g[np.maximum(idx - 1, 0)], 0.0)
    w_mid = g - before[owner]                                # W(s) per midpoint
    last_time = np.zeros(n)
    last_w = np.zeros((n, d))
    ends = starts + counts - 1
    last_time[has] = s[ends[has]]
    last_w[has] = w_mid[ends[has]]
    w_end = last_w + np.sqrt(eta - last_time)[:, None] * rng.standard_normal((n, d))
    x_next = x + eta * b0 + root2 * w_end
    if total:
        mids = x[owner] + s[:, None] * b0[owner] + root2 * w_mid
        corr = b(mids) - b0[owner]
        x_next[has] += eta * np.add.reduceat(corr, idx, axis=0)
    return x_next


def plmc_inf_step_grouped(x, eta, b, rng):
    """Grouped formulation: the chains with N = k midpoints are advanced together, k = 0, 1, ..., max N
    (for each group one (k+1, n_k, d) block of Gaussians, cumulative sums along the time axis)."""
    n, d = x.shape
    counts = rng.poisson(1.0, n)
    b0 = b(x)
    root2 = np.sqrt(2.0)
    x_next = x + eta * b0                                    # + sqrt2 W(eta) + corrections, per group below
    for k in range(int(counts.max()) + 1):
        idx = np.flatnonzero(counts == k)
        if idx.size == 0:
            continue
        times = np.empty((k + 1, idx.size))
        times[:k] = np.sort(rng.random((k, idx.size)), axis=0) * eta
        times[k] = eta
        steps = np.diff(times, axis=0, prepend=0.0)
        w = np.cumsum(np.sqrt(steps)[:, :, None] * rng.standard_normal((k + 1, idx.size, d)), axis=0)
        xi, bi = x[idx], b0[idx]
        update = root2 * w[k]
        if k:
            mids = xi[None] + times[:k, :, None] * bi[None] + root2 * w[:k]
            update += eta * (b(mids) - bi[None]).sum(axis=0)
        x_next[idx] += update
    return x_next


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--chains", type=int, default=100_000)
    p.add_argument("--dim", type=int, default=10)
    p.add_argument("--steps", type=int, default=40)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--eta", type=float, default=0.1)
    p.add_argument("--variant", choices=["flat", "grouped"], default="flat")
    args = p.parse_args()
    step = plmc_inf_step if args.variant == "flat" else plmc_inf_step_grouped
    n, d, steps = args.chains, args.dim, args.steps
    b = make_drift(d)
    best = float("inf")
    for r in range(args.repeats):
        rng = np.random.default_rng(12345 + r)
        x = np.zeros((n, d))
        t0 = time.perf_counter()
        for _ in range(steps):
            x = step(x, args.eta, b, rng)
        best = min(best, time.perf_counter() - t0)
    per = best * 1e9 / (n * steps * d)
    # reference: the Gaussians alone (2 d per chain-step on average for PLMC, K = inf)
    rng = np.random.default_rng(1)
    buf = np.empty((n, d))
    g_best = float("inf")
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            rng.standard_normal(out=buf)
        g_best = min(g_best, time.perf_counter() - t0)
    print(f"numpy PLMC(K=inf, {args.variant}) d={d} chains={n}: {per:.2f} ns per chain-step-dimension "
          f"(gaussians alone: {g_best * 1e9 / (n * steps * d):.2f} ns per Gaussian); "
          f"final variance per coordinate ~ {x.var(axis=0).mean():.3f}")


if __name__ == "__main__":
    main()
