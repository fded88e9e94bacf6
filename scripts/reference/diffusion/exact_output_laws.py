#!/usr/bin/env python3
"""Exact output laws (mean vector, covariance matrix, expected NFE) of the diffusion samplers on single-Gaussian data.

Data law N(μ, Σ) (d = 1, 2, 3; non-diagonal Σ, μ ≠ 0), start x ~ N(0, I) at each sampler's first grid time, exact
noise prediction ε(x, ᾱ) = sqrt(1−ᾱ) C⁻¹(x − sqrt(ᾱ) μ), C = ᾱΣ + (1−ᾱ)I (docs/theory.md §8.9). Every sampler step is
then affine in the state and in its Gaussian noise, so the output is an explicit affine functional of ALL the
randomness,

    x_out = c + M ξ,   ξ = (x_T, z_0, z_1, …)   (each block standard normal in R^d),

and its law is N(c, M Mᵀ). This script builds that functional step by step in full d-dimensional matrix form (C⁻¹ a
dense matrix, no eigendecomposition): one d × (1 + d·#blocks) array per state. PLMC on the 1000-step DDPM chain is
affine given its Bernoulli flags; its moments come from the flag-averaged functional and a nested second-moment
recursion over blocks (derivation in data/reference/diffusion/README.md, section "Exact output laws").

Cross-checks (all stored in the JSON): PLMC with K = 1 against DDPM-1000; two algebraic forms of the PLMC second
moment; brute-force enumeration of every flag pattern on a 12-step toy schedule; a vectorised Monte Carlo run of the
literal PLMC algorithm; every deterministic sampler and DDPM against the NumPy sampler functions of
make_diffusers_reference.py applied to basis vectors (affine-map recovery); the 1-D cases against the scalar moment
recursion of scripts/reference/theory/theory_checks.py; the Gaussian W₂ and KL formulas against their 1-D closed
forms.

Usage:  scripts/reference/diffusion/generate_exact_output_laws.sh        (throw-away venv with numpy from PyPI)
        python3 scripts/reference/diffusion/exact_output_laws.py [--out DIR] [--mc-chains N]   (numpy importable)
"""
import argparse
import ast
import hashlib
import importlib.metadata
import itertools
import json
import math
import os
import platform
import sys
import time
from datetime import datetime, timezone
from fractions import Fraction

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SCRIPT = "scripts/reference/diffusion/exact_output_laws.py"
DIFFUSERS_SCRIPT = "scripts/reference/diffusion/make_diffusers_reference.py"
THEORY_SCRIPT = "scripts/reference/theory/theory_checks.py"
T = 1000

# ---------------------------------------------------------------- fixed inputs
SCHEDULES = {
    "linear": {"description": "DDPM (Ho et al. 2020): beta_t = linspace(1e-4, 0.02, 1000)[t]",
               "betas": lambda: np.linspace(1e-4, 0.02, T)},
    "ldm": {"description": "latent diffusion: beta_t = linspace(sqrt(0.0015), sqrt(0.0195), 1000)[t]**2",
            "betas": lambda: np.linspace(np.sqrt(0.0015), np.sqrt(0.0195), T) ** 2},
}

CASE3_SEED = 2405170681  # numpy default_rng seed of the 3-D case


def make_cases():
    rng = np.random.default_rng(CASE3_SEED)
    q, r = np.linalg.qr(rng.standard_normal((3, 3)))
    q = q * np.sign(np.diag(r))                       # a Haar-distributed rotation
    lam = rng.uniform(0.3, 2.0, 3)
    s3 = (q * lam) @ q.T
    s3 = 0.5 * (s3 + s3.T)
    mu3 = rng.uniform(-1.0, 1.0, 3)
    ev = np.linalg.eigvalsh(s3)                       # construction check only
    assert np.all(ev > 0.3 - 1e-12) and np.all(ev < 2.0 + 1e-12), ev
    off = np.abs(s3 - np.diag(np.diag(s3))).max()
    assert off > 0.05 and np.all(np.abs(mu3) > 0.05)
    return {
        "gauss1d_wide": {"description": "1-D N(0.5, 1)", "mean": [0.5], "covariance": [[1.0]]},
        "gauss1d_sharp": {"description": "1-D N(0.5, 0.1^2) (sharp data)", "mean": [0.5], "covariance": [[0.01]]},
        "gauss2d": {"description": "2-D N(mu, Sigma), non-diagonal Sigma", "mean": [0.3, -0.5],
                    "covariance": [[1.0, 0.3], [0.3, 0.5]]},
        "gauss3d": {"description": "3-D N(mu, Sigma): Sigma = Q diag(l) Q^T with a Haar rotation Q and eigenvalues l "
                                   "uniform in [0.3, 2], mu uniform in [-1, 1]^3, from numpy default_rng(seed)",
                    "seed": CASE3_SEED, "eigenvalues_drawn": lam.tolist(),
                    "mean": mu3.tolist(), "covariance": s3.tolist()},
    }


DDPM_STEPS = (1000, 200, 100, 50, 20, 10)
DDIM_STEPS = (100, 50, 20, 10)
DPM2_STEPS = (50, 25, 10)
DPMPP_STEPS = (50, 20, 10)
HEUN_STEPS = (50, 18, 10)
PLMC_K = (1, 2, 3, 4, 5, 8, 10, 20, 25, 40, 7)
MUTANT_K = (4, 10, 25)
DDPM_MUTANT_STEPS = (50, 10)
MUTANTS = {
    "a": ("midpoints_at_block_start", "midpoints at the block's start time: eps(Y_i, t_0) instead of eps(Y_i, t_i)"),
    "b": ("independent_cheap_path_noise",
          "independent noise on the cheap path: the midpoints Y_i inside eps follow the cheap recursion with an "
          "independent z'_i; the endpoint Y_n keeps z_i"),
    "c": ("noise_times_sqrt2", "sigma_t x sqrt(2): every S_i multiplied by sqrt(2)"),
    "d": ("score_sign_flipped", "score term with the wrong sign: every B multiplied by -1"),
}


def alpha_bar(schedule):
    return np.cumprod(1.0 - SCHEDULES[schedule]["betas"]())


# ---------------------------------------------------------------- affine noise prediction
def eps_coefficients(mu, sigma, abar):
    """ε(x, ᾱ) = E x + e with E = sqrt(1−ᾱ) C⁻¹, e = −sqrt(ᾱ) E μ, C = ᾱΣ + (1−ᾱ)I (docs/theory.md §8.9).
    C⁻¹ is a dense inverse (LU solve against I); 1 − ᾱ is formed as `1.0 - abar`, as in the diffusers references."""
    d = len(mu)
    abar = float(abar)
    c = abar * sigma + (1.0 - abar) * np.eye(d)
    e_mat = np.sqrt(1.0 - abar) * np.linalg.solve(c, np.eye(d))
    return e_mat, -np.sqrt(abar) * (e_mat @ mu)


def eps_apply(f, coeffs):
    """ε of an affine functional f (d × (1 + D), column 0 the constant)."""
    e_mat, e_vec = coeffs
    out = e_mat @ f
    out[:, 0] += e_vec
    return out


def start_functional(d, n_noise):
    """x_T as a functional over (1, x_T, z_0 … z_{n_noise−1})."""
    f = np.zeros((d, 1 + d * (1 + n_noise)))
    f[:, 1:1 + d] = np.eye(d)
    return f


def noise_col(d, k):
    return 1 + d + d * k


def law_of(f):
    """Mean and covariance of c + M ξ, ξ ~ N(0, I): (c, M Mᵀ), summing the outer products over every column."""
    m = f[:, 1:]
    return f[:, 0].copy(), m @ m.T


# ---------------------------------------------------------------- grids
def grid_leading(steps):
    r = T // steps
    return [r * i for i in range(steps - 1, -1, -1)]


def grid_dpmpp(steps):
    return [int(v) for v in np.round(np.linspace(0.0, T - 1.0, steps + 1))[::-1][:-1]]


def grid_heun(steps, ab):
    """Times linspace(0, 999, N) rounded to float32 (as HeunDiscreteScheduler stores them), decreasing; VE noise
    level σ̂ = sqrt((1−ᾱ)/ᾱ) linearly interpolated in t (np.interp) between integer times; σ̂ = 0 appended."""
    times = np.linspace(0.0, T - 1.0, steps).astype(np.float32).astype(np.float64)[::-1]
    table = np.sqrt((1.0 - ab) / ab)
    sig = np.interp(times, np.arange(len(ab), dtype=np.float64), table)
    return times, np.concatenate([sig, [0.0]])


