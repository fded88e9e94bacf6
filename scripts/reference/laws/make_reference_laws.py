#!/usr/bin/env python3
"""Reference values for the ReferenceLaws tests (distributions, Gaussian distances, OU/VP laws, quadrature).

Everything is computed with mpmath at 50 significant digits, by formulas chosen to be *independent* of the
Swift implementation (e.g. W2 via mpmath.sqrtm instead of the polar-factor SVD, OU covariance via
mpmath.expm instead of the eigenbasis, 1-D TV by quadrature of |p - q|/2 instead of the crossing-point
formula, quantiles by root finding on the mpmath CDFs). SciPy is used only for starting points of root
finding. Values are rounded to the nearest double on output (mpmath float conversion).

Usage:  python3 scripts/reference/laws/make_reference_laws.py   (writes data/reference/laws/*.json)
"""
import json
import os
import sys
from datetime import datetime, timezone

import mpmath as mp
from scipy import stats

mp.mp.dps = 50
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "data", "reference", "laws")
SCRIPT = "scripts/reference/laws/make_reference_laws.py"


def f(x):
    """Nearest double (JSON number). Root finders may return an mpc with a round-off imaginary part."""
    if isinstance(x, mp.mpc):
        assert abs(x.imag) <= mp.mpf(10) ** -40 * max(1, abs(x.real)), x
        x = x.real
    return float(mp.mpf(x))


def provenance(what):
    return {
        "script": SCRIPT,
        "mpmath_version": mp.__version__,
        "precision_decimal_digits": mp.mp.dps,
        "python": sys.version.split()[0],
        "generated_utc": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "content": what,
        "rounding": "each value is the mpmath result rounded to the nearest IEEE double",
    }


def write(name, payload):
    path = os.path.join(OUT, name)
    with open(path, "w") as handle:
        json.dump(payload, handle, indent=1)
        handle.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


def root_near(g, guess, lower_limit=-mp.inf, upper_limit=mp.inf):
    """Root of g near a double-precision guess: a sign-change bracket is grown around the guess (staying inside
    the open domain (lower_limit, upper_limit)), then refined by the bracketing Anderson–Björck solver."""
    guess = mp.mpf(guess)
    step = mp.mpf(10) ** -6 * max(abs(guess), mp.mpf(10) ** -12)
    for _ in range(200):
        lo, hi = guess - step, guess + step
        if lo <= lower_limit:
            lo = (guess + lower_limit) / 2 if lower_limit != -mp.inf else guess - step
        if hi >= upper_limit:
            hi = (guess + upper_limit) / 2 if upper_limit != mp.inf else guess + step
        glo, ghi = g(lo), g(hi)
        if glo == 0:
            return lo
        if ghi == 0:
            return hi
        if mp.sign(glo) != mp.sign(ghi):
            return mp.findroot(g, (lo, hi), solver="anderson", tol=mp.mpf(10) ** -45)
        step *= 2
    raise RuntimeError("no bracket near %s" % guess)


def solve_increasing(func, target, guess, log_scale=True, lower_limit=-mp.inf, upper_limit=mp.inf):
    """Root of func(x) = target for an increasing func, from a double-precision guess."""
    if log_scale:
        g = lambda x: mp.log(func(x)) - mp.log(target)
    else:
        g = lambda x: func(x) - target
    return root_near(g, guess, lower_limit, upper_limit)


def D(s):
    """The double nearest to a decimal string, as an exact mpf: references are computed at the inputs the
    Swift tests actually pass."""
    return mp.mpf(float(s))


