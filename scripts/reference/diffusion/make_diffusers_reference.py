#!/usr/bin/env python3
"""Pathwise reference outputs of diffusion-model samplers driven by EXACT scores of Gaussian mixtures.

The samplers are Hugging Face `diffusers` schedulers (DDPMScheduler, DDIMScheduler, DPMSolverMultistepScheduler,
HeunDiscreteScheduler) stepped by hand with an exact noise-prediction model

    eps*(x, abar) = -sqrt(1 - abar) * grad log p_abar(x),   p_abar = sum_k w_k N(sqrt(abar) mu_k, abar S_k + (1 - abar) I),

evaluated in float64 NumPy. Every sampler is also re-implemented here in pure float64 NumPy from the papers'
formulas (not from the diffusers code), and the largest |numpy - diffusers| per configuration is stored as a
cross-check. DPM-Solver-2 (no diffusers counterpart with a continuous midpoint) is NumPy only.

Precision: diffusers keeps its noise schedule in float32 buffers. This script replaces them by float64 ones built
from the same formulas (alphas_cumprod, and the derived VE sigmas of DPMSolverMultistep and HeunDiscrete), so that
DDPM, DDIM and Heun are reproducible to ~1e-12. DPMSolverMultistepScheduler.step still casts the running sample to
float32 before each update (a cast inside the library, not a buffer), so its outputs agree with float64 arithmetic
only to ~1e-7 relative; the float64 NumPy outputs are stored next to them (see README.md).

Inputs (schedules, mixtures, starts x_T, replayed Gaussian noise) are defined below with fixed seeds and written to
inputs.json; outputs go to samplers_<schedule>.json. Meant to be run by generate.sh inside a throw-away virtual
environment (pip install diffusers torch):

Usage:  scripts/reference/diffusion/generate.sh
        (or, with diffusers and torch importable:  python3 scripts/reference/diffusion/make_diffusers_reference.py)
"""
import argparse
import contextlib
import hashlib
import importlib.metadata
import inspect
import json
import os
import platform
import sys
from datetime import datetime, timezone

import numpy as np
import torch

import diffusers
import diffusers.schedulers.scheduling_ddpm as ddpm_module
from diffusers import DDIMScheduler, DDPMScheduler, DPMSolverMultistepScheduler, HeunDiscreteScheduler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SCRIPT = "scripts/reference/diffusion/make_diffusers_reference.py"
T = 1000  # number of training timesteps; diffusers indexing t = 0 … 999 (Ho et al.'s t is ours + 1)

torch.set_num_threads(1)

# ---------------------------------------------------------------- fixed inputs
# Noise schedules. ᾱ_t = ∏_{s ≤ t} (1 − β_s), cumulative product in float64.
SCHEDULES = {
    "linear": {
        "description": "DDPM (Ho et al. 2020): beta_t = linspace(1e-4, 0.02, 1000)[t]",
        "diffusers_beta_schedule": "linear", "beta_start": 1e-4, "beta_end": 0.02,
        "betas": lambda: np.linspace(1e-4, 0.02, T),
    },
    "ldm": {
        "description": "latent diffusion (Rombach et al. 2022): beta_t = linspace(sqrt(0.0015), sqrt(0.0195), 1000)[t]**2",
        "diffusers_beta_schedule": "scaled_linear", "beta_start": 0.0015, "beta_end": 0.0195,
        "betas": lambda: np.linspace(np.sqrt(0.0015), np.sqrt(0.0195), T) ** 2,
    },
}

# Data laws Σ_k w_k N(μ_k, Σ_k).
CASES = {
    "mixture2d": {
        "description": "2-D mixture of 3 Gaussians, unequal weights, full covariances, one sharp component (variances ~0.01)",
        "weights": [0.5, 0.3, 0.2],
        "means": [[-1.5, 0.5], [1.0, 1.2], [0.3, -1.4]],
        "covariances": [[[0.30, 0.12], [0.12, 0.20]],
                        [[0.010, 0.004], [0.004, 0.012]],
                        [[0.15, -0.05], [-0.05, 0.40]]],
    },
    "mixture1d": {
        "description": "1-D mixture of 2 Gaussians",
        "weights": [0.35, 0.65],
        "means": [[-1.2], [0.9]],
        "covariances": [[[0.04]], [[0.25]]],
    },
    "gaussian2d": {
        "description": "a single 2-D Gaussian with a non-diagonal covariance",
        "weights": [1.0],
        "means": [[0.5, -0.3]],
        "covariances": [[[0.6, 0.25], [0.25, 0.3]]],
    },
}
ROWS = 4                 # starts x_T per case
SEED_BASE = 20240917     # numpy default_rng seeds: SEED_BASE + 100·(case index) + {0: starts, 1: DDPM-1000 noise, 2: DDPM-50 noise}

DDPM_STEPS = (1000, 50)
DDIM_STEPS = (10, 50)
DPMPP_STEPS = (10, 20)
HEUN_STEPS = (10, 18)
DPM2_STEPS = (10, 25)
EPS_TABLE_ALPHA_BAR = (4.0e-5, 0.01, 0.3, 0.7, 0.99, 0.9999)  # ᾱ values of the ε*(x, ᾱ) spot table in inputs.json


def seeds_for(case_index):
    base = SEED_BASE + 100 * case_index
    return {"starts": base, "noise_ddpm_1000": base + 1, "noise_ddpm_50": base + 2}


def alpha_bar_table(schedule):
    betas = SCHEDULES[schedule]["betas"]()
    return betas, np.cumprod(1.0 - betas)


