import DenseLinearAlgebra
import Dispatch
import Foundation
import Langevin
import Randomness
import ReferenceLaws
import SchemeVocabulary
import Synchronization

/// E1 — the engine agrees with the exact laws (PN-V10). Every engine scheme of the design runs n independent chains
/// on a Gaussian target (linear drift b(x) = −A(x − m)); the final states are compared with the exact law of
/// `ChainLaw` — stationary (after T steps from the stationary mean, T the smallest multiple of 5 found at which the
/// exact T-step law equals the stationary law to 1e-9 of its scale, checked exactly per run) and after a fixed number
/// of steps from x₀ = 0 (the mean still moving).
///
/// Checks (per scheme and horizon, each at `MonteCarloLevels.e1AgreementPerCheck`): Catoni's mean estimator
/// (`CatoniMean`) of every coordinate (variance bound Σⱼⱼ of the exact law: exact) and of y = (uᵀ(x − μ))² along
/// u ∈ {eᵢ, (eᵢ + eⱼ)/√2} (E y = uᵀΣu; Var y = E(uᵀ(x − μ))⁴ − (uᵀΣu)²): exact for the Gaussian laws (LMC, ULMC:
/// 2s²) and for every overdamped scheme from its exact fourth moments (`OverdampedFourthMoments`); for the kinetic
/// midpoint schemes (PLMC-ULMC, RLMC-ULMC) bounded with the kurtosis cap κ ≤ 4 (Var y ≤ (κ − 1)s²), an assumption
/// of the level, whose measured excess kurtosis every verdict reports. A subject holds iff every exact value lies in
/// its interval (widened, at the stationary horizon, by the exact difference between the T-step and the stationary
/// value): false failure ≤ α = (checks) × α per check, a guaranteed finite-n level (docs/testing-policy.md R1, R12).
///
/// Mutants (`MonteCarloLevels.e1MutantPerCheck` each; docs/testing-policy.md R18, R19): the mutated ENGINE scheme runs
/// through the same checks against the CORRECT scheme's exact law and must be rejected (some interval excludes its exact
/// value). Design: on the check that separates it best, the mutant's exact value μ′ (its own exact law) satisfies
/// |μ′ − μ₀| > t_α + g + t_β with t_β the deviation of the same estimator at level β under the mutant's variance bound,
/// so a pass has probability ≤ β. The ratio |μ′ − μ₀|/(t_α + g + t_β) is reported; a ratio ≤ 1 gives an
/// `.inconclusive("design: …")` verdict, never a pass.
enum ClaimE01 {
    static let claim = Claim(
        id: .e1, title: "engine agrees with the exact laws",
        statement: statement, provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: metric, expectedRelation: expectedRelation, proofsNote: "PN-V10", kind: .monteCarlo,
        defaultCases: { _ in try builtInDesigns.map { try $0.claimCase() } },
        check: { try check($0, $1) })

    static let metric = "max over coordinate means and uᵀΣu (u = eᵢ, (eᵢ + eⱼ)/√2) of |Catoni estimate − exact| / half-width"

    static var expectedRelation: String {
        "≤ 1: every exact value (ChainLaw) inside its Catoni interval, α = \(MonteCarloLevels.e1AgreementPerCheck) per "
            + "check; mutants rejected with designed β = \(MonteCarloLevels.e1MutantPerCheck)"
    }

    /// The statement, generated from the designs' schemes, horizons and mutants.
    static var statement: String {
        var schemes: [String] = []
        for design in builtInDesigns { for s in design.schemes where !schemes.contains(s.description) { schemes.append(s.description) } }
        var mutants: [String] = []
        for design in builtInDesigns { for m in design.mutants where !mutants.contains(m.description) { mutants.append(m.description) } }
        let cases = builtInDesigns.map { "\($0.name) (\($0.horizons.map(\.description).joined(separator: ", ")))" }
        return "The engine's schemes " + schemes.joined(separator: ", ")
            + " have the exact laws of ChainLaw under linear drift: the empirical coordinate means and second moments "
            + "uᵀΣu of independent chains' final states agree with the exact law on " + cases.joined(separator: "; ")
            + "; the engine mutants " + mutants.joined(separator: ", ") + " are rejected."
    }

    // MARK: the design (data)