# ---------------------------------------------------------------- distributions
def normal_tables():
    xs = ["-38", "-20", "-10", "-5", "-2.5", "-1", "-0.5", "-1e-3", "0", "1e-8", "0.3", "1", "1.96", "3", "6", "8.5", "12", "30"]
    values = []
    for s in xs:
        x = D(s)
        values.append({"x": f(x), "pdf": f(mp.npdf(x)), "cdf": f(mp.ncdf(x)), "survival": f(mp.ncdf(-x)),
                       "central_mass": f(mp.erf(abs(x) / mp.sqrt(2)))})
    quantiles = []
    for s in ["1e-300", "1e-100", "1e-20", "1e-9", "1e-5", "0.001", "0.025", "0.1", "0.3", "0.5", "0.7", "0.9", "0.975", "0.999", "0.999999"]:
        p = mp.mpf(float(s))      # the double the test passes in
        x = solve_increasing(mp.ncdf, p, stats.norm.ppf(float(p)) if float(p) > 1e-300 else -37.0)
        quantiles.append({"p": f(p), "quantile": f(x), "upper_quantile_of_p": f(-x)})
    return values, quantiles


def chi2_tables():
    cdf = []
    for k, x in [(1, "0.001"), (1, "3.841458820694124"), (2, "2"), (3, "0.5"), (5, "11.0705"), (10, "3"), (10, "40"),
                 (0.5, "0.2"), (100, "80"), (100, "150"), (1000, "1100"), (4, "60")]:
        k_, x_ = D(k), D(x)
        lower = mp.gammainc(k_ / 2, 0, x_ / 2, regularized=True)
        upper = mp.gammainc(k_ / 2, x_ / 2, mp.inf, regularized=True)
        cdf.append({"k": float(k), "x": f(x_), "cdf": f(lower), "survival": f(upper)})
    quant = []
    for k, p in [(1, 0.95), (2, 0.5), (3, 0.01), (5, 0.999), (10, 1e-6), (30, 0.5), (100, 0.975), (0.5, 0.3), (1000, 0.05)]:
        k_, p_ = D(k), D(p)
        c = lambda x: mp.gammainc(k_ / 2, 0, x / 2, regularized=True)
        x = solve_increasing(c, p_, stats.chi2.ppf(p, k), lower_limit=0)
        s = lambda x: mp.gammainc(k_ / 2, x / 2, mp.inf, regularized=True)
        q = D(1e-12)
        xu = root_near(lambda y: mp.log(q) - mp.log(s(y)), stats.chi2.isf(1e-12, k), lower_limit=0)
        quant.append({"k": float(k), "p": f(p_), "quantile": f(x), "upper_q": 1e-12, "upper_quantile": f(xu)})
    return cdf, quant


def t_cdf(nu, x):
    nu, x = D(nu), mp.mpf(x)
    tail = mp.betainc(nu / 2, mp.mpf(1) / 2, 0, nu / (nu + x * x), regularized=True) / 2
    return 1 - tail if x >= 0 else tail


def student_tables():
    cdf = []
    for nu, x in [(1, "1"), (1, "-3"), (2, "0.5"), (3, "2.353363434801823"), (5, "-1.2"), (10, "4"), (30, "0"), (0.7, "2"),
                  (100, "-2.6"), (4, "25")]:
        cdf.append({"nu": float(nu), "x": f(D(x)), "cdf": f(t_cdf(nu, D(x))), "survival": f(t_cdf(nu, -D(x)))})
    quant = []
    for nu, p in [(1, 0.975), (2, 0.1), (3, 0.95), (5, 0.5), (10, 0.999), (30, 0.025), (1.5, 0.8), (200, 1e-6)]:
        x = root_near(lambda y: t_cdf(nu, y) - D(p), stats.t.ppf(p, nu))
        quant.append({"nu": float(nu), "p": p, "quantile": f(x)})
    return cdf, quant