# ---------------------------------------------------------------- exact noise prediction
class ExactEpsilon:
    """ε*(x, ᾱ) = −sqrt(1−ᾱ)·∇log p_ᾱ(x) for p_ᾱ = Σ_k w_k N(sqrt(ᾱ)μ_k, C_k), C_k = ᾱΣ_k + (1−ᾱ)I.

    ∇log p = −Σ_k r_k(x) C_k⁻¹(x − sqrt(ᾱ)μ_k), responsibilities r = softmax_k(log w_k + log N_k(x)) by log-sum-exp.
    Float64 throughout; valid for any continuous ᾱ in (0, 1). Every call's ᾱ is logged (for NFE / evaluation times)."""

    def __init__(self, case):
        self.w = np.asarray(case["weights"], dtype=np.float64)
        self.mu = np.asarray(case["means"], dtype=np.float64)
        self.cov = np.asarray(case["covariances"], dtype=np.float64)
        self.d = self.mu.shape[1]
        self.log = []

    def __call__(self, x, abar):
        x = np.asarray(x, dtype=np.float64)
        abar = float(abar)
        self.log.append(abar)
        a, s2 = np.sqrt(abar), 1.0 - abar
        logs, dirs = [], []
        for w, m, S in zip(self.w, self.mu, self.cov):
            C = abar * S + s2 * np.eye(self.d)
            L = np.linalg.cholesky(C)
            r = x - a * m                                   # (n, d)
            y = np.linalg.solve(C, r.T).T                   # C⁻¹ r
            quad = np.einsum("ni,ni->n", r, y)
            logdet = 2.0 * np.log(np.diag(L)).sum()
            logs.append(np.log(w) - 0.5 * quad - 0.5 * logdet - 0.5 * self.d * np.log(2 * np.pi))
            dirs.append(y)
        logs = np.stack(logs, 1)
        resp = np.exp(logs - logs.max(1, keepdims=True))
        resp /= resp.sum(1, keepdims=True)
        return np.sqrt(s2) * np.einsum("nk,knd->nd", resp, np.stack(dirs))

    def reset(self):
        out, self.log = self.log, []
        return out


def epsilon_by_autograd(case, x, abar):
    """Independent check of ExactEpsilon: −sqrt(1−ᾱ)·∇ log p by torch autograd of torch.distributions log-densities."""
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    w = torch.tensor(case["weights"], dtype=torch.float64)
    mu = torch.tensor(case["means"], dtype=torch.float64)
    cov = torch.tensor(case["covariances"], dtype=torch.float64)
    d = mu.shape[1]
    comps = torch.distributions.MultivariateNormal(abar ** 0.5 * mu, abar * cov + (1 - abar) * torch.eye(d, dtype=torch.float64))
    logp = torch.logsumexp(torch.log(w) + comps.log_prob(xt[:, None, :]), dim=1)
    (g,) = torch.autograd.grad(logp.sum(), xt)
    return (-(1 - abar) ** 0.5 * g).numpy()


# ---------------------------------------------------------------- diffusers plumbing
def source_sha256(obj):
    return hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()


def check_installed_source():
    """Reads the installed diffusers source and fails loudly if a convention this script documents has changed.
    Returns facts for the provenance (no library code is stored, only sha256 digests of the inspected methods)."""
    get_var = inspect.getsource(DDPMScheduler._get_variance)
    ddpm_step = inspect.getsource(DDPMScheduler.step)
    prev = inspect.getsource(DDPMScheduler.previous_timestep)
    ddim_step = inspect.getsource(DDIMScheduler.step)
    dpm_step = inspect.getsource(DPMSolverMultistepScheduler.step)
    dpm_set = inspect.getsource(DPMSolverMultistepScheduler.set_timesteps)
    heun_set = inspect.getsource(HeunDiscreteScheduler.set_timesteps)
    heun_init_sigma = inspect.getsource(HeunDiscreteScheduler.init_noise_sigma.fget)
    expect = {
        # DDPM: β' from the grid's own ᾱ_prev; β̃ clamped at 1e-20; fixed_large = β' (no clamp); noise only for t > 0.
        "ddpm_respaced_beta": "current_beta_t = 1 - alpha_prod_t / alpha_prod_t_prev" in get_var,
        "ddpm_fixed_small_is_posterior_variance": "variance = (1 - alpha_prod_t_prev) / (1 - alpha_prod_t) * current_beta_t" in get_var,
        "ddpm_fixed_small_clamped_1e-20": "torch.clamp(variance, min=1e-20)" in get_var,
        "ddpm_fixed_large_is_respaced_beta": "variance = current_beta_t" in get_var,
        "ddpm_prev_of_last_is_minus_one_alpha_one": "alpha_prod_t_prev = self.alphas_cumprod[prev_t] if prev_t >= 0 else self.one" in ddpm_step,
        "ddpm_no_noise_at_t0": "if t > 0:" in ddpm_step,
        "ddpm_noise_from_randn_tensor": "randn_tensor(" in ddpm_step,
        "ddpm_prev_is_next_grid_point": "prev_t = self.timesteps[index + 1]" in prev,
        "ddim_prev_is_t_minus_T_over_N": "prev_timestep = timestep - self.config.num_train_timesteps // self.num_inference_steps" in ddim_step,
        "dpm_sample_cast_to_float32": "sample = sample.to(torch.float32)" in dpm_step,
        "dpm_sigmas_cast_to_float32": "sigmas = np.concatenate([sigmas, [sigma_last]]).astype(np.float32)" in dpm_set,
        "heun_sigmas_interpolated_in_t": "sigmas = np.interp(timesteps, np.arange(0, len(sigmas)), sigmas)" in heun_set,
        "heun_sigmas_cast_to_float32": "sigmas = np.concatenate([sigmas, [0.0]]).astype(np.float32)" in heun_set,
        "heun_init_noise_sigma_linspace_is_sigma_max": 'if self.config.timestep_spacing in ["linspace", "trailing"]' in heun_init_sigma,
    }
    bad = [k for k, v in expect.items() if not v]
    if bad:
        raise SystemExit("installed diffusers differs from the conventions documented here: %s" % bad)
    return {
        "checked_conventions": sorted(expect),
        "inspected_method_sha256": {
            "DDPMScheduler._get_variance": source_sha256(DDPMScheduler._get_variance),
            "DDPMScheduler.step": source_sha256(DDPMScheduler.step),
            "DDIMScheduler.step": source_sha256(DDIMScheduler.step),
            "DPMSolverMultistepScheduler.step": source_sha256(DPMSolverMultistepScheduler.step),
            "DPMSolverMultistepScheduler.set_timesteps": source_sha256(DPMSolverMultistepScheduler.set_timesteps),
            "HeunDiscreteScheduler.set_timesteps": source_sha256(HeunDiscreteScheduler.set_timesteps),
            "HeunDiscreteScheduler.step": source_sha256(HeunDiscreteScheduler.step),
        },
    }


