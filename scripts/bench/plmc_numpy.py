#!/usr/bin/env python3
"""A competent NumPy implementation of PLMC with K = infinity (the Poisson limit), vectorised over chains,
used as an external speed reference for the Swift engine (docs/theory.md §2.1 (K = ∞: Poisson midpoints); the
finite-K literal reference is docs/theory.md §2.3).

One step, for every chain independently:
    N ~ Poisson(1), U_1 < ... < U_N sorted iid U[0,1), W one Brownian motion on [0, eta]
    X' = X + eta b(X) + eta sum_j [b(X + U_j eta b(X) + sqrt2 W(U_j eta)) - b(X)] + sqrt2 W(eta)
W is built at the sorted times and at eta from independent increments (O(1 + N) Gaussians per coordinate,
as in the Swift engine). Drift: b(x) = -a * (x - m), diagonal a (the engine's "diag" benchmark case).

Three formulations (--variant); report the fastest:
  "flat"     all midpoints of all chains in one segmented array (Poisson counts, sorted uniforms);
  "grouped"  the chains with the same midpoint count advanced together;
  "renewal"  the midpoint times as a renewal process: Exp(1) gaps, so the Poisson(1) points on [0, 1) are the partial
             sums below 1, already sorted; a loop over midpoint LEVELS (level l = the chains with at least l midpoints,
             kept as a shrinking index set), in place in preallocated buffers, with exactly 1 + N Gaussian vectors per
             chain and step (one per midpoint, drawn at its level, and one for W(eta)).

--check runs the three formulations and a literal per-chain reference step (a Python loop over chains) on a 2-D
diagonal drift from a fixed start and compares each formulation with the literal step in law (two-sample Kolmogorov
distance of every coordinate after 4 steps, critical value of guaranteed level from two DKW bounds, 1e-3 in all), and
the means and variances with their exact values. For
b(x) = -a(x - m) one step is X' - m = beta (x - m) + w with, s_j = U_j eta the midpoint times and z = eta a,
    beta = 1 - z + eta a^2 sum_j s_j,   w = sqrt2 W(eta) - sqrt2 eta a sum_j W(s_j),
w independent of x given the points and centred, so E[X'] - m = E[beta] (E[X] - m) and
E[(X' - m)^2] = E[beta^2] E[(X - m)^2] + E[w^2], with (Poisson(1) points, Campbell's formula)
    E[beta] = 1 - z + z^2/2,   E[beta^2] = (1 - z)^2 + (1 - z) z^2 + 7 z^4/12,
    E[w^2] = 2 eta (1 - z + 5 z^2/6)
(the K = infinity case of proofs-notes PN-C05 / PN-C12; stationary variance E[w^2] / (1 - E[beta^2])).

Usage: python3 scripts/bench/plmc_numpy.py [--chains 100000] [--dim 10] [--steps 40] [--repeats 5]
                                           [--variant flat|grouped|renewal] [--check] [--json]
Prints ns per chain·step·dimension (median and range of the repeats, after one untimed run) and, for comparison, the
cost of the Gaussians alone. `langevin-verify bench` runs the renewal formulation with --json.
"""
import argparse
import json
import time

import numpy as np


def drift_coefficients(d):
    """The diagonal drift b(x) = -a (x - m) of the benchmark: a_i = 1 + i/d, m = 0."""
    return 1.0 + np.arange(d) / d, np.zeros(d)


def make_drift(d, a=None, m=None):
    if a is None:
        a, m = drift_coefficients(d)

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