    /// When the final states are taken.
    enum Horizon: Sendable, Equatable, CustomStringConvertible {
        /// From the stationary mean (x₀ = m, v₀ = 0) for T steps, T the smallest multiple of 5 found at which the
        /// exact T-step law equals the stationary law to `stationarityTolerance` of its scale; compared with the
        /// stationary law.
        case stationary
        /// T steps from x₀ = 0 (v₀ = 0), compared with the exact T-step law.
        case finite(Int)

        var description: String {
            switch self {
            case .stationary: return "stationary"
            case .finite(let t): return "\(t) steps from 0"
            }
        }
    }

    /// |law after T steps − stationary law| ≤ this × scale at the stationary horizon.
    static let stationarityTolerance = 1e-9

    /// One case of E1: the target, the steps, the schemes, the horizons, the mutants and the chains.
    struct Design: Sendable {
        let name: String
        let precision: Matrix
        let mean: [Double]
        let overdampedStep: Double
        let kineticStep: Double
        let friction: Double
        let schemes: [Scheme]
        let horizons: [Horizon]
        let mutants: [SchemeVariant]
        let quickChains: Int
        let fullChains: Int

        func chains(_ tier: ClaimRunOptions.Tier) -> Int { tier == .quick ? quickChains : fullChains }

        func step(_ scheme: Scheme) -> Double { scheme.isUnderdamped ? kineticStep : overdampedStep }

        func claimCase() throws(VerificationError) -> ClaimCase {
            try ClaimCase(name: name, precision: precision, mean: mean)
        }

        /// Checks per (scheme, horizon): D means and D(D + 1)/2 quadratic forms, D = d or 2d.
        func checks(_ scheme: Scheme) -> Int {
            let dd = scheme.isUnderdamped ? 2 * mean.count : mean.count
            return dd + dd * (dd + 1) / 2
        }

        /// Σ checks over the subjects' (scheme, horizon) pairs.
        var checkCount: Int { schemes.reduce(0) { $0 + checks($1) } * horizons.count }
    }

    /// Every engine scheme: LMC, PLMC with K = 4 (direct flags), K = 16 (binomial count + sorted subset), K = ∞, RLMC,
    /// and the kinetic ULMC, PLMC-ULMC (K = 6, ∞), RLMC-ULMC at friction γ.
    static func allSchemes(friction gamma: Double) -> [Scheme] {
        [.lmc, .plmc(.finite(4)), .plmc(.finite(16)), .plmc(.infinite), .rlmc, .ulmc(friction: gamma),
         .plmcULMC(friction: gamma, .finite(6)), .plmcULMC(friction: gamma, .infinite), .rlmcULMC(friction: gamma)]
    }

    /// A = BBᵀ/3 + 0.5 I with B a 3 × 3 standard Gaussian matrix from the fixed stream "ChainLawAgreementTests.randomCase"
    /// (the case of LangevinTests.ChainLawAgreementTests), eigenvalues ≈ 0.50, 1.10, 3.51.
    static func denseCase() -> Matrix {
        var g = Xoshiro256StarStar(seed: stableSeed(for: "ChainLawAgreementTests.randomCase"))
        var b = Matrix(rows: 3, cols: 3)
        for k in 0..<9 { b.storage[k] = g.nextStandardNormal() }
        return ((1.0 / 3.0) * (b * b.transposed) + 0.5 * Matrix.identity(3)).symmetrized
    }