def schedule_kwargs(schedule):
    s = SCHEDULES[schedule]
    return dict(num_train_timesteps=T, beta_start=s["beta_start"], beta_end=s["beta_end"],
                beta_schedule=s["diffusers_beta_schedule"], prediction_type="epsilon")


def install_float64(scheduler, schedule):
    """Replaces the float32 schedule buffers by float64 ones (same formulas, numpy float64 cumprod). Also checks that
    the float32 buffer diffusers built agrees with ours to float32 accuracy (i.e. that we encode the same schedule)."""
    betas, ab = alpha_bar_table(schedule)
    f32 = scheduler.alphas_cumprod.double().numpy()
    rel = float(np.max(np.abs(f32 - ab) / ab))
    assert rel < 1e-5, (schedule, rel)
    scheduler.betas = torch.from_numpy(betas.copy())
    scheduler.alphas = torch.from_numpy(1.0 - betas)
    scheduler.alphas_cumprod = torch.from_numpy(ab.copy())
    return rel


class NoiseReplay:
    """Replaces diffusers.schedulers.scheduling_ddpm.randn_tensor by a replay of stored standard normal arrays."""

    def __init__(self, noise):
        self.noise = noise   # (steps, rows, d)
        self.calls = 0

    def __call__(self, shape, generator=None, device=None, dtype=None, layout=None):
        assert tuple(shape) == self.noise.shape[1:], (shape, self.noise.shape)
        assert dtype == torch.float64, dtype
        z = torch.from_numpy(self.noise[self.calls].copy())
        self.calls += 1
        return z


@contextlib.contextmanager
def replay_noise(noise):
    replay = NoiseReplay(noise)
    original = ddpm_module.randn_tensor
    ddpm_module.randn_tensor = replay
    try:
        yield replay
    finally:
        ddpm_module.randn_tensor = original


def t_(x):
    return torch.from_numpy(np.ascontiguousarray(x, dtype=np.float64))


def diffusers_ddpm(schedule, steps, variance_type, eps, x_T, noise):
    s = DDPMScheduler(**schedule_kwargs(schedule), variance_type=variance_type, clip_sample=False, thresholding=False,
                      timestep_spacing="leading", steps_offset=0)
    install_float64(s, schedule)
    s.one = torch.tensor(1.0, dtype=torch.float64)
    s.set_timesteps(steps)
    ab = s.alphas_cumprod.numpy()
    x = t_(x_T)
    first = None
    variances = []
    with replay_noise(noise) as replay:
        for i, t in enumerate(s.timesteps):
            e = eps(x.numpy(), ab[int(t)])
            if int(t) > 0:
                v = s._get_variance(t)
                assert v.dtype == torch.float64
                variances.append(float(v))
            x = s.step(t_(e), t, x).prev_sample
            assert x.dtype == torch.float64
            if i == 0:
                first = x.numpy().copy()
        calls = replay.calls
    assert calls == steps - 1 == noise.shape[0], (calls, steps, noise.shape)
    timesteps = [int(t) for t in s.timesteps]
    prev = [int(s.previous_timestep(t)) for t in s.timesteps]
    return x.numpy(), first, {"timesteps": timesteps, "prev_timesteps": prev, "variance_diffusers": variances,
                              "noise_calls": calls}


def diffusers_ddim(schedule, steps, eps, x_T):
    s = DDIMScheduler(**schedule_kwargs(schedule), clip_sample=False, thresholding=False, set_alpha_to_one=True,
                      timestep_spacing="leading", steps_offset=0)
    install_float64(s, schedule)
    s.final_alpha_cumprod = torch.tensor(1.0, dtype=torch.float64)
    s.set_timesteps(steps)
    ab = s.alphas_cumprod.numpy()
    x = t_(x_T)
    first = None
    for i, t in enumerate(s.timesteps):
        e = eps(x.numpy(), ab[int(t)])
        x = s.step(t_(e), t, x, eta=0.0).prev_sample
        assert x.dtype == torch.float64
        if i == 0:
            first = x.numpy().copy()
    return x.numpy(), first, {"timesteps": [int(t) for t in s.timesteps]}


def diffusers_dpmpp(schedule, steps, eps, x_T):
    s = DPMSolverMultistepScheduler(**schedule_kwargs(schedule), algorithm_type="dpmsolver++", solver_order=2,
                                    solver_type="midpoint", thresholding=False, final_sigmas_type="zero",
                                    timestep_spacing="linspace", use_karras_sigmas=False, lower_order_final=True)
    install_float64(s, schedule)
    ab = s.alphas_cumprod.numpy()
    s.alpha_t = torch.sqrt(s.alphas_cumprod)
    s.sigma_t = torch.sqrt(1 - s.alphas_cumprod)
    s.lambda_t = torch.log(s.alpha_t) - torch.log(s.sigma_t)
    s.set_timesteps(steps)
    ts = s.timesteps.numpy().astype(np.int64)
    # set_timesteps interpolates the VE sigmas sqrt((1−ᾱ)/ᾱ) at the (integer) timesteps, appends 0 and casts to
    # float32; rebuild the same array without the cast.
    table = np.sqrt((1 - ab) / ab)
    sig64 = np.concatenate([np.interp(ts, np.arange(T), table), [0.0]])
    assert np.array_equal(sig64.astype(np.float32), s.sigmas.numpy()), "sigma grid not reproduced"
    s.sigmas = torch.from_numpy(sig64)
    x = t_(x_T)
    for t in s.timesteps:
        e = eps(x.numpy(), ab[int(t)])
        x = s.step(t_(e), t, x).prev_sample
        assert x.dtype == torch.float64
    return x.numpy(), {"timesteps": [int(t) for t in ts], "sigmas": sig64.tolist()}


