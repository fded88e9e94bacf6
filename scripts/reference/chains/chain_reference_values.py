#!/usr/bin/env python3
"""High-precision reference values for the exact laws of the discrete Langevin chains under linear drift
b(x) = -A(x - m) (Swift: Sources/ReferenceLaws/ChainLaws, tests: Tests/ChainLawsTests, derivations:
proofs-notes/PN-C01 ... PN-C12).

Every number is computed here from the DEFINITION of the scheme, by routes that do not share code (and, where
possible, not the derivation) with the Swift implementation:

A. Overdamped 1-D (sympy, exact rationals):
   * E[M], Var(M), E[S_K . sum H_i S_i], E[(sum H_i S_i)^2] as symbolic sums in K, checked against brute-force
     enumeration of all 2^K Bernoulli patterns for K = 1..7 (exact rationals);
   * the stationary ratio r(x) = a * Var as a rational function of x = eta*a (finite K, K = inf, RLMC, LMC),
     checked against docs/theory.md §4.2's printed rational function, and the K -> inf limit checked
     against the direct Poisson computation;
   * values of r and of E[beta^2] on a grid of x, and the stability thresholds x* (roots of E[beta^2] = 1).
B. Underdamped 1-D (mpmath, 40 digits): stationary covariance of (x, v) for ULMC and PLMC-ULMC:
   * K in {2, 3, 4}: literal enumeration of all flag patterns with the fine-step matrices (A_h, G_h, Q_h);
   * K in {16, 64}: the flag-independence sum formulas with the O(K^2) direct double sum;
   * K = inf: the Poisson integral formulas evaluated with mpmath tanh-sinh quadrature.
   The stationary law solves X = E[B X B^T] + N (3x3 linear system, symmetric X).
C. Finite horizon in d = 2 with a non-diagonal A, a non-commuting initial covariance and m0 != m, in
   FULL-MATRIX form (no eigen-decomposition): mean and covariance after n = 3 steps for every scheme.
   Overdamped PLMC(K=3) and PLMC-ULMC(K=3) enumerate all flag patterns; PLMC(inf) conditions on the Poisson
   count N (series over N); RLMC integrates over u with mpmath.quad.

Run:  python3 scripts/reference/chains/chain_reference_values.py > data/reference/chains/chain-reference-values.json
(sympy 1.14, mpmath 1.3; deterministic; takes ~3 minutes).
"""
import itertools
import json
import sys

import mpmath as mp
import sympy as sp

mp.mp.dps = 40
DIGITS = 25


def s(value):
    """A high-precision number as a decimal string."""
    return mp.nstr(mp.mpf(value), DIGITS, strip_zeros=False)


# ----------------------------------------------------------------------------------------------------------
# A. Overdamped, 1-D, exact
# ----------------------------------------------------------------------------------------------------------
x, K = sp.symbols('x K', positive=True)
i, j = sp.symbols('i j', integer=True, nonnegative=True)


def symbolic_moments():
    p = 1 / K
    EM = sp.factor(sp.summation(p * i / K, (i, 0, K - 1)))
    VarM = sp.factor(sp.summation(p * (1 - p) * (i / K) ** 2, (i, 0, K - 1)))
    EM2 = sp.factor(VarM + EM ** 2)
    c1 = sp.factor(sp.summation(p * i, (i, 0, K - 1)))                      # E[S_K . sum H_i S_i]
    sum_i = sp.summation(i, (i, 0, K - 1))
    sum_min = sum_i + 2 * sp.summation(i * (K - 1 - i), (i, 0, K - 1))     # sum_{i,j<K} min(i, j)
    c2 = sp.factor(p * sum_i + p ** 2 * (sum_min - sum_i))                  # E[(sum H_i S_i)^2]
    return EM, VarM, EM2, c1, c2


def brute_moments(k):
    """Exact rationals by enumerating all 2^k flag patterns (definition of PLMC, docs/theory.md §2.1)."""
    pk = sp.Rational(1, k)
    EM = EM2 = c1 = c2 = sp.Integer(0)
    for H in itertools.product([0, 1], repeat=k):
        pr = sp.prod([pk if h else 1 - pk for h in H])
        M = sum(sp.Rational(h * ii, k) for ii, h in enumerate(H))
        EM += pr * M
        EM2 += pr * M ** 2
        # S_i = sum_{j<i} Z_j: E[S_K S_i] = i, E[S_i S_l] = min(i, l)
        c1 += pr * sum(H[ii] * ii for ii in range(k))
        c2 += pr * sum(H[a] * H[b] * min(a, b) for a in range(k) for b in range(k))
    return EM, EM2, c1, c2


