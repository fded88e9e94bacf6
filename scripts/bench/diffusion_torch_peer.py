#!/usr/bin/env python3
"""PyTorch/diffusers peer of the diffusion-sampling speed benchmark: DDIM on exact Gaussian-mixture scores.

Workload (the Swift side, `langevin-verify bench --diffusion`, runs the same one and calls this script through
scripts/bench/diffusion-peer.sh in the same run, reading the JSON this script prints on stdout):

  * sampler: diffusers DDIMScheduler, 50 steps, "leading" grid {980, 960, ..., 0}, eta = 0, clip_sample=False,
    thresholding=False, set_alpha_to_one=True, prediction_type="epsilon", linear beta schedule (DDPM,
    beta_t = linspace(1e-4, 0.02, 1000)[t]); the float32 schedule buffers of diffusers replaced by float64 ones
    with install_float64 of scripts/reference/diffusion/make_diffusers_reference.py (docs/theory.md §8.4);
  * data law: a d = 64, 8-component Gaussian mixture sum_k w_k N(mu_k, S_k) with full covariances, read from
    --mixture FILE.json ({"weights": [...], "means": [[...]], "covariances": [[[...]]]}) or built by the recipe below;
  * model: the exact noise prediction (docs/theory.md §8.9), in torch float64,
        eps*(x, abar) = sqrt(1 - abar) sum_k r_k(x) C_k^-1 (x - sqrt(abar) mu_k),   C_k = abar S_k + (1 - abar) I,
        r = softmax_k(log w_k - 1/2 log det C_k - 1/2 (x - sqrt(abar) mu_k)^T C_k^-1 (x - sqrt(abar) mu_k));
  * 10^4 samples in one batch, x_T ~ N(0, I) from a seeded torch.Generator (or --starts FILE.json);
    torch.set_num_threads(--threads).

Two implementations of eps* are timed (both batched over samples and components, float64):
  "eigenbasis": S_k = Q_k diag(lambda_k) Q_k^T precomputed once, so C_k^-1 = Q_k diag(1/(abar lambda + 1 - abar)) Q_k^T;
      per sample and component TWO d x d products (y = Q_k^T r, then Q_k (r_k y / c)); log det from the eigenvalues.
  "inverse": C_k^-1 formed explicitly for each abar (O(K d^3) per call, independent of the batch), then ONE d x d
      product per sample and component, U = R C_k^-1, quadratic form rowsum(R o U), eps* = sqrt(1 - abar) sum_k r_k U_k.
Responsibilities are a softmax (log-sum-exp with the maximum subtracted). Flops are counted as 2 d^2 per product:
4 K d^2 (eigenbasis) or 2 K d^2 (inverse) per sample and function evaluation.

Threads: torch.set_num_threads(--threads), OMP/MKL thread counts set before torch loads, and OMP_WAIT_POLICY=PASSIVE
unless the environment sets it (spinning OpenMP threads made 2 threads 5-10 times slower than 1 on a shared 2-core
machine; scripts/bench/README.md).

Timing: one untimed warm-up run of the whole workload per implementation, then --repeats (default 5) timed runs;
median, minimum and maximum are reported. A run is DDIM from x_T to x_0 including the scheduler's own arithmetic; the
time spent inside eps* is also reported (it gives the GFLOP/s), and the process CPU time of each run (all threads),
which shows how much of a wall time on a shared machine was spent waiting for a core.

Built-in mixture (used when --mixture is not given; --write-mixture FILE writes it in the --mixture format). Only
IEEE-754 double +, -, *, / (no fused multiply-add), so any language reproduces it bit for bit:
  * SplitMix64 from the 64-bit seed s: state += 0x9E3779B97F4A7C15; z = state; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB; output z ^ (z >> 31) (all mod 2^64); u = (output >> 11) * 2^-53 in [0, 1).
  * for each component k = 0, ..., K-1, in this order: one u for the raw weight a_k = 1 + u; d values u for the mean,
    mu_ki = 2u - 1 (i = 0, ..., d-1); d^2 values u for a square matrix in row-major order, B_il = 2u - 1.
  * w_k = a_k / A with A = a_0 + a_1 + ... (summed left to right).
  * S_k = B B^T / d + 0.05 I (a Wishart-type dense covariance, eigenvalues in about [0.05, 1.4]): for i <= j,
    t = B_i0 B_j0 + B_i1 B_j1 + ... + B_i,d-1 B_j,d-1 (each product rounded, summed left to right), S_ij = t / d,
    plus 0.05 (added last) when i = j; S_ji = S_ij.

Check mode (--check): both torch implementations against an independent float64 NumPy eps* (ExactEpsilon of
make_diffusers_reference.py: Cholesky factor and linear solves) on 100 points at each abar of the DDIM grid and at
abar in {4e-5, 0.01, 0.3, 0.7, 0.99, 0.9999}; the points are drawn from the forward marginal p_abar. Passes when the
largest |difference| is at most 1e-10. It also reports (without a threshold) how far the DDIM outputs of the 100
points driven by each implementation are from those driven by the NumPy eps*.

Usage: scripts/bench/diffusion-peer.sh [--threads 1] [--samples 10000] [--repeats 5] [--mixture FILE.json]
           [--mixture-seed 1] [--dim 64] [--components 8] [--starts FILE.json | --start-seed 2] [--steps 50]
           [--schedule linear|ldm] [--check] [--write-mixture FILE.json]
Exit status: 0 success; 1 failure (a failed --check included); 2 bad arguments or bad input files.
"""
import argparse
import json
import math
import os
import re
import sys
import time