def diffusers_heun(schedule, steps, eps, x_T):
    s = HeunDiscreteScheduler(**schedule_kwargs(schedule), use_karras_sigmas=False, clip_sample=False,
                              timestep_spacing="linspace")
    install_float64(s, schedule)
    ab = s.alphas_cumprod.numpy()
    s.set_timesteps(steps)
    ts_all = s.timesteps.numpy()                                        # float32, 2N−1 entries (interior repeated)
    grid = np.concatenate([ts_all[:1], ts_all[1::2]]).astype(np.float64)   # the N distinct grid times
    assert len(grid) == steps and np.all(np.diff(grid) < 0)
    table = np.sqrt((1 - ab) / ab)
    sig = np.concatenate([np.interp(grid, np.arange(T), table), [0.0]])    # N + 1 values, last = 0
    sig_t = torch.from_numpy(sig)
    sig_all = torch.cat([sig_t[:1], sig_t[1:-1].repeat_interleave(2), sig_t[-1:]])
    assert np.array_equal(sig_all.numpy().astype(np.float32), s.sigmas.numpy()), "sigma grid not reproduced"
    s.sigmas = sig_all
    # Start: our x_T is a VP sample at the first grid time; Heun's state is the VE variable x̂ = x/α = x·sqrt(1+σ̂²).
    x = t_(x_T) * np.sqrt(1.0 + sig[0] ** 2)
    for t in s.timesteps:
        xin = s.scale_model_input(x, t)                    # x̂/sqrt(1+σ̂²)
        sigma = float(s.sigmas[s.step_index])
        e = eps(xin.numpy(), 1.0 / (1.0 + sigma * sigma))
        x = s.step(t_(e), t, x).prev_sample
        assert x.dtype == torch.float64
    return x.numpy(), {"timesteps": grid.tolist(), "sigmas": sig.tolist(),
                       "diffusers_timesteps": [float(t) for t in ts_all], "diffusers_sigmas": sig_all.tolist(),
                       "start_scale": float(np.sqrt(1.0 + sig[0] ** 2)),
                       "init_noise_sigma_not_used": float(s.init_noise_sigma)}


# ---------------------------------------------------------------- independent NumPy samplers (float64)
# Written from the papers; they share only the ε* model and the ᾱ table with the diffusers runs.
def grid_leading(steps):
    """{0, r, 2r, …, (N−1)r} in decreasing order, r = T // N (DDPM/DDIM "leading" spacing, no offset)."""
    r = T // steps
    return np.arange(steps - 1, -1, -1, dtype=np.int64) * r


def grid_dpm_linspace(steps):
    """round(linspace(0, T−1, N+1)) decreasing, the last point (0) dropped; the solver then steps to σ = 0."""
    return np.round(np.linspace(0.0, T - 1.0, steps + 1))[::-1][:-1].astype(np.int64)


def grid_heun_linspace(steps, ab):
    """N times linspace(0, T−1, N) (rounded to float32, as diffusers stores them) decreasing; VE σ̂ = sqrt((1−ᾱ)/ᾱ)
    linearly interpolated in t between integer timesteps; σ̂ = 0 appended."""
    times = np.linspace(0.0, T - 1.0, steps).astype(np.float32).astype(np.float64)[::-1]
    table = np.sqrt((1.0 - ab) / ab)
    lo = np.floor(times).astype(np.int64)
    hi = np.minimum(lo + 1, T - 1)
    frac = times - lo
    sig = (1.0 - frac) * table[lo] + frac * table[hi]
    return times, np.concatenate([sig, [0.0]])


def numpy_ddpm(ab, ts, variance_type, eps, x_T, noise, posterior_mean_form=False):
    """Ancestral DDPM (Ho et al. 2020, Alg. 2 and Eq. 11; σ_t² ∈ {β̃_t, β_t} of §3.2 / Eqs. 6–7) on a sub-grid:
    with prev(t) the next grid point (ᾱ_prev = 1 after t = 0), α' = ᾱ_t/ᾱ_prev and β' = 1 − α',
        x_prev = (x − β'/sqrt(1−ᾱ_t)·ε(x, t)) / sqrt(α') + σ z,   σ² = β'(1−ᾱ_prev)/(1−ᾱ_t) (small) or β' (large),
    and no noise on the final step (t = 0).
    posterior_mean_form=True evaluates the same mean as the posterior mean of Ho et al. Eq. 7 with x̂_0 of Eq. 15,
        mean = sqrt(ᾱ_prev) β'/(1−ᾱ_t) · x̂_0 + sqrt(α') (1−ᾱ_prev)/(1−ᾱ_t) · x,
    the arrangement diffusers uses — a diagnostic of rounding only (algebraically identical)."""
    x = np.array(x_T, dtype=np.float64)
    first, variances = None, []
    for i, t in enumerate(ts):
        ab_t = ab[t]
        ab_p = ab[ts[i + 1]] if i + 1 < len(ts) else 1.0
        a1 = ab_t / ab_p
        b1 = 1.0 - a1
        e = eps(x, ab_t)
        if posterior_mean_form:
            x0 = (x - np.sqrt(1.0 - ab_t) * e) / np.sqrt(ab_t)
            mean = np.sqrt(ab_p) * b1 / (1.0 - ab_t) * x0 + np.sqrt(a1) * (1.0 - ab_p) / (1.0 - ab_t) * x
        else:
            mean = (x - b1 / np.sqrt(1.0 - ab_t) * e) / np.sqrt(a1)
        if i + 1 < len(ts):
            var = b1 * (1.0 - ab_p) / (1.0 - ab_t) if variance_type == "fixed_small" else b1
            variances.append(var)
            x = mean + np.sqrt(var) * noise[i]
        else:
            x = mean
        if i == 0:
            first = x.copy()
    return x, first, variances