def poisson_moments():
    """K = inf: N ~ Poisson(1) midpoints at iid U[0,1) times; W standard Brownian motion on [0, 1]."""
    u, v = sp.symbols('u v', positive=True)
    EU = sp.integrate(u, (u, 0, 1))
    EU2 = sp.integrate(u ** 2, (u, 0, 1))
    Emin = sp.integrate(sp.integrate(sp.Min(u, v), (v, 0, 1)), (u, 0, 1))
    EN, ENN1 = 1, 1                                       # E[N], E[N(N-1)] for Poisson(1)
    EM = EN * EU
    EM2 = EN * EU2 + ENN1 * EU ** 2
    c1 = EN * EU                                         # E[W_1 sum W_{U_j}]
    c2 = EN * EU + ENN1 * Emin                           # E[(sum W_{U_j})^2]
    return sp.nsimplify(EM), sp.nsimplify(EM2), sp.nsimplify(c1), sp.nsimplify(c2)


def rlmc_moments():
    """RLMC: beta = 1 - x + x^2 u, noise sqrt2 (W_eta - eta a W_{u eta}); u ~ U[0,1]."""
    u = sp.symbols('u', positive=True)
    EM = sp.integrate(u, (u, 0, 1))
    EM2 = sp.integrate(u ** 2, (u, 0, 1))
    c1 = sp.integrate(u, (u, 0, 1))       # E[W_1 W_u] = u
    c2 = sp.integrate(u, (u, 0, 1))       # E[W_u^2] = u
    return EM, EM2, c1, c2


def ratio_and_second(EM, EM2, c1, c2, kk):
    """r(x) = a E[w^2] / (1 - E[beta^2]); kk = number of fine steps (1 for K = inf and RLMC: Brownian time 1)."""
    Eb2 = sp.expand((1 - x) ** 2 + 2 * (1 - x) * x ** 2 * EM + x ** 4 * EM2)
    aw = 2 * x / kk * (kk - 2 * x * c1 + x ** 2 * c2)     # a E[w^2], Brownian scale 2h = 2 eta / kk
    r = sp.factor(sp.simplify(aw / (1 - Eb2)))
    return r, Eb2


def part_a():
    EM, VarM, EM2, c1, c2 = symbolic_moments()
    checks = []
    for k in range(1, 8):
        b = brute_moments(k)
        sym = [e.subs(K, k) for e in (EM, EM2, c1, c2)]
        ok = all(sp.simplify(a - c) == 0 for a, c in zip(b, sym))
        checks.append({"K": k, "symbolic_equals_enumeration": bool(ok)})
        assert ok, f"moment mismatch at K={k}"
    rK, Eb2K = ratio_and_second(EM, EM2, c1, c2, K)
    paper = 4 * K * (6 * K**2 - 6 * K**2 * x + 5 * K**2 * x**2 + 6 * K * x - 9 * K * x**2 + 4 * x**2) / (
        24 * K**3 - 24 * K**3 * x + 12 * K**3 * x**2 - 7 * K**3 * x**3 + 12 * K**2 * x - 12 * K**2 * x**2
        + 16 * K**2 * x**3 - 11 * K * x**3 + 2 * x**3)
    assert sp.simplify(rK - paper) == 0, "docs/theory.md §4.2 PLMC(K) rational function disagrees"
    pm = poisson_moments()
    rInf, Eb2Inf = ratio_and_second(*pm, 1)
    assert sp.simplify(sp.limit(rK, K, sp.oo) - rInf) == 0, "K -> inf limit disagrees with the Poisson law"
    assert sp.simplify(rInf - 4 * (6 - 6 * x + 5 * x**2) / (24 - 24 * x + 12 * x**2 - 7 * x**3)) == 0
    rm = rlmc_moments()
    rR, Eb2R = ratio_and_second(*rm, 1)
    assert sp.simplify(rR - 3 * (2 - 2 * x + x**2) / (6 - 6 * x + 3 * x**2 - x**3)) == 0
    rL = sp.simplify(rK.subs(K, 1))
    Eb2L = sp.expand(Eb2K.subs(K, 1))
    assert sp.simplify(rL - 1 / (1 - x / 2)) == 0
    # monotonicity of E[beta^2] - 1 = -x * bracket(x): bracket is decreasing on x > 0 for every K >= 1
    schemes = [("lmc", None, rL, Eb2L)]
    for k in (2, 3, 4, 10, 50, 100):
        schemes.append(("plmc", k, sp.factor(rK.subs(K, k)), sp.expand(Eb2K.subs(K, k))))
    schemes.append(("plmc", "inf", rInf, Eb2Inf))
    schemes.append(("rlmc", None, rR, Eb2R))
    grid = [sp.Rational(1, 40), sp.Rational(1, 20), sp.Rational(1, 10), sp.Rational(1, 5), sp.Rational(2, 5),
            sp.Rational(1, 2), sp.Rational(1, 1)]
    values, thresholds = [], []
    for name, k, r, Eb2 in schemes:
        poly = sp.Poly(sp.expand(1 - Eb2), x)
        roots = [rt for rt in poly.nroots(n=40, maxsteps=200) if abs(sp.im(rt)) < 1e-30 and sp.re(rt) > 0]
        xstar = min(sp.re(rt) for rt in roots)
        thresholds.append({"scheme": name, "K": k, "x_star": s(mp.mpf(str(sp.N(xstar, 45))))})
        for xv in grid:
            entry = {"scheme": name, "K": k, "x": str(xv), "second_moment": s(mp.mpf(str(sp.N(Eb2.subs(x, xv), 45))))}
            if xv < xstar:
                entry["ratio"] = s(mp.mpf(str(sp.N(r.subs(x, xv), 45))))
            values.append(entry)
    return {
        "moments_symbolic": {"E[M]": str(EM), "Var(M)": str(VarM), "E[M^2]": str(EM2),
                             "E[S_K sum H_i S_i]": str(c1), "E[(sum H_i S_i)^2]": str(c2)},
        "moments_enumeration_checks": checks,
        "ratio_symbolic": {"PLMC(K)": str(rK), "PLMC(inf)": str(rInf), "RLMC": str(rR), "LMC": str(rL)},
        "second_moment_symbolic": {"PLMC(K)": str(Eb2K), "PLMC(inf)": str(Eb2Inf), "RLMC": str(Eb2R), "LMC": str(Eb2L)},
        "values": values,
        "thresholds": thresholds,
    }


