#!/usr/bin/env python3
"""Reference values for the exact law of RLMC-ULMC (Shen & Lee randomized midpoint for underdamped Langevin,
arXiv 1909.05503, Alg. 1) under linear drift b(x) = -A(x - m).  Swift: Scheme.rlmcULMC /
Sources/ReferenceLaws/ChainLaws/RandomizedMidpointUnderdampedPieces.swift; test: Tests/ChainLawsTests/
RLMCULMCLawTests.swift; derivation: proofs-notes/PN-C13-rlmc-ulmc-law.md.

The scheme (dx = v dt, dv = -g v dt + b(x) dt + sqrt(2 g) dB; step eta, friction gamma; u ~ U[0,1), t = u eta):
    x_mid = x + phi(t) v + G(t) b(x) + nu_{t,x}
    x'    = x + phi(eta) v + eta phi(eta - t) b(x_mid) + nu_{eta,x}
    v'    = e^{-gamma eta} v + eta e^{-gamma (eta - t)} b(x_mid) + nu_{eta,v}
with phi(s) = (1 - e^{-gamma s})/gamma, G(s) = (gamma s - 1 + e^{-gamma s})/gamma^2 and
nu_s = sqrt(2 gamma) int_0^s k_s(r) dB_r, k_s(r) = (phi(s - r), e^{-gamma (s - r)}), ONE Brownian motion B.

Everything is computed here from that update rule, WITHOUT the eigen-decomposition, the centring trick or the
closed-form OU covariance Q_t of the Swift code:
  * the closed forms A_s = [[1, phi(s)], [0, e^{-gamma s}]] and (G(s), phi(s)) are first checked against
    mpmath expm(s L) and the quadrature int_0^s expm(r L) e2 dr;
  * the one-step map is written as z' = B(u) z + omega(u), B(u) read off the update rule; given u, omega is the
    Ito integral sqrt(2 gamma) int_0^eta K_u(r) dB_r with (1-D) K_u(r) = k_eta(r) - lambda eta k_eta(t) phi(t - r) 1{r < t}
    (nu_eta minus the midpoint's noise pushed through b), so E[omega omega^T | u] = 2 gamma int_0^eta K_u K_u^T dr
    is computed by quadrature (split at r = t), and E over u by an outer quadrature; both are Gauss-Legendre rules
    (96 nodes, mpmath's node table) on smooth integrands, re-run with 192 nodes and asserted equal to 1e-24;
  * second moments use raw moments E[z z^T] and the plain expectation E[B M B^T] (no covariance-over-u split).

Sections:
  stationary_1d:     d = 1, A = lambda; the stationary 2x2 covariance of (x, v), solving
                     X = E[B X B^T] + E[omega omega^T] (4x4 linear system in vec X, mpmath lu_solve);
  finite_horizon_2d: d = 2, a non-diagonal A, m != 0, a Gaussian initial law whose covariance does not commute
                     with A; the mean and covariance of (x1, x2, v1, v2) after 3 steps, by iterating
                     mu' = E[B] mu + c,  M' = E[B M B^T] + (cross terms) + E[omega omega^T] in full 4x4 form.

Run:  python3 scripts/reference/chainlaws/rlmc_ulmc_reference.py > data/reference/chainlaws/rlmc-ulmc-reference.json
(mpmath 1.3.0, 30 significant digits working precision, numbers stored as 22-digit decimal strings;
deterministic; about 1-3 minutes.)
"""
import json
import sys

import mpmath as mp

mp.mp.dps = 30
DIGITS = 22


def s(value):
    return mp.nstr(mp.mpf(value), DIGITS, strip_zeros=False)


class Kinetic:
    def __init__(self, gamma):
        self.gamma = mp.mpf(gamma)

    def phi(self, t):
        return (1 - mp.exp(-self.gamma * t)) / self.gamma

    def G(self, t):
        return (self.gamma * t - 1 + mp.exp(-self.gamma * t)) / self.gamma ** 2

    def A(self, t):
        return mp.matrix([[1, self.phi(t)], [0, mp.exp(-self.gamma * t)]])

    def k(self, s, r):
        """Column k_s(r) = expm((s - r) L) e2 of the OU noise kernel."""
        return mp.matrix([self.phi(s - r), mp.exp(-self.gamma * (s - r))])

    def check_closed_forms(self):
        L = mp.matrix([[0, 1], [0, -self.gamma]])
        for t in [mp.mpf('0.37'), mp.mpf('1.9')]:
            assert mp.norm(mp.expm(t * L) - self.A(t)) < mp.mpf(10) ** (-25)
            gx = mp.quad(lambda r: mp.expm(r * L)[0, 1], [0, t])
            gv = mp.quad(lambda r: mp.expm(r * L)[1, 1], [0, t])
            assert abs(gx - self.G(t)) < mp.mpf(10) ** (-25) and abs(gv - self.phi(t)) < mp.mpf(10) ** (-25)