def beta_tables():
    cdf = []
    for a, b, x in [(2, 3, "0.4"), (0.5, 0.5, "0.1"), (10, 1, "0.9"), (1, 1000, "0.001"), (50, 60, "0.45"), (0.2, 3, "1e-6")]:
        cdf.append({"a": float(a), "b": float(b), "x": f(D(x)),
                    "cdf": f(mp.betainc(D(a), D(b), 0, D(x), regularized=True)),
                    "survival": f(mp.betainc(D(a), D(b), D(x), 1, regularized=True))})
    quant = []
    for a, b, p in [(2, 3, 0.5), (0.5, 0.5, 0.05), (10, 1, 0.01), (1, 1000, 0.975), (50, 60, 0.999), (3, 98, 0.025),
                    (98, 3, 0.975), (1, 20, 5e-10), (0.3, 0.7, 0.6)]:
        c = lambda x, a=D(a), b=D(b): mp.betainc(a, b, 0, x, regularized=True)
        x = solve_increasing(c, D(p), stats.beta.ppf(p, a, b), lower_limit=0, upper_limit=1)
        quant.append({"a": float(a), "b": float(b), "p": p, "quantile": f(x)})
    # Clopper-Pearson: lower = B^{-1}(alpha/2; x, n-x+1), upper = B^{-1}(1-alpha/2; x+1, n-x).
    cp = []
    for x, n, alpha in [(0, 10, 0.05), (3, 10, 0.05), (10, 10, 0.05), (17, 1000, 1e-9), (500, 1000, 0.01), (1, 2, 0.5)]:
        lower = mp.mpf(0)
        upper = mp.mpf(1)
        if x > 0:
            a, b = x, n - x + 1
            lower = solve_increasing(lambda t: mp.betainc(a, b, 0, t, regularized=True), D(alpha) / 2,
                                     stats.beta.ppf(alpha / 2, a, b), lower_limit=0, upper_limit=1)
        if x < n:
            a, b = x + 1, n - x
            upper = root_near(lambda t: mp.log(D(alpha) / 2) - mp.log(mp.betainc(a, b, t, 1, regularized=True)),
                              stats.beta.isf(alpha / 2, a, b), lower_limit=0, upper_limit=1)
        cp.append({"successes": x, "trials": n, "alpha": alpha, "lower": f(lower), "upper": f(upper)})
    return cdf, quant, cp


def kolmogorov_survival(lam):
    lam = mp.mpf(lam)
    return 2 * mp.nsum(lambda k: (-1) ** (k - 1) * mp.exp(-2 * k * k * lam * lam), [1, mp.inf])


def kolmogorov_tables():
    rows = []
    for s in ["0.2", "0.3", "0.5", "0.6", "0.8", "0.95", "1", "1.2", "1.358098", "1.8", "2.5", "4", "6"]:
        lam = D(s)
        if lam < 0.6:   # theta form for small λ (the alternating series converges too slowly)
            cdf = mp.sqrt(2 * mp.pi) / lam * mp.nsum(lambda k: mp.exp(-(2 * k - 1) ** 2 * mp.pi ** 2 / (8 * lam ** 2)), [1, mp.inf])
            surv = 1 - cdf
        else:
            surv = kolmogorov_survival(lam)
            cdf = 1 - surv
        rows.append({"lambda": f(lam), "survival": f(surv), "cdf": f(cdf)})
    quant = []
    for p in [0.01, 0.2, 0.5, 0.9, 0.95, 0.99, 0.999999]:
        x = root_near(lambda y: (1 - kolmogorov_survival(y)) - D(p), stats.kstwobign.ppf(p), lower_limit=0)
        quant.append({"p": p, "quantile": f(x)})
    upper = []
    for q in [1e-3, 1e-9, 1e-30, 1e-100]:
        x = root_near(lambda y: mp.log(D(q)) - mp.log(kolmogorov_survival(y)), float(mp.sqrt(mp.log(2 / D(q)) / 2)),
                      lower_limit=0)
        upper.append({"q": q, "upper_quantile": f(x)})
    return rows, quant, upper


# ---------------------------------------------------------------- Gaussian distances
def M(rows):
    return mp.matrix([[D(v) for v in r] for r in rows])