# ----------------------------------------------------------------------------------------------------------
# B. Underdamped, 1-D eigen-block (mpmath)
# ----------------------------------------------------------------------------------------------------------
def A_t(t, g):
    e = mp.e ** (-g * t)
    return mp.matrix([[1, (1 - e) / g], [0, e]])


def G_t(t, g):
    e = mp.e ** (-g * t)
    return mp.matrix([[(g * t - 1 + e) / g ** 2], [(1 - e) / g]])


def Q_t(t, g):
    """Covariance of int_0^t e^{(t-s)L} (0, sqrt(2g))^T dB_s: closed form of PN-C07 (checked against direct
    quadrature of the Ito isometry integrals in check_Q_t)."""
    e = mp.e ** (-g * t)
    e2 = mp.e ** (-2 * g * t)
    vx = 2 / g * (t - 2 * (1 - e) / g + (1 - e2) / (2 * g))
    cxv = (1 - e) ** 2 / g
    vv = 1 - e2
    return mp.matrix([[vx, cxv], [cxv, vv]])


def check_Q_t():
    """Ito isometry: Q_t = 2g int_0^t f(r) f(r)^T dr with f(r) = ((1 - e^{-g r})/g, e^{-g r})."""
    for t, g in ((mp.mpf('0.3'), mp.mpf('1.3')), (mp.mpf('2.5'), mp.mpf('0.4')), (mp.mpf('1e-3'), mp.mpf(2))):
        fx = lambda r: (1 - mp.e ** (-g * r)) / g
        fv = lambda r: mp.e ** (-g * r)
        direct = [2 * g * mp.quad(lambda r: fx(r) ** 2, [0, t]), 2 * g * mp.quad(lambda r: fx(r) * fv(r), [0, t]),
                  2 * g * mp.quad(lambda r: fv(r) ** 2, [0, t])]
        q = Q_t(t, g)
        for a, b in zip(direct, (q[0, 0], q[0, 1], q[1, 1])):
            assert abs(a - b) <= mp.mpf(10) ** -30 * max(1, abs(b)), "Q_t closed form disagrees with quadrature"


def kron(a, b):
    out = mp.zeros(a.rows * b.rows, a.cols * b.cols)
    for r1 in range(a.rows):
        for c1 in range(a.cols):
            for r2 in range(b.rows):
                for c2 in range(b.cols):
                    out[r1 * b.rows + r2, c1 * b.cols + c2] = a[r1, c1] * b[r2, c2]
    return out


def vec(m):
    return mp.matrix([m[0, 0], m[0, 1], m[1, 0], m[1, 1]])


def stationary_2x2(Mmap, N):
    """Solve X = Mmap vec(X) + N for X (row-major vec)."""
    X = mp.lu_solve(mp.eye(4) - Mmap, vec(N))
    return mp.matrix([[X[0], X[1]], [X[2], X[3]]])


