import Langevin
import Randomness
import ReferenceLaws
import SchemeVocabulary
import VerificationTestSupport
import XCTest

final class CouplingTests: XCTestCase {
    /// The coupled driver on a design of `steps` coarse steps (burn-in steps − 1, window 1: the window statistics are
    /// those of the final step).
    static func design(stepSize: Double, substeps: Int, chains: Int, steps: Int, seed: UInt64, threads: Int = 1,
                       blockSize: Int = 256, start: [Double]) -> CoupledDesign {
        CoupledDesign(stepSize: stepSize, substeps: substeps, chains: chains, burnInSteps: steps - 1, windowSteps: 1,
                      seed: seed, threads: threads, blockSize: blockSize, initialLaw: .point(start), clip: 1e300)
    }

    static let lmc = CoupledCandidate("LMC", SchemeVariant(.lmc))
    static let rlmc = CoupledCandidate("RLMC", SchemeVariant(.rlmc))
    static func plmc(_ k: MidpointCount) -> CoupledCandidate { CoupledCandidate("PLMC(\(k))", SchemeVariant(.plmc(k))) }

    /// With b ≡ 0 every scheme's state is x₀ + √2·(its Brownian noise): PLMC's final noise √2·W(η) must equal the
    /// sum of the fine chain's increments √2·Σ(W((j+1)h) − W(jh)) on the shared path, and so must LMC's and RLMC's.
    func testFinalNoiseEqualsTheSumOfFineIncrements() throws {
        let context = try TestContext(self)
        let design = Self.design(stepSize: 0.3, substeps: 16, chains: 500, steps: 6, seed: context.seed, start: [1, -2, 0.5])
        let r = try CoupledDriver.run(drift: ZeroDrift(dimension: 3), candidates: [Self.plmc(.finite(16)), Self.lmc, Self.rlmc],
                                      observables: [], design: design)
        for c in r.candidates { XCTAssertLessThan(c.finalSquaredDistance.mean[0], 1e-26, c.name) }
        XCTAssertEqual(r.fineDriftCallsPerStep, 16)
        XCTAssertEqual(r.candidate("LMC")?.driftCallsPerStep, 1)
        XCTAssertEqual(r.candidate("RLMC")?.driftCallsPerStep, 2)
        // and the path really is random: x₀ = 1 + √2 W(1.8) exactly, so the unbiased sample variance is exactly
        // σ²χ²_{n−1}/(n−1) with σ² = 2·(6·0.3) = 3.6; it must lie above its one-sided Chernoff lower limit
        // ("LT.coupling.fine-path-variance", α = 1e-12; ≈ 0.62σ² ≈ 2.2, above the former sanity threshold 1).
        let budgetID = "LT.coupling.fine-path-variance"
        let alpha = StatisticalBudget.level(of: budgetID)
        let degrees = Double(design.chains - 1), variance = 3.6
        let ratio = r.fineFinalState.covariance[0, 0] / variance
        let (lo, _) = chiSquaredMeanInterval(degrees: degrees, alpha: 2 * alpha)   // α per tail: the lower one only
        // One-sided: P(s²/σ² < lo) ≤ α, so [0, s²/(lo σ²)] covers the true Var x₀ / 3.6 = 1 with probability ≥ 1 − α.
        let interval = try StatisticalInterval(statistic: "Var x₀ / 3.6 (upper limit s²/(lo·3.6); s²/3.6 = \(ratio))",
                                               estimate: ratio, lower: 0, upper: ratio / lo, n: design.chains,
                                               alpha: alpha, method: .exactChiSquare)
        assertInterval(interval, contains: 1, budgetID: budgetID, context: context)
        XCTAssertGreaterThan(lo * variance, 1, "the χ² lower limit is stronger than the former sanity bound")
    }