# ---------------------------------------------------------------- samplers as affine functionals
def ddpm_functional(mu, sigma, ab, ts, variance, noise_scale=1.0, score_sign=1.0):
    """DDPM ancestral on the grid ts (Ho et al. 2020, Alg. 2 and Eqs. 6–7, 11; docs/theory.md §8.2): with
    α' = ᾱ_t/ᾱ_prev, β' = 1 − α' (ᾱ_prev = 1 after the last grid point),
        x_prev = A x + B ε(x, ᾱ_t) + S z,  A = 1/sqrt(α'), B = −β'/(sqrt(α') sqrt(1−ᾱ_t)),
        S² = β' (1−ᾱ_prev)/(1−ᾱ_t) ("small", β̃) or β' ("large"), no noise on the last step.
    noise_scale and score_sign give the mutants (c) S·sqrt(2) and (d) B·(−1). Noise column k is the z of step k."""
    d = len(mu)
    n = len(ts)
    f = start_functional(d, n - 1)
    for k, t in enumerate(ts):
        ab_t = ab[t]
        ab_p = ab[ts[k + 1]] if k + 1 < n else 1.0
        a1 = ab_t / ab_p
        b1 = 1.0 - a1
        a_coef = 1.0 / np.sqrt(a1)
        b_coef = -score_sign * b1 / (np.sqrt(a1) * np.sqrt(1.0 - ab_t))
        f = a_coef * f + b_coef * eps_apply(f, eps_coefficients(mu, sigma, ab_t))
        if k + 1 < n:
            var = b1 * (1.0 - ab_p) / (1.0 - ab_t) if variance == "small" else b1
            c = noise_col(d, k)
            f[:, c:c + d] += noise_scale * np.sqrt(var) * np.eye(d)
    return f


def ddim_functional(mu, sigma, ab, ts):
    """DDIM, η = 0 (Song et al. 2021, Eq. 12 with σ = 0; docs/theory.md §8.4):
    x̂₀ = (x − sqrt(1−ᾱ_t) ε)/sqrt(ᾱ_t),  x_prev = sqrt(ᾱ_prev) x̂₀ + sqrt(1−ᾱ_prev) ε,  ᾱ_prev = 1 after t = 0."""
    d = len(mu)
    f = start_functional(d, 0)
    for k, t in enumerate(ts):
        ab_t = ab[t]
        ab_p = ab[ts[k + 1]] if k + 1 < len(ts) else 1.0
        e = eps_apply(f, eps_coefficients(mu, sigma, ab_t))
        x0 = (f - np.sqrt(1.0 - ab_t) * e) / np.sqrt(ab_t)
        f = np.sqrt(ab_p) * x0 + np.sqrt(1.0 - ab_p) * e
    return f


def dpm_solver_2_functional(mu, sigma, ab, ts):
    """DPM-Solver-2 (Lu et al. 2022a, Alg. 1 with r₁ = ½; docs/theory.md §8.5) on the leading grid: for s → t,
    λ = ½ log(ᾱ/(1−ᾱ)), h = λ_t − λ_s, ᾱ_m = 1/(1 + e^{−2(λ_s + h/2)}),
        u = (α_m/α_s) x − σ_m (e^{h/2} − 1) ε(x, ᾱ_s),  x_t = (α_t/α_s) x − σ_t (e^h − 1) ε(u, ᾱ_m);
    final first-order step from t = 0 to ᾱ = 1: x₀ = (x − sqrt(1−ᾱ_0) ε(x, ᾱ_0))/sqrt(ᾱ_0)."""
    d = len(mu)
    f = start_functional(d, 0)
    for k in range(len(ts) - 1):
        ab_s, ab_t = ab[ts[k]], ab[ts[k + 1]]
        lam_s = 0.5 * (np.log(ab_s) - np.log1p(-ab_s))
        lam_t = 0.5 * (np.log(ab_t) - np.log1p(-ab_t))
        h = lam_t - lam_s
        ab_m = 1.0 / (1.0 + np.exp(-2.0 * (lam_s + 0.5 * h)))
        a_s, a_m, a_t = np.sqrt(ab_s), np.sqrt(ab_m), np.sqrt(ab_t)
        s_m, s_t = np.sqrt(1.0 - ab_m), np.sqrt(1.0 - ab_t)
        u = (a_m / a_s) * f - s_m * np.expm1(0.5 * h) * eps_apply(f, eps_coefficients(mu, sigma, ab_s))
        f = (a_t / a_s) * f - s_t * np.expm1(h) * eps_apply(u, eps_coefficients(mu, sigma, ab_m))
    ab0 = ab[ts[-1]]
    return (f - np.sqrt(1.0 - ab0) * eps_apply(f, eps_coefficients(mu, sigma, ab0))) / np.sqrt(ab0)


def dpmpp_2m_functional(mu, sigma, ab, ts):
    """DPM-Solver++(2M) (Lu et al. 2022b, Alg. 2; docs/theory.md §8.6): data prediction x̂₀ = (x − σε)/α,
    λ = log α − log σ, h_i = λ_{i+1} − λ_i; first step D = x̂₀^{(0)}, then D = (1 + 1/(2r)) x̂₀^{(i)} − x̂₀^{(i−1)}/(2r),
    r = h_{i−1}/h_i; x_{i+1} = (σ_{i+1}/σ_i) x_i − α_{i+1}(e^{−h_i} − 1) D; the last step to σ = 0 returns x̂₀.
    The multistep state (x, previous x̂₀) is a pair of functionals."""
    d = len(mu)
    alpha = np.sqrt(ab[ts])
    sig = np.sqrt(1.0 - ab[ts])
    lam = np.log(alpha) - np.log(sig)
    f = start_functional(d, 0)
    x0_prev = None
    for i in range(len(ts)):
        e = eps_apply(f, eps_coefficients(mu, sigma, ab[ts[i]]))
        x0 = (f - sig[i] * e) / alpha[i]
        if i == len(ts) - 1:
            return x0
        h = lam[i + 1] - lam[i]
        if i == 0:
            dd = x0
        else:
            r = (lam[i] - lam[i - 1]) / h
            dd = (1.0 + 1.0 / (2.0 * r)) * x0 - x0_prev / (2.0 * r)
        f = (sig[i + 1] / sig[i]) * f - alpha[i + 1] * np.expm1(-h) * dd
        x0_prev = x0
    raise AssertionError("unreachable")


def heun_functional(mu, sigma, ab, steps):
    """Heun on the probability-flow ODE (Karras et al. 2022, Alg. 1 with σ(t) = t, s(t) = 1, no churn;
    docs/theory.md §8.7) in VE variables: D(x̂; σ̂) = x̂ − σ̂ ε(x̂/sqrt(1+σ̂²), 1/(1+σ̂²)), d = (x̂ − D)/σ̂, Euler
    predictor and trapezoidal corrector, Euler only on the last step to σ̂ = 0. Start x̂ = x_T sqrt(1 + σ̂₀²)."""
    d = len(mu)
    _, sig = grid_heun(steps, ab)

    def denoise(f, s):
        abar = 1.0 / (1.0 + s * s)
        return f - s * eps_apply(f / np.sqrt(1.0 + s * s), eps_coefficients(mu, sigma, abar))

    f = start_functional(d, 0) * np.sqrt(1.0 + sig[0] ** 2)
    for i in range(steps):
        s, s_next = sig[i], sig[i + 1]
        dr = (f - denoise(f, s)) / s
        f_euler = f + (s_next - s) * dr
        if s_next == 0.0:
            f = f_euler
        else:
            dr2 = (f_euler - denoise(f_euler, s_next)) / s_next
            f = f + (s_next - s) * 0.5 * (dr + dr2)
    return f


# ---------------------------------------------------------------- PLMC on the DDPM chain
def fine_coefficients(ab, t, variance, mutant=None):
    """(A, B, S) of the fine DDPM step at t (docs/theory.md §8.8): A = 1/sqrt(α'), B = −β'/(sqrt(α') sqrt(1−ᾱ_t)),
    S = σ_t (β̃ or β'), S = 0 at t = 0. Mutant c multiplies S by sqrt(2), mutant d multiplies B by −1."""
    ab_t = ab[t]
    ab_p = ab[t - 1] if t > 0 else 1.0
    a1 = ab_t / ab_p
    b1 = 1.0 - a1
    a_coef = 1.0 / np.sqrt(a1)
    b_coef = -b1 / (np.sqrt(a1) * np.sqrt(1.0 - ab_t))
    if t == 0:
        s_coef = 0.0
    else:
        s_coef = np.sqrt(b1 * (1.0 - ab_p) / (1.0 - ab_t) if variance == "small" else b1)
    if mutant == "c":
        s_coef *= np.sqrt(2.0)
    if mutant == "d":
        b_coef = -b_coef
    return a_coef, b_coef, s_coef