    /// The built-in cases.
    /// * gaussian-d3-dense: the non-diagonal d = 3 case, m = (1, −2, 0.5), η = 0.2 (ηλ_max ≈ 0.70) overdamped and
    ///   η = 0.3, γ = 1.5 kinetic; every scheme, stationary and 20 steps from 0; the mutants with a first-order
    ///   effect on the second moments (independent midpoint or endpoint noise, the dropped correction, √η noise).
    /// * gaussian-1d-far-start: λ = 1, m = 200, η = 0.1, 20 steps from 0 (overdamped schemes): the mean is still moving
    ///   (E x₂₀ ≈ 0.87 m) and the random contraction Π β of the midpoint schemes spreads it, so the midpoint law shows in
    ///   the coordinate mean (exact variance, no kurtosis needed): the midpoint time shifted by one sub-step (K = 4,
    ///   direct flags; K = 16, count + subset) and the Poisson(1/2) count are rejected there with a large design margin
    ///   (on the d = 3 case their effect is ≈ 4 % of uᵀΣu and would need ≈ 4·10⁵ chains).
    static let builtInDesigns: [Design] = {
        let gamma = 1.5
        let d3 = Design(
            name: "gaussian-d3-dense", precision: denseCase(), mean: [1, -2, 0.5], overdampedStep: 0.2, kineticStep: 0.3,
            friction: gamma, schemes: allSchemes(friction: gamma), horizons: [.stationary, .finite(20)],
            mutants: [
                mutant(.plmc(.finite(4)), .independentMidpointNoise), mutant(.plmc(.infinite), .independentMidpointNoise),
                mutant(.rlmc, .independentMidpointNoise), mutant(.plmc(.infinite), .independentEndpointNoise),
                mutant(.rlmc, .independentEndpointNoise), mutant(.plmcULMC(friction: gamma, .finite(6)), .droppedCorrection),
                mutant(.plmcULMC(friction: gamma, .infinite), .droppedCorrection), mutant(.ulmc(friction: gamma), .noiseSqrtEta),
                mutant(.rlmcULMC(friction: gamma), .noiseSqrtEta),
            ],
            quickChains: 20_000, fullChains: 100_000)
        let far = Design(
            name: "gaussian-1d-far-start", precision: Matrix.identity(1), mean: [200], overdampedStep: 0.1, kineticStep: 0.3,
            friction: gamma, schemes: allSchemes(friction: gamma).filter { !$0.isUnderdamped }, horizons: [.finite(20)],
            mutants: [
                mutant(.plmc(.finite(4)), .offByOneMidpointIndex), mutant(.plmc(.finite(16)), .offByOneMidpointIndex),
                mutant(.plmc(.infinite), .halvedPoissonRate),
            ],
            quickChains: 20_000, fullChains: 80_000)
        return [d3, far]
    }()

    static func mutant(_ scheme: Scheme, _ mutation: SchemeMutation) -> SchemeVariant {
        guard let variant = try? SchemeVariant(scheme, mutation: mutation) else {
            preconditionFailure("E1 design: \(mutation) does not apply to \(scheme)")
        }
        return variant
    }

    /// Σ checks of the subjects on the built-in cases (both tiers run the same checks).
    static var defaultCheckCount: Int { builtInDesigns.reduce(0) { $0 + $1.checkCount } }
    /// The number of mutants on the built-in cases.
    static var defaultMutantCount: Int { builtInDesigns.reduce(0) { $0 + $1.mutants.count } }

    /// The design of a case: the built-in one of that name, or (a user's Gaussian case) every scheme at ηλ_max = 0.7
    /// (overdamped) and η√λ_max = 0.56, γ = 0.8√λ_max (kinetic), both horizons, no mutants.
    static func design(for claimCase: ClaimCase, target: GaussianTarget) -> Design {
        if let builtIn = builtInDesigns.first(where: { $0.name == claimCase.name }) { return builtIn }
        let lambda = target.largestEigenvalue
        let gamma = 0.8 * lambda.squareRoot()
        return Design(name: claimCase.name, precision: target.precision, mean: target.mean, overdampedStep: 0.7 / lambda,
                      kineticStep: 0.56 / lambda.squareRoot(), friction: gamma, schemes: allSchemes(friction: gamma),
                      horizons: [.stationary, .finite(20)], mutants: [], quickChains: 25_000, fullChains: 100_000)
    }