def V(values):
    return mp.matrix([D(v) for v in values])


def kl(mp_, sp, mq, sq):
    d = sp.rows
    sqi = mp.inverse(sq)
    diff = mq - mp_
    tr = sum((sqi * sp)[i, i] for i in range(d))
    quad = (diff.T * sqi * diff)[0, 0]
    return (tr + quad - d + mp.log(mp.det(sq)) - mp.log(mp.det(sp))) / 2


def w2sq(mp_, sp, mq, sq):
    d = sp.rows
    r = mp.sqrtm(sp)
    cross = mp.sqrtm(r * sq * r)
    diff = mp_ - mq
    return sum(diff[i] ** 2 for i in range(d)) + sum(sp[i, i] + sq[i, i] - 2 * cross[i, i] for i in range(d))


def hellinger2(mp_, sp, mq, sq):
    avg = (sp + sq) / 2
    diff = mp_ - mq
    bc = mp.det(sp) ** mp.mpf(0.25) * mp.det(sq) ** mp.mpf(0.25) / mp.sqrt(mp.det(avg)) * \
        mp.exp(-(diff.T * mp.inverse(avg) * diff)[0, 0] / 8)
    return 1 - bc


def tv_1d_quadrature(m1, v1, m2, v2):
    """TV = ½∫|p − q| by mpmath quadrature, with the crossing points located numerically (bisection on a grid)."""
    m1, v1, m2, v2 = map(D, (m1, v1, m2, v2))
    s1, s2 = mp.sqrt(v1), mp.sqrt(v2)
    p = lambda x: mp.npdf(x, m1, s1)
    q = lambda x: mp.npdf(x, m2, s2)
    logratio = lambda x: (-(x - m1) ** 2 / (2 * v1) - mp.log(s1)) - (-(x - m2) ** 2 / (2 * v2) - mp.log(s2))
    lo = min(m1 - 40 * s1, m2 - 40 * s2)
    hi = max(m1 + 40 * s1, m2 + 40 * s2)
    grid = [lo + (hi - lo) * i / 4000 for i in range(4001)]
    crossings = []
    for a, b in zip(grid, grid[1:]):
        if mp.sign(logratio(a)) != mp.sign(logratio(b)):
            crossings.append(mp.findroot(logratio, (a, b), solver="anderson", tol=mp.mpf(10) ** -45))
    points = [-mp.inf] + sorted(set(crossings + [m1, m2])) + [mp.inf]
    return mp.quad(lambda x: abs(p(x) - q(x)), points) / 2


def conditional_positive_mass(a, c1, v1, b, c2, v2):
    """∫ (a N(y; c1, v1) − b N(y; c2, v2))₊ dy by locating sign changes of the log-ratio (quadratic in y)."""
    A = -(1 / v1 - 1 / v2) / 2
    B = c1 / v1 - c2 / v2
    C = mp.log(a) - mp.log(b) - mp.log(v1) / 2 + mp.log(v2) / 2 - c1 ** 2 / (2 * v1) + c2 ** 2 / (2 * v2)
    roots = []
    if A == 0:
        if B != 0:
            roots = [-C / B]
    else:
        disc = B * B - 4 * A * C
        if disc > 0:
            r = mp.sqrt(disc)
            roots = sorted([(-B - r) / (2 * A), (-B + r) / (2 * A)])
    edges = [-mp.inf] + roots + [mp.inf]
    total = mp.mpf(0)
    for lo, hi in zip(edges, edges[1:]):
        if lo == -mp.inf and hi == mp.inf:
            mid = c1
        elif lo == -mp.inf:
            mid = hi - 1
        elif hi == mp.inf:
            mid = lo + 1
        else:
            mid = (lo + hi) / 2
        if A * mid * mid + B * mid + C > 0:
            cdf1 = lambda x, c=c1, v=v1: mp.ncdf(x, c, mp.sqrt(v))
            cdf2 = lambda x, c=c2, v=v2: mp.ncdf(x, c, mp.sqrt(v))
            total += a * (cdf1(hi) - cdf1(lo)) - b * (cdf2(hi) - cdf2(lo))
    return total