class Rule:
    """Gauss-Legendre rule with 3*2^(degree-1) nodes at the working precision (mpmath's own node table)."""
    def __init__(self, degree):
        self.nodes = mp.calculus.quadrature.GaussLegendre(mp.mp).calc_nodes(degree, mp.mp.prec)

    def integrate(self, f, a, b, rows, cols):
        """int_a^b f, f matrix-valued; the integrands here are entire functions, so the rule converges fast
        (checked in main() against the rule with twice the nodes)."""
        a, b = mp.mpf(a), mp.mpf(b)
        half, mid = (b - a) / 2, (b + a) / 2
        out = mp.matrix(rows, cols)
        if b == a:
            return out
        for x, w in self.nodes:
            out += (w * half) * f(mid + half * x)
        return out


RULE = None   # set in main()


def quad_matrix(f, interval, rows, cols):
    return RULE.integrate(f, interval[0], interval[1], rows, cols)


def step_pieces(kin, eta, A):
    """For the d-dimensional state z = (y; v) (y = x - m), y_mid = R(u) z + nu_{t,x}, z' = B(u) z + omega(u):
    returns functions B(u) (2d x 2d) and the conditional noise covariance N(u) = E[omega omega^T | u]."""
    eta = mp.mpf(eta)
    d = A.rows
    I = mp.eye(d)

    def blocks(u):
        t = u * eta
        # y_mid = (I - G(t) A) y + phi(t) v + nu_{t,x}
        R = mp.matrix(d, 2 * d)
        Ry = I - kin.G(t) * A
        for i in range(d):
            for j in range(d):
                R[i, j] = Ry[i, j]
            R[i, d + i] = kin.phi(t)
        # z' = [[I, phi(eta) I], [0, e^{-gamma eta} I]] z + [eta phi(eta - t) I; eta e^{-gamma(eta - t)} I] (-A y_mid) + nu_eta
        T = mp.matrix(2 * d, 2 * d)
        P = mp.matrix(2 * d, d)               # the push-forward of b(x_mid) = -A y_mid
        for i in range(d):
            T[i, i] = 1
            T[i, d + i] = kin.phi(eta)
            T[d + i, d + i] = mp.exp(-kin.gamma * eta)
            P[i, i] = eta * kin.phi(eta - t)
            P[d + i, i] = eta * mp.exp(-kin.gamma * (eta - t))
        return T, P, R

    def B(u):
        T, P, R = blocks(u)
        return T - P * A * R

    def N(u):
        # omega = nu_eta - P A nu_{t,x}: per Brownian coordinate j, its kernel at time r is
        #   sqrt(2 gamma) [k_eta(r)_x e_j ; k_eta(r)_v e_j] - sqrt(2 gamma) P A e_j phi(t - r) 1{r < t}.
        t = u * eta
        T, P, R = blocks(u)
        PA = P * A

        def kernel_outer(r, before_t):
            kv = kin.k(eta, r)
            M = mp.matrix(2 * d, d)
            for j in range(d):
                M[j, j] = kv[0]
                M[d + j, j] = kv[1]
            if before_t:
                M = M - PA * kin.phi(t - r)
            return 2 * kin.gamma * (M * M.T)

        first = quad_matrix(lambda r: kernel_outer(r, True), [0, t], 2 * d, 2 * d)
        second = quad_matrix(lambda r: kernel_outer(r, False), [t, eta], 2 * d, 2 * d)
        return first + second

    return B, N


def expectation_of_map(B, M, n):
    """E_u[B(u) M B(u)^T] by the outer quadrature over u."""
    return quad_matrix(lambda u: B(u) * M * B(u).T, [0, 1], n, n)


