#!/usr/bin/env python3
"""Stationary expectations of LMC(eta), fine LMC(eta/K) and PLMC(eta, K) on the 1-D Gaussian mixture
pi = 1/2 N(-c, 1) + 1/2 N(c, 1) (drift b(x) = -x + c tanh(c x)), by Nystrom discretisation of the transition
kernels (numpy; an implementation independent of the Swift `StationaryKernelQuadrature`).

Provenance: written for claim C10 (proofs-notes PN-P10 / PN-V07).
Run: python3 scripts/reference/mixture-stationary/nystrom_mixture.py > data/reference/mixture-stationary/mixture-stationary.json (numpy, mpmath; a few minutes)

Method: uniform grid x_0..x_{N-1} on [-L, L], P_ij = k(x_i, x_j) dx with rows renormalised to 1, stationary
vector from (P^T - I) p = 0 with the last equation replaced by sum(p) = 1 (numpy.linalg.solve).
PLMC kernel: for every flag set F subset of {1..K-1} (probability (1/K)^m (1-1/K)^(K-1-m)), a tensor
Gauss-Hermite rule (probabilists', numpy.polynomial.hermite_e) over the Brownian values at the flagged
sub-steps; given them the step is Gaussian with variance 2h(K - i_m).
E_pi[phi] by mpmath quadrature of phi e^{-F}, F = x^2/2 - log cosh(c x).
The grid/node convergence is shown by the second block (N = 200, GH = 8 vs N = 300, GH = 10 vs N = 600, GH = 12).
"""
import itertools, json, sys
import numpy as np
import mpmath as mp

C = 1.0
K = 4
OMEGA = 0.5
ETAS = [0.8, 0.4, 0.2, 0.1, 0.05]

def b(x):
    return -x + C * np.tanh(C * x)

def phi(x):
    return np.cos(OMEGA * x)

def gaussian_rows(x, dx, means, var):
    return np.exp(-(x[None, :] - means[:, None]) ** 2 / (2 * var)) / np.sqrt(2 * np.pi * var) * dx

def lmc_kernel(x, dx, eta):
    return gaussian_rows(x, dx, x + eta * b(x), 2 * eta)

def plmc_kernel(x, dx, eta, k, gh):
    z, w = np.polynomial.hermite_e.hermegauss(gh)
    w = w / w.sum()
    h = eta / k
    n = len(x)
    out = np.zeros((n, n))
    b0 = b(x)
    for m in range(0, k):
        for flags in itertools.combinations(range(1, k), m):
            prob = (1 / k) ** m * (1 - 1 / k) ** (k - 1 - m)
            if m == 0:
                out += prob * gaussian_rows(x, dx, x + eta * b0, 2 * eta)
                continue
            incs = np.array([flags[0]] + [flags[j] - flags[j - 1] for j in range(1, m)], float)
            for nodes in itertools.product(range(gh), repeat=m):
                zz = z[list(nodes)]
                weight = np.prod(w[list(nodes)])
                path = np.cumsum(zz * np.sqrt(incs * h))           # W(i_j h)
                mean = x + eta * b0 + np.sqrt(2) * path[-1]
                for j in range(m):
                    mean = mean + eta * (b(x + flags[j] * h * b0 + np.sqrt(2) * path[j]) - b0)
                out += prob * weight * gaussian_rows(x, dx, mean, 2 * h * (k - flags[-1]))
    return out

def stationary(P):
    P = P / P.sum(axis=1, keepdims=True)
    n = P.shape[0]
    A = P.T - np.eye(n)
    A[-1, :] = 1.0
    rhs = np.zeros(n)
    rhs[-1] = 1.0
    return np.linalg.solve(A, rhs)

def table(n, half_width, gh):
    x = np.linspace(-half_width, half_width, n)
    dx = x[1] - x[0]
    f = phi(x)
    rows = []
    for eta in ETAS:
        pl = stationary(lmc_kernel(x, dx, eta))
        pf = stationary(lmc_kernel(x, dx, eta / K))
        pp = stationary(plmc_kernel(x, dx, eta, K, gh))
        rows.append({"eta": eta, "E_lmc": float(pl @ f), "E_fine": float(pf @ f), "E_plmc": float(pp @ f),
                     "plmc_minus_fine": float((pp - pf) @ f), "lmc_minus_fine": float((pl - pf) @ f)})
    return rows

def pi_expectation():
    mp.mp.dps = 30
    F = lambda t: t * t / 2 - mp.log(mp.cosh(C * t))
    z = mp.quad(lambda t: mp.exp(-F(t)), [-mp.inf, 0, mp.inf])
    num = mp.quad(lambda t: mp.cos(OMEGA * t) * mp.exp(-F(t)), [-mp.inf, 0, mp.inf])
    return float(num / z)

if __name__ == "__main__":
    main = table(300, 10.0, 10)
    convergence = {"N=200,L=9,GH=8": table(200, 9.0, 8), "N=600,L=10,GH=12": table(600, 10.0, 12)}
    json.dump({"provenance": __doc__.strip().splitlines()[0:3], "separation_c": C, "substeps_K": K,
               "observable": "cos(0.5 x)", "E_pi": pi_expectation(), "grid": "N=300 on [-10, 10], GH=10",
               "values": main, "convergence": convergence}, sys.stdout, indent=1)
    print()