def tv_2d(mp_, sp, mq, sq):
    """TV = ∫ (p − q)₊ in 2-D: inner integral over x₂ in closed form given x₁, outer by mpmath quadrature."""
    def parts(m, s):
        s11, s12, s22 = s[0, 0], s[0, 1], s[1, 1]
        return m[0], s11, lambda x1: m[1] + s12 / s11 * (x1 - m[0]), s22 - s12 * s12 / s11
    mp1, vp1, cp, vp2 = parts(mp_, sp)
    mq1, vq1, cq, vq2 = parts(mq, sq)
    g = lambda x1: conditional_positive_mass(mp.npdf(x1, mp1, mp.sqrt(vp1)), cp(x1), vp2,
                                             mp.npdf(x1, mq1, mp.sqrt(vq1)), cq(x1), vq2)
    lo = min(mp1 - 12 * mp.sqrt(vp1), mq1 - 12 * mp.sqrt(vq1))
    hi = max(mp1 + 12 * mp.sqrt(vp1), mq1 + 12 * mp.sqrt(vq1))
    points = [-mp.inf] + [lo + (hi - lo) * i / 96 for i in range(97)] + [mp.inf]
    with mp.workdps(30):
        return mp.quad(g, points)


def distance_tables():
    pairs = [
        ("1d-equal-variance", [0], [[1]], [1], [[1]]),
        ("1d-same-mean", [0], [[1]], [0], [[2]]),
        ("1d-general", [0.3], [[0.5]], [-1.2], [[3.0]]),
        ("1d-close", [0], [[1]], [0.001], [[1.001]]),
        ("1d-far", [2], [[0.01]], [-1], [[4]]),
        ("2d-general", [0, 0], [[2, 0.5], [0.5, 1]], [1, -0.5], [[1, -0.3], [-0.3, 0.8]]),
        ("2d-same-mean", [0.5, 0.5], [[1, 0.2], [0.2, 2]], [0.5, 0.5], [[1.5, 0], [0, 1.2]]),
        ("2d-close", [0, 0], [[1, 0], [0, 1]], [0.001, 0], [[1.001, 0.0001], [0.0001, 0.999]]),
        ("3d-general", [1, 2, 3], [[3, 1, 0.5], [1, 2, 0.3], [0.5, 0.3, 1]], [0, 2.5, 2],
         [[1, 0.2, 0], [0.2, 1.5, 0.1], [0, 0.1, 0.7]]),
        ("3d-commuting", [0, 0, 0], [[1, 0, 0], [0, 2, 0], [0, 0, 3]], [0, 0, 0], [[2, 0, 0], [0, 2, 0], [0, 0, 0.5]]),
    ]
    out = []
    for name, m1, s1, m2, s2 in pairs:
        a, sa, b, sb = V(m1), M(s1), V(m2), M(s2)
        row = {"name": name, "mean_p": m1, "cov_p": s1, "mean_q": m2, "cov_q": s2,
               "kl_pq": f(kl(a, sa, b, sb)), "kl_qp": f(kl(b, sb, a, sa)),
               "w2_squared": f(w2sq(a, sa, b, sb)), "hellinger_squared": f(hellinger2(a, sa, b, sb))}
        if len(m1) == 1:
            row["tv"] = f(tv_1d_quadrature(m1[0], s1[0][0], m2[0], s2[0][0]))
            # Independent of the closed forms: KL and the Bhattacharyya coefficient by direct quadrature.
            mu1, sd1, mu2, sd2 = D(m1[0]), mp.sqrt(D(s1[0][0])), D(m2[0]), mp.sqrt(D(s2[0][0]))
            logp = lambda x: -(x - mu1) ** 2 / (2 * sd1 ** 2) - mp.log(sd1) - mp.log(2 * mp.pi) / 2
            logq = lambda x: -(x - mu2) ** 2 / (2 * sd2 ** 2) - mp.log(sd2) - mp.log(2 * mp.pi) / 2
            points = [-mp.inf] + sorted({mu1 - 8 * sd1, mu1, mu1 + 8 * sd1, mu2 - 8 * sd2, mu2, mu2 + 8 * sd2}) + [mp.inf]
            row["kl_pq_quadrature"] = f(mp.quad(lambda x: mp.exp(logp(x)) * (logp(x) - logq(x)), points))
            row["hellinger_squared_quadrature"] = f(1 - mp.quad(lambda x: mp.exp((logp(x) + logq(x)) / 2), points))
        if name in ("2d-general", "2d-same-mean"):
            row["tv"] = f(tv_2d(a, sa, b, sb))
        out.append(row)
        print(name, row.get("tv"))
    return out