def spectral_radius(Mmap):
    ev = mp.eig(Mmap)[0]
    return max(abs(e) for e in ev)


def ulmc_maps(eta, g, lam):
    e1 = mp.matrix([[1, 0]])
    C0 = A_t(eta, g) - lam * G_t(eta, g) * e1
    return kron(C0, C0), Q_t(eta, g)


def literal_enumeration(eta, g, lam, k):
    """PLMC-ULMC(K) on one eigen-block by enumerating every flag pattern (docs/theory.md §2.2 literally)."""
    h = eta / k
    p = mp.mpf(1) / k
    Ah, Gh, Qh = A_t(h, g), G_t(h, g), Q_t(h, g)
    e1 = mp.matrix([[1, 0]])
    I2 = mp.eye(2)
    Apow = [I2]
    for _ in range(k):
        Apow.append(Apow[-1] * Ah)
    EM = mp.zeros(4, 4)
    EN = mp.zeros(2, 2)
    for H in itertools.product([0, 1], repeat=k):
        pr = mp.mpf(1)
        for hh in H:
            pr *= p if hh else 1 - p
        # endpoint coefficients on z0 and on each fine noise n_j (covariance Qh)
        Bz = Apow[k] + sum((Apow[k - 1 - ii] * Gh * (-lam) * e1 for ii in range(k)), mp.zeros(2, 2))
        Bn = [Apow[k - 1 - jj] for jj in range(k)]
        for ii in range(k):
            if not H[ii]:
                continue
            Xz = Apow[ii] + sum((Apow[ii - 1 - jj] * Gh * (-lam) * e1 for jj in range(ii)), mp.zeros(2, 2))
            P = Apow[k - 1 - ii] * Gh * k                 # A^{K-1-i} G K
            Bz = Bz + P * (-lam) * e1 * (Xz - I2)
            for jj in range(ii):
                Bn[jj] = Bn[jj] + P * (-lam) * e1 * Apow[ii - 1 - jj]
        EM += pr * kron(Bz, Bz)
        for B in Bn:
            EN += pr * (B * Qh * B.T)
    return EM, EN


def sum_formula(eta, g, lam, k):
    """PLMC-ULMC(K) via flag independence; the double sum over flags computed directly (O(K^2))."""
    h = eta / k
    p = mp.mpf(1) / k
    e1 = mp.matrix([[1, 0]])
    C0 = A_t(eta, g) - lam * G_t(eta, g) * e1
    Gh = G_t(h, g)
    Dt = [k * A_t(eta - (ii + 1) * h, g) * Gh for ii in range(k)]
    Qs = [Q_t(ii * h, g) for ii in range(k)]
    Dhat = []
    for ii in range(k):
        t = ii * h
        r = mp.matrix([[-lam * G_t(t, g)[0], (1 - mp.e ** (-g * t)) / g]])
        Dhat.append(-lam * Dt[ii] * r)
    Cbar = C0 + p * sum(Dhat, mp.zeros(2, 2))
    M = kron(Cbar, Cbar) + p * (1 - p) * sum((kron(D, D) for D in Dhat), mp.zeros(4, 4))
    R = mp.zeros(2, 2)
    S = mp.zeros(2, 2)
    col1 = mp.matrix([[1], [0]])
    for ii in range(k):
        R += p * Dt[ii] * (A_t(eta - ii * h, g) * Qs[ii] * col1).T
    for ii in range(k):
        for jj in range(k):
            a, b = min(ii, jj), max(ii, jj)
            Eyy = Qs[a][0, 0] + Qs[a][0, 1] * (1 - mp.e ** (-g * (b - a) * h)) / g
            S += (p * p if ii != jj else p) * Eyy * Dt[ii] * Dt[jj].T
    N = Q_t(eta, g) - lam * (R + R.T) + lam ** 2 * S
    return M, N


