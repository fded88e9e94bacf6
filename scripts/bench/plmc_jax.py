#!/usr/bin/env python3
"""A JAX (CPU) implementation of PLMC with K = infinity, jit-compiled and vectorised over chains (the state is an
(chains, d) array: one row per chain), as a second external speed reference beside plmc_numpy.py. Same step and
drift as plmc_numpy.py (b(x) = -a (x - m), a_i = 1 + i/d, m = 0; float64):
    X' = x + eta b(x) + eta sum_j [b(x + s_j b(x) + sqrt2 W(s_j)) - b(x)] + sqrt2 W(eta),
s_1 < ... < s_N the points of a rate-1/eta Poisson process on [0, eta), W a Brownian motion built by independent
increments at those times and at eta.

Fixed shapes under jit. N is drawn first for every chain (inversion of the Poisson(1) CDF with one uniform, exact up
to binary64 like the Swift engine's table), so the number c_l of chains with at least l midpoints is known before
any other draw. The rows are put in order of decreasing N (a stable argsort), so the chains with N >= l are a prefix
of rows, and level l (l = 1 … L, L = 12) works on the contiguous static slice of the first C_l rows (C_l = n P(N >= l)
+ 8 standard deviations + 16; the rows beyond c_l are masked): the l-th point of each chain is drawn as the next
order statistic, U_l = U_(l-1) + (1 - U_(l-1)) (1 - V^(1/(N - l + 1))), V uniform, one Gaussian vector per row extends
W, and the midpoint correction is added in place. A last Gaussian vector per chain gives W(eta), and X' goes back to
the original chain order (one row gather). So about 1 + N Gaussian vectors per chain (plus the padding of the
capacities, ~1 %).

Layout: one row per chain. An earlier version kept the chains on the minor axis ((d, chains) arrays); there the
reordering gathers columns, XLA gives the gathered array a transposed layout and then re-transposes it in every
level's fusion, and one step cost about 10x the Gaussians it draws (1.3-1.9 us per chain-step-dimension against
0.1-0.2 us now, on the 2-core development machine).

The cap, exactly: if some c_l exceeds C_l or some chain has N > L (probability ~1e-5 per step at 1e5 chains), the
step is computed instead (lax.cond) on all n chains at every level (masks, no reordering) for L = 25 levels, which is
exact for every N the inversion can return (P(Poisson(1) > 25) < 1e-26, below binary64 resolution). The choice
depends on the counts N only, and every draw after the counts is fresh, so both branches give the exact conditional
law of the step given N: the cap changes the cost, never the law. The number of steps that took the wide branch is
printed.

Random numbers: jax.random (float64 normals by inverse erf) with the key implementation of --prng: "threefry2x32"
(JAX's default, and the faster with both cores: its counter-based draws are split across XLA's threads) or "rbg"
(XLA's RngBitGenerator; a little cheaper per draw on one thread). The Gaussians alone are timed too (one (chains, d)
array per step, summed so that XLA computes every draw; an earlier version summed only one element, which let XLA skip
the rest and reported a few ns per draw).

Usage: python3 scripts/bench/plmc_jax.py [--chains 100000] [--dim 10] [--steps 40] [--repeats 5]
                                         [--prng threefry2x32|rbg] [--check] [--json]
Prints "skipped: jax not importable" and exits 0 (1 with --json) when jax is missing. Compile time is excluded (one
untimed run of the same shapes first); XLA uses all cores. Reports the median and range of the repeats.
`langevin-verify bench` runs it with --json (`--with-jax` installs jax first: scripts/bench/jax-venv.sh). --check
compares mean and variance after 4 steps of a 2-D drift from a fixed start with the exact recursion of plmc_numpy.py
(z-scores, a diagnostic).
"""
import argparse
import json
import math
import os
import time

import numpy as np

try:
    import jax
    import jax.numpy as jnp
    from jax import lax
except ImportError:
    jax = None

WIDE_LEVELS = 25


def poisson_one_cdf(levels):
    """P(N <= k) for N ~ Poisson(1), k = 0 … levels (binary64)."""
    term, total, cdf = math.exp(-1.0), 0.0, []
    for k in range(levels + 1):
        total += term
        cdf.append(total)
        term /= k + 1
    return np.array(cdf)


def capacities(n, levels):
    """C_l = n P(N >= l) + 8 sd + 16, at most n, for l = 1 … levels."""
    cdf = poisson_one_cdf(levels)
    caps = []
    for l in range(1, levels + 1):
        p = 1.0 - cdf[l - 1]
        caps.append(int(min(n, math.ceil(n * p + 8 * math.sqrt(n * p * (1 - p)) + 16))))
    return caps