class RenewalStep:
    """The renewal formulation for b(x) = -a (x - m) (diagonal a), with buffers allocated once for n chains.

    Midpoint times: every chain draws Exp(1) gaps, S_1 = E_1, S_{l+1} = S_l + E_{l+1}; its midpoints are the partial
    sums below 1 (the points of a rate-1 Poisson process on [0, 1): N ~ Poisson(1), already sorted), at times S_l eta.
    The gaps are drawn level by level on the shrinking set of chains that have a level-l midpoint (1-D work only).
    Then the chains are put in order of decreasing N (a stable radix argsort of the small counts), so that the chains
    with at least l midpoints are a prefix of length c_l: every level is plain slicing of contiguous buffers, in place.
    At level l the prefix draws one Gaussian vector per chain, extends W(t) = W(t_prev) + sqrt(t - t_prev) g, and adds
    eta [b(x + t b0 + sqrt2 W(t)) - b0]; finally every chain draws one more for W(eta). So exactly 1 + N Gaussian vectors
    per chain and step. X' is written back in the original chain order (one scatter).
    """

    def __init__(self, n, d, a, m):
        self.a, self.m = a, m
        self.xs = np.empty((n, d))                           # x in count order
        self.b0 = np.empty((n, d))
        self.w = np.empty((n, d))
        self.acc = np.empty((n, d))
        self.scratch = np.empty((n, d))
        self.gauss = np.empty((3 * n, d))                    # 1 + N vectors per chain: n + sum N (< 3n, else grown)
        self.t_last = np.empty(n)
        self.count = np.empty(n, dtype=np.uint8)
        self.time = np.empty(n)

    def __call__(self, x, eta, rng, out):
        """Writes X' to `out` (which must not be `x`) and returns it."""
        a, m, xs, b0, w, acc, t_last = self.a, self.m, self.xs, self.b0, self.w, self.acc, self.t_last
        n, d = x.shape
        root2 = np.sqrt(2.0)
        # 1. The renewal points, level by level (1-D): times[l][j] is the l-th midpoint time of chain idx[l][j].
        count = self.count
        count.fill(0)
        s = rng.standard_exponential(n)
        idx = np.flatnonzero(s < 1.0)
        s = s[idx]
        levels = []
        while idx.size:
            count[idx] += 1
            levels.append((idx, s * eta))
            s += rng.standard_exponential(idx.size)
            keep = s < 1.0
            idx, s = idx[keep], s[keep]
        # 2. Chains in order of decreasing count: level l is the prefix of length len(levels[l]).
        order = np.argsort(np.uint8(255) - count, kind="stable")
        np.take(x, order, axis=0, out=xs)
        np.subtract(xs, m, out=b0)
        b0 *= -a                                             # b0 = b(x)
        np.multiply(b0, eta, out=acc)
        acc += xs                                            # x + eta b0 (+ corrections + sqrt2 W(eta))
        w.fill(0.0)
        t_last.fill(0.0)
        position = np.empty(n, dtype=np.intp)
        position[order] = np.arange(n)
        time = self.time
        # All the step's Gaussian vectors in one call: one per midpoint (level by level), then one per chain.
        total = n + sum(idx.size for idx, _ in levels)
        if total > self.gauss.shape[0]:
            self.gauss = np.empty((total, d))
        gauss = rng.standard_normal(out=self.gauss[:total])
        used = 0
        for idx, t_level in levels:
            k = idx.size
            time[position[idx]] = t_level                    # this level's times, in count order (a prefix)
            t = time[:k]
            g = gauss[used:used + k]
            used += k
            g *= np.sqrt(t - t_last[:k])[:, None]
            wk = w[:k]
            wk += g                                          # W(t)
            t_last[:k] = t
            mid = self.scratch[:k]
            np.multiply(b0[:k], t[:, None], out=mid)
            mid += xs[:k]
            np.multiply(wk, root2, out=g)
            mid += g                                         # midpoint x + t b0 + sqrt2 W(t)
            mid -= m
            mid *= -a                                        # b(midpoint)
            mid -= b0[:k]
            mid *= eta
            acc[:k] += mid                                   # += eta [b(mid) - b0]
        g = gauss[used:]                                     # W(eta): the last increment of every chain
        np.subtract(eta, t_last, out=t_last)
        np.sqrt(t_last, out=t_last)
        g *= t_last[:, None]
        w += g
        w *= root2
        acc += w
        out[order] = acc                                     # back to the original chain order
        return out