def poisson_pieces(eta, g):
    """The eigenvalue-free pieces of PLMC-ULMC(inf) by tanh-sinh quadrature (PN-C09)."""
    col1 = mp.matrix([[1], [0]])
    phi = lambda t: (1 - mp.e ** (-g * t)) / g
    gx = lambda t: (g * t - 1 + mp.e ** (-g * t)) / g ** 2
    D = lambda u: eta * mp.matrix([[phi(eta * (1 - u))], [mp.e ** (-g * eta * (1 - u))]])

    def integral(fn, rows, cols):
        out = mp.zeros(rows, cols)
        for a in range(rows):
            for b in range(cols):
                out[a, b] = mp.quad(lambda u: fn(u)[a, b], [0, 1])
        return out

    Vphi = integral(lambda u: phi(eta * u) * D(u), 2, 1)
    Vg = integral(lambda u: gx(eta * u) * D(u), 2, 1)
    Tpp = integral(lambda u: phi(eta * u) ** 2 * D(u) * D(u).T, 2, 2)
    Tpg = integral(lambda u: phi(eta * u) * gx(eta * u) * D(u) * D(u).T, 2, 2)
    Tgg = integral(lambda u: gx(eta * u) ** 2 * D(u) * D(u).T, 2, 2)
    R = integral(lambda u: D(u) * (A_t(eta * (1 - u), g) * Q_t(eta * u, g) * col1).T, 2, 2)
    Sd = integral(lambda u: Q_t(eta * u, g)[0, 0] * D(u) * D(u).T, 2, 2)
    # double integral over 0 <= u' <= u <= 1 with u' = u v
    Sp = mp.zeros(2, 2)
    for a in range(2):
        for b in range(2):
            def f(u, v, a=a, b=b):
                up = u * v
                q = Q_t(eta * up, g)
                eyy = q[0, 0] + q[0, 1] * phi(eta * (u - up))
                F = eyy * D(up) * D(u).T
                return u * (F[a, b] + F[b, a])
            Sp[a, b] = mp.quad(f, [0, 1], [0, 1])
    return dict(Vphi=Vphi, Vg=Vg, Tpp=Tpp, Tpg=Tpg, Tgg=Tgg, R=R, S=Sp + Sd)


def poisson_maps(eta, g, lam_k, lam_l, pieces):
    e1 = mp.matrix([[1, 0]])
    e2 = mp.matrix([[0, 1]])

    def cbar(lam):
        return A_t(eta, g) - lam * G_t(eta, g) * e1 - lam * pieces["Vphi"] * e2 + lam ** 2 * pieces["Vg"] * e1
    M = kron(cbar(lam_k), cbar(lam_l))
    cols = [(0, lam_k**2 * lam_l**2, pieces["Tgg"]), (1, -lam_k**2 * lam_l, pieces["Tpg"]),
            (2, -lam_k * lam_l**2, pieces["Tpg"]), (3, lam_k * lam_l, pieces["Tpp"])]
    for c, f, T in cols:
        v = vec(T)
        for r in range(4):
            M[r, c] += f * v[r]
    return M


def poisson_noise(eta, g, lam, pieces):
    R = pieces["R"]
    return Q_t(eta, g) - lam * (R + R.T) + lam ** 2 * pieces["S"]


def cov_entry(X):
    return [[s(X[0, 0]), s(X[0, 1])], [s(X[1, 0]), s(X[1, 1])]]


def part_b():
    out = []
    cases = [(1, 0.4), (1, 0.2), (1, 0.1), (1, 0.05), (2, 0.4), (2, 0.2), (2, 0.1), (2, 0.05)]
    for g, eta in cases:
        g, eta, lam = mp.mpf(g), mp.mpf(str(eta)), mp.mpf(1)
        X = stationary_2x2(*ulmc_maps(eta, g, lam))
        out.append({"scheme": "ulmc", "gamma": s(g), "eta": s(eta), "lambda": s(lam), "covariance": cov_entry(X)})
        pieces = poisson_pieces(eta, g)
        Xi = stationary_2x2(poisson_maps(eta, g, lam, lam, pieces), poisson_noise(eta, g, lam, pieces))
        out.append({"scheme": "plmc-ulmc", "K": "inf", "gamma": s(g), "eta": s(eta), "lambda": s(lam),
                    "covariance": cov_entry(Xi)})
    # other eigenvalues / frictions, finite K by enumeration and by the direct double sum
    extra = [(mp.mpf('0.5'), mp.mpf('0.3'), mp.mpf(3)), (mp.mpf('1.3'), mp.mpf('0.7'), mp.mpf('0.8'))]
    for g, eta, lam in extra:
        X = stationary_2x2(*ulmc_maps(eta, g, lam))
        out.append({"scheme": "ulmc", "gamma": s(g), "eta": s(eta), "lambda": s(lam), "covariance": cov_entry(X)})
        pieces = poisson_pieces(eta, g)
        Xi = stationary_2x2(poisson_maps(eta, g, lam, lam, pieces), poisson_noise(eta, g, lam, pieces))
        out.append({"scheme": "plmc-ulmc", "K": "inf", "gamma": s(g), "eta": s(eta), "lambda": s(lam),
                    "covariance": cov_entry(Xi)})
        for k in (2, 3, 4):
            M, N = literal_enumeration(eta, g, lam, k)
            M2, N2 = sum_formula(eta, g, lam, k)
            assert mp.mnorm(M - M2, 1) < mp.mpf(10) ** -30 and mp.mnorm(N - N2, 1) < mp.mpf(10) ** -30, \
                "sum formula disagrees with literal enumeration"
            out.append({"scheme": "plmc-ulmc", "K": k, "gamma": s(g), "eta": s(eta), "lambda": s(lam),
                        "covariance": cov_entry(stationary_2x2(M, N)), "method": "enumeration of all flag patterns"})
        for k in (16, 64):
            M, N = sum_formula(eta, g, lam, k)
            out.append({"scheme": "plmc-ulmc", "K": k, "gamma": s(g), "eta": s(eta), "lambda": s(lam),
                        "covariance": cov_entry(stationary_2x2(M, N)), "method": "direct O(K^2) flag sums"})
    # stability of ULMC(gamma=1), lambda=1: first eta with spectral radius 1 (bisection on mp.eig)
    lo, hi = mp.mpf('0.5'), mp.mpf(8)
    rho = lambda eta: spectral_radius(ulmc_maps(eta, mp.mpf(1), mp.mpf(1))[0])
    grid = [mp.mpf(k) / 8 for k in range(1, 65)]
    first = next(e for e in grid if rho(e) >= 1)
    lo, hi = first - mp.mpf(1) / 8, first
    for _ in range(80):
        mid = (lo + hi) / 2
        if rho(mid) < 1:
            lo = mid
        else:
            hi = mid
    stability = {"scheme": "ulmc", "gamma": "1", "lambda": "1", "first_unstable_eta": s(hi),
                 "note": "radius of E[B (x) B] on all 2x2 matrices (its symmetric part carries the largest eigenvalue)"}
    return out, stability