# ---------------------------------------------------------------- processes
def ou_tables():
    cases = [
        ("2d", [[2, 0.5], [0.5, 1]], [1, -1], [3, 0.5], [[0.5, 0.1], [0.1, 0.2]]),
        ("3d", [[1.5, 0.2, -0.3], [0.2, 0.8, 0.1], [-0.3, 0.1, 2.5]], [0, 1, 2], [-1, 0, 4],
         [[1, 0, 0.2], [0, 2, 0], [0.2, 0, 0.5]]),
        ("1d", [[0.7]], [0.25], [2], [[0.3]]),
    ]
    out = []
    for name, A, m, m0, S0 in cases:
        a, mm, mm0, s0 = M(A), V(m), V(m0), M(S0)
        d = a.rows
        ident = mp.eye(d)
        ainv = mp.inverse(a)
        for t in ["0", "1e-6", "0.01", "0.5", "2", "40"]:
            tt = D(t)
            e = mp.expm(-a * tt)
            mean = mm + e * (mm0 - mm)
            cov = e * s0 * e.T + ainv * (ident - mp.expm(-2 * a * tt))
            out.append({"name": name, "A": A, "m": m, "m0": m0, "S0": S0, "t": float(tt),
                        "mean": [f(mean[i]) for i in range(d)],
                        "covariance": [[f(cov[i, j]) for j in range(d)] for i in range(d)],
                        "stationary_covariance": [[f(ainv[i, j]) for j in range(d)] for i in range(d)]})
    return out


def vp_tables():
    cont = []
    bmin, bmax = D("0.1"), D(20)
    for t in ["0", "1e-4", "0.01", "0.1", "0.5", "1"]:
        tt = D(t)
        integral = mp.quad(lambda s: bmin + s * (bmax - bmin), [0, tt]) if tt > 0 else mp.mpf(0)
        cont.append({"t": float(tt), "alpha_squared": f(mp.exp(-integral)), "one_minus_alpha_squared": f(-mp.expm1(-integral))})
    disc = []
    n_steps = 1000
    # βᵢ as the Swift code forms them in double: first + (i−1)(last − first)/(N − 1), each operation rounded.
    first, last = 1e-4, 0.02
    betas = [D(first + i * (last - first) / (n_steps - 1)) for i in range(n_steps)]
    prod = mp.mpf(1)
    wanted = {0, 1, 2, 10, 100, 500, 999, 1000}
    if 0 in wanted:
        disc.append({"n": 0, "alpha_bar": 1.0, "one_minus_alpha_bar": 0.0})
    for n in range(1, n_steps + 1):
        prod *= 1 - betas[n - 1]
        if n in wanted:
            disc.append({"n": n, "alpha_bar": f(prod), "one_minus_alpha_bar": f(1 - prod), "beta_n": f(betas[n - 1])})
    return cont, disc