SCHEMA = "langevin-verification/diffusion-torch-peer/1"
CHECK_TOLERANCE = 1e-10
CHECK_POINTS = 100
CHECK_EXTRA_ALPHA_BAR = (4.0e-5, 0.01, 0.3, 0.7, 0.99, 0.9999)
MASK64 = (1 << 64) - 1


class PeerInputError(Exception):
    """A bad argument or a bad input file (exit status 2)."""


# ---------------------------------------------------------------- the built-in mixture (pure Python, exact)
class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)


def recipe_mixture(seed, d, k_count):
    """The documented recipe of the module docstring, in plain Python floats (IEEE double, no FMA)."""
    rng = SplitMix64(seed)
    raw, means, covariances = [], [], []
    for _ in range(k_count):
        raw.append(1.0 + rng.uniform())
        means.append([2.0 * rng.uniform() - 1.0 for _ in range(d)])
        b = [[2.0 * rng.uniform() - 1.0 for _ in range(d)] for _ in range(d)]
        s = [[0.0] * d for _ in range(d)]
        for i in range(d):
            bi = b[i]
            for j in range(i, d):
                bj = b[j]
                acc = 0.0
                for l in range(d):
                    acc += bi[l] * bj[l]
                acc = acc / d
                if i == j:
                    acc += 0.05
                s[i][j] = acc
                s[j][i] = acc
        covariances.append(s)
    total = 0.0
    for a in raw:
        total += a
    return {"weights": [a / total for a in raw], "means": means, "covariances": covariances}


# ---------------------------------------------------------------- input validation
def _matrix(value, rows, cols, what):
    if not isinstance(value, list) or len(value) != rows:
        raise PeerInputError("%s: expected %d rows" % (what, rows))
    out = []
    for i, row in enumerate(value):
        if not isinstance(row, list) or len(row) != cols:
            raise PeerInputError("%s: row %d: expected %d numbers" % (what, i, cols))
        for x in row:
            if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
                raise PeerInputError("%s: row %d: not a finite number: %r" % (what, i, x))
        out.append([float(x) for x in row])
    return out


def read_json(path, what):
    try:
        with open(path) as handle:
            return json.load(handle)
    except OSError as error:
        raise PeerInputError("%s %s: %s" % (what, path, error.strerror or error))
    except ValueError as error:
        raise PeerInputError("%s %s: not JSON: %s" % (what, path, error))