def numpy_ddim(ab, ts, eps, x_T):
    """Deterministic DDIM (Song et al. 2021, Eq. 12 with σ = 0, i.e. η = 0 in Eq. 16):
    x̂_0 = (x − sqrt(1−ᾱ_t) ε)/sqrt(ᾱ_t),  x_prev = sqrt(ᾱ_prev) x̂_0 + sqrt(1−ᾱ_prev) ε,  ᾱ_prev = 1 after t = 0."""
    x = np.array(x_T, dtype=np.float64)
    first = None
    for i, t in enumerate(ts):
        ab_t = ab[t]
        ab_p = ab[ts[i + 1]] if i + 1 < len(ts) else 1.0
        e = eps(x, ab_t)
        x0 = (x - np.sqrt(1.0 - ab_t) * e) / np.sqrt(ab_t)
        x = np.sqrt(ab_p) * x0 + np.sqrt(1.0 - ab_p) * e
        if i == 0:
            first = x.copy()
    return x, first


def numpy_dpmpp_2m(ab, ts, eps, x_T, float32_cast=False):
    """DPM-Solver++(2M) (Lu et al. 2022b, Alg. 2), data prediction x̂_0 = (x − σε)/α, α = sqrt(ᾱ), σ = sqrt(1−ᾱ),
    λ = log(α/σ). Steps t_0 → … → t_{N−1} → (σ = 0):
      step 0:            x_1 = (σ_1/σ_0) x_0 − α_1 (e^{−h_0} − 1) x̂_0^{(0)}
      steps 1 … N−2:     D = (1 + 1/(2r)) x̂_0^{(i)} − x̂_0^{(i−1)}/(2r),  r = h_{i−1}/h_i,
                         x_{i+1} = (σ_{i+1}/σ_i) x_i − α_{i+1} (e^{−h_i} − 1) D
      last step (σ = 0): x = x̂_0^{(N−1)}   (the first-order update's limit σ_{i+1} → 0).
    float32_cast=True emulates diffusers' cast of the running sample: the product (σ_{i+1}/σ_i)·x is formed in float32
    (both factors rounded to float32, product rounded) — a diagnostic only."""
    alpha = np.sqrt(ab[ts])
    sigma = np.sqrt(1.0 - ab[ts])
    lam = np.log(alpha) - np.log(sigma)
    x = np.array(x_T, dtype=np.float64)
    x0_prev = None
    n = len(ts)
    for i in range(n):
        e = eps(x, ab[ts[i]])
        x0 = (x - sigma[i] * e) / alpha[i]
        if i == n - 1:
            x = x0
            break
        h = lam[i + 1] - lam[i]
        if i == 0:
            D = x0
        else:
            r = (lam[i] - lam[i - 1]) / h
            D = (1.0 + 1.0 / (2.0 * r)) * x0 - x0_prev / (2.0 * r)
        ratio = sigma[i + 1] / sigma[i]
        if float32_cast:
            lin = (np.float32(ratio) * x.astype(np.float32)).astype(np.float64)
        else:
            lin = ratio * x
        x = lin - alpha[i + 1] * np.expm1(-h) * D
        x0_prev = x0
    return x


def numpy_heun(sig, eps, x_T):
    """Heun's 2nd-order method on the probability-flow ODE (Karras et al. 2022, Alg. 1 with σ(t) = t, s(t) = 1, no
    churn) in VE variables x̂ = x/α, σ̂ = σ/α: D(x̂; σ̂) = x̂ − σ̂·ε(x̂/sqrt(1+σ̂²), ᾱ = 1/(1+σ̂²)), d = (x̂ − D)/σ̂.
    Euler predictor, trapezoidal corrector, except on the last step to σ̂ = 0 (Euler only). Start x̂ = x_T·sqrt(1+σ̂_0²)."""
    def denoise(xh, s):
        return xh - s * eps(xh / np.sqrt(1.0 + s * s), 1.0 / (1.0 + s * s))

    x = np.array(x_T, dtype=np.float64) * np.sqrt(1.0 + sig[0] ** 2)
    for i in range(len(sig) - 1):
        s, s_next = sig[i], sig[i + 1]
        d = (x - denoise(x, s)) / s
        x_euler = x + (s_next - s) * d
        if s_next == 0.0:
            x = x_euler
        else:
            d2 = (x_euler - denoise(x_euler, s_next)) / s_next
            x = x + (s_next - s) * 0.5 * (d + d2)
    return x


def alpha_bar_of_lambda(lam):
    """Continuous VP ᾱ at log-SNR half λ = log(α/σ): ᾱ = α² = 1/(1 + e^{−2λ})."""
    return 1.0 / (1.0 + np.exp(-2.0 * lam))