    /// Identical numbers for 1, 2 and 4 threads, including the paired statistics.
    func testCoupledRunIsBitIdenticalForAnyThreadCount() throws {
        let context = try TestContext(self)
        let drift = try EngineTests.denseCase()
        let phi = BoundedObservable(name: "tanh x0 · tanh² x1", range: -1...1) { s, _ in tanh(s[0]) * tanh(s[1]) * tanh(s[1]) }
        var results: [CoupledResult] = []
        for threads in [1, 2, 4] {
            let design = Self.design(stepSize: 0.2, substeps: 8, chains: 600, steps: 10, seed: context.seed, threads: threads,
                                     blockSize: 32, start: [0, 0, 0])
            results.append(try CoupledDriver.run(drift: drift, candidates: [Self.plmc(.finite(8)), Self.lmc, Self.rlmc],
                                                 observables: [phi], design: design))
        }
        for r in results.dropFirst() {
            XCTAssertEqual(r.fineFinalState, results[0].fineFinalState)
            for (a, b) in zip(r.candidates, results[0].candidates) {
                XCTAssertEqual(a.finalState, b.finalState, a.name)
                XCTAssertEqual(a.finalDifference, b.finalDifference, a.name)
                XCTAssertEqual(a.finalSquaredDistance, b.finalSquaredDistance, a.name)
                XCTAssertEqual(a.difference, b.difference, a.name)
                XCTAssertEqual(a.clippedSquaredDistance, b.clippedSquaredDistance, a.name)
            }
        }
        // synchronous coupling: PLMC is far closer to the fine chain than an independent copy would be
        // (independent copies: E|X − X'|² = 2·tr Σ; coupled: O(η²), docs/theory.md §4.7)
        // (measured ≈ 0.1 against 2·tr Σ_fine ≈ 4.8 for an independent pair; a broken coupling gives ≈ 1×).
        // Budget "LT.coupling.coupled-distance" (α = 1e-12, CLT): the threshold is 13–25 standard errors above the
        // mean of the 600 iid squared distances (measured over 9 seeds; the margin is printed), 1e-12 needs 7.
        let budgetID = "LT.coupling.coupled-distance"
        let independent = 2 * (0..<3).map { results[0].fineFinalState.covariance[$0, $0] }.reduce(0, +)
        let distance = results[0].candidates[0].finalSquaredDistance
        let standardError = (distance.covariance[0, 0] / Double(distance.count)).squareRoot()
        let margin = (0.05 * independent - distance.mean[0]) / standardError
        print("CouplingTests: E|X_PLMC − X_fine|² = \(distance.mean[0]) ± \(standardError) (SE), 5% of 2 tr Σ̂ = "
              + "\(0.05 * independent): margin \(margin) SE")
        XCTAssertLessThan(distance.mean[0], 0.05 * independent,
                          "[\(budgetID) | α = \(StatisticalBudget.level(of: budgetID)) (CLT z)] coupled mean squared "
                          + "distance \(distance.mean[0]) ± \(standardError) not below 5% of 2 tr Σ̂ = \(0.05 * independent); \(context)")
    }

    /// A candidate's numbers depend only on its own name, the seed and the chain: adding candidates, or running the same
    /// ones in another order, changes no candidate's statistics (bit for bit), nor the fine chain's. The candidates
    /// that query the path off the fine grid (PLMC(∞), RLMC) and those that draw flags (PLMC(8)) are all covered, and
    /// so is a mutant that draws extra auxiliary Gaussians (independent midpoint noise).
    func testAddingOrReorderingCandidatesChangesNoOtherCandidate() throws {
        let context = try TestContext(self)
        let drift = try EngineTests.denseCase()
        let phi = BoundedObservable(name: "tanh x0", range: -1...1) { s, _ in tanh(s[0]) }
        let mutant = CoupledCandidate("PLMC(8) independent", try SchemeVariant(.plmc(.finite(8)), mutation: .independentMidpointNoise))
        func run(_ candidates: [CoupledCandidate]) throws -> CoupledResult {
            try CoupledDriver.run(drift: drift, candidates: candidates, observables: [phi],
                                  design: Self.design(stepSize: 0.2, substeps: 8, chains: 300, steps: 12, seed: context.seed,
                                                      threads: 2, blockSize: 64, start: [0.3, -0.2, 0.1]))
        }
        let alone = try run([Self.plmc(.infinite)])
        let all = try run([Self.rlmc, mutant, Self.plmc(.infinite), Self.lmc, Self.plmc(.finite(8))])
        let reversed = try run([Self.plmc(.finite(8)), Self.lmc, Self.plmc(.infinite), mutant, Self.rlmc])
        XCTAssertEqual(alone.fineFinalState, all.fineFinalState)
        XCTAssertEqual(all.fineFinalState, reversed.fineFinalState)
        XCTAssertEqual(all.fineLevel, reversed.fineLevel)
        func same(_ a: CandidateStatistics?, _ b: CandidateStatistics?, _ what: String) {
            guard let a, let b else { return XCTFail("missing candidate \(what)") }
            XCTAssertEqual(a.finalState, b.finalState, what)
            XCTAssertEqual(a.finalSquaredDistance, b.finalSquaredDistance, what)
            XCTAssertEqual(a.difference, b.difference, what)
            XCTAssertEqual(a.driftCallsPerStep, b.driftCallsPerStep, what)
        }
        same(alone.candidate("PLMC(K=∞)"), all.candidate("PLMC(K=∞)"), "PLMC(K=∞) alone vs with four others")
        for name in ["LMC", "RLMC", "PLMC(K=∞)", "PLMC(K=8)", mutant.name] {
            same(all.candidate(name), reversed.candidate(name), "\(name): reversed order")
        }
    }