def validate_mixture(m, what):
    """Checks shapes, finiteness, weights > 0 summing to 1, symmetric positive definite covariances."""
    if not isinstance(m, dict) or not all(key in m for key in ("weights", "means", "covariances")):
        raise PeerInputError("%s: expected an object with weights, means and covariances" % what)
    weights, means, covs = m["weights"], m["means"], m["covariances"]
    if not isinstance(weights, list) or not weights:
        raise PeerInputError("%s: weights must be a non-empty list" % what)
    k_count = len(weights)
    w = _matrix([weights], 1, k_count, what + " weights")[0]
    if any(x <= 0.0 for x in w) or abs(math.fsum(w) - 1.0) > 1e-9:
        raise PeerInputError("%s: weights must be positive and sum to 1 (sum %r)" % (what, math.fsum(w)))
    if not isinstance(means, list) or len(means) != k_count or not means or not isinstance(means[0], list) \
            or not means[0]:
        raise PeerInputError("%s: means must hold one non-empty list per weight" % what)
    d = len(means[0])
    mu = _matrix(means, k_count, d, what + " means")
    if not isinstance(covs, list) or len(covs) != k_count:
        raise PeerInputError("%s: covariances must hold one d x d matrix per weight" % what)
    cov = [_matrix(c, d, d, "%s covariance %d" % (what, k)) for k, c in enumerate(covs)]
    for k, c in enumerate(cov):
        scale = max(abs(x) for row in c for x in row)
        if any(abs(c[i][j] - c[j][i]) > 1e-12 * scale for i in range(d) for j in range(i)):
            raise PeerInputError("%s: covariance %d is not symmetric" % (what, k))
    return w, mu, cov


def read_starts(path, d):
    rows = read_json(path, "starts file")
    if not isinstance(rows, list) or not rows:
        raise PeerInputError("starts file %s: expected a non-empty JSON array of rows" % path)
    return _matrix(rows, len(rows), d, "starts file %s" % path)


# ---------------------------------------------------------------- exact noise prediction in torch
class EigenbasisScore:
    """eps*(x, abar) with C_k^-1 = Q_k diag(1/(abar lambda_k + 1 - abar)) Q_k^T (docs/theory.md §8.9): per sample and
    component two d x d products, batched over the components as two GEMMs,
        Y = X [Q_1 ... Q_K] - sqrt(abar) [mu_1^T Q_1 ... mu_K^T Q_K]     (row k-block: (x - sqrt(abar) mu_k)^T Q_k),
        Z_k = Y_k / c_k,  quad_k = rowsum(Y_k o Z_k),  eps* = sqrt(1 - abar) [r_1 Z_1 ... r_K Z_K] [Q_1 ... Q_K]^T."""

    name = "eigenbasis"
    products = 2

    def __init__(self, torch, w, mu, lam, q, n):
        k_count, d = mu.shape
        self.torch, self.k, self.d, self.n = torch, k_count, d, n
        self.logw = torch.log(w)
        self.lam = lam                                                   # (K, d)
        self.q_cat = q.permute(1, 0, 2).reshape(d, k_count * d).contiguous()          # [Q_1 ... Q_K]
        self.qt_cat = q.transpose(1, 2).reshape(k_count * d, d).contiguous()          # [Q_1^T; ...; Q_K^T]
        self.mu_q = torch.einsum("ki,kij->kj", mu, q).reshape(k_count * d)            # [mu_k^T Q_k]
        self.y = torch.empty(n, k_count * d, dtype=torch.float64)
        self.z = torch.empty(n, k_count * d, dtype=torch.float64)
        self.out = torch.empty(n, d, dtype=torch.float64)

    def __call__(self, x, abar):
        torch = self.torch
        s2 = 1.0 - abar
        c = self.lam * abar + s2                                         # eigenvalues of C_k, (K, d)
        logdet = torch.log(c).sum(1)
        torch.matmul(x, self.q_cat, out=self.y)
        self.y.sub_(self.mu_q, alpha=math.sqrt(abar))
        torch.mul(self.y, c.reciprocal().reshape(-1), out=self.z)
        quad = (self.y.mul_(self.z)).view(-1, self.k, self.d).sum(2)     # (n, K); y is scratch from here on
        r = torch.softmax(self.logw - 0.5 * logdet - 0.5 * quad, dim=1)
        self.z.view(-1, self.k, self.d).mul_(r.unsqueeze(2))
        torch.matmul(self.z, self.qt_cat, out=self.out)
        return self.out.mul_(math.sqrt(s2))