def numpy_dpm_solver_2(ab, ts, eps, x_T):
    """DPM-Solver-2 (Lu et al. 2022a, Alg. 1 — "DPM-Solver-2" — with r₁ = 1/2), on the integer grid ts (DDIM leading):
    for s = t_i → t = t_{i+1}, h = λ_t − λ_s, λ_m = λ_s + h/2 and ᾱ_m = 1/(1 + e^{−2λ_m}) (continuous midpoint):
        u   = (α_m/α_s) x − σ_m (e^{h/2} − 1) ε(x, ᾱ_s)
        x_t = (α_t/α_s) x − σ_t (e^{h} − 1) ε(u, ᾱ_m).
    The last grid point is t = 0; the final step to ᾱ = 1 (σ = 0, λ = ∞, where the midpoint degenerates) is the
    first-order limit x_0 = x̂_0 = (x − sqrt(1−ᾱ_0) ε(x, ᾱ_0)) / sqrt(ᾱ_0), as in DDIM's last step. NFE = 2N − 1."""
    x = np.array(x_T, dtype=np.float64)
    mids = []
    for i in range(len(ts) - 1):
        ab_s, ab_t = ab[ts[i]], ab[ts[i + 1]]
        lam_s = 0.5 * (np.log(ab_s) - np.log1p(-ab_s))
        lam_t = 0.5 * (np.log(ab_t) - np.log1p(-ab_t))
        h = lam_t - lam_s
        ab_m = alpha_bar_of_lambda(lam_s + 0.5 * h)
        mids.append(ab_m)
        a_s, s_s = np.sqrt(ab_s), np.sqrt(1.0 - ab_s)
        a_m, s_m = np.sqrt(ab_m), np.sqrt(1.0 - ab_m)
        a_t, s_t = np.sqrt(ab_t), np.sqrt(1.0 - ab_t)
        u = (a_m / a_s) * x - s_m * np.expm1(0.5 * h) * eps(x, ab_s)
        x = (a_t / a_s) * x - s_t * np.expm1(h) * eps(u, ab_m)
    ab_0 = ab[ts[-1]]
    x = (x - np.sqrt(1.0 - ab_0) * eps(x, ab_0)) / np.sqrt(ab_0)
    return x, mids


def exact_flow_single_gaussian(case, x_T, abar_start):
    """Exact probability-flow solution for a single Gaussian N(μ, Σ) from x_T at ᾱ_start to σ = 0: in VE variables
    p_σ̂ = N(μ, Σ + σ̂²I) and dx̂/dσ̂ = σ̂(Σ + σ̂²I)⁻¹(x̂ − μ), so x_0 = μ + Σ^{1/2}(Σ + σ̂²I)^{−1/2}(x_T/sqrt(ᾱ) − μ),
    σ̂² = (1 − ᾱ)/ᾱ (all matrices commute). Not a sampler output: the limit the ODE samplers converge to."""
    mu = np.asarray(case["means"][0], dtype=np.float64)
    S = np.asarray(case["covariances"][0], dtype=np.float64)
    w, V = np.linalg.eigh(S)
    s2 = (1.0 - abar_start) / abar_start
    M = (V * np.sqrt(w / (w + s2))) @ V.T
    return mu + (np.asarray(x_T) / np.sqrt(abar_start) - mu) @ M.T


# ---------------------------------------------------------------- driver
def maxabs(a, b):
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))


def rows(a):
    return np.asarray(a, dtype=np.float64).tolist()


def make_inputs():
    cases = {}
    for index, (name, case) in enumerate(CASES.items()):
        d = len(case["means"][0])
        seeds = seeds_for(index)
        x_T = np.random.default_rng(seeds["starts"]).standard_normal((ROWS, d))
        n1000 = np.random.default_rng(seeds["noise_ddpm_1000"]).standard_normal((DDPM_STEPS[0] - 1, ROWS, d))
        n50 = np.random.default_rng(seeds["noise_ddpm_50"]).standard_normal((DDPM_STEPS[1] - 1, ROWS, d))
        for S in case["covariances"]:
            assert np.all(np.linalg.eigvalsh(np.asarray(S)) > 0)
        cases[name] = dict(case, dimension=d, seeds=seeds, x_T=x_T, noise_ddpm_1000=n1000, noise_ddpm_50=n50)
    return cases


def epsilon_table(name, case):
    """ε*(x, ᾱ) at the starts x_T for a few ᾱ (for testing an exact-score implementation on its own), with the
    autograd cross-check."""
    eps = ExactEpsilon(case)
    out, worst = [], 0.0
    for abar in EPS_TABLE_ALPHA_BAR:
        pts = case["x_T"] * np.sqrt(1.0 - abar) + np.sqrt(abar) * np.asarray(case["means"][0])
        e = eps(pts, abar)
        worst = max(worst, maxabs(e, epsilon_by_autograd(case, pts, abar)))
        out.append({"alpha_bar": abar, "x": rows(pts), "epsilon": rows(e)})
    print("  eps* %-10s  max |numpy − torch autograd| = %.2e" % (name, worst))
    return out, worst


