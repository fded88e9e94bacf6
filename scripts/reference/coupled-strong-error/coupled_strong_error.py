#!/usr/bin/env python3
"""Second and fourth moments of the coupled distance Delta = X - X_fine between PLMC(eta, K) (or LMC(eta)) and
fine LMC(eta/K) on the 1-D OU target N(0, 1/a), chains started together at a draw of pi: reference values for
Verification `CoupledGaussianMoments` (claim C12, proofs-notes PN-P12 / PN-V09).
Run: python3 scripts/reference/coupled-strong-error/coupled_strong_error.py > data/reference/coupled-strong-error/values.json

Independent construction: for every flag set H (i = 1..K-1 flagged with probability 1/K) the one-step map
s' = A_H s + B_H z of s = (X, X_fine), z = (Z_0..Z_{K-1}), is built by LITERALLY stepping the schemes on
coefficient vectors (fine chain: K Euler steps; PLMC: base drift, midpoints X + i h b(X) + sqrt(2h) S_i, corrections
eta (b(mid_i) - b(X)), endpoint noise sqrt(2h) S_K). The moment tensors E[s^{(x)2}] and E[s^{(x)4}] are then propagated
with numpy.einsum (Gaussian z: E[z^{(x)4}] by Isserlis), averaged over H. Delta moments are contractions with (1,-1).
"""
import itertools, json, sys
import numpy as np

def step_maps(eta, K, a, plmc):
    h = eta / K
    maps = []
    flag_sets = [()] if not plmc else [f for m in range(K) for f in itertools.combinations(range(1, K), m)]
    for flags in flag_sets:
        prob = 1.0 if not plmc else (1 / K) ** len(flags) * (1 - 1 / K) ** (K - 1 - len(flags))
        # coefficient vectors over (P, F, Z_0..Z_{K-1})
        n = 2 + K
        P = np.zeros(n); P[0] = 1
        F = np.zeros(n); F[1] = 1
        for j in range(K):                      # fine chain
            zj = np.zeros(n); zj[2 + j] = 1
            F = F + h * (-a * F) + np.sqrt(2 * h) * zj
        b0 = -a * P
        S = lambda i: np.concatenate([[0, 0], np.ones(i), np.zeros(K - i)])
        Xn = P + eta * b0 + np.sqrt(2 * h) * S(K)
        for i in flags:
            mid = P + i * h * b0 + np.sqrt(2 * h) * S(i)
            Xn = Xn + eta * ((-a * mid) - b0)
        A = np.array([[Xn[0], Xn[1]], [F[0], F[1]]])
        B = np.array([Xn[2:], F[2:]])
        maps.append((prob, A, B))
    return maps

def isserlis4(C):
    # E[y_i y_j y_k y_l] for y ~ N(0, C)
    return (np.einsum('ij,kl->ijkl', C, C) + np.einsum('ik,jl->ijkl', C, C) + np.einsum('il,jk->ijkl', C, C))

def moments(eta, K, a, plmc, steps):
    maps = step_maps(eta, K, a, plmc)
    v = 1 / a
    M2 = np.full((2, 2), v)
    M4 = np.full((2, 2, 2, 2), 3 * v * v)
    u = np.array([1.0, -1.0])
    out = []
    for _ in range(steps):
        N2 = np.zeros((2, 2)); N4 = np.zeros((2, 2, 2, 2))
        for prob, A, B in maps:
            C = B @ B.T
            AM2A = A @ M2 @ A.T
            N2 += prob * (AM2A + C)
            A4 = np.einsum('ia,jb,kc,ld,abcd->ijkl', A, A, A, A, M4)
            cross = (np.einsum('ij,kl->ijkl', AM2A, C) + np.einsum('ik,jl->ijkl', AM2A, C) + np.einsum('il,jk->ijkl', AM2A, C)
                     + np.einsum('ij,kl->ijkl', C, AM2A) + np.einsum('ik,jl->ijkl', C, AM2A) + np.einsum('il,jk->ijkl', C, AM2A))
            N4 += prob * (A4 + cross + isserlis4(C))
        M2, M4 = N2, N4
        out.append((float(u @ M2 @ u), float(np.einsum('ijkl,i,j,k,l->', M4, u, u, u, u))))
    return out

cases = []
for eta, K, plmc, steps in [(0.4, 4, True, 20), (0.2, 4, True, 40), (0.1, 4, False, 80), (0.4, 8, True, 20), (0.3, 3, True, 30)]:
    m = moments(eta, K, 1.0, plmc, steps)
    cases.append({"a": 1.0, "eta": eta, "K": K, "plmc": plmc, "steps": steps,
                  "second_after_1": m[0][0], "fourth_after_1": m[0][1],
                  "second_after_steps": m[-1][0], "fourth_after_steps": m[-1][1]})
stationary = []
for eta, K in [(0.4, 4), (0.2, 4), (0.1, 4)]:
    p = moments(eta, K, 1.0, True, int(60 / eta))[-1]
    l = moments(eta, K, 1.0, False, int(60 / eta))[-1]
    stationary.append({"eta": eta, "K": K, "plmc_rms": p[0] ** 0.5, "lmc_rms": l[0] ** 0.5})
json.dump({"provenance": __doc__.strip().splitlines()[0:3], "cases": cases, "stationary": stationary}, sys.stdout, indent=1)
print()