    /// The path store answers queries in any order with one Brownian motion: insert a grid, then a bridge point,
    /// then an extension, and check the exact Gaussian law of the increments (each increment is an exact linear
    /// combination of Gaussians, so its sum of squares / variance is exactly χ²_n): Chernoff χ² bound, ledger
    /// "LT.coupling.path-store-variance" (4e-9 over the 4 increments, α = 1e-9 each); plus zero means by the exact
    /// normal bound |z| < z* (known variance), ledger "LT.coupling.path-store-mean" (2e-9 over 4, z* ≈ 6.23).
    func testPathStoreHasBrownianIncrementsForAnyQueryOrder() throws {
        let context = try TestContext(self)
        let n = 20_000
        let store = BrownianPathStore(dimension: 1, chains: 1, pointsPerChain: 2)   // forces growth too
        var g = LaneNormalStream(seed: context.seed, stream: 0)
        var sums = [Double](repeating: 0, count: 4), squares = [Double](repeating: 0, count: 4)
        var w = [Double](repeating: 0, count: 1)
        for _ in 0..<n {
            store.reset(horizon: 1)
            var values: [Double: Double] = [:]
            for t in [0.5, 1.0, 0.2, 0.35, 1.4] {       // extension, extension, bridge, bridge, extension
                w.withUnsafeMutableBufferPointer { store.value(chain: 0, at: t, generator: &g, into: $0.baseAddress!) }
                values[t] = w[0]
            }
            // re-query a known time: same value
            w.withUnsafeMutableBufferPointer { store.value(chain: 0, at: 0.35, generator: &g, into: $0.baseAddress!) }
            XCTAssertEqual(w[0], values[0.35]!)
            let increments = [values[0.2]!, values[0.35]! - values[0.2]!, values[0.5]! - values[0.35]!,
                              values[1.4]! - values[0.5]!]
            for (i, x) in increments.enumerated() { sums[i] += x; squares[i] += x * x }
        }
        let variances = [0.2, 0.15, 0.15, 0.9]
        let varianceID = "LT.coupling.path-store-variance", meanID = "LT.coupling.path-store-mean"
        let checks = variances.count
        let varianceAlpha = StatisticalBudget.level(of: varianceID, splitAcross: checks)
        let meanAlpha = StatisticalBudget.level(of: meanID, splitAcross: checks)
        let (lo, hi) = chiSquaredMeanInterval(degrees: Double(n), alpha: varianceAlpha)
        let zCritical = try StandardNormal.upperQuantile(meanAlpha / 2)
        for i in 0..<checks {
            // Σx²/(nσ²) ∈ [lo, hi] ⇔ the true variance ratio 1 ∈ [ratio/hi, ratio/lo].
            let ratio = squares[i] / (Double(n) * variances[i])
            let varianceInterval = try StatisticalInterval(
                statistic: "increment \(i): Var/σ² (Σx²/(nσ²) = \(ratio), σ² = \(variances[i]))", estimate: ratio,
                lower: ratio / hi, upper: ratio / lo, n: n, alpha: varianceAlpha, method: .exactChiSquare)
            assertInterval(varianceInterval, contains: 1, budgetID: varianceID, splitAcross: checks, context: context)
            // x̄ ~ N(0, σ²/n) exactly: x̄ ± z*·σ/√n.
            let mean = sums[i] / Double(n), standardError = (variances[i] / Double(n)).squareRoot()
            let meanInterval = try StatisticalInterval(
                statistic: "increment \(i): mean (z = \(mean / standardError))", estimate: mean,
                lower: mean - zCritical * standardError, upper: mean + zCritical * standardError, n: n,
                alpha: meanAlpha, method: .exact("normal, known variance"))
            assertInterval(meanInterval, contains: 0, budgetID: meanID, splitAcross: checks, context: context)
        }
    }

    func testCoupledBadInputs() {
        func run(_ design: CoupledDesign, _ candidates: [CoupledCandidate] = [CouplingTests.lmc]) throws -> CoupledResult {
            try CoupledDriver.run(drift: ZeroDrift(dimension: 1), candidates: candidates, observables: [], design: design)
        }
        XCTAssertThrowsError(try run(Self.design(stepSize: .nan, substeps: 2, chains: 2, steps: 1, seed: 1, start: [0])))
        XCTAssertThrowsError(try run(Self.design(stepSize: 0.1, substeps: 0, chains: 2, steps: 1, seed: 1, start: [0])))
        XCTAssertThrowsError(try run(Self.design(stepSize: 0.1, substeps: 2, chains: 0, steps: 1, seed: 1, start: [0])))
        XCTAssertThrowsError(try run(Self.design(stepSize: 0.1, substeps: 2, chains: 2, steps: 1, seed: 1, start: [0]), []))
        XCTAssertThrowsError(try run(Self.design(stepSize: 0.1, substeps: 2, chains: 2, steps: 1, seed: 1, start: [0]),
                                     [CouplingTests.lmc, CouplingTests.lmc]))   // names must be unique
        XCTAssertThrowsError(try run(Self.design(stepSize: 0.1, substeps: 2, chains: 2, steps: 1, seed: 1, start: [0]),
                                     [CoupledCandidate("ULMC", SchemeVariant(.ulmc(friction: 1)))]))   // overdamped only
    }
}