def plmc_blocks(tn, k):
    """Blocks of K consecutive fine times from t = tn − 1 down; the last one may be shorter."""
    times = list(range(tn - 1, -1, -1))
    return [times[i:i + k] for i in range(0, tn, k)]


def plmc_expected_nfe(tn, k):
    """Σ over blocks of 1 + (n − 1)/n (one call for e₀, each midpoint flagged with probability 1/n), summed exactly."""
    return float(sum(1 + Fraction(len(b) - 1, len(b)) for b in plmc_blocks(tn, k)))


def plmc_layout(d, tn, mutant):
    """Global columns: 1 (constant), x_T (d), z_k for fine step k (t = tn − 1 − k, k = 0 … tn − 2), and for mutant b
    the independent z'_k after them."""
    nz = tn - 1
    width = 1 + d * (1 + nz * (2 if mutant == "b" else 1))
    z = lambda t: noise_col(d, tn - 1 - t)
    zp = lambda t: noise_col(d, nz + tn - 1 - t)
    return width, z, zp


def bernoulli_expectation(u0, us, w0, ws, p, bil):
    """E[bil(U(H), W(H))] for U(H) = U₀ + Σᵢ Hᵢ Uᵢ, W(H) = W₀ + Σ_j H_j W_j, bil bilinear, Hᵢ iid Bernoulli(p):
    E[Hᵢ] = p, E[Hᵢ²] = p, E[HᵢH_j] = p² (i ≠ j). Literal double sum."""
    total = bil(u0, w0)
    for i in range(len(us)):
        total = total + p * (bil(u0, ws[i]) + bil(us[i], w0)) + p * bil(us[i], ws[i])
        for j in range(len(ws)):
            if j != i:
                total = total + (p * p) * bil(us[i], ws[j])
    return total


def plmc_moments(mu, sigma, ab, k, variance, mutant=None, fine=None):
    """Exact mean and covariance of PLMC(K) on the DDPM chain of length len(ab) (docs/theory.md §2.2, §8.8).
    One block of n fine steps from X at t₀:
        e₀ = ε(X, t₀);  Ỹ₀ = X, Ỹ_{i+1} = A_i Ỹ_i + B_i e₀ + S_i z_i;
        X' = Ỹ_n + Σ_{i=1}^{n−1} H_i n (Π_{l>i} A_l) B_i (ε(Ỹ_i, t_i) − e₀),  H_i ~ Bernoulli(1/n).
    Given the incoming functional Φ (random through earlier flags), the block output is Φ' = P(H) Φ + Q(H) with
    P(H) = P₀ + Σ H_i P_i (d × d) and Q(H) = Q₀ + Σ H_i Q_i (constant and this block's noise columns). Carried:
      Φ̄ = E[Φ]            (the flag-averaged functional, explicit over all columns),
      V  = E[(Φ − Φ̄)(Φ − Φ̄)ᵀ] (flag-induced second moment, summed over columns),
      G  = E[Φ Φᵀ]          (raw second moment; a second, algebraically equal form).
    Updates (H independent of Φ):  Φ̄' = P̄ Φ̄ + Q̄,  V' = P̄ V P̄ᵀ + p(1−p) Σ_i (P_i V P_iᵀ + a_i a_iᵀ), a_i = P_i Φ̄ + Q_i;
    G' = E_H[P G Pᵀ] + E_H[P c̄ qᵀ] + E_H[q c̄ᵀ Pᵀ] + E_H[Q Qᵀ] with the literal Bernoulli moments.
    Output: mean c̄ = Φ̄[:, 0], covariance M̄ M̄ᵀ + V (centred form) and G − c̄ c̄ᵀ (raw form).
    fine: the fine chain's functional in the same column layout, for the coupled mean-square distance
    E‖X_PLMC − X_fine‖² = ‖Φ̄ − Ψ‖²_F + tr V (same x_T and z's)."""
    d = len(mu)
    tn = len(ab)
    width, zg, zpg = plmc_layout(d, tn, mutant)
    eye = np.eye(d)
    phi = np.zeros((d, width))
    phi[:, 1:1 + d] = eye
    v = np.zeros((d, d))
    g = eye.copy()
    for block in plmc_blocks(tn, k):
        n = len(block)
        p = 1.0 / n
        loc_width = 1 + 2 * d * n
        zl = lambda i: 1 + d * i
        zpl = lambda i: 1 + d * n + d * i
        coef = [fine_coefficients(ab, t, variance, mutant) for t in block]
        e0c = eps_coefficients(mu, sigma, ab[block[0]])
        e0_p = e0c[0].copy()
        e0_q = np.zeros((d, loc_width))
        e0_q[:, 0] = e0c[1]
        y_p, y_q = eye.copy(), np.zeros((d, loc_width))
        yp_p, yp_q = eye.copy(), np.zeros((d, loc_width))
        mids = []
        for i in range(n):
            if i >= 1:
                mids.append((yp_p.copy(), yp_q.copy()) if mutant == "b" else (y_p.copy(), y_q.copy()))
            a_c, b_c, s_c = coef[i]
            y_p, y_q = a_c * y_p + b_c * e0_p, a_c * y_q + b_c * e0_q
            y_q[:, zl(i):zl(i) + d] += s_c * eye
            if mutant == "b":
                yp_p, yp_q = a_c * yp_p + b_c * e0_p, a_c * yp_q + b_c * e0_q
                yp_q[:, zpl(i):zpl(i) + d] += s_c * eye
        cps, cqs = [], []
        for i in range(1, n):
            weight = n * float(np.prod([coef[l][0] for l in range(i + 1, n)])) * coef[i][1]
            ec = eps_coefficients(mu, sigma, ab[block[0] if mutant == "a" else block[i]])
            m_p, m_q = mids[i - 1]
            cp = weight * (ec[0] @ m_p - e0_p)
            cq = weight * (ec[0] @ m_q - e0_q)
            cq[:, 0] += weight * ec[1]
            cps.append(cp)
            cqs.append(cq)
        # local → global columns (the t = 0 step has no noise column; its local columns are zero)
        loc, glob = [0], [0]
        for i, t in enumerate(block):
            if t > 0:
                loc += list(range(zl(i), zl(i) + d))
                glob += list(range(zg(t), zg(t) + d))
                if mutant == "b":
                    loc += list(range(zpl(i), zpl(i) + d))
                    glob += list(range(zpg(t), zpg(t) + d))
        assert not np.any(phi[:, glob[1:]]), "block noise already used"

        def embed(q):
            out = np.zeros((d, width))
            out[:, glob] = q[:, loc]
            return out

        pbar = y_p + p * sum(cps, np.zeros((d, d)))
        qbar = y_q + p * sum(cqs, np.zeros((d, loc_width)))
        cbar = phi[:, 0].copy()
        # raw form
        g_new = (bernoulli_expectation(y_p, cps, y_p, cps, p, lambda x, y: x @ g @ y.T)
                 + bernoulli_expectation(y_p, cps, y_q[:, 0], [c[:, 0] for c in cqs], p,
                                         lambda x, y: np.outer(x @ cbar, y))
                 + bernoulli_expectation(y_q[:, 0], [c[:, 0] for c in cqs], y_p, cps, p,
                                         lambda x, y: np.outer(x, y @ cbar))
                 + bernoulli_expectation(y_q, cqs, y_q, cqs, p, lambda x, y: x @ y.T))
        # centred form, with explicit global functionals a_i
        v_new = pbar @ v @ pbar.T
        for cp, cq in zip(cps, cqs):
            a_i = cp @ phi + embed(cq)
            v_new += p * (1.0 - p) * (cp @ v @ cp.T + a_i @ a_i.T)
        phi = pbar @ phi + embed(qbar)
        v, g = v_new, g_new
    mean = phi[:, 0].copy()
    mbar = phi[:, 1:]
    cov = mbar @ mbar.T + v
    cov_raw = g - np.outer(mean, mean)
    out = {"mean": mean, "cov": cov, "cov_raw": cov_raw, "nfe": plmc_expected_nfe(tn, k)}
    if fine is not None:
        psi = np.zeros((d, width))
        psi[:, :fine.shape[1]] = fine
        out["coupled_msd"] = float(np.sum((phi - psi) ** 2) + np.trace(v))
    return out