class InverseScore:
    """eps*(x, abar) with the explicit inverse C_k^-1 = Q_k diag(1/c_k) Q_k^T formed once per call (K d^3, independent
    of the batch) and ONE d x d product per sample and component (docs/theory.md §8.9):
        U = X [C_1^-1 ... C_K^-1] - sqrt(abar) [mu_1^T C_1^-1 ... mu_K^T C_K^-1],   R_k = X - sqrt(abar) mu_k,
        quad_k = rowsum(R_k o U_k),  eps* = sqrt(1 - abar) sum_k r_k U_k."""

    name = "inverse"
    products = 1

    def __init__(self, torch, w, mu, lam, q, n):
        k_count, d = mu.shape
        self.torch, self.k, self.d, self.n = torch, k_count, d, n
        self.logw = torch.log(w)
        self.mu, self.lam, self.q = mu, lam, q
        self.qt = q.transpose(1, 2).contiguous()
        self.u = torch.empty(n, k_count * d, dtype=torch.float64)
        self.res = torch.empty(n, k_count, d, dtype=torch.float64)
        self.out = torch.empty(n, d, dtype=torch.float64)

    def __call__(self, x, abar):
        torch = self.torch
        a, s2 = math.sqrt(abar), 1.0 - abar
        c = self.lam * abar + s2
        logdet = torch.log(c).sum(1)
        c_inv = torch.bmm(self.q * c.reciprocal().unsqueeze(1), self.qt)            # (K, d, d), symmetric
        c_cat = c_inv.permute(1, 0, 2).reshape(self.d, self.k * self.d)
        mu_c = torch.einsum("ki,kij->kj", self.mu, c_inv).reshape(-1)
        torch.matmul(x, c_cat, out=self.u)
        self.u.sub_(mu_c, alpha=a)
        u = self.u.view(-1, self.k, self.d)
        torch.sub(x.unsqueeze(1), self.mu.unsqueeze(0), alpha=a, out=self.res)
        quad = self.res.mul_(u).sum(2)                                   # res is scratch from here on
        r = torch.softmax(self.logw - 0.5 * logdet - 0.5 * quad, dim=1)
        torch.matmul(r.unsqueeze(1), u, out=self.out.unsqueeze(1))      # sum_k r_k U_k, (n, 1, d)
        return self.out.mul_(math.sqrt(s2))


# ---------------------------------------------------------------- DDIM
def make_ddim(torch, ref, schedule, steps):
    from diffusers import DDIMScheduler

    s = DDIMScheduler(**ref.schedule_kwargs(schedule), clip_sample=False, thresholding=False, set_alpha_to_one=True,
                      timestep_spacing="leading", steps_offset=0)
    ref.install_float64(s, schedule)
    s.final_alpha_cumprod = torch.tensor(1.0, dtype=torch.float64)
    s.set_timesteps(steps)
    return s


def run_ddim(torch, scheduler, score, x_T):
    """x_T -> x_0 by DDIM (eta = 0); returns x_0 and the seconds spent in the score."""
    ab = scheduler.alphas_cumprod
    x = x_T.clone()
    in_score = 0.0
    for t in scheduler.timesteps:
        start = time.perf_counter()
        e = score(x, float(ab[int(t)]))
        in_score += time.perf_counter() - start
        x = scheduler.step(e, t, x, eta=0.0).prev_sample
    return x, in_score


def checksum(x):
    """Mean and max |x| over all n·d numbers, and the standard error of that mean over the n samples (the standard
    deviation of the per-sample coordinate averages / sqrt(n)): with other starts than ours, output means agree within
    a few combined standard errors; with the same starts, to rounding."""
    n = x.shape[0]
    row_means = x.mean(1)
    se = float(row_means.std()) / math.sqrt(n) if n > 1 else None
    return {"mean": float(x.mean()), "max_abs": float(x.abs().max()), "mean_standard_error": se}