def run_schedule(schedule, cases):
    _, ab = alpha_bar_table(schedule)
    configs = []

    def add(cfg):
        diffs = [r["max_abs_numpy_minus_diffusers"] for r in cfg["results"].values()
                 if r.get("max_abs_numpy_minus_diffusers") is not None]
        results = cfg.pop("results")
        cfg["max_abs_numpy_minus_diffusers"] = max(diffs) if diffs else None
        cfg["results"] = results
        if not cfg["name"].startswith("ddpm") and "gaussian2d" in results:
            case = cases["gaussian2d"]
            results["gaussian2d"]["x0_exact_probability_flow"] = rows(
                exact_flow_single_gaussian(case, case["x_T"], cfg["eval_alpha_bar"][0]))
        configs.append(cfg)
        tag = "max |numpy − diffusers| = %.2e" % max(diffs) if diffs else "(numpy only)"
        print("  %-6s %-24s nfe %4d  %s" % (schedule, cfg["name"], cfg["nfe"], tag))

    # DDPM ancestral, full chain and respaced, both fixed variances, replayed noise.
    for steps in DDPM_STEPS:
        for vt in ("fixed_small", "fixed_large"):
            results, meta = {}, None
            for cname, case in cases.items():
                eps = ExactEpsilon(case)
                noise = case["noise_ddpm_%d" % steps]
                x_d, first_d, meta = diffusers_ddpm(schedule, steps, vt, eps, case["x_T"], noise)
                eval_ab = eps.reset()
                ts = grid_leading(steps)
                assert ts.tolist() == meta["timesteps"]
                x_n, first_n, var_n = numpy_ddpm(ab, ts, vt, eps, case["x_T"], noise)
                x_pm, _, _ = numpy_ddpm(ab, ts, vt, eps, case["x_T"], noise, posterior_mean_form=True)
                eps.reset()
                # The replay is really used: flipping the sign of the stored noise must change the output.
                x_flip, _, _ = diffusers_ddpm(schedule, steps, vt, eps, case["x_T"], -noise)
                eps.reset()
                r = {"x0_diffusers": rows(x_d), "x0_numpy": rows(x_n),
                     "max_abs_numpy_minus_diffusers": maxabs(x_n, x_d),
                     "max_abs_numpy_posterior_mean_form_minus_diffusers": maxabs(x_pm, x_d),
                     "noise_replay_check": {"noise_calls": meta["noise_calls"],
                                            "max_abs_change_with_negated_noise": maxabs(x_flip, x_d)}}
                assert r["noise_replay_check"]["max_abs_change_with_negated_noise"] > 1e-3
                if steps == 50:
                    r["after_first_step_diffusers"] = rows(first_d)
                    r["after_first_step_numpy"] = rows(first_n)
                results[cname] = r
                var_diff = maxabs(var_n, meta["variance_diffusers"])
            ts = meta["timesteps"]
            ab_prev = [float(ab[p]) if p >= 0 else 1.0 for p in meta["prev_timesteps"]]
            add({"name": "ddpm_%d_%s" % (steps, vt), "sampler": "DDPM ancestral",
                 "diffusers_class": "DDPMScheduler",
                 "diffusers_settings": {"variance_type": vt, "clip_sample": False, "thresholding": False,
                                        "prediction_type": "epsilon", "timestep_spacing": "leading", "steps_offset": 0,
                                        "num_inference_steps": steps},
                 "steps": steps, "nfe": len(eval_ab),
                 "timesteps": ts, "alpha_bar": [float(ab[t]) for t in ts], "alpha_bar_prev": ab_prev,
                 "variance": [float(v) for v in meta["variance_diffusers"]],
                 "max_abs_variance_numpy_minus_diffusers": var_diff,
                 "noise": "noise_ddpm_%d" % steps,
                 "eval_alpha_bar": eval_ab, "results": results})

    # DDIM, η = 0.
    for steps in DDIM_STEPS:
        results = {}
        for cname, case in cases.items():
            eps = ExactEpsilon(case)
            x_d, first_d, meta = diffusers_ddim(schedule, steps, eps, case["x_T"])
            eval_ab = eps.reset()
            ts = grid_leading(steps)
            assert ts.tolist() == meta["timesteps"]
            x_n, first_n = numpy_ddim(ab, ts, eps, case["x_T"])
            r = {"x0_diffusers": rows(x_d), "x0_numpy": rows(x_n), "max_abs_numpy_minus_diffusers": maxabs(x_n, x_d)}
            if steps == 10:
                r["after_first_step_diffusers"] = rows(first_d)
                r["after_first_step_numpy"] = rows(first_n)
            results[cname] = r
        ts = meta["timesteps"]
        add({"name": "ddim_%d" % steps, "sampler": "DDIM eta=0", "diffusers_class": "DDIMScheduler",
             "diffusers_settings": {"eta": 0.0, "set_alpha_to_one": True, "clip_sample": False, "thresholding": False,
                                    "prediction_type": "epsilon", "timestep_spacing": "leading", "steps_offset": 0,
                                    "num_inference_steps": steps},
             "steps": steps, "nfe": len(eval_ab), "timesteps": ts, "alpha_bar": [float(ab[t]) for t in ts],
             "alpha_bar_prev": [float(ab[t]) for t in ts[1:]] + [1.0],
             "eval_alpha_bar": eval_ab, "results": results})

    # DPM-Solver++(2M).
    for steps in DPMPP_STEPS:
        results = {}
        for cname, case in cases.items():
            eps = ExactEpsilon(case)
            x_d, meta = diffusers_dpmpp(schedule, steps, eps, case["x_T"])
            eval_ab = eps.reset()
            ts = grid_dpm_linspace(steps)
            assert ts.tolist() == meta["timesteps"]
            x_n = numpy_dpmpp_2m(ab, ts, eps, case["x_T"])
            x_e = numpy_dpmpp_2m(ab, ts, eps, case["x_T"], float32_cast=True)
            results[cname] = {"x0_diffusers": rows(x_d), "x0_numpy": rows(x_n),
                              "max_abs_numpy_minus_diffusers": maxabs(x_n, x_d),
                              "max_abs_numpy_float32_cast_emulation_minus_diffusers": maxabs(x_e, x_d)}
        ts = meta["timesteps"]
        add({"name": "dpmpp_2m_%d" % steps, "sampler": "DPM-Solver++(2M)",
             "diffusers_class": "DPMSolverMultistepScheduler",
             "diffusers_settings": {"algorithm_type": "dpmsolver++", "solver_order": 2, "solver_type": "midpoint",
                                    "final_sigmas_type": "zero", "lower_order_final": True, "thresholding": False,
                                    "use_karras_sigmas": False, "prediction_type": "epsilon",
                                    "timestep_spacing": "linspace", "num_inference_steps": steps},
             "steps": steps, "nfe": len(eval_ab), "timesteps": ts, "alpha_bar": [float(ab[t]) for t in ts],
             "alpha_bar_prev": [float(ab[t]) for t in ts[1:]] + [1.0],
             "sigmas_ve": meta["sigmas"], "eval_alpha_bar": eval_ab, "results": results})

    # Heun on the probability-flow ODE.
    for steps in HEUN_STEPS:
        results = {}
        for cname, case in cases.items():
            eps = ExactEpsilon(case)
            x_d, meta = diffusers_heun(schedule, steps, eps, case["x_T"])
            eval_ab = eps.reset()
            times, sig = grid_heun_linspace(steps, ab)
            grid_diff = max(maxabs(times, meta["timesteps"]), maxabs(sig, meta["sigmas"]))
            assert grid_diff <= 1e-12 * max(sig), grid_diff
            x_n = numpy_heun(sig, eps, case["x_T"])
            results[cname] = {"x0_diffusers": rows(x_d), "x0_numpy": rows(x_n),
                              "max_abs_numpy_minus_diffusers": maxabs(x_n, x_d)}
        sig = np.asarray(meta["sigmas"])
        add({"name": "heun_%d" % steps, "sampler": "Heun (Karras et al. 2022 Alg. 1) on the probability-flow ODE",
             "diffusers_class": "HeunDiscreteScheduler",
             "diffusers_settings": {"timestep_spacing": "linspace", "use_karras_sigmas": False, "clip_sample": False,
                                    "prediction_type": "epsilon", "num_inference_steps": steps},
             "steps": steps, "nfe": len(eval_ab), "timesteps": meta["timesteps"], "sigmas_ve": meta["sigmas"],
             "alpha_bar": (1.0 / (1.0 + sig[:-1] ** 2)).tolist(),
             "diffusers_timesteps": meta["diffusers_timesteps"], "diffusers_sigmas": meta["diffusers_sigmas"],
             "start_scale": meta["start_scale"], "init_noise_sigma_not_used": meta["init_noise_sigma_not_used"],
             "max_abs_grid_numpy_minus_diffusers": grid_diff,
             "eval_alpha_bar": eval_ab, "results": results})

    # DPM-Solver-2 (NumPy only).
    for steps in DPM2_STEPS:
        results = {}
        ts = grid_leading(steps)
        for cname, case in cases.items():
            eps = ExactEpsilon(case)
            x_n, mids = numpy_dpm_solver_2(ab, ts, eps, case["x_T"])
            eval_ab = eps.reset()
            results[cname] = {"x0_diffusers": None, "x0_numpy": rows(x_n), "max_abs_numpy_minus_diffusers": None}
        add({"name": "dpm_solver_2_%d" % steps, "sampler": "DPM-Solver-2 (r1 = 1/2, continuous lambda-midpoint)",
             "diffusers_class": None, "diffusers_settings": None,
             "steps": steps, "nfe": len(eval_ab), "timesteps": ts.tolist(), "alpha_bar": [float(ab[t]) for t in ts],
             "alpha_bar_prev": [float(ab[t]) for t in ts[1:]] + [1.0], "alpha_bar_midpoints": [float(m) for m in mids],
             "eval_alpha_bar": eval_ab, "results": results})
    return configs