# ---------------------------------------------------------------- PLMC by enumeration (toy schedules)
def plmc_fixed_flags_functional(mu, sigma, ab, k, variance, mutant, flags):
    """The literal PLMC algorithm on explicit global functionals with the flags fixed (flags[b][i − 1] for
    midpoint i of block b): then the output is exactly Gaussian, N(c, M Mᵀ)."""
    d = len(mu)
    tn = len(ab)
    width, zg, zpg = plmc_layout(d, tn, mutant)
    f = np.zeros((d, width))
    f[:, 1:1 + d] = np.eye(d)
    for b, block in enumerate(plmc_blocks(tn, k)):
        n = len(block)
        e0 = eps_apply(f, eps_coefficients(mu, sigma, ab[block[0]]))
        y, yp, mids = f.copy(), f.copy(), {}
        for i, t in enumerate(block):
            if i >= 1:
                mids[i] = (yp if mutant == "b" else y).copy()
            a_c, b_c, s_c = fine_coefficients(ab, t, variance, mutant)
            y = a_c * y + b_c * e0
            yp = a_c * yp + b_c * e0
            if t > 0:
                y[:, zg(t):zg(t) + d] += s_c * np.eye(d)
                if mutant == "b":
                    yp[:, zpg(t):zpg(t) + d] += s_c * np.eye(d)
        x = y
        for i in range(1, n):
            if flags[b][i - 1]:
                prod = 1.0
                for t in block[i + 1:]:
                    prod *= fine_coefficients(ab, t, variance, mutant)[0]
                weight = n * prod * fine_coefficients(ab, block[i], variance, mutant)[1]
                t_eval = block[0] if mutant == "a" else block[i]
                x = x + weight * (eps_apply(mids[i], eps_coefficients(mu, sigma, ab[t_eval])) - e0)
        f = x
    return f


def plmc_by_enumeration(mu, sigma, ab, k, variance, mutant):
    """Mixture moments over all 2^(#flags) flag patterns, each weighted by Π p^H (1−p)^(1−H)."""
    blocks = plmc_blocks(len(ab), k)
    sizes = [len(b) - 1 for b in blocks]
    d = len(mu)
    mean, second, total_w, count = np.zeros(d), np.zeros((d, d)), 0.0, 0
    for bits in itertools.product((0, 1), repeat=sum(sizes)):
        flags, pos, w = [], 0, 1.0
        for b, s in zip(blocks, sizes):
            fl = bits[pos:pos + s]
            pos += s
            p = 1.0 / len(b)
            for h in fl:
                w *= p if h else 1.0 - p
            flags.append(fl)
        c, cov = law_of(plmc_fixed_flags_functional(mu, sigma, ab, k, variance, mutant, flags))
        mean += w * c
        second += w * (cov + np.outer(c, c))
        total_w += w
        count += 1
    return mean, second - np.outer(mean, mean), count, total_w


# ---------------------------------------------------------------- Gaussian distances
def sqrtm_psd(a):
    w, q = np.linalg.eigh(0.5 * (a + a.T))
    return (q * np.sqrt(np.clip(w, 0.0, None))) @ q.T


def sylvester_sym(c, rhs):
    """Solve C X + X C = rhs (C symmetric positive definite) by the Kronecker form."""
    d = c.shape[0]
    op = np.kron(np.eye(d), c) + np.kron(c, np.eye(d))
    return np.linalg.solve(op, rhs.reshape(-1, order="F")).reshape((d, d), order="F")


def w2_gaussian(m1, c1, m2, c2):
    """W₂(N(m1, C1), N(m2, C2)) (PN-L02): W₂² = ‖m1 − m2‖² + tr(C1 + C2 − 2 S), S = (C2^½ C1 C2^½)^½.
    Evaluated without cancellation as tr(C2⁻¹ X²), X = S − C2, where X solves C2 X + X C2 + X² = C2^½ (C1 − C2) C2^½
    (fixed-point iteration on a Sylvester equation); falls back to the direct trace formula when the iteration
    does not converge (far-apart laws, where there is no cancellation)."""
    m1, m2, c1, c2 = map(np.asarray, (m1, m2, c1, c2))
    mean_part = float(np.sum((m1 - m2) ** 2))
    r = sqrtm_psd(c2)
    rhs = r @ (c1 - c2) @ r
    rhs = 0.5 * (rhs + rhs.T)
    x = np.zeros_like(c2)
    ok = False
    bound = 0.5 * float(np.min(np.linalg.eigvalsh(c2)))
    for _ in range(200):
        x_new = sylvester_sym(c2, rhs - x @ x)
        x_new = 0.5 * (x_new + x_new.T)
        if not np.all(np.isfinite(x_new)) or np.max(np.abs(x_new)) >= bound:
            break
        if np.max(np.abs(x_new - x)) <= 1e-15 * max(1e-300, np.max(np.abs(x_new))) or np.array_equal(x_new, x):
            x, ok = x_new, True
            break
        x = x_new
    if ok:
        cov_part = float(np.trace(np.linalg.solve(c2, x @ x)))
    else:
        s = sqrtm_psd(r @ c1 @ r)
        cov_part = float(np.trace(c1) + np.trace(c2) - 2.0 * np.trace(s))
    return math.sqrt(max(0.0, mean_part + max(0.0, cov_part)))


def _x_minus_log1p(lam):
    if abs(lam) < 0.05:
        return float(sum((-1) ** j * lam ** j / j for j in range(2, 40)))
    return float(lam - math.log1p(lam))


def kl_gaussian(m1, c1, m2, c2):
    """KL(N(m1, C1) ‖ N(m2, C2)) = ½[tr(C2⁻¹C1) − d − log det(C2⁻¹C1) + (m2 − m1)ᵀ C2⁻¹ (m2 − m1)] (PN-L01), with
    the trace/log-det part as Σ (λ − log(1 + λ)) over the eigenvalues λ of L⁻¹(C1 − C2)L⁻ᵀ, C2 = L Lᵀ."""
    m1, m2, c1, c2 = map(np.asarray, (m1, m2, c1, c2))
    low = np.linalg.cholesky(c2)
    wd = np.linalg.solve(low, np.linalg.solve(low, (c1 - c2)).T)
    lam = np.linalg.eigvalsh(0.5 * (wd + wd.T))
    dm = np.linalg.solve(low, m2 - m1)
    return 0.5 * (sum(_x_minus_log1p(float(l)) for l in lam) + float(dm @ dm))


# ---------------------------------------------------------------- Monte Carlo of the literal PLMC algorithm
def plmc_monte_carlo(eps, d, ab, k, variance, mutant, chains, seed, batch=50000):
    """Literal PLMC (docs/theory.md §8.8) on `chains` chains, vectorised; ε is make_diffusers_reference.py's
    ExactEpsilon (a separate implementation). Coefficients written out inline. Returns the final states."""
    rng = np.random.default_rng(seed)
    out = []
    for start in range(0, chains, batch):
        m = min(batch, chains - start)
        x = rng.standard_normal((m, d))
        for block in plmc_blocks(len(ab), k):
            n = len(block)
            z = rng.standard_normal((n, m, d))
            zp = rng.standard_normal((n, m, d)) if mutant == "b" else None
            flags = rng.random((max(n - 1, 0), m)) < 1.0 / n
            e0 = eps(x, ab[block[0]])
            y, yp = x.copy(), x.copy()
            aa, bb, ss = [], [], []
            mids = []
            for i, t in enumerate(block):
                if i >= 1:
                    mids.append(yp if mutant == "b" else y)
                ab_t = ab[t]
                ab_p = ab[t - 1] if t > 0 else 1.0
                alpha_t = ab_t / ab_p
                beta_t = 1.0 - alpha_t
                a_c = 1.0 / math.sqrt(alpha_t)
                b_c = -beta_t / math.sqrt(alpha_t) / math.sqrt(1.0 - ab_t)
                if t == 0:
                    s_c = 0.0
                elif variance == "small":
                    s_c = math.sqrt(beta_t * (1.0 - ab_p) / (1.0 - ab_t))
                else:
                    s_c = math.sqrt(beta_t)
                if mutant == "c":
                    s_c *= math.sqrt(2.0)
                if mutant == "d":
                    b_c = -b_c
                aa.append(a_c)
                bb.append(b_c)
                y = a_c * y + b_c * e0 + s_c * z[i]
                if mutant == "b":
                    yp = a_c * yp + b_c * e0 + s_c * zp[i]
            x_new = y
            for i in range(1, n):
                sel = flags[i - 1]
                if not sel.any():
                    continue
                w = n * math.prod(aa[i + 1:]) * bb[i]
                t_eval = block[0] if mutant == "a" else block[i]
                x_new[sel] += w * (eps(mids[i - 1][sel], ab[t_eval]) - e0[sel])
            x = x_new
            eps.reset()
        out.append(x)
    return np.concatenate(out)