def spread(values):
    ordered = sorted(values)
    m = len(ordered)
    median = ordered[m // 2] if m % 2 else 0.5 * (ordered[m // 2 - 1] + ordered[m // 2])
    return {"median": median, "min": ordered[0], "max": ordered[-1]}


# ---------------------------------------------------------------- main
def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                epilog="Exit status: 0 success; 1 failure (a failed --check included); 2 bad "
                                       "arguments or bad input files. The JSON result goes to stdout, progress to stderr.")
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    p.add_argument("--samples", type=int, default=None, help="batch size (default 10000, or the rows of --starts)")
    p.add_argument("--repeats", type=int, default=5, help="timed runs per implementation (default 5)")
    p.add_argument("--steps", type=int, default=50, help="DDIM steps = function evaluations (default 50)")
    p.add_argument("--schedule", choices=("linear", "ldm"), default="linear", help="beta schedule (default linear)")
    p.add_argument("--mixture", metavar="FILE", help='data law, JSON {"weights", "means", "covariances"}')
    p.add_argument("--mixture-seed", type=int, default=None, help="seed of the built-in mixture (default 1)")
    p.add_argument("--dim", type=int, default=None, help="dimension of the built-in mixture (default 64)")
    p.add_argument("--components", type=int, default=None, help="components of the built-in mixture (default 8)")
    p.add_argument("--starts", metavar="FILE", help="x_T as a JSON array of rows (instead of --start-seed)")
    p.add_argument("--start-seed", type=int, default=None, help="torch.Generator seed of x_T ~ N(0, I) (default 2)")
    p.add_argument("--check", action="store_true", help="compare both scores with a NumPy eps* and exit")
    p.add_argument("--write-mixture", metavar="FILE", help="write the built-in mixture as JSON and exit")
    args = p.parse_args(argv)
    recipe = ("mixture_seed", "dim", "components")
    if args.mixture and any(getattr(args, name) is not None for name in recipe):
        p.error("--mixture-seed, --dim and --components describe the built-in mixture; they do not go with --mixture")
    if args.starts and args.start_seed is not None:
        p.error("--start-seed draws x_T; it does not go with --starts")
    for name, default in zip(recipe + ("start_seed",), (1, 64, 8, 2)):
        if getattr(args, name) is None:
            setattr(args, name, default)
    for name, low in (("threads", 1), ("repeats", 1), ("steps", 1), ("dim", 1), ("components", 1)):
        if getattr(args, name) < low:
            p.error("--%s must be at least %d" % (name, low))
    if args.samples is not None and args.samples < 1:
        p.error("--samples must be at least 1")
    if args.steps > 1000:
        p.error("--steps must be at most 1000")
    if args.dim > 256:
        p.error("--dim must be at most 256 (the built-in recipe is plain Python, K d^3 / 2 operations)")
    if not 0 <= args.mixture_seed < 2 ** 64 or not 0 <= args.start_seed < 2 ** 63:
        p.error("seeds: 0 <= --mixture-seed < 2^64, 0 <= --start-seed < 2^63")
    if args.mixture and args.write_mixture:
        p.error("--write-mixture writes the built-in mixture; it does not take --mixture")
    return args