def provenance(what, source_facts):
    return {
        "script": SCRIPT,
        "command": os.environ.get("DIFFUSION_REF_COMMAND", "python3 " + SCRIPT),
        "install_command": os.environ.get("DIFFUSION_REF_INSTALL_COMMAND"),
        "pip_freeze": [l for l in os.environ.get("DIFFUSION_REF_PIP_FREEZE", "").splitlines() if l.strip()],
        "versions": {p: importlib.metadata.version(p) for p in ("diffusers", "torch", "numpy")},
        "torch_build": torch.__version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "torch_device": "cpu",
        "generated_utc": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "content": what,
        "diffusers_source_checks": source_facts,
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


def write(out_dir, name, payload):
    path = os.path.join(out_dir, name)
    text = to_json(payload) + "\n"
    assert json.loads(text) == payload
    with open(path, "w") as handle:
        handle.write(text)
    print("wrote", os.path.relpath(path, ROOT), "(%.0f kB)" % (os.path.getsize(path) / 1e3))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "data", "reference", "diffusion"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    print("diffusers", diffusers.__version__, "torch", torch.__version__, "numpy", np.__version__)
    facts = check_installed_source()
    cases = make_inputs()

    eps_tables, eps_worst = {}, 0.0
    for name, case in cases.items():
        eps_tables[name], worst = epsilon_table(name, case)
        eps_worst = max(eps_worst, worst)
    assert eps_worst < 1e-12, eps_worst

    schedules = {}
    for name, spec in SCHEDULES.items():
        betas, ab = alpha_bar_table(name)
        float32_rel = install_float64(DDPMScheduler(**schedule_kwargs(name)), name)
        schedules[name] = {"description": spec["description"], "diffusers_beta_schedule": spec["diffusers_beta_schedule"],
                           "beta_start": spec["beta_start"], "beta_end": spec["beta_end"],
                           "diffusers_float32_alpha_bar_max_relative_difference": float32_rel,
                           "betas": betas.tolist(), "alpha_bar": ab.tolist()}

    for name in SCHEDULES:
        configs = run_schedule(name, cases)
        summary = {c["name"]: {"nfe": c["nfe"], "max_abs_numpy_minus_diffusers": c["max_abs_numpy_minus_diffusers"]}
                   for c in configs}
        write(args.out, "samplers_%s.json" % name, {
            "provenance": provenance("sampler outputs on the '%s' schedule; inputs in inputs.json" % name, facts),
            "schedule": name, "summary": summary, "configs": configs})

    write(args.out, "inputs.json", {
        "provenance": provenance("fixed inputs of the diffusion sampler references (schedules, data laws, starts, noise)",
                                 facts),
        "T": T,
        "schedules": schedules,
        "cases": {name: {"description": c["description"], "dimension": c["dimension"], "weights": c["weights"],
                         "means": c["means"], "covariances": c["covariances"], "seeds": c["seeds"],
                         "x_T": rows(c["x_T"]),
                         "noise_ddpm_1000": rows(c["noise_ddpm_1000"]), "noise_ddpm_50": rows(c["noise_ddpm_50"]),
                         "epsilon_table": eps_tables[name]}
                  for name, c in cases.items()},
        "epsilon_table_max_abs_numpy_minus_autograd": eps_worst,
    })


if __name__ == "__main__":
    main()