def z_scores(samples, mean, cov):
    """z-scores of the sample mean and of each sample covariance entry (i ≤ j) against the exact values; standard
    errors from the sample (second and fourth central moments)."""
    n, d = samples.shape
    xm = samples.mean(0)
    c = samples - xm
    zs = []
    for i in range(d):
        zs.append((xm[i] - mean[i]) / math.sqrt(c[:, i].var() / n))
    for i in range(d):
        for j in range(i, d):
            prod = c[:, i] * c[:, j]
            zs.append((prod.mean() - cov[i][j]) / math.sqrt(prod.var() / n))
    return zs


# ---------------------------------------------------------------- functions of the other reference scripts
def extract_functions(path, names, namespace):
    """Compiles only the named top-level functions/classes of another script (its module-level code, imports and
    checks are not run)."""
    with open(path) as handle:
        tree = ast.parse(handle.read())
    body = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in names]
    missing = set(names) - {node.name for node in body}
    assert not missing, (path, missing)
    exec(compile(ast.Module(body=body, type_ignores=[]), path, "exec"), namespace)
    return namespace


def sha256_of(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def rel_diff(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = max(np.max(np.abs(b)), 1e-300)
    return float(np.max(np.abs(a - b)) / scale)


# ---------------------------------------------------------------- configurations
def sampler_configs():
    """Schedule- and case-independent description of every configuration, in output order."""
    cfgs = []
    for n in DDPM_STEPS:
        for var, label in (("small", "posterior variance beta-tilde"), ("large", "forward variance beta'")):
            cfgs.append({"name": "ddpm_%d_%s" % (n, var), "sampler": "ddpm" if var == "small" else "ddpm-large",
                         "variance": var, "steps": n, "mutant": None, "timesteps": grid_leading(n), "nfe": float(n),
                         "note": "DDPM ancestral, leading grid, %s" % label})
    for n in DDPM_MUTANT_STEPS:
        for m in ("c", "d"):
            cfgs.append({"name": "ddpm_%d_small_mutant_%s" % (n, MUTANTS[m][0]), "sampler": "ddpm", "variance": "small",
                         "steps": n, "mutant": m, "mutant_description": MUTANTS[m][1],
                         "timesteps": grid_leading(n), "nfe": float(n)})
    for n in DDIM_STEPS:
        cfgs.append({"name": "ddim_%d" % n, "sampler": "ddim", "steps": n, "mutant": None,
                     "timesteps": grid_leading(n), "nfe": float(n)})
    for n in DPM2_STEPS:
        cfgs.append({"name": "dpm_solver_2_%d" % n, "sampler": "dpm-solver-2", "steps": n, "mutant": None,
                     "timesteps": grid_leading(n), "nfe": float(2 * (n - 1) + 1)})
    for n in DPMPP_STEPS:
        cfgs.append({"name": "dpmpp_2m_%d" % n, "sampler": "dpm-solver++2m", "steps": n, "mutant": None,
                     "timesteps": grid_dpmpp(n), "nfe": float(n)})
    for n in HEUN_STEPS:
        times, _ = grid_heun(n, alpha_bar("linear"))
        cfgs.append({"name": "heun_%d" % n, "sampler": "heun", "steps": n, "mutant": None,
                     "timesteps": times.tolist(), "nfe": float(2 * n - 1)})
    for var in ("small", "large"):
        for k in PLMC_K:
            blocks = plmc_blocks(T, k)
            cfgs.append({"name": "plmc_K%d_%s" % (k, var), "sampler": "plmc" if var == "small" else "plmc-large",
                         "variance": var, "K": k, "mutant": None, "blocks": len(blocks),
                         "last_block_length": len(blocks[-1]), "nfe": plmc_expected_nfe(T, k),
                         "fine_chain": "ddpm_1000_%s" % var})
    for k in MUTANT_K:
        for m in "abcd":
            blocks = plmc_blocks(T, k)
            cfgs.append({"name": "plmc_K%d_small_mutant_%s" % (k, MUTANTS[m][0]), "sampler": "plmc",
                         "variance": "small", "K": k, "mutant": m, "mutant_description": MUTANTS[m][1],
                         "blocks": len(blocks), "last_block_length": len(blocks[-1]),
                         "nfe": plmc_expected_nfe(T, k), "fine_chain": "ddpm_1000_small"})
    return cfgs


def functional_of(cfg, mu, sigma, ab):
    s = cfg["sampler"]
    if s in ("ddpm", "ddpm-large"):
        m = cfg["mutant"]
        return ddpm_functional(mu, sigma, ab, cfg["timesteps"], cfg["variance"],
                               noise_scale=np.sqrt(2.0) if m == "c" else 1.0, score_sign=-1.0 if m == "d" else 1.0)
    if s == "ddim":
        return ddim_functional(mu, sigma, ab, cfg["timesteps"])
    if s == "dpm-solver-2":
        return dpm_solver_2_functional(mu, sigma, ab, cfg["timesteps"])
    if s == "dpm-solver++2m":
        return dpmpp_2m_functional(mu, sigma, ab, cfg["timesteps"])
    if s == "heun":
        return heun_functional(mu, sigma, ab, cfg["steps"])
    raise ValueError(s)


# ---------------------------------------------------------------- main computation
def compute_results(cases, cfgs):
    results, fines, plmc_checks = {}, {}, []
    for sched in SCHEDULES:
        ab = alpha_bar(sched)
        results[sched] = {}
        for cname, case in cases.items():
            mu, sigma = np.asarray(case["mean"], float), np.asarray(case["covariance"], float)
            out = {}
            for cfg in cfgs:
                if cfg["sampler"] in ("plmc", "plmc-large"):
                    fine_f = fines[(sched, cname, cfg["variance"])]
                    r = plmc_moments(mu, sigma, ab, cfg["K"], cfg["variance"], cfg["mutant"], fine=fine_f)
                    mean, cov = r["mean"], r["cov"]
                    fm, fc = law_of(fine_f)
                    entry = {"mean": mean.tolist(), "covariance": cov.tolist(), "nfe": r["nfe"],
                             "w2_to_fine": w2_gaussian(mean, cov, fm, fc),
                             "kl_to_fine": kl_gaussian(mean, cov, fm, fc),
                             "coupled_mean_square_distance_to_fine": r["coupled_msd"]}
                    plmc_checks.append({"schedule": sched, "case": cname, "config": cfg["name"],
                                        "raw_vs_centred_cov_rel": rel_diff(r["cov_raw"], cov)})
                else:
                    f = functional_of(cfg, mu, sigma, ab)
                    if cfg["name"] in ("ddpm_1000_small", "ddpm_1000_large"):
                        fines[(sched, cname, cfg["variance"])] = f
                    mean, cov = law_of(f)
                    entry = {"mean": mean.tolist(), "covariance": cov.tolist(), "nfe": cfg["nfe"]}
                entry["w2_to_data"] = w2_gaussian(mean, cov, mu, sigma)
                entry["kl_to_data"] = kl_gaussian(mean, cov, mu, sigma)
                out[cfg["name"]] = entry
            results[sched][cname] = out
            print("  %-6s %-14s %d configurations" % (sched, cname, len(out)), flush=True)
    return results, fines, plmc_checks


def check_k1(cases, results, fines):
    """PLMC with K = 1 is DDPM-1000 (docs/theory.md §7.1 for the overdamped analogue; §8.8), also for mutants c, d."""
    rows = []
    for sched in SCHEDULES:
        ab = alpha_bar(sched)
        for cname, case in cases.items():
            mu, sigma = np.asarray(case["mean"], float), np.asarray(case["covariance"], float)
            for var in ("small", "large"):
                r = results[sched][cname]["plmc_K1_%s" % var]
                f = results[sched][cname]["ddpm_1000_%s" % var]
                rows.append({"schedule": sched, "case": cname, "what": "plmc_K1_%s vs ddpm_1000_%s" % (var, var),
                             "mean_rel": rel_diff(r["mean"], f["mean"]),
                             "cov_rel": rel_diff(r["covariance"], f["covariance"]),
                             "coupled_mean_square_distance": r["coupled_mean_square_distance_to_fine"]})
            for m in "cd":
                r = plmc_moments(mu, sigma, ab, 1, "small", m)
                fm, fc = law_of(ddpm_functional(mu, sigma, ab, grid_leading(1000), "small",
                                                noise_scale=np.sqrt(2.0) if m == "c" else 1.0,
                                                score_sign=-1.0 if m == "d" else 1.0))
                rows.append({"schedule": sched, "case": cname,
                             "what": "plmc K=1 mutant %s vs ddpm_1000_small mutant %s" % (m, m),
                             "mean_rel": rel_diff(r["mean"], fm), "cov_rel": rel_diff(r["cov"], fc)})
    return {"description": "PLMC with K = 1 (one fine step per block, no flags) against the DDPM-1000 functional; "
                           "also mutants c and d at K = 1 against the same mutants of DDPM-1000 (not stored as "
                           "configurations). Relative differences: max |difference| / max |reference entry|.",
            "max_mean_rel": max(r["mean_rel"] for r in rows), "max_cov_rel": max(r["cov_rel"] for r in rows),
            "max_coupled_mean_square_distance": max(r.get("coupled_mean_square_distance", 0.0) for r in rows),
            "rows": rows}


TOY_T = 12
TOY_BETAS = (0.05, 0.45)


def check_enumeration(cases):
    """Nested moments against brute-force enumeration over all flag patterns on a 12-step toy schedule."""
    ab = np.cumprod(1.0 - np.linspace(TOY_BETAS[0], TOY_BETAS[1], TOY_T))
    rows = []
    plan = [(k, var, None) for k in (4, 5, 3) for var in ("small", "large")]
    plan += [(4, "small", m) for m in "abcd"] + [(5, "small", m) for m in "abcd"]
    for cname in ("gauss2d", "gauss3d", "gauss1d_sharp"):
        case = cases[cname]
        mu, sigma = np.asarray(case["mean"], float), np.asarray(case["covariance"], float)
        for k, var, m in plan:
            r = plmc_moments(mu, sigma, ab, k, var, m)
            em, ec, count, tw = plmc_by_enumeration(mu, sigma, ab, k, var, m)
            rows.append({"case": cname, "K": k, "variance": var, "mutant": m, "patterns": count,
                         "blocks": [len(b) for b in plmc_blocks(TOY_T, k)],
                         "mean_rel": rel_diff(r["mean"], em), "cov_rel": rel_diff(r["cov"], ec),
                         "weight_sum_minus_1": tw - 1.0})
            # the flags must matter on this toy schedule, or the check would be vacuous
            d0, c0 = law_of(plmc_fixed_flags_functional(mu, sigma, ab, k, var, m,
                                                        [[0] * (len(b) - 1) for b in plmc_blocks(TOY_T, k)]))
            rows[-1]["cov_rel_all_flags_zero_vs_mixture"] = rel_diff(c0, ec)
    return {"description": "toy schedule beta = linspace(%g, %g, %d), alpha_bar = cumprod(1 - beta); every flag "
                           "pattern's output is exactly Gaussian (explicit functional with fixed flags), mixed with "
                           "weights prod p^H (1-p)^(1-H); K = 5 and K = 3 have uneven last blocks "
                           "(5, 5, 2 and 3, 3, 3, 3)." % (TOY_BETAS[0], TOY_BETAS[1], TOY_T),
            "toy_alpha_bar": ab.tolist(),
            "max_mean_rel": max(r["mean_rel"] for r in rows), "max_cov_rel": max(r["cov_rel"] for r in rows),
            "min_cov_rel_all_flags_zero_vs_mixture": min(r["cov_rel_all_flags_zero_vs_mixture"] for r in rows),
            "rows": rows}


MC_SEED = 20240517
MC_PLAN = [  # (schedule, case, config, chains as a multiple of --mc-chains)
    ("linear", "gauss2d", "plmc_K2_small", 1), ("linear", "gauss2d", "plmc_K7_small", 1),
    ("linear", "gauss2d", "plmc_K25_large", 1), ("ldm", "gauss2d", "plmc_K40_small", 5),
    ("linear", "gauss3d", "plmc_K4_small", 5), ("ldm", "gauss3d", "plmc_K10_large", 1),
    ("linear", "gauss3d", "plmc_K25_small", 1), ("ldm", "gauss3d", "plmc_K3_small", 1),
    ("linear", "gauss1d_wide", "plmc_K40_small", 1), ("linear", "gauss1d_sharp", "plmc_K4_small", 1),
    ("linear", "gauss1d_sharp", "plmc_K25_small", 1), ("ldm", "gauss1d_sharp", "plmc_K10_small", 1),
    ("ldm", "gauss1d_sharp", "plmc_K5_large", 1),
] + [(s, "gauss3d", "plmc_K10_small_mutant_" + MUTANTS[m][0], 1) for s, m in
     (("linear", "a"), ("ldm", "b"), ("linear", "c"), ("ldm", "d"))] + [
    ("linear", "gauss2d", "plmc_K4_small_mutant_" + MUTANTS["b"][0], 1),
    ("ldm", "gauss2d", "plmc_K25_small_mutant_" + MUTANTS["a"][0], 1),
]


def check_monte_carlo(cases, cfgs, results, ns, chains):
    """Literal PLMC by Monte Carlo against the exact moments. For the check's power, each row also gives the largest
    |z| of the same sample against the fine chain's (DDPM-1000) moments: where that is small too, the row cannot
    tell PLMC from its fine chain and only the enumeration check covers the flag algebra."""
    by_name = {c["name"]: c for c in cfgs}
    rows, all_z = [], []
    for idx, (sched, cname, name, mult) in enumerate(MC_PLAN):
        cfg = by_name[name]
        case = cases[cname]
        eps = ns["ExactEpsilon"]({"weights": [1.0], "means": [case["mean"]], "covariances": [case["covariance"]]})
        t0 = time.time()
        xs = plmc_monte_carlo(eps, len(case["mean"]), alpha_bar(sched), cfg["K"], cfg["variance"], cfg["mutant"],
                              chains * mult, MC_SEED + idx)
        exact = results[sched][cname][name]
        fine = results[sched][cname][cfg["fine_chain"]]
        zs = z_scores(xs, exact["mean"], exact["covariance"])
        zf = z_scores(xs, fine["mean"], fine["covariance"])
        all_z += zs
        rows.append({"schedule": sched, "case": cname, "config": name, "chains": chains * mult,
                     "seed": MC_SEED + idx, "statistics": len(zs), "max_abs_z": float(max(abs(z) for z in zs)),
                     "max_abs_z_against_fine_chain": float(max(abs(z) for z in zf)),
                     "seconds": round(time.time() - t0, 1)})
        print("  MC %-6s %-13s %-50s max|z| = %.2f (against the fine chain %.3g) (%.0f s)"
              % (sched, cname, name, rows[-1]["max_abs_z"], rows[-1]["max_abs_z_against_fine_chain"],
                 rows[-1]["seconds"]), flush=True)
    return {"description": "literal PLMC algorithm (random flags and noise, vectorised numpy, eps from "
                           "make_diffusers_reference.py's ExactEpsilon) against the exact moments; z-scores of the "
                           "sample mean (d) and sample covariance entries i <= j (d(d+1)/2), standard errors from the "
                           "sample's own second/fourth central moments; max_abs_z_against_fine_chain is the same "
                           "sample against the DDPM-1000 moments (the check's power)",
            "base_chains": chains, "statistics": len(all_z),
            "max_abs_z": float(max(abs(z) for z in all_z)),
            "rms_z": float(math.sqrt(sum(z * z for z in all_z) / len(all_z))), "rows": rows}


def check_numpy_samplers(cases, cfgs, results, ns):
    """Affine-map recovery: the NumPy samplers of make_diffusers_reference.py (with its ExactEpsilon) applied to
    x_T = 0 and the columns of I (and, for DDPM, to unit noise vectors) give c and M column by column."""
    rows = []
    for sched in SCHEDULES:
        ab = alpha_bar(sched)
        for cname, case in cases.items():
            d = len(case["mean"])
            mix = {"weights": [1.0], "means": [case["mean"]], "covariances": [case["covariance"]]}
            for cfg in cfgs:
                s = cfg["sampler"]
                if s in ("plmc", "plmc-large"):
                    continue
                eps = ns["ExactEpsilon"](mix)
                ts = np.asarray(cfg.get("timesteps"))
                if s in ("ddpm", "ddpm-large"):
                    n = cfg["steps"]
                    rows_n = 1 + d + d * (n - 1)
                    x_t = np.zeros((rows_n, d))
                    x_t[1:1 + d] = np.eye(d)
                    noise = np.zeros((n - 1, rows_n, d))
                    for k in range(n - 1):
                        noise[k, 1 + d + d * k:1 + d + d * (k + 1)] = np.eye(d)
                    m = cfg["mutant"]
                    if m == "c":
                        noise = noise * np.sqrt(2.0)
                    e_fn = (lambda x, a, _e=eps: -_e(x, a)) if m == "d" else eps
                    vt = "fixed_small" if cfg["variance"] == "small" else "fixed_large"
                    out, _, _ = ns["numpy_ddpm"](ab, ts.astype(np.int64), vt, e_fn, x_t, noise)
                else:
                    x_t = np.vstack([np.zeros((1, d)), np.eye(d)])
                    if s == "ddim":
                        out, _ = ns["numpy_ddim"](ab, ts.astype(np.int64), eps, x_t)
                    elif s == "dpm-solver-2":
                        out, _ = ns["numpy_dpm_solver_2"](ab, ts.astype(np.int64), eps, x_t)
                    elif s == "dpm-solver++2m":
                        out = ns["numpy_dpmpp_2m"](ab, ts.astype(np.int64), eps, x_t)
                    else:
                        _, sig = ns["grid_heun_linspace"](cfg["steps"], ab)
                        out = ns["numpy_heun"](sig, eps, x_t)
                c = out[0]
                mm = (out[1:] - c).T
                cov = mm @ mm.T
                ent = results[sched][cname][cfg["name"]]
                rows.append({"schedule": sched, "case": cname, "config": cfg["name"],
                             "mean_rel": rel_diff(ent["mean"], c), "cov_rel": rel_diff(ent["covariance"], cov)})
    per = {}
    for r in rows:
        fam = r["config"].rsplit("_", 1)[0] if not r["config"].startswith("ddpm") else "ddpm"
        p = per.setdefault(fam, {"max_mean_rel": 0.0, "max_cov_rel": 0.0, "configs": 0})
        p["max_mean_rel"] = max(p["max_mean_rel"], r["mean_rel"])
        p["max_cov_rel"] = max(p["max_cov_rel"], r["cov_rel"])
        p["configs"] += 1
    return {"description": "NumPy sampler functions of %s (numpy_ddpm, numpy_ddim, numpy_dpm_solver_2, "
                           "numpy_dpmpp_2m, numpy_heun with grid_heun_linspace, and ExactEpsilon, compiled from that "
                           "file alone) applied to x_T = 0 and the columns of I, and for DDPM to unit noise vectors: "
                           "the affine map x_out = c + M xi recovered column by column, then mean c and covariance "
                           "M M^T compared (mutant c by noise x sqrt(2), mutant d by -eps). Relative differences: "
                           "max |difference| / max |entry|." % DIFFUSERS_SCRIPT,
            "max_mean_rel": max(r["mean_rel"] for r in rows), "max_cov_rel": max(r["cov_rel"] for r in rows),
            "by_family": per, "configurations_checked": len(rows)}


def check_theory_recursion(cases, results, ns):
    """The scalar moment recursion of theory_checks.py (docs/theory.md §8.8 preview) on the two 1-D cases."""
    rows = []
    for sched in SCHEDULES:
        ab = alpha_bar(sched)
        for cname in ("gauss1d_wide", "gauss1d_sharp"):
            mu, s2 = cases[cname]["mean"][0], cases[cname]["covariance"][0][0]
            res = results[sched][cname]
            pairs = []
            for n in DDPM_STEPS:
                for var in ("small", "large"):
                    pairs.append(("ddpm_%d_%s" % (n, var), ns["ddpm"](ab, grid_leading(n), mu, s2, small=var == "small")))
            for n in DDIM_STEPS:
                pairs.append(("ddim_%d" % n, ns["ddim"](ab, grid_leading(n), mu, s2)))
            for n in DPMPP_STEPS:
                pairs.append(("dpmpp_2m_%d" % n, ns["dpmpp_2m"](ab, n, mu, s2)))
            for k in PLMC_K:
                if T % k == 0:
                    pairs.append(("plmc_K%d_small" % k, ns["plmc_ddpm"](ab, k, mu, s2)))
            for name, (m, v) in pairs:
                rows.append({"schedule": sched, "case": cname, "config": name,
                             "mean_rel": rel_diff(res[name]["mean"][0], m),
                             "var_rel": rel_diff(res[name]["covariance"][0][0], v)})
    return {"description": "scalar moment recursion of %s (functions eps_affine, ddpm, ddim, dpmpp_2m, plmc_ddpm; "
                           "PLMC there: small variance, K dividing 1000) on the 1-D cases" % THEORY_SCRIPT,
            "max_mean_rel": max(r["mean_rel"] for r in rows), "max_var_rel": max(r["var_rel"] for r in rows),
            "configurations_checked": len(rows)}


def high_precision_w2_kl(m1, c1, m2, c2):
    """W₂ and KL(N1 ‖ N2) by the direct formulas in 50-digit arithmetic (mpmath; the float64 inputs are exact)."""
    import mpmath as mp
    mp.mp.dps = 50
    d = len(m1)
    a, b = mp.matrix([[mp.mpf(float(v)) for v in row] for row in c1]), mp.matrix([[mp.mpf(float(v)) for v in row] for row in c2])
    dm = mp.matrix([mp.mpf(float(x)) - mp.mpf(float(y)) for x, y in zip(m1, m2)])
    r = mp.sqrtm(b)
    s_ = mp.sqrtm(r * a * r)
    tr = lambda m: mp.fsum(m[i, i] for i in range(d))
    w2sq = mp.fsum(dm[i] ** 2 for i in range(d)) + tr(a) + tr(b) - 2 * tr(s_)
    binv = mp.inverse(b)
    kl = (tr(binv * a) - d - mp.log(mp.det(binv * a)) + (dm.T * binv * dm)[0, 0]) / 2
    w2sq, kl = mp.re(w2sq), mp.re(kl)
    return float(mp.sqrt(max(w2sq, 0))), float(kl)


def check_distance_formulas(results, cases):
    """Every stored W₂ and KL against the direct formulas in 50-digit arithmetic; the 1-D entries also against the
    scalar closed forms."""
    worst = {"w2_to_data": 0.0, "kl_to_data": 0.0, "w2_to_fine": 0.0, "kl_to_fine": 0.0}
    worst_1d = 0.0
    count = 0
    for sched in results:
        for cname, out in results[sched].items():
            data_m, data_c = cases[cname]["mean"], cases[cname]["covariance"]
            for name, e in out.items():
                pairs = [("to_data", data_m, data_c)]
                if "w2_to_fine" in e:
                    fine = out["ddpm_1000_%s" % ("large" if "_large" in name else "small")]
                    pairs.append(("to_fine", fine["mean"], fine["covariance"]))
                for tag, m2, c2 in pairs:
                    w2, kl = high_precision_w2_kl(e["mean"], e["covariance"], m2, c2)
                    count += 1
                    for key, ref in (("w2_" + tag, w2), ("kl_" + tag, kl)):
                        if ref != 0.0:
                            worst[key] = max(worst[key], abs(e[key] - ref) / abs(ref))
                    if len(m2) == 1:
                        a, b, dm = e["covariance"][0][0], c2[0][0], e["mean"][0] - m2[0]
                        w2_1 = math.sqrt(dm ** 2 + ((a - b) / (math.sqrt(a) + math.sqrt(b))) ** 2)
                        kl_1 = 0.5 * (_x_minus_log1p((a - b) / b) + dm ** 2 / b)
                        for got, ref in ((e["w2_" + tag], w2_1), (e["kl_" + tag], kl_1)):
                            if ref != 0.0:
                                worst_1d = max(worst_1d, abs(got - ref) / abs(ref))
    return {"description": "every stored w2_* and kl_* against the direct formulas W2^2 = |m1-m2|^2 + tr(C1 + C2 - "
                           "2 (C2^1/2 C1 C2^1/2)^1/2) and KL = (tr(C2^-1 C1) - d - log det(C2^-1 C1) + dm^T C2^-1 dm)/2 "
                           "evaluated with mpmath at 50 digits; 1-D entries also against the scalar closed forms",
            "pairs_checked": count, "max_rel_by_quantity": worst,
            "max_rel_high_precision": max(worst.values()), "max_rel_1d_closed_form": worst_1d}


def observed_slopes(results):
    """Log-log slopes, between consecutive ladder points, of W₂ (moment-matched) of PLMC to its fine chain against
    K − 1 and against K, and of DDPM-N to DDPM-1000 of the same variance against h − 1 and h, h = T/N (K − 1 and
    h − 1 count the fine steps a coarse step skips; both samplers are the fine chain at K = h = 1)."""
    def slopes(xs, ys):
        return [math.log(ys[i + 1] / ys[i]) / math.log(xs[i + 1] / xs[i]) for i in range(len(xs) - 1)]

    out = {}
    for sched in results:
        for cname, res in results[sched].items():
            for var in ("small", "large"):
                ks = sorted(k for k in PLMC_K if k > 1)
                w = [res["plmc_K%d_%s" % (k, var)]["w2_to_fine"] for k in ks]
                fine = res["ddpm_1000_%s" % var]
                ns_ = [n for n in DDPM_STEPS if n < T]
                hs = [T // n for n in ns_]
                wd = [w2_gaussian(res["ddpm_%d_%s" % (n, var)]["mean"], res["ddpm_%d_%s" % (n, var)]["covariance"],
                                  fine["mean"], fine["covariance"]) for n in ns_]
                out.setdefault(sched, {}).setdefault(cname, {})[var] = {
                    "plmc_K": ks, "plmc_w2_to_fine": w,
                    "plmc_slopes_vs_K_minus_1": slopes([k - 1 for k in ks], w), "plmc_slopes_vs_K": slopes(ks, w),
                    "ddpm_T_over_N": hs, "ddpm_w2_to_ddpm_1000": wd,
                    "ddpm_slopes_vs_T_over_N_minus_1": slopes([h - 1 for h in hs], wd),
                    "ddpm_slopes_vs_T_over_N": slopes(hs, wd)}
    return out


# ---------------------------------------------------------------- output
def provenance(timings):
    versions = {p: importlib.metadata.version(p) for p in ("numpy", "mpmath")}
    return {
        "script": SCRIPT,
        "command": os.environ.get("EXACT_REF_COMMAND", "python3 " + SCRIPT),
        "install_command": os.environ.get("EXACT_REF_INSTALL_COMMAND"),
        "pip_freeze": [l for l in os.environ.get("EXACT_REF_PIP_FREEZE", "").splitlines() if l.strip()],
        "versions": versions,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "generated_utc": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cross_check_sources_sha256": {DIFFUSERS_SCRIPT: sha256_of(os.path.join(ROOT, DIFFUSERS_SCRIPT)),
                                       THEORY_SCRIPT: sha256_of(os.path.join(ROOT, THEORY_SCRIPT))},
        "seconds": timings,
        "content": "exact output laws (mean, covariance, expected NFE) of the diffusion samplers on single-Gaussian "
                   "data, with cross-checks",
        "numbers": "JSON numbers are Python float reprs (shortest decimal that round-trips the IEEE double)",
    }


def to_json(obj, level=0):
    """JSON with one key per line, but every list of numbers (or of lists of numbers) on a single line."""
    pad, inner = " " * level, " " * (level + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = ["%s%s: %s" % (inner, json.dumps(k), to_json(v, level + 1)) for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and any(isinstance(v, dict) for v in obj):
        return "[\n" + ",\n".join(inner + to_json(v, level + 1) for v in obj) + "\n" + pad + "]"
    return json.dumps(obj, allow_nan=False, separators=(", ", ": "))


CONVENTIONS = {
    "start": "x ~ N(0, I) at the sampler's first grid time (t = 999 for DDPM-1000, PLMC, DPM-Solver++(2M) and Heun; "
             "1000 - 1000/N for the leading grids); Heun starts from x_hat = x sqrt(1 + sigma_hat_0^2)",
    "eps": "eps(x, abar) = sqrt(1 - abar) C^-1 (x - sqrt(abar) mu), C = abar Sigma + (1 - abar) I, any continuous abar",
    "alpha_bar": "numpy.cumprod(1 - beta) in float64, t = 0 ... 999",
    "ddpm": "leading grid (N-1-i) 1000/N; x_prev = A x + B eps + S z, A = 1/sqrt(a'), B = -b'/(sqrt(a') sqrt(1 - abar_t)), "
            "a' = abar_t/abar_prev, b' = 1 - a', abar_prev = 1 after t = 0; S^2 = b' (1 - abar_prev)/(1 - abar_t) "
            "(small) or b' (large); no noise on the last step",
    "ddim": "eta = 0 on the leading grid, abar_prev = 1 after t = 0",
    "dpm_solver_2": "lambda-midpoint r1 = 1/2 on the leading grid, continuous abar_m = 1/(1 + exp(-2 lambda_m)); "
                    "final first-order step from t = 0 to abar = 1; NFE 2(N-1) + 1",
    "dpmpp_2m": "grid round(linspace(0, 999, N + 1)) reversed without its last point; first step first order; "
                "final first-order step to sigma = 0; NFE N",
    "heun": "times linspace(0, 999, N) rounded to float32, sigma_hat = sqrt((1 - abar)/abar) linearly interpolated in t, "
            "0 appended; Karras Alg. 1 without churn, Euler-only last step; eps evaluated at abar = 1/(1 + sigma_hat^2); "
            "NFE 2N - 1",
    "plmc": "blocks of K consecutive fine DDPM-1000 steps from t = 999 down (last block n = 1000 - K floor(999/K) "
            "steps, flags Bernoulli(1/n), weight n); midpoint i = 1 ... n-1 of a block evaluates eps(Y_i, t_i); "
            "expected NFE per block 1 + (n-1)/n",
    "distances": "w2_* = W2 between Gaussians (for PLMC: its moment-matched Gaussian); kl_to_fine = KL(N(PLMC moments) "
                 "|| N(fine chain)); kl_to_data = KL(N(output moments) || N(mu, Sigma)); fine chain = DDPM-1000 with "
                 "the same variance (small for every mutant)",
    "coupled": "coupled_mean_square_distance_to_fine = E|X_PLMC - X_fine|^2 with the same x_T and fine z's (mutant b: "
               "its z' are independent of the fine chain)",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "data", "reference", "diffusion"))
    parser.add_argument("--mc-chains", type=int, default=200000)
    args = parser.parse_args()
    print("numpy", np.__version__, flush=True)
    timings = {}
    t0 = time.time()
    ns = extract_functions(os.path.join(ROOT, DIFFUSERS_SCRIPT),
                           ["ExactEpsilon", "grid_heun_linspace", "numpy_ddpm", "numpy_ddim", "numpy_dpmpp_2m",
                            "numpy_heun", "alpha_bar_of_lambda", "numpy_dpm_solver_2"], {"np": np, "T": T})
    tns = extract_functions(os.path.join(ROOT, THEORY_SCRIPT),
                            ["eps_affine", "ddpm", "ddim", "dpmpp_2m", "plmc_ddpm"], {"np": np, "math": math, "T": T})
    cases = make_cases()
    cfgs = sampler_configs()
    print("exact laws ...", flush=True)
    results, fines, plmc_checks = compute_results(cases, cfgs)
    timings["exact_laws"] = round(time.time() - t0, 1)
    checks = {}
    t1 = time.time()
    checks["plmc_k1_vs_ddpm_1000"] = check_k1(cases, results, fines)
    checks["plmc_raw_vs_centred_second_moment"] = {
        "description": "PLMC covariance from the raw recursion G = E[Phi Phi^T] (literal Bernoulli moments) against "
                       "the centred recursion (stored)",
        "max_cov_rel": max(r["raw_vs_centred_cov_rel"] for r in plmc_checks), "configurations": len(plmc_checks)}
    print("enumeration ...", flush=True)
    checks["plmc_enumeration_toy"] = check_enumeration(cases)
    timings["k1_and_enumeration"] = round(time.time() - t1, 1)
    t1 = time.time()
    print("numpy samplers ...", flush=True)
    checks["numpy_sampler_affine_maps"] = check_numpy_samplers(cases, cfgs, results, ns)
    checks["theory_checks_scalar_recursion"] = check_theory_recursion(cases, results, tns)
    checks["distance_formulas"] = check_distance_formulas(results, cases)
    timings["sampler_cross_checks"] = round(time.time() - t1, 1)
    t1 = time.time()
    print("Monte Carlo ...", flush=True)
    checks["plmc_monte_carlo"] = check_monte_carlo(cases, cfgs, results, ns, args.mc_chains)
    timings["monte_carlo"] = round(time.time() - t1, 1)
    timings["total"] = round(time.time() - t0, 1)

    summary = {k: {kk: vv for kk, vv in v.items() if kk.startswith("max") or kk.startswith("min")}
               for k, v in checks.items()}
    print(json.dumps(summary, indent=1))
    payload = {
        "provenance": provenance(timings),
        "T": T,
        "conventions": CONVENTIONS,
        "schedules": {name: {"description": s["description"], "alpha_bar_0": float(alpha_bar(name)[0]),
                             "alpha_bar_999": float(alpha_bar(name)[-1])} for name, s in SCHEDULES.items()},
        "cases": cases,
        "configs": cfgs,
        "results": results,
        "cross_checks_summary": summary,
        "cross_checks": checks,
        "observed_slopes": observed_slopes(results),
    }
    path = os.path.join(args.out, "exact_output_laws.json")
    text = to_json(payload) + "\n"
    assert json.loads(text) == json.loads(json.dumps(payload))
    os.makedirs(args.out, exist_ok=True)
    with open(path, "w") as handle:
        handle.write(text)
    print("wrote", os.path.relpath(path, ROOT), "(%.0f kB)" % (os.path.getsize(path) / 1e3))


if __name__ == "__main__":
    main()