# ----------------------------------------------------------------------------------------------------------
# C. Finite horizon, d = 2, full-matrix form (no eigen-decomposition)
# ----------------------------------------------------------------------------------------------------------
A2 = mp.matrix([[mp.mpf('1.7'), mp.mpf('0.55')], [mp.mpf('0.55'), mp.mpf('0.8')]])
m2 = mp.matrix([mp.mpf('0.3'), mp.mpf('-0.7')])
x0 = mp.matrix([mp.mpf('1.2'), mp.mpf('0.4')])
S0 = mp.matrix([[mp.mpf('0.5'), mp.mpf('-0.2')], [mp.mpf('-0.2'), mp.mpf('0.3')]])
z0 = mp.matrix([mp.mpf('1.2'), mp.mpf('0.4'), mp.mpf('-0.3'), mp.mpf('0.5')])
S0u = mp.matrix([[mp.mpf('0.5'), mp.mpf('-0.2'), mp.mpf('0.1'), 0],
                 [mp.mpf('-0.2'), mp.mpf('0.3'), 0, mp.mpf('0.05')],
                 [mp.mpf('0.1'), 0, mp.mpf('0.8'), mp.mpf('0.1')],
                 [0, mp.mpf('0.05'), mp.mpf('0.1'), mp.mpf('0.6')]])
ETA = mp.mpf('0.35')
GAMMA = mp.mpf('1.3')
STEPS = 3
I_d = mp.eye(2)


def finish(mu, P, offset):
    """Covariance P - mu mu^T, mean mu + offset."""
    cov = P - mu * mu.T
    mean = mu + offset
    return {"mean": [s(mean[r]) for r in range(mean.rows)],
            "covariance": [[s(cov[r, c]) for c in range(cov.cols)] for r in range(cov.rows)]}


def run_overdamped(step):
    mu = x0 - m2
    P = S0 + mu * mu.T
    for _ in range(STEPS):
        mu, P = step(mu, P)
    return finish(mu, P, m2)


def lmc_step(mu, P):
    B = I_d - ETA * A2
    return B * mu, B * P * B.T + 2 * ETA * I_d


def plmc_finite_step(k):
    h = ETA / k
    pk = mp.mpf(1) / k

    def step(mu, P):
        nmu, nP = mp.zeros(2, 1), mp.zeros(2, 2)
        for H in itertools.product([0, 1], repeat=k):
            pr = mp.mpf(1)
            for hh in H:
                pr *= pk if hh else 1 - pk
            M = sum(mp.mpf(H[ii] * ii) / k for ii in range(k))
            B = I_d - ETA * A2 + ETA ** 2 * M * A2 * A2
            noise = mp.zeros(2, 2)
            for jj in range(k):          # coefficient of Z_j: sqrt(2h) (I - eta A sum_{i>j} H_i)
                c = sum(H[ii] for ii in range(jj + 1, k))
                Cj = I_d - ETA * c * A2
                noise += 2 * h * Cj * Cj.T
            nmu += pr * B * mu
            nP += pr * (B * P * B.T + noise)
        return nmu, nP
    return step