def literal_step(x, eta, a, m, rng):
    """The literal reference: a Python loop over chains, each with N ~ Poisson(1), sorted uniforms U_j and W built
    from independent increments at the times U_j eta and eta."""
    n, d = x.shape
    out = np.empty_like(x)
    for c in range(n):
        xc = x[c]
        b0 = -a * (xc - m)
        count = rng.poisson(1.0)
        times = np.sort(rng.random(count)) * eta
        w = np.zeros(d)
        previous = 0.0
        total = xc + eta * b0
        for t in times:
            w = w + np.sqrt(t - previous) * rng.standard_normal(d)
            previous = t
            total = total + eta * (-a * (xc + t * b0 + np.sqrt(2.0) * w - m) - b0)
        w = w + np.sqrt(eta - previous) * rng.standard_normal(d)
        out[c] = total + np.sqrt(2.0) * w
    return out


def exact_moments(x0, eta, a, m, steps):
    """E[X_T] and Var[X_T] per coordinate from X_0 = x0 (see the module docstring)."""
    z = eta * a
    e_beta = 1 - z + z * z / 2
    e_beta2 = (1 - z) ** 2 + (1 - z) * z * z + 7 * z ** 4 / 12
    e_w2 = 2 * eta * (1 - z + 5 * z * z / 6)
    mean, second = x0 - m, (x0 - m) ** 2
    for _ in range(steps):
        mean, second = e_beta * mean, e_beta2 * second + e_w2
    return mean + m, second - mean * mean


def two_sample_bound(x, y, alpha):
    """sup_t |F_x(t) - F_y(t)| and a critical value with guaranteed level alpha when x and y are iid samples of one law F:
    by the triangle inequality the distance is at most sup|F_x - F| + sup|F_y - F|, and DKW-Massart bounds each,
    P(sup|F_n - F| > e) <= 2 exp(-2 n e^2), at level alpha/2 each."""
    xs, ys = np.sort(x), np.sort(y)
    grid = np.concatenate([xs, ys])
    distance = np.abs(np.searchsorted(xs, grid, side="right") / xs.size
                      - np.searchsorted(ys, grid, side="right") / ys.size).max()
    critical = sum(np.sqrt(np.log(4 / alpha) / (2 * n)) for n in (xs.size, ys.size))
    return distance, critical