# ---------------------------------------------------------------- quadrature
def quadrature_tables():
    integrals = [
        ("x^-1/2 on [0,1]", 0, 1, mp.mpf(2)),
        ("log x on [0,1]", 0, 1, mp.mpf(-1)),
        ("exp(-x^2) on [0,inf)", 0, "inf", mp.sqrt(mp.pi) / 2),
        ("1/(1+x^2) on (-inf,inf)", "-inf", "inf", mp.pi),
        ("exp(x) on (-inf,0]", "-inf", 0, mp.mpf(1)),
        ("sin x on [0,pi]", 0, "pi", mp.mpf(2)),
        ("x^2 exp(-x^2/2)/sqrt(2pi) on (-inf,inf)", "-inf", "inf", mp.mpf(1)),
    ]
    rows = [{"name": n, "a": str(a), "b": str(b), "value": f(v)} for n, a, b, v in integrals]
    # Gibbs expectations E[f] under π ∝ exp(-F) on ℝ, by mpmath quadrature of the unnormalised integrals.
    gibbs = []
    cases = [
        ("quartic x^2", lambda x: x ** 4 / 4, lambda x: x ** 2),
        ("double well x", lambda x: (x * x - 1) ** 2 - x / 2, lambda x: x),
        ("double well tanh", lambda x: 2 * (x * x - 1) ** 2, lambda x: mp.tanh(x + mp.mpf(1) / 3)),
        ("skewed cosh", lambda x: mp.log(mp.cosh(x)) + x / 3 + x * x / 10, lambda x: x * x),
    ]
    for name, F, g in cases:
        z = mp.quad(lambda x: mp.exp(-F(x)), [-mp.inf, -2, -1, 0, 1, 2, mp.inf])
        n = mp.quad(lambda x: g(x) * mp.exp(-F(x)), [-mp.inf, -2, -1, 0, 1, 2, mp.inf])
        gibbs.append({"name": name, "expectation": f(n / z), "log_normalizer": f(mp.log(z))})
    return rows, gibbs


def main():
    os.makedirs(OUT, exist_ok=True)
    normal, normal_q = normal_tables()
    chi_c, chi_q = chi2_tables()
    t_c, t_q = student_tables()
    b_c, b_q, cp = beta_tables()
    k_rows, k_q, k_u = kolmogorov_tables()
    write("distributions.json", {
        "provenance": provenance("normal pdf/cdf/survival/quantile, chi-square, Student t, Beta, Clopper-Pearson, "
                                 "Kolmogorov limit law"),
        "normal": normal, "normal_quantile": normal_q,
        "chi_squared": chi_c, "chi_squared_quantile": chi_q,
        "student_t": t_c, "student_t_quantile": t_q,
        "beta": b_c, "beta_quantile": b_q, "clopper_pearson": cp,
        "kolmogorov": k_rows, "kolmogorov_quantile": k_q, "kolmogorov_upper_quantile": k_u,
    })
    write("gaussian_distances.json", {
        "provenance": provenance("KL both directions (inverse/det), W2^2 (mpmath.sqrtm, Bures trace), Hellinger^2 "
                                 "(determinant formula), TV (1-D: quadrature of |p-q|/2 with numerically located "
                                 "crossings; 2-D: closed-form inner integral given x1, quadrature in x1, 30 digits)"),
        "pairs": distance_tables(),
    })
    cont, disc = vp_tables()
    write("processes.json", {
        "provenance": provenance("OU transition mean/covariance via mpmath.expm; VP alpha^2 via quadrature of beta; "
                                 "DDPM alpha-bar via the product of (1 - beta_i)"),
        "ou": ou_tables(), "vp_continuous": cont, "vp_discrete": disc,
    })
    rows, gibbs = quadrature_tables()
    write("quadrature.json", {
        "provenance": provenance("exact integrals and Gibbs expectations by mpmath quadrature"),
        "integrals": rows, "gibbs": gibbs,
    })


if __name__ == "__main__":
    main()