def plmc_poisson_step(mu, P):
    nmu, nP = mp.zeros(2, 1), mp.zeros(2, 2)
    B0 = I_d - ETA * A2
    A2sq = A2 * A2
    for n in range(0, 60):
        w = mp.e ** -1 / mp.factorial(n)
        ES = mp.mpf(n) / 2                          # E[sum U_j | N = n]
        ES2 = mp.mpf(n) / 3 + mp.mpf(n * (n - 1)) / 4
        EBPB = B0 * P * B0 + ES * ETA ** 2 * (A2sq * P * B0 + B0 * P * A2sq) + ES2 * ETA ** 4 * A2sq * P * A2sq
        noise = 2 * ETA * (I_d - ETA * n * A2 + ETA ** 2 * (mp.mpf(n) / 2 + mp.mpf(n * (n - 1)) / 3) * A2sq)
        nmu += w * (B0 + ES * ETA ** 2 * A2sq) * mu
        nP += w * (EBPB + noise)
    return nmu, nP


def rlmc_step(mu, P):
    def entry(fn, r, c):
        return mp.quad(lambda u: fn(u)[r, c], [0, 1])
    B = lambda u: I_d - ETA * A2 + ETA ** 2 * u * A2 * A2
    noise = lambda u: 2 * ETA * (I_d - 2 * u * ETA * A2 + u * ETA ** 2 * A2 * A2)
    second = lambda u: B(u) * P * B(u).T + noise(u)
    nmu = mp.matrix([sum(entry(lambda u: B(u), r, c) * mu[c] for c in range(2)) for r in range(2)])
    nP = mp.matrix([[entry(second, r, c) for c in range(2)] for r in range(2)])
    return nmu, nP


def block(a11, a12, a21, a22):
    out = mp.zeros(4, 4)
    for r in range(2):
        for c in range(2):
            out[r, c] = a11[r, c]
            out[r, c + 2] = a12[r, c]
            out[r + 2, c] = a21[r, c]
            out[r + 2, c + 2] = a22[r, c]
    return out


def scalar_kron(m2x2, mat):
    """[[m11 mat, m12 mat], [m21 mat, m22 mat]] for the [x; v] layout."""
    return block(m2x2[0, 0] * mat, m2x2[0, 1] * mat, m2x2[1, 0] * mat, m2x2[1, 1] * mat)


def force_map(t, g):
    """z -> G_t b(x) with b(x) = -A y: [[-gx A, 0], [-phi A, 0]]."""
    G = G_t(t, g)
    Z = mp.zeros(2, 2)
    return block(-G[0] * A2, Z, -G[1] * A2, Z)


def run_underdamped(step):
    offset = mp.matrix([m2[0], m2[1], 0, 0])
    mu = z0 - offset
    P = S0u + mu * mu.T
    for _ in range(STEPS):
        mu, P = step(mu, P)
    return finish(mu, P, offset)


def ulmc_step(mu, P):
    B = scalar_kron(A_t(ETA, GAMMA), I_d) + force_map(ETA, GAMMA)
    return B * mu, B * P * B.T + scalar_kron(Q_t(ETA, GAMMA), I_d)


def plmc_ulmc_finite_step(k):
    h = ETA / k
    pk = mp.mpf(1) / k
    Ah = scalar_kron(A_t(h, GAMMA), I_d)
    Fh = force_map(h, GAMMA)
    Qh = scalar_kron(Q_t(h, GAMMA), I_d)
    I4 = mp.eye(4)
    Apow = [I4]
    for _ in range(k):
        Apow.append(Apow[-1] * Ah)
    G = G_t(h, GAMMA)
    Gd = mp.zeros(4, 2)                         # f (in R^2) -> G_h f = [gx f; phi f]
    for r in range(2):
        Gd[r, r] = G[0]
        Gd[r + 2, r] = G[1]
    Ex = mp.zeros(2, 4)                         # z -> x
    Ex[0, 0] = Ex[1, 1] = 1

    def step(mu, P):
        nmu, nP = mp.zeros(4, 1), mp.zeros(4, 4)
        for H in itertools.product([0, 1], repeat=k):
            pr = mp.mpf(1)
            for hh in H:
                pr *= pk if hh else 1 - pk
            Bz = Apow[k] + sum((Apow[k - 1 - ii] * Fh for ii in range(k)), mp.zeros(4, 4))
            Bn = [Apow[k - 1 - jj] for jj in range(k)]
            for ii in range(k):
                if not H[ii]:
                    continue
                Xz = Apow[ii] + sum((Apow[ii - 1 - jj] * Fh for jj in range(ii)), mp.zeros(4, 4))
                Pm = k * Apow[k - 1 - ii] * Gd           # K A^{K-1-i} G
                Bz = Bz + Pm * (-A2) * Ex * (Xz - I4)    # b(X~_i) - b(X_0) = -A (x~_i - x_0)
                for jj in range(ii):
                    Bn[jj] = Bn[jj] + Pm * (-A2) * Ex * Apow[ii - 1 - jj]
            nmu += pr * Bz * mu
            nP += pr * (Bz * P * Bz.T + sum((B * Qh * B.T for B in Bn), mp.zeros(4, 4)))
        return nmu, nP
    return step