    // MARK: the check

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let design = design(for: claimCase, target: target)
        let drift: LinearBatchDrift
        do { drift = try LinearBatchDrift(matrix: target.precision, mean: target.mean) } catch {
            throw VerificationError.invalidParameter(name: "case \(claimCase.name)", value: "A, m", requirement: error.description)
        }
        let run = Run(options: options, design: design, target: target, drift: drift, caseName: claimCase.name)
        var verdicts: [ClaimVerdict] = []
        for scheme in design.schemes {
            for horizon in design.horizons {
                verdicts.append(run.subjectVerdict(scheme, horizon))
            }
        }
        for mutant in design.mutants {
            verdicts.append(run.mutantVerdict(mutant))
        }
        return verdicts
    }

    /// One check: a coordinate mean (`direction` nil) or the quadratic form along `direction`.
    struct Check: Sendable {
        let name: String
        let coordinate: Int
        let direction: [Double]?
    }

    /// The checks of a D-dimensional state: D means, then uᵀΣu along eᵢ and (eᵢ + eⱼ)/√2.
    static func checks(stateDimension dd: Int) -> [Check] {
        var out = (0..<dd).map { Check(name: "mean[\($0)]", coordinate: $0, direction: nil) }
        for i in 0..<dd {
            var u = [Double](repeating: 0, count: dd)
            u[i] = 1
            out.append(Check(name: "uᵀΣu, u = e\(i)", coordinate: i, direction: u))
        }
        for i in 0..<dd { for j in (i + 1)..<dd {
            var u = [Double](repeating: 0, count: dd)
            u[i] = 0.5.squareRoot()
            u[j] = 0.5.squareRoot()
            out.append(Check(name: "uᵀΣu, u = (e\(i) + e\(j))/√2", coordinate: i, direction: u))
        } }
        return out
    }

    /// How the variance of a quadratic-form statistic is bounded for a law.
    enum FourthMomentSource: Sendable, Equatable {
        /// A Gaussian law (LMC, ULMC and laws equal to theirs): Var (Z + δ)² = 2s² + 4δ²s exactly.
        case gaussian
        /// Exact fourth moments of an overdamped law (`OverdampedFourthMoments`).
        case exact(ChainFourthMoments)
        /// The kurtosis cap κ ≤ `kurtosisCap` (an assumption): Var (Z + δ)² ≤ (√(κ − 1)s + 2|δ|√s)².
        case kurtosisCap

        static func == (lhs: FourthMomentSource, rhs: FourthMomentSource) -> Bool {
            switch (lhs, rhs) {
            case (.gaussian, .gaussian), (.exact, .exact), (.kurtosisCap, .kurtosisCap): return true
            default: return false
            }
        }
    }

    /// The kurtosis cap of the kinetic midpoint schemes' laws (PN-V10).
    static let kurtosisCap = 4.0

    /// The exact law of the states a run samples: its mean and covariance, and how its fourth moments are known.
    struct SampledLaw: Sendable {
        let moments: ChainMoments
        let fourth: FourthMomentSource

        /// E[(uᵀ(x − c))²] and a bound on Var (uᵀ(x − c))² (exact unless `fourth` is the cap).
        func quadratic(_ u: [Double], about c: [Double]) -> (mean: Double, varianceBound: Double) {
            let dd = u.count
            var s = 0.0, delta = 0.0
            for i in 0..<dd {
                delta += u[i] * (moments.mean[i] - c[i])
                for j in 0..<dd { s += u[i] * u[j] * moments.covariance[i, j] }
            }
            let mean = s + delta * delta
            switch fourth {
            case .gaussian:
                return (mean, 2 * s * s + 4 * delta * delta * s)
            case .exact(let f):
                let z = f.projectionMoments(u, about: c)
                return (mean, max(0, z[3] - z[1] * z[1]))
            case .kurtosisCap:
                let root = (kurtosisCap - 1).squareRoot() * s + 2 * abs(delta) * max(s, 0).squareRoot()
                return (mean, root * root)
            }
        }

        /// The excess kurtosis of uᵀx under this law (nil under the cap).
        func excessKurtosis(_ u: [Double]) -> Double? {
            switch fourth {
            case .gaussian: return 0
            case .exact(let f):
                let z = f.projectionMoments(u, about: moments.mean)
                return z[3] / (z[1] * z[1]) - 3
            case .kurtosisCap: return nil
            }
        }
    }

    /// Whether the law of a variant is Gaussian under linear drift (no auxiliary randomness).
    static func isGaussianLaw(_ variant: SchemeVariant) -> Bool {
        switch variant.mutation {
        case nil, .noiseSqrtEta?:
            switch variant.scheme {
            case .lmc, .ulmc: return true
            default: return false
            }
        case .droppedCorrection?:
            // PLMC-ULMC without its correction is its fine chain ULMC in law
            return true
        default:
            return false
        }
    }

    /// Everything one case's run shares.
    struct Run: Sendable {
        let options: ClaimRunOptions
        let design: Design
        let target: GaussianTarget
        let drift: LinearBatchDrift
        let caseName: String

        var chains: Int { design.chains(options.tier) }
        var law: LinearDrift { target.drift }

        /// The horizon's start (x₀, and v₀ = 0 for the kinetic schemes).
        func start(_ scheme: Scheme, _ horizon: Horizon) -> [Double] {
            let x0: [Double]
            switch horizon {
            case .stationary: x0 = target.mean
            case .finite: x0 = [Double](repeating: 0, count: target.dimension)
            }
            return scheme.isUnderdamped ? x0 + [Double](repeating: 0, count: target.dimension) : x0
        }

        /// The reference of one (correct scheme, horizon): the exact law compared with, the exact law sampled, the
        /// steps, and (stationary) the gap and scale of the stationarity check.
        struct Reference: Sendable {
            let steps: Int
            let compared: ChainMoments
            let sampled: SampledLaw
            let gap: Double?
            let scale: Double?
        }

        func reference(_ scheme: Scheme, _ horizon: Horizon) throws -> Reference {
            let eta = design.step(scheme)
            let variant = SchemeVariant(scheme)
            let start = try ChainMoments(pointMass: start(scheme, horizon))
            switch horizon {
            case .finite(let steps):
                let sampled = try sampledLaw(variant, steps: steps, horizon: horizon)
                return Reference(steps: steps, compared: sampled.moments, sampled: sampled, gap: nil, scale: nil)
            case .stationary:
                let pi = try ChainLaw.stationary(scheme, eta: eta, drift: law)
                let scale = max(pi.covariance.storage.map(abs).max() ?? 0, pi.mean.map(abs).max() ?? 0)
                func gap(_ t: Int) throws -> Double {
                    let l = try ChainLaw.afterSteps(t, scheme, eta: eta, drift: law, from: start)
                    return max(zip(l.mean, pi.mean).map { abs($0 - $1) }.max() ?? 0,
                               zip(l.covariance.storage, pi.covariance.storage).map { abs($0 - $1) }.max() ?? 0)
                }
                // doubling, then bisection on multiples of 5
                var hi = 10
                while try gap(hi) > stationarityTolerance * scale {
                    hi *= 2
                    guard hi <= 20_480 else {
                        throw VerificationError.numerical("\(scheme): no T ≤ 20480 reaches the stationary law to \(stationarityTolerance)")
                    }
                }
                var lo = hi / 2
                while hi - lo > 5 {
                    let mid = ((lo + hi) / 2 / 5) * 5
                    if mid <= lo || mid >= hi { break }
                    if try gap(mid) <= stationarityTolerance * scale { hi = mid } else { lo = mid }
                }
                let sampled = try sampledLaw(variant, steps: hi, horizon: horizon)
                return Reference(steps: hi, compared: pi, sampled: sampled, gap: try gap(hi), scale: scale)
            }
        }

        /// The exact law of `variant`'s states after `steps` steps from the horizon's start. The √η-noise mutant of a
        /// kinetic scheme started at the stationary mean: the correct scheme's law with half its covariance (from the
        /// fixed point the mean stays (m, 0) and the covariance recursion is linear in the noise covariance, which the
        /// mutation halves; the step matrices do not depend on the noise).
        func sampledLaw(_ variant: SchemeVariant, steps: Int, horizon: Horizon) throws -> SampledLaw {
            let scheme = variant.scheme
            let eta = design.step(scheme)
            let startState = start(scheme, horizon)
            let start = try ChainMoments(pointMass: startState)
            let moments: ChainMoments
            if scheme.isUnderdamped, variant.mutation == .noiseSqrtEta {
                guard horizon == .stationary else {
                    throw VerificationError.law("the law of \(variant) is known from the stationary mean only")
                }
                let correct = try ChainLaw.afterSteps(steps, scheme, eta: eta, drift: law, from: start)
                moments = try ChainMoments(mean: correct.mean, covariance: 0.5 * correct.covariance)
            } else {
                moments = try ChainLaw.afterSteps(steps, variant, eta: eta, drift: law, from: start)
            }
            let fourth: FourthMomentSource
            if isGaussianLaw(variant) {
                fourth = .gaussian
            } else if !scheme.isUnderdamped {
                let exact = try OverdampedFourthMoments(variant, eta: eta, drift: law).afterSteps(steps, from: startState)
                fourth = .exact(exact)
            } else {
                fourth = .kurtosisCap
            }
            return SampledLaw(moments: moments, fourth: fourth)
        }

        /// The exact side of every check for a correct scheme: value r, allowance g (stationary: |E_T y − r|) and
        /// the tuned variance bound v₀ (the correct scheme's sampled law).
        struct ExactCheck: Sendable {
            let check: Check
            let value: Double
            let allowance: Double
            let varianceBound: Double
        }

        func exactChecks(_ reference: Reference) -> [ExactCheck] {
            let mu0 = reference.compared.mean
            return checks(stateDimension: mu0.count).map { check in
                if let u = check.direction {
                    var r = 0.0
                    for i in u.indices { for j in u.indices { r += u[i] * u[j] * reference.compared.covariance[i, j] } }
                    let sampled = reference.sampled.quadratic(u, about: mu0)
                    return ExactCheck(check: check, value: r, allowance: abs(sampled.mean - r), varianceBound: sampled.varianceBound)
                }
                let j = check.coordinate
                return ExactCheck(check: check, value: mu0[j], allowance: abs(reference.sampled.moments.mean[j] - mu0[j]),
                                  varianceBound: reference.sampled.moments.covariance[j, j])
            }
        }

        /// The estimates of every check from a sample (Catoni at `alpha` each, in parallel over the checks).
        struct Estimates: Sendable {
            let intervals: [CatoniMean]
            /// max over the quadratic directions of the sample excess kurtosis of uᵀx.
            let measuredExcessKurtosis: Double
        }

        func estimate(_ sample: FinalStateSample, _ exact: [ExactCheck], center: [Double], alpha: Double) throws -> Estimates {
            let n = sample.chains, dd = sample.stateDimension
            let results = Mutex([Result<(CatoniMean, Double?), VerificationError>?](repeating: nil, count: exact.count))
            let workers = max(1, min(options.threads, exact.count))
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var y = [Double](repeating: 0, count: n), projection = [Double](repeating: 0, count: n)
                var index = w
                while index < exact.count {
                    let e = exact[index]
                    var kurtosis: Double?
                    sample.values.withUnsafeBufferPointer { x in
                        if let u = e.check.direction {
                            var sum = 0.0
                            for c in 0..<n {
                                var p = 0.0
                                for i in 0..<dd { p += u[i] * (x[c * dd + i] - center[i]) }
                                projection[c] = p
                                y[c] = p * p
                                sum += p
                            }
                            // the sample excess kurtosis of uᵀx about its sample mean (reported, not used)
                            let shift = sum / Double(n)
                            var s2 = 0.0, s4 = 0.0
                            for c in 0..<n {
                                let z = projection[c] - shift
                                s2 += z * z
                                s4 += z * z * z * z
                            }
                            kurtosis = Double(n) * s4 / (s2 * s2) - 3
                        } else {
                            for c in 0..<n { y[c] = x[c * dd + e.check.coordinate] }
                        }
                    }
                    let result: Result<(CatoniMean, Double?), VerificationError>
                    do throws(VerificationError) {
                        result = .success((try CatoniMean(y, varianceBound: e.varianceBound, alpha: alpha), kurtosis))
                    } catch {
                        result = .failure(error)
                    }
                    results.withLock { $0[index] = result }
                    index += workers
                }
            }
            let collected = results.withLock { $0 }
            var intervals: [CatoniMean] = []
            var kurtosis = -Double.infinity
            for r in collected {
                guard let r else { throw VerificationError.numerical("E1: a check was not computed") }
                let (interval, k) = try r.get()
                intervals.append(interval)
                if let k { kurtosis = max(kurtosis, k) }
            }
            return Estimates(intervals: intervals, measuredExcessKurtosis: kurtosis)
        }

        /// |estimate − exact| / (half-width + allowance) of every check.
        func ratios(_ estimates: Estimates, _ exact: [ExactCheck]) -> [Double] {
            zip(estimates.intervals, exact).map { abs($0.estimate - $1.value) / ($0.halfWidth + $1.allowance) }
        }

        func seed(_ variant: SchemeVariant, _ horizon: Horizon) -> UInt64 {
            derivedSeed(options.seed, "E1 \(caseName) \(variant.label(stepSize: design.step(variant.scheme))) \(horizon)")
        }

        func sample(_ variant: SchemeVariant, _ horizon: Horizon, steps: Int) throws -> FinalStateSample {
            let configuration = EnsembleConfiguration(
                chains: chains, steps: steps, seed: seed(variant, horizon), threads: max(1, options.threads),
                initialState: Array(start(variant.scheme, horizon).prefix(target.dimension)), trackCovariance: false)
            return try Simulation.finalStates(variant, stepSize: design.step(variant.scheme), drift: drift,
                                              configuration: configuration)
        }

        func subjectName(_ variant: SchemeVariant, _ horizon: Horizon, steps: Int) -> String {
            let label = variant.label(stepSize: design.step(variant.scheme))
            switch horizon {
            case .stationary: return "\(label) engine, stationary (T = \(steps))"
            case .finite: return "\(label) engine, \(steps) steps from 0"
            }
        }

        var expected: ExpectedValue { ExpectedValue("≤ 1 (every exact value inside its interval)", value: 1) }

        /// The verdict of a correct scheme at one horizon.
        func subjectVerdict(_ scheme: Scheme, _ horizon: Horizon) -> ClaimVerdict {
            let variant = SchemeVariant(scheme)
            let label = variant.label(stepSize: design.step(scheme))
            let alphaEach = MonteCarloLevels.e1AgreementPerCheck
            do {
                let reference = try reference(scheme, horizon)
                let exact = exactChecks(reference)
                let sample = try sample(variant, horizon, steps: reference.steps)
                let estimates = try estimate(sample, exact, center: reference.compared.mean, alpha: alphaEach)
                let ratios = ratios(estimates, exact)
                let worst = ratios.indices.max { ratios[$0] < ratios[$1] } ?? 0
                var numbers = [LabelledNumber("α", alphaEach * Double(exact.count)), LabelledNumber("α per check", alphaEach),
                               LabelledNumber("checks", Double(exact.count)), LabelledNumber("n", Double(chains)),
                               LabelledNumber("T", Double(reference.steps)), LabelledNumber("η", design.step(scheme)),
                               LabelledNumber("worst ratio", ratios[worst]), LabelledNumber("worst check", Double(worst)),
                               LabelledNumber("max measured excess kurtosis", estimates.measuredExcessKurtosis)]
                numbers += kurtosisNumbers(reference.sampled, exact)
                if let gap = reference.gap, let scale = reference.scale {
                    numbers.append(LabelledNumber("stationarity gap / scale", gap / scale))
                }
                let e = exact[worst], interval = estimates.intervals[worst]
                let outcome: ClaimOutcome = ratios[worst] <= 1 ? .holds : .fails(String(
                    format: "%@: estimate %.6g, exact %.6g, half-width %.3g (+ %.2g), n = %d, α = %.2g",
                    e.check.name, interval.estimate, e.value, interval.halfWidth, e.allowance, chains, alphaEach))
                return ClaimVerdict(claimID: .e1, caseName: caseName, subject: subjectName(variant, horizon, steps: reference.steps),
                                    metric: metric, expected: expected, measured: ratios[worst], tolerance: 1, outcome: outcome,
                                    numbers: numbers, ledger: .e1Agreement, scheme: variant)
            } catch {
                return ClaimVerdict(claimID: .e1, caseName: caseName, subject: "\(label) engine, \(horizon)", metric: metric,
                                    expected: expected, outcome: .inconclusive("\(error)"),
                                    numbers: [LabelledNumber("α", 0)], ledger: .e1Agreement, scheme: variant)
            }
        }

        /// The exact excess kurtosis (max over the quadratic directions) or the cap the level assumes.
        func kurtosisNumbers(_ law: SampledLaw, _ exact: [ExactCheck]) -> [LabelledNumber] {
            if law.fourth == .kurtosisCap { return [LabelledNumber("kurtosis cap (assumed)", kurtosisCap)] }
            var worst = -Double.infinity
            for e in exact { if let u = e.check.direction, let k = law.excessKurtosis(u) { worst = max(worst, k) } }
            return [LabelledNumber("max exact excess kurtosis", worst)]
        }

        /// The design of a mutant at one horizon: the best-separating check and its ratio |μ′ − μ₀|/(t_α + g + t_β).
        struct MutantDesign: Sendable {
            let horizon: Horizon
            let reference: Reference
            let exact: [ExactCheck]
            let check: Int
            let mutantValue: Double
            let tAlpha: Double
            let tBeta: Double
            var ratio: Double { abs(mutantValue - exact[check].value) / (tAlpha + exact[check].allowance + tBeta) }
            var margin: Double { abs(mutantValue - exact[check].value) - (tAlpha + exact[check].allowance + tBeta) }
        }

        func mutantDesign(_ mutant: SchemeVariant, _ horizon: Horizon) throws -> MutantDesign {
            let reference = try reference(mutant.scheme, horizon)
            let exact = exactChecks(reference)
            let law = try sampledLaw(mutant, steps: reference.steps, horizon: horizon)
            let mu0 = reference.compared.mean
            let alpha = MonteCarloLevels.e1AgreementPerCheck, beta = MonteCarloLevels.e1MutantPerCheck
            var best: MutantDesign?
            for (index, e) in exact.enumerated() {
                let value: Double, variance: Double
                if let u = e.check.direction {
                    (value, variance) = law.quadratic(u, about: mu0)
                } else {
                    value = law.moments.mean[e.check.coordinate]
                    variance = law.moments.covariance[e.check.coordinate, e.check.coordinate]
                }
                let tAlpha = CatoniMean.halfWidth(n: chains, varianceBound: e.varianceBound, alpha: alpha)
                let tBeta = CatoniMean.deviation(n: chains, tunedVariance: e.varianceBound, tunedAlpha: alpha,
                                                 varianceBound: variance, level: beta)
                let candidate = MutantDesign(horizon: horizon, reference: reference, exact: exact, check: index,
                                             mutantValue: value, tAlpha: tAlpha, tBeta: tBeta)
                if best == nil || candidate.ratio > best!.ratio { best = candidate }
            }
            guard let best else { throw VerificationError.numerical("E1: no check for \(mutant)") }
            return best
        }

        /// The verdict of a mutant: run at the first horizon (finite before stationary) whose design separates it.
        func mutantVerdict(_ mutant: SchemeVariant) -> ClaimVerdict {
            let label = mutant.label(stepSize: design.step(mutant.scheme))
            let beta = MonteCarloLevels.e1MutantPerCheck
            do {
                // the cheaper finite horizons first
                let order = design.horizons.filter { $0 != .stationary } + design.horizons.filter { $0 == .stationary }
                var designs: [MutantDesign] = []
                for horizon in order {
                    if let d = try? mutantDesign(mutant, horizon) { designs.append(d) }
                }
                guard let chosen = designs.first(where: { $0.ratio > 1 }) ?? designs.max(by: { $0.ratio < $1.ratio }) else {
                    throw VerificationError.law("no exact law of \(mutant) at the horizons \(design.horizons)")
                }
                let numbers0 = [LabelledNumber("β", beta), LabelledNumber("design ratio", chosen.ratio),
                                LabelledNumber("design margin", chosen.margin), LabelledNumber("designed check", Double(chosen.check)),
                                LabelledNumber("μ′ (mutant)", chosen.mutantValue),
                                LabelledNumber("μ₀ (correct)", chosen.exact[chosen.check].value),
                                LabelledNumber("t_α", chosen.tAlpha), LabelledNumber("t_β", chosen.tBeta),
                                LabelledNumber("n", Double(chains)), LabelledNumber("T", Double(chosen.reference.steps))]
                let name = subjectName(mutant, chosen.horizon, steps: chosen.reference.steps)
                let checkName = chosen.exact[chosen.check].check.name
                guard chosen.ratio > 1 else {
                    return ClaimVerdict(claimID: .e1, caseName: caseName, subject: name, role: mutant.role, metric: metric,
                                        expected: expected, outcome: .inconclusive(String(
                                            format: "design: on %@ |μ′ − μ₀| = %.4g ≤ t_α + g + t_β = %.4g (n = %d): no power at β = %g",
                                            checkName, abs(chosen.mutantValue - chosen.exact[chosen.check].value),
                                            chosen.tAlpha + chosen.exact[chosen.check].allowance + chosen.tBeta, chains, beta)),
                                        numbers: numbers0, ledger: .e1Mutants, scheme: mutant)
                }
                let sample = try sample(mutant, chosen.horizon, steps: chosen.reference.steps)
                let estimates = try estimate(sample, chosen.exact, center: chosen.reference.compared.mean,
                                             alpha: MonteCarloLevels.e1AgreementPerCheck)
                let ratios = ratios(estimates, chosen.exact)
                let worst = ratios.indices.max { ratios[$0] < ratios[$1] } ?? 0
                let numbers = numbers0 + [LabelledNumber("worst ratio", ratios[worst]), LabelledNumber("worst check", Double(worst)),
                                          LabelledNumber("designed check ratio", ratios[chosen.check]),
                                          LabelledNumber("max measured excess kurtosis", estimates.measuredExcessKurtosis)]
                let outcome: ClaimOutcome = ratios[worst] > 1
                    ? .fails(String(format: "rejected: %@ at %.3g half-widths (designed check %@: %.3g)",
                                    chosen.exact[worst].check.name, ratios[worst], checkName, ratios[chosen.check]))
                    : .holds
                return ClaimVerdict(claimID: .e1, caseName: caseName, subject: name, role: mutant.role, metric: metric,
                                    expected: expected, measured: ratios[worst], tolerance: 1, outcome: outcome,
                                    numbers: numbers, ledger: .e1Mutants, scheme: mutant)
            } catch {
                return ClaimVerdict(claimID: .e1, caseName: caseName, subject: "\(label) engine", role: mutant.role, metric: metric,
                                    expected: expected, outcome: .inconclusive("\(error)"), numbers: [LabelledNumber("β", beta)],
                                    ledger: .e1Mutants, scheme: mutant)
            }
        }
    }
}