def make_run(n, d, eta, a, m, steps, levels=12):
    a = jnp.asarray(a)[None, :]
    m = jnp.asarray(m)[None, :]
    cdf = jnp.asarray(poisson_one_cdf(WIDE_LEVELS))
    caps = capacities(n, levels)
    root2 = math.sqrt(2.0)

    def fast_step(x, counts, key):
        # Chains (rows) in order of decreasing count, so that level l (the chains with N >= l) is a prefix of rows:
        # every level works on the contiguous static slice [:C_l], masked beyond c_l.
        order = jnp.argsort(-counts, stable=True)
        position = jnp.zeros(n, jnp.int32).at[order].set(jnp.arange(n, dtype=jnp.int32))
        cs = counts[order]
        xs = x[order]
        b0 = -a * (xs - m)
        out = xs + eta * b0
        w = jnp.zeros((n, d))
        u = jnp.zeros(n)                                     # each chain's last point (fraction of eta)
        keys = jax.random.split(key, 2 * len(caps) + 1)
        for l, cap in enumerate(caps, start=1):
            valid = cs[:cap] >= l
            remaining = jnp.where(valid, cs[:cap] - (l - 1), 1)
            u_prev = u[:cap]
            v = jax.random.uniform(keys[2 * l - 2], (cap,), minval=jnp.finfo(jnp.float64).tiny, maxval=1.0)
            u_new = jnp.where(valid, u_prev + (1.0 - u_prev) * (1.0 - jnp.exp(jnp.log(v) / remaining)), u_prev)
            g = jax.random.normal(keys[2 * l - 1], (cap, d), dtype=jnp.float64)
            w_new = w[:cap] + jnp.sqrt((u_new - u_prev) * eta)[:, None] * g
            mid = xs[:cap] + (u_new * eta)[:, None] * b0[:cap] + root2 * w_new
            correction = jnp.where(valid[:, None], eta * (-a * (mid - m) - b0[:cap]), 0.0)
            out = out.at[:cap].add(correction)
            w = w.at[:cap].set(w_new)
            u = u.at[:cap].set(u_new)
        g = jax.random.normal(keys[-1], (n, d), dtype=jnp.float64)
        out = out + root2 * (w + jnp.sqrt((1.0 - u) * eta)[:, None] * g)
        return out[position]

    def wide_step(x, counts, key):
        b0 = -a * (x - m)
        keys = jax.random.split(key, 2 * WIDE_LEVELS + 1)

        def level(l, state):
            out, w, u = state
            valid = counts >= l
            remaining = jnp.where(valid, counts - (l - 1), 1)
            v = jax.random.uniform(keys[2 * l - 2], (n,), minval=jnp.finfo(jnp.float64).tiny, maxval=1.0)
            u_new = jnp.where(valid, u + (1.0 - u) * (1.0 - jnp.exp(jnp.log(v) / remaining)), u)
            g = jax.random.normal(keys[2 * l - 1], (n, d), dtype=jnp.float64)
            w_new = w + jnp.sqrt((u_new - u) * eta)[:, None] * g
            mid = x + (u_new * eta)[:, None] * b0 + root2 * w_new
            out = out + jnp.where(valid[:, None], eta * (-a * (mid - m) - b0), 0.0)
            return out, w_new, u_new

        out, w, u = lax.fori_loop(1, WIDE_LEVELS + 1, level, (x + eta * b0, jnp.zeros((n, d)), jnp.zeros(n)))
        g = jax.random.normal(keys[-1], (n, d), dtype=jnp.float64)
        return out + root2 * (w + jnp.sqrt((1.0 - u) * eta)[:, None] * g)

    def step(carry, key):
        x, wide_steps = carry
        k_count, k_rest = jax.random.split(key)
        counts = jnp.searchsorted(cdf, jax.random.uniform(k_count, (n,), dtype=jnp.float64), side="left",
                                  method="compare_all").astype(jnp.int32)
        level_counts = jnp.array([jnp.sum(counts >= l) for l in range(1, levels + 1)])
        overflow = jnp.any(level_counts > jnp.array(caps)) | jnp.any(counts > levels)
        x = lax.cond(overflow, lambda x: wide_step(x, counts, k_rest), lambda x: fast_step(x, counts, k_rest), x)
        return (x, wide_steps + overflow.astype(jnp.int32)), None

    @jax.jit
    def run(x0, key):
        (x, wide), _ = lax.scan(step, (x0, jnp.int32(0)), jax.random.split(key, steps))
        return x, wide

    return run


def exact_moments(x0, eta, a, m, steps):
    z = eta * a
    e_beta = 1 - z + z * z / 2
    e_beta2 = (1 - z) ** 2 + (1 - z) * z * z + 7 * z ** 4 / 12
    e_w2 = 2 * eta * (1 - z + 5 * z * z / 6)
    mean, second = x0 - m, (x0 - m) ** 2
    for _ in range(steps):
        mean, second = e_beta * mean, e_beta2 * second + e_w2
    return mean + m, second - mean * mean