def check(args):
    """Every formulation against the literal reference step, in law: after 4 steps from a fixed start, the two-sample
    Kolmogorov distance of each coordinate to the literal step's sample stays below a critical value of guaranteed
    level (two DKW bounds; 1e-3 in all, Bonferroni over formulations and coordinates). The mean and variance are
    also compared with their exact values (CLT z-scores, a diagnostic)."""
    d, eta, steps = 2, 0.5, 4
    a, m = np.array([1.0, 1.5]), np.array([0.5, -1.0])
    x0 = np.array([2.0, 1.0])
    exact_mean, exact_var = exact_moments(x0, eta, a, m, steps)
    z = eta * a
    stationary = 2 * eta * (1 - z + 5 * z * z / 6) / (1 - ((1 - z) ** 2 + (1 - z) * z * z + 7 * z ** 4 / 12))
    print(f"exact after {steps} steps (eta = {eta}, a = {a}, m = {m}, x0 = {x0}): mean {exact_mean}, "
          f"variance {exact_var}; stationary variance {stationary} (the target law: 1/a = {1 / a})")
    worst = 0.0
    b = make_drift(d, a, m)
    samples = {}
    for seed, (name, n) in enumerate([("literal", 40_000), ("renewal", 1_000_000), ("flat", 1_000_000),
                                      ("grouped", 1_000_000)]):
        rng = np.random.default_rng(2024 + seed)
        x = np.tile(x0, (n, 1))
        if name == "renewal":
            step = RenewalStep(n, d, a, m)
            spare = np.empty_like(x)
            for _ in range(steps):
                x, spare = step(x, eta, rng, spare), x
        else:
            for _ in range(steps):
                if name == "literal":
                    x = literal_step(x, eta, a, m, rng)
                elif name == "flat":
                    x = plmc_inf_step(x, eta, b, rng)
                else:
                    x = plmc_inf_step_grouped(x, eta, b, rng)
        samples[name] = x
        mean, var = x.mean(axis=0), x.var(axis=0, ddof=1)
        fourth = ((x - exact_mean) ** 4).mean(axis=0)
        z_mean = (mean - exact_mean) / np.sqrt(exact_var / n)
        z_var = (var - exact_var) / np.sqrt((fourth - exact_var ** 2) / n)
        worst = max(worst, np.abs(z_mean).max(), np.abs(z_var).max())
        print(f"{name:8s} n={n:>8d}: mean {mean} (z {np.round(z_mean, 2)}), variance {var} (z {np.round(z_var, 2)})")
    print(f"largest |z| = {worst:.2f} against the exact moments (CLT z-scores, a diagnostic)")
    others = ["renewal", "flat", "grouped"]
    alpha = 1e-3 / (len(others) * d)
    failed = False
    for name in others:
        for j in range(d):
            distance, critical = two_sample_bound(samples[name][:, j], samples["literal"][:, j], alpha)
            ok = distance <= critical
            failed |= not ok
            print(f"{name:8s} vs literal, coordinate {j}: sup|F - F_literal| = {distance:.5f} "
                  f"{'<=' if ok else '>'} {critical:.5f} (level {alpha:.1e}): {'same law' if ok else 'DIFFERENT LAW'}")
    print("every formulation has the literal step's law (guaranteed level 1e-3 in all)" if not failed
          else "a formulation differs in law from the literal step")
    return 1 if failed else 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--chains", type=int, default=100_000)
    p.add_argument("--dim", type=int, default=10)
    p.add_argument("--steps", type=int, default=40)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--eta", type=float, default=0.1)
    p.add_argument("--variant", choices=["flat", "grouped", "renewal"], default="flat")
    p.add_argument("--check", action="store_true", help="compare every formulation with the exact moments and exit")
    p.add_argument("--json", action="store_true", help="print one JSON line (median, range) for langevin-verify bench")
    args = p.parse_args()
    if args.check:
        raise SystemExit(check(args))
    n, d, steps = args.chains, args.dim, args.steps
    a, m = drift_coefficients(d)
    b = make_drift(d)
    if args.variant == "renewal":
        renewal = RenewalStep(n, d, a, m)
        buffers = [np.empty((n, d)), np.empty((n, d))]

        def step(x, eta, b, rng):                            # ping-pong between two preallocated states
            return renewal(x, eta, rng, buffers[1] if x is buffers[0] else buffers[0])
    else:
        step = plmc_inf_step if args.variant == "flat" else plmc_inf_step_grouped
    times = []
    x = None
    for r in range(args.repeats + 1):                        # run 0 is untimed (warm-up)
        rng = np.random.default_rng(12345 + r)
        x = np.zeros((n, d))
        t0 = time.perf_counter()
        for _ in range(steps):
            x = step(x, args.eta, b, rng)
        if r > 0:
            times.append(time.perf_counter() - t0)
    per = [t * 1e9 / (n * steps * d) for t in times]
    # reference: the Gaussians alone (2 d per chain-step on average for PLMC, K = inf)
    rng = np.random.default_rng(1)
    buf = np.empty((n, d))
    g_times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            rng.standard_normal(out=buf)
        g_times.append(time.perf_counter() - t0)
    g_per = [t * 1e9 / (n * steps * d) for t in g_times]
    variance = float(x.var(axis=0).mean())
    if args.json:
        print(json.dumps({"peer": "numpy", "variant": args.variant, "dim": d, "chains": n, "steps": steps,
                          "runs": len(per), "ns_median": float(np.median(per)), "ns_min": min(per), "ns_max": max(per),
                          "gaussian_ns_median": float(np.median(g_per)),
                          "detail": f"{args.variant} formulation, numpy {np.__version__}, one thread; "
                                    f"Gaussians alone {np.median(g_per):.2f} ns per draw"}))
        return
    print(f"numpy PLMC(K=inf, {args.variant}) d={d} chains={n}: {np.median(per):.2f} ns per chain-step-dimension "
          f"(median of {len(per)}, range {min(per):.2f}-{max(per):.2f}; gaussians alone: {np.median(g_per):.2f} ns per "
          f"Gaussian); final variance per coordinate ~ {variance:.3f}")


if __name__ == "__main__":
    main()