def plmc_ulmc_poisson_step_factory():
    pieces = poisson_pieces(ETA, GAMMA)
    g = GAMMA
    phi = lambda t: (1 - mp.e ** (-g * t)) / g
    gx = lambda t: (g * t - 1 + mp.e ** (-g * t)) / g ** 2
    C0 = scalar_kron(A_t(ETA, g), I_d) + force_map(ETA, g)
    A2sq = A2 * A2
    Z = mp.zeros(2, 2)

    def Dhat(u):
        """Full 4x4 map z -> eta A_{eta(1-u)} e2 (x) (-A)(phi(u eta) v - gx(u eta) A y)."""
        c = eta_col = ETA * mp.matrix([[phi(ETA * (1 - u))], [mp.e ** (-g * ETA * (1 - u))]])
        row = block(gx(ETA * u) * A2sq, -phi(ETA * u) * A2, Z, Z)   # top block row: -A(...) as d x 2d
        top = mp.zeros(2, 4)
        for r in range(2):
            for cc in range(4):
                top[r, cc] = row[r, cc]
        out = mp.zeros(4, 4)
        for r in range(2):
            for cc in range(4):
                out[r, cc] = c[0] * top[r, cc]
                out[r + 2, cc] = c[1] * top[r, cc]
        del eta_col
        return out

    def integral4(fn):
        out = mp.zeros(4, 4)
        for r in range(4):
            for cc in range(4):
                out[r, cc] = mp.quad(lambda u: fn(u)[r, cc], [0, 1])
        return out

    Dbar = integral4(Dhat)
    Bbar = C0 + Dbar
    R = pieces["R"]
    N = scalar_kron(Q_t(ETA, g), I_d) - scalar_kron(R + R.T, A2) + scalar_kron(pieces["S"], A2sq)

    def step(mu, P):
        second = integral4(lambda u: Dhat(u) * P * Dhat(u).T)
        return Bbar * mu, Bbar * P * Bbar.T + second + N
    return step


def part_c():
    cases = {}
    cases["lmc"] = run_overdamped(lmc_step)
    cases["plmc-K3"] = run_overdamped(plmc_finite_step(3))
    cases["plmc-inf"] = run_overdamped(plmc_poisson_step)
    cases["rlmc"] = run_overdamped(rlmc_step)
    cases["ulmc"] = run_underdamped(ulmc_step)
    cases["plmc-ulmc-K3"] = run_underdamped(plmc_ulmc_finite_step(3))
    cases["plmc-ulmc-inf"] = run_underdamped(plmc_ulmc_poisson_step_factory())
    return {
        "precision": [[s(A2[r, c]) for c in range(2)] for r in range(2)],
        "target_mean": [s(m2[0]), s(m2[1])],
        "eta": s(ETA), "gamma": s(GAMMA), "steps": STEPS,
        "initial_overdamped": {"mean": [s(x0[0]), s(x0[1])],
                               "covariance": [[s(S0[r, c]) for c in range(2)] for r in range(2)]},
        "initial_underdamped": {"mean": [s(z0[r]) for r in range(4)],
                                "covariance": [[s(S0u[r, c]) for c in range(4)] for r in range(4)]},
        "results": cases,
    }


def main():
    check_Q_t()
    a = part_a()
    b, stab = part_b()
    c = part_c()
    doc = {
        "provenance": {
            "script": "scripts/reference/chains/chain_reference_values.py",
            "libraries": f"sympy {sp.__version__}, mpmath {mp.__version__} (mp.dps = {mp.mp.dps})",
            "digits": DIGITS,
            "derivations": "proofs-notes/PN-C01 ... PN-C12",
            "paper": "Kandasamy & Nagaraj, arXiv 2405.17068; docs/theory.md §2, §4.2, §4.5",
        },
        "overdamped_1d": a,
        "underdamped_1d": b,
        "underdamped_stability": stab,
        "finite_horizon_2d": c,
    }
    json.dump(doc, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