def check(new_key):
    """Mean and variance after 4 steps against the exact recursion, with the usual cap (L = 12, the wide branch
    practically never taken) and with L = 3 (some chain has N > 3 in every step, so every step takes the wide branch)."""
    d, eta, steps, n = 2, 0.5, 4, 1_000_000
    a, m, x0 = np.array([1.0, 1.5]), np.array([0.5, -1.0]), np.array([2.0, 1.0])
    exact_mean, exact_var = exact_moments(x0, eta, a, m, steps)
    print(f"exact after {steps} steps: mean {exact_mean}, variance {exact_var}")
    worst = 0.0
    for levels in [12, 3]:
        run = make_run(n, d, eta, a, m, steps, levels=levels)
        x, wide = run(jnp.tile(jnp.asarray(x0)[None, :], (n, 1)), new_key(2024 + levels))
        x = np.asarray(x)
        mean, var = x.mean(axis=0), x.var(axis=0, ddof=1)
        fourth = ((x - exact_mean) ** 4).mean(axis=0)
        z_mean = (mean - exact_mean) / np.sqrt(exact_var / n)
        z_var = (var - exact_var) / np.sqrt((fourth - exact_var ** 2) / n)
        worst = max(worst, np.abs(z_mean).max(), np.abs(z_var).max())
        print(f"jax L={levels:<2d} n={n:>8d}: mean {mean} (z {np.round(z_mean, 2)}), variance {var} "
              f"(z {np.round(z_var, 2)}); wide-branch steps {int(wide)} of {steps}")
    print(f"largest |z| = {worst:.2f}: {'consistent' if worst < 5.5 else 'INCONSISTENT'} with the exact law "
          "(CLT z-scores, a diagnostic)")
    return 0 if worst < 5.5 else 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--chains", type=int, default=100_000)
    p.add_argument("--dim", type=int, default=10)
    p.add_argument("--steps", type=int, default=40)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--eta", type=float, default=0.1)
    p.add_argument("--prng", choices=["threefry2x32", "rbg"], default="threefry2x32")
    p.add_argument("--check", action="store_true")
    p.add_argument("--json", action="store_true", help="print one JSON line (median, range) for langevin-verify bench")
    args = p.parse_args()
    if jax is None:
        print("jax PLMC(K=inf): skipped: jax not importable")
        return 0 if not args.json else 1
    jax.config.update("jax_enable_x64", True)
    def new_key(seed):
        return jax.random.key(seed, impl=args.prng)

    if args.check:
        return check(new_key)
    n, d, steps = args.chains, args.dim, args.steps
    a, m = 1.0 + np.arange(d) / d, np.zeros(d)
    run = make_run(n, d, args.eta, a, m, steps)
    x0 = jnp.zeros((n, d))
    jax.block_until_ready(run(x0, new_key(0)))   # compile (excluded from the timing)
    times, wide_total = [], 0
    for r in range(args.repeats):
        t0 = time.perf_counter()
        x, wide = jax.block_until_ready(run(x0, new_key(12345 + r)))
        times.append(time.perf_counter() - t0)
        wide_total += int(wide)
    per = [t * 1e9 / (n * steps * d) for t in times]

    @jax.jit
    def gaussians(key):
        return lax.fori_loop(0, steps, lambda i, s: s + jax.random.normal(jax.random.fold_in(key, i), (n, d)).sum(), 0.0)

    jax.block_until_ready(gaussians(new_key(1)))
    g_times = []
    for r in range(args.repeats):
        t0 = time.perf_counter()
        jax.block_until_ready(gaussians(new_key(2 + r)))
        g_times.append(time.perf_counter() - t0)
    g_per = [t * 1e9 / (n * steps * d) for t in g_times]
    detail = (f"jit, one row per chain, {args.prng} keys, {jax.device_count()} CPU device(s) on {os.cpu_count()} cores, jax "
              f"{jax.__version__}, compile excluded; wide-branch steps {wide_total} of {steps * args.repeats}; Gaussians "
              f"alone {np.median(g_per):.2f} ns per draw")
    if args.json:
        print(json.dumps({"peer": "jax", "dim": d, "chains": n, "steps": steps, "runs": len(per),
                          "ns_median": float(np.median(per)), "ns_min": min(per), "ns_max": max(per),
                          "gaussian_ns_median": float(np.median(g_per)), "detail": detail}))
        return 0
    print(f"jax PLMC(K=inf, levels) d={d} chains={n}: {np.median(per):.2f} ns per chain-step-dimension (median of "
          f"{len(per)}, range {min(per):.2f}-{max(per):.2f}); final variance per coordinate ~ "
          f"{float(jnp.var(x, axis=0).mean()):.3f}; {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