def stationary_1d(gamma, eta, lam):
    kin = Kinetic(gamma)
    A = mp.matrix([[lam]])
    B, N = step_pieces(kin, eta, A)
    # E[B (x) B] as a 4x4 map on row-major vec(X): column (a, b) is E[B E_ab B^T].
    T = mp.matrix(4, 4)
    for col in range(4):
        E = mp.matrix(2, 2)
        E[col // 2, col % 2] = 1
        image = expectation_of_map(B, E, 2)
        for row in range(4):
            T[row, col] = image[row // 2, row % 2]
    noise = quad_matrix(N, [0, 1], 2, 2)
    vecN = mp.matrix([noise[0, 0], noise[0, 1], noise[1, 0], noise[1, 1]])
    X = mp.lu_solve(mp.eye(4) - T, vecN)
    cov = mp.matrix([[X[0], X[1]], [X[2], X[3]]])
    # The contraction check: spectral radius of T < 1.
    radius = max(abs(e) for e in mp.eig(T)[0])
    assert radius < 1, radius
    return cov, radius


def finite_horizon_2d():
    gamma, eta, steps = mp.mpf('1.3'), mp.mpf('0.35'), 3
    A = mp.matrix([[mp.mpf('1.7'), mp.mpf('-0.6')], [mp.mpf('-0.6'), mp.mpf('0.9')]])
    m = mp.matrix([mp.mpf('0.4'), mp.mpf('-1.1')])
    mean0 = mp.matrix([mp.mpf('1.2'), mp.mpf('0.3'), mp.mpf('-0.5'), mp.mpf('0.8')])         # (x1, x2, v1, v2)
    cov0 = mp.matrix([[mp.mpf('0.5'), mp.mpf('0.1'), mp.mpf('0.05'), mp.mpf('-0.1')],
                      [mp.mpf('0.1'), mp.mpf('0.3'), mp.mpf('0'), mp.mpf('0.02')],
                      [mp.mpf('0.05'), mp.mpf('0'), mp.mpf('0.7'), mp.mpf('0.2')],
                      [mp.mpf('-0.1'), mp.mpf('0.02'), mp.mpf('0.2'), mp.mpf('0.4')]])
    kin = Kinetic(gamma)
    B, N = step_pieces(kin, eta, A)
    shift = mp.matrix([m[0], m[1], 0, 0])
    mu = mean0 - shift                                         # z = (y; v), y = x - m
    second = cov0 + mu * mu.T                                  # raw second moment E[z z^T]
    EB = quad_matrix(B, [0, 1], 4, 4)
    noise = quad_matrix(N, [0, 1], 4, 4)
    for _ in range(steps):
        # z' = B(u) z + omega, E[omega | u, z] = 0, omega independent of z given u: raw moments
        second = expectation_of_map(B, second, 4) + noise
        mu = EB * mu
    cov = second - mu * mu.T
    mean = mu + shift
    return {
        "gamma": s(gamma), "eta": s(eta), "steps": steps,
        "precision": [[s(A[i, j]) for j in range(2)] for i in range(2)],
        "mean_m": [s(m[i]) for i in range(2)],
        "initial_mean": [s(mean0[i]) for i in range(4)],
        "initial_covariance": [[s(cov0[i, j]) for j in range(4)] for i in range(4)],
        "mean": [s(mean[i]) for i in range(4)],
        "covariance": [[s((cov[i, j] + cov[j, i]) / 2) for j in range(4)] for i in range(4)],
    }


def compute(degree):
    global RULE
    RULE = Rule(degree)
    cases = [
        ('1', '0.05', '1'), ('1', '0.1', '1'), ('1', '0.2', '1'), ('1', '0.4', '1'),
        ('0.5', '0.3', '2'), ('2', '0.25', '0.7'), ('5', '0.8', '0.5'), ('1', '1', '1'),
    ]
    stationary = []
    for gamma, eta, lam in cases:
        cov, radius = stationary_1d(mp.mpf(gamma), mp.mpf(eta), mp.mpf(lam))
        stationary.append({
            "gamma": gamma, "eta": eta, "lambda": lam,
            "covariance": [[s(cov[i, j]) for j in range(2)] for i in range(2)],
            "second_moment_radius": s(radius),
        })
    return stationary, finite_horizon_2d()


def max_gap(a, b):
    """Largest relative difference between the numbers of two result trees."""
    if isinstance(a, dict):
        return max(max_gap(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return max(max_gap(x, y) for x, y in zip(a, b))
    if isinstance(a, str) and a != b:
        try:
            x, y = mp.mpf(a), mp.mpf(b)
        except ValueError:
            return mp.mpf(0)
        return abs(x - y) / max(abs(y), 1)
    return mp.mpf(0)


def main():
    Kinetic(mp.mpf('0.8')).check_closed_forms()
    stationary, horizon = compute(6)          # 96 nodes
    check = compute(7)                        # 192 nodes
    gap = max_gap([stationary, horizon], [check[0], check[1]])
    print(f"96 vs 192 Gauss-Legendre nodes: largest relative difference {mp.nstr(gap, 3)}", file=sys.stderr)
    assert gap < mp.mpf(10) ** (-24), gap
    for entry in stationary:
        print(f"stationary {entry}", file=sys.stderr)
    doc = {
        "provenance": "scripts/reference/chainlaws/rlmc_ulmc_reference.py (mpmath " + mp.__version__
                      + ", 30 digits; 96-node Gauss-Legendre quadrature of the update rule of RLMC-ULMC over u and "
                      + "over the Ito-isometry time, agreeing with 192 nodes to < 1e-24; see the script's docstring)",
        "stationary_1d": stationary,
        "finite_horizon_2d": horizon,
    }
    json.dump(doc, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