def main(argv):
    args = parse(argv)
    if args.write_mixture:
        m = recipe_mixture(args.mixture_seed, args.dim, args.components)
        try:
            with open(args.write_mixture, "w") as handle:
                json.dump(m, handle)
                handle.write("\n")
        except OSError as error:
            raise PeerInputError("--write-mixture %s: %s" % (args.write_mixture, error.strerror or error))
        return 0

    # Thread pools are sized when torch loads: set them before the import. OpenMP threads that spin while waiting
    # (libgomp's default) slow 2 threads down 5-10 times when the cores are shared with other work, so waiting threads
    # sleep unless OMP_WAIT_POLICY is already set (OMP_WAIT_POLICY=ACTIVE gives the library default back).
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    wait_policy_given = "OMP_WAIT_POLICY" in os.environ
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import importlib.util
    import platform

    import numpy as np
    import torch
    import diffusers

    here = os.path.dirname(os.path.abspath(__file__))
    ref_path = os.path.join(here, "..", "reference", "diffusion", "make_diffusers_reference.py")
    spec = importlib.util.spec_from_file_location("make_diffusers_reference", ref_path)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)        # its import sets torch to one thread: set ours afterwards
    torch.set_num_threads(args.threads)

    if args.mixture:
        mixture_source = {"source": "file", "path": args.mixture}
        w, mu, cov = validate_mixture(read_json(args.mixture, "mixture file"), "mixture file " + args.mixture)
    else:
        mixture_source = {"source": "recipe", "seed": args.mixture_seed}
        w, mu, cov = validate_mixture(recipe_mixture(args.mixture_seed, args.dim, args.components), "built-in mixture")
    k_count, d = len(w), len(mu[0])
    w_t = torch.tensor(w, dtype=torch.float64)
    mu_t = torch.tensor(mu, dtype=torch.float64)
    cov_t = torch.tensor(cov, dtype=torch.float64)
    lam, q = torch.linalg.eigh(cov_t)                                    # S_k = Q_k diag(lam_k) Q_k^T
    if float(lam.min()) <= 0.0:
        raise PeerInputError("covariance %d is not positive definite (smallest eigenvalue %r)"
                             % (int(lam.min(1).values.argmin()), float(lam.min())))
    scheduler = make_ddim(torch, ref, args.schedule, args.steps)
    versions = {"torch": torch.__version__, "diffusers": diffusers.__version__, "numpy": np.__version__,
                "python": platform.python_version()}
    blas = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    common = {"schema": SCHEMA, "arguments": list(argv), "versions": versions,
              "torch_blas": blas.group(1) if blas else None, "threads": torch.get_num_threads(),
              "omp_wait_policy": {"value": os.environ["OMP_WAIT_POLICY"], "from_environment": wait_policy_given},
              "dimension": d, "components": k_count, "mixture": mixture_source}

    if args.check:
        return check(torch, np, ref, args, scheduler, w, mu, cov, w_t, mu_t, lam, q, common)

    if args.starts:
        x_T = torch.tensor(read_starts(args.starts, d), dtype=torch.float64)
        if args.samples is not None and args.samples != x_T.shape[0]:
            raise PeerInputError("--samples %d but the starts file has %d rows" % (args.samples, x_T.shape[0]))
        starts = {"source": "file", "path": args.starts}
    else:
        g = torch.Generator().manual_seed(args.start_seed)
        x_T = torch.randn(args.samples or 10000, d, generator=g, dtype=torch.float64)
        starts = {"source": "torch.Generator.manual_seed + torch.randn(n, d, float64)", "seed": args.start_seed}
    n = x_T.shape[0]
    nfe = len(scheduler.timesteps)

    results, outputs = [], {}
    for cls in (EigenbasisScore, InverseScore):
        score = cls(torch, w_t, mu_t, lam, q, n)
        flops = 2.0 * d * d * cls.products * k_count * n * nfe
        run_ddim(torch, make_ddim(torch, ref, args.schedule, args.steps), score, x_T)          # warm-up
        seconds, cpu_seconds, score_seconds, first, identical = [], [], [], None, True
        for rep in range(args.repeats):
            s = make_ddim(torch, ref, args.schedule, args.steps)
            cpu_start, start = time.process_time(), time.perf_counter()
            x0, in_score = run_ddim(torch, s, score, x_T)
            seconds.append(time.perf_counter() - start)
            cpu_seconds.append(time.process_time() - cpu_start)
            score_seconds.append(in_score)
            if first is None:
                first = x0
            else:
                identical = identical and bool(torch.equal(first, x0))
            print("%-10s run %d/%d: %.3f s (score %.3f s, CPU %.3f s)"
                  % (cls.name, rep + 1, args.repeats, seconds[-1], in_score, cpu_seconds[-1]), file=sys.stderr)
        if not bool(torch.isfinite(x0).all()):
            raise RuntimeError("%s: non-finite outputs" % cls.name)
        outputs[cls.name] = x0
        results.append({
            "name": cls.name,
            "products_per_sample_component": cls.products,
            "flops_per_run": flops,
            "seconds": dict(spread(seconds), all=seconds),
            "score_seconds": dict(spread(score_seconds), all=score_seconds),
            "cpu_seconds": dict(spread(cpu_seconds), all=cpu_seconds),
            "samples_per_second": spread([n / t for t in seconds]),
            "ns_per_sample_nfe_dimension": spread([t * 1e9 / (n * nfe * d) for t in seconds]),
            "score_gflops": spread([flops / t / 1e9 for t in score_seconds]),
            "checksum": checksum(x0),
            "repeats_bitwise_identical": identical,
        })
    diff = float((outputs["eigenbasis"] - outputs["inverse"]).abs().max())
    report = dict(common, workload={
        "sampler": "diffusers.DDIMScheduler", "steps": args.steps, "nfe": nfe, "eta": 0.0,
        "timestep_spacing": "leading", "steps_offset": 0, "set_alpha_to_one": True, "clip_sample": False,
        "schedule": args.schedule, "alpha_bar_dtype": "float64", "timesteps": [int(t) for t in scheduler.timesteps],
        "samples": n, "starts": starts, "x_T_checksum": checksum(x_T)},
        timing={"warmup_runs": 1, "repeats": args.repeats, "clock": "time.perf_counter",
                "cpu_clock": "time.process_time (all threads of the process)",
                "flops_per_product": "2 d^2"},
        scores=results, max_abs_difference_between_scores=diff)
    print(json.dumps(report, allow_nan=False))
    return 0


