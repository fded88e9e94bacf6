#!/usr/bin/env python3
"""Small-step expansion of the stationary covariance of RLMC-ULMC in one dimension (b(x) = -lambda x, friction
gamma), with sympy, from the update rule (see rlmc_ulmc_reference.py for the scheme). Used by
Tests/ChainLawsTests/RLMCULMCLawTests.swift (testC09_rlmcULMCSmallStepBiasMatchesSeries) and proofs-notes/PN-C13.

Method: B(u) = A_eta - lambda D(u) r(u)^T (read off the update rule: y_mid = r(u)^T z + nu_{t,x},
z' = A_eta z + D(u) (-lambda y_mid) + nu_eta, D(u) = eta (phi(eta - t), e^{-gamma(eta - t)})^T, t = u eta); the noise
E[omega omega^T | u] from the Ito isometry (Q_s = 2 gamma int_0^s k k^T, integrated here symbolically) and the Markov
property E[nu_eta y_t] = A_{eta-t} Q_t e_1. Every entry is expanded in eta to O(eta^5) (polynomials in u), integrated
over u in [0, 1], and the stationary equation X = E[B X B^T] + E[omega omega^T] is solved order by order with
X = sum_k c_k eta^k.

Output (sympy 1.14; about 10 seconds), printed as "entry: [c_0, c_1, c_2, c_3]":
    Var_x  : [1/lambda, 0, 0, lambda/(24*gamma)]
    Cov_xv : [0, 0, 0, -lambda/24]
    Var_v  : [1, 0, 0, lambda*(gamma**2 + lambda)/(24*gamma)]
i.e. Var_x = 1/lambda + lambda eta^3/(24 gamma) + O(eta^4): the stationary bias is third order in eta.

Run:  python3 scripts/reference/chainlaws/rlmc_ulmc_small_step_series.py
"""
import sympy as sp

eta, u, g, lam = sp.symbols('eta u gamma lambda', positive=True)
ORDER = 6          # keep eta^0 .. eta^5


def ser(e):
    return sp.series(e, eta, 0, ORDER).removeO()


def phi(s):
    return (1 - sp.exp(-g * s)) / g


def G(s):
    return (g * s - 1 + sp.exp(-g * s)) / g ** 2


def A(s):
    return sp.Matrix([[1, phi(s)], [0, sp.exp(-g * s)]])


def Q(s):
    """Covariance of the OU noise on [0, s] by the Ito isometry (symbolic integral)."""
    r = sp.symbols('r', positive=True)
    k = sp.Matrix([phi(s - r), sp.exp(-g * (s - r))])
    return (2 * g * (k * k.T)).applyfunc(lambda e: sp.integrate(sp.expand(e), (r, 0, s)))


def main():
    t = u * eta
    D = eta * A(eta - t)[:, 1]
    r = sp.Matrix([1 - lam * G(t), phi(t)])
    B = (A(eta) - lam * D * r.T).applyfunc(ser)
    X = sp.Matrix(2, 2, sp.symbols('x11 x12 x21 x22'))
    image = (B * X * B.T).applyfunc(lambda e: sp.integrate(sp.expand(ser(sp.expand(e))), (u, 0, 1)))
    Qt, Qe = Q(t), Q(eta)
    cross = A(eta - t) * Qt[:, 0]                       # E[nu_eta y_t]
    noise_u = Qe - lam * (D * cross.T + cross * D.T) + lam ** 2 * Qt[0, 0] * D * D.T
    noise = noise_u.applyfunc(lambda e: sp.integrate(sp.expand(ser(e)), (u, 0, 1)))
    unknowns, series = [], sp.zeros(2, 2)
    for i in range(2):
        for j in range(2):
            cs = [sp.Symbol(f'c{i}{j}_{k}') for k in range(ORDER - 1)]
            unknowns += cs
            series[i, j] = sum(c * eta ** k for k, c in enumerate(cs))
    substitution = {X[i, j]: series[i, j] for i in range(2) for j in range(2)}
    equations = []
    for i in range(2):
        for j in range(2):
            e = sp.expand((X[i, j] - image[i, j] - noise[i, j]).subs(substitution))
            poly = sp.Poly(e, eta)
            equations += [poly.coeff_monomial(eta ** k) for k in range(1, ORDER)]
    solution = sp.solve(equations, unknowns, dict=True)[0]
    for name, (i, j) in [('Var_x ', (0, 0)), ('Cov_xv', (0, 1)), ('Var_v ', (1, 1))]:
        print(f"{name}: {[sp.factor(solution[sp.Symbol(f'c{i}{j}_{k}')]) for k in range(ORDER - 2)]}")


if __name__ == '__main__':
    main()