def check(torch, np, ref, args, scheduler, w, mu, cov, w_t, mu_t, lam, q, common):
    """Both torch scores against ExactEpsilon (float64 NumPy, Cholesky + solve) on points from p_abar."""
    case = {"weights": w, "means": mu, "covariances": cov}
    numpy_eps = ref.ExactEpsilon(case)
    k_count, d = len(w), len(mu[0])
    ab_table = scheduler.alphas_cumprod
    alpha_bars = [float(ab_table[int(t)]) for t in scheduler.timesteps] + list(CHECK_EXTRA_ALPHA_BAR)
    g = torch.Generator().manual_seed(args.start_seed)
    chol = torch.linalg.cholesky(torch.tensor(cov, dtype=torch.float64))
    scores = [cls(torch, w_t, mu_t, lam, q, CHECK_POINTS) for cls in (EigenbasisScore, InverseScore)]
    worst = {s.name: 0.0 for s in scores}
    largest_eps = 0.0
    for abar in alpha_bars:
        comp = torch.multinomial(w_t, CHECK_POINTS, replacement=True, generator=g)
        z0 = torch.randn(CHECK_POINTS, d, generator=g, dtype=torch.float64)
        x0 = mu_t[comp] + torch.einsum("nij,nj->ni", chol[comp], z0)
        x = math.sqrt(abar) * x0 + math.sqrt(1.0 - abar) * torch.randn(CHECK_POINTS, d, generator=g,
                                                                        dtype=torch.float64)
        expected = numpy_eps(x.numpy(), abar)
        largest_eps = max(largest_eps, float(np.abs(expected).max()))
        for s in scores:
            worst[s.name] = max(worst[s.name], float(np.abs(s(x, abar).numpy() - expected).max()))
    g = torch.Generator().manual_seed(args.start_seed)
    x_T = torch.randn(CHECK_POINTS, d, generator=g, dtype=torch.float64)
    x_numpy, _ = run_ddim(torch, make_ddim(torch, ref, args.schedule, args.steps),
                          lambda x, abar: torch.from_numpy(numpy_eps(x.numpy(), abar)), x_T)
    ddim = {}
    for s in scores:
        x_s, _ = run_ddim(torch, make_ddim(torch, ref, args.schedule, args.steps), s, x_T)
        ddim[s.name] = float((x_s - x_numpy).abs().max())
    passed = all(v <= CHECK_TOLERANCE for v in worst.values())
    report = dict(common, check={
        "reference": "ExactEpsilon of scripts/reference/diffusion/make_diffusers_reference.py (NumPy float64)",
        "points_per_alpha_bar": CHECK_POINTS, "points": "x = sqrt(abar) x0 + sqrt(1 - abar) z, x0 from the mixture",
        "alpha_bars": alpha_bars, "largest_abs_eps": largest_eps, "tolerance": CHECK_TOLERANCE,
        "max_abs_difference": worst, "passed": passed,
        "ddim_max_abs_difference_from_numpy_eps": ddim, "ddim_samples": CHECK_POINTS})
    print(json.dumps(report, allow_nan=False))
    print("check %s: max |torch - numpy| = %s (tolerance %.0e)"
          % ("passed" if passed else "FAILED", ", ".join("%s %.2e" % kv for kv in worst.items()), CHECK_TOLERANCE),
          file=sys.stderr)
    return 0 if passed else 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except PeerInputError as error:
        print("diffusion peer: bad input: %s" % error, file=sys.stderr)
        sys.exit(2)
