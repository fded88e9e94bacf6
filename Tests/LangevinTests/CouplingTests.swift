import Langevin
import Randomness
import XCTest

final class CouplingTests: XCTestCase {
    /// With b ≡ 0 every scheme's state is x₀ + √2·(its Brownian noise): PLMC's final noise √2·W(η) must equal the
    /// sum of the fine chain's increments √2·Σ(W((j+1)h) − W(jh)) on the shared path, and so must LMC's and RLMC's.
    func testFinalNoiseEqualsTheSumOfFineIncrements() throws {
        let config = CoupledConfiguration(stepSize: 0.3, substeps: 16, chains: 500, steps: 6, seed: testSeed(#function),
                                          initialState: [1, -2, 0.5])
        let r = try CoupledRunner.run(drift: ZeroDrift(dimension: 3), configuration: config)
        XCTAssertLessThan(r.plmcVersusFine.meanSquaredDistance, 1e-26)
        XCTAssertLessThan(r.lmcVersusFine.meanSquaredDistance, 1e-26)
        XCTAssertLessThan(r.rlmcVersusFine.meanSquaredDistance, 1e-26)
        XCTAssertEqual(r.fine.driftCallsPerStep, 16)
        XCTAssertEqual(r.lmc.driftCallsPerStep, 1)
        XCTAssertEqual(r.rlmc.driftCallsPerStep, 2)
        // and the path really is random: Var of each coordinate ≈ 2·(6·0.3) = 3.6 (loose sanity, not a test of law)
        XCTAssertGreaterThan(r.fine.state.covariance[0, 0], 1)
    }

    /// Identical numbers for 1, 2 and 4 threads, including the paired statistics.
    func testCoupledRunIsBitIdenticalForAnyThreadCount() throws {
        let drift = try EngineTests.denseCase()
        let phi = EnsembleObservable(name: "tanh x0, x1²", outputs: 2) { s, _, out in out[0] = tanh(s[0]); out[1] = s[1] * s[1] }
        var results: [CoupledResult] = []
        for threads in [1, 2, 4] {
            let config = CoupledConfiguration(stepSize: 0.2, substeps: 8, chains: 600, steps: 10, seed: 11,
                                              threads: threads, blockSize: 32)
            results.append(try CoupledRunner.run(drift: drift, configuration: config, observables: [phi]))
        }
        for r in results.dropFirst() {
            XCTAssertEqual(r.plmc.state, results[0].plmc.state)
            XCTAssertEqual(r.rlmc.state, results[0].rlmc.state)
            XCTAssertEqual(r.fine.state, results[0].fine.state)
            XCTAssertEqual(r.plmcVersusFine.observableDifference, results[0].plmcVersusFine.observableDifference)
            XCTAssertEqual(r.rlmcVersusFine.squaredDistance, results[0].rlmcVersusFine.squaredDistance)
        }
        // synchronous coupling: PLMC is far closer to the fine chain than an independent copy would be
        // (independent copies: E|X − X'|² = 2·tr Σ; coupled: O(η²) per paper-notes §4.7)
        // (measured 0.097 against 2·tr Σ_fine ≈ 4.8 for an independent pair; a broken coupling gives ≈ 1×)
        let independent = 2 * (0..<3).map { results[0].fine.state.covariance[$0, $0] }.reduce(0, +)
        XCTAssertLessThan(results[0].plmcVersusFine.meanSquaredDistance, 0.05 * independent)
    }

    /// The path store answers queries in any order with one Brownian motion: insert a grid, then a bridge point,
    /// then an extension, and check the exact Gaussian law of the increments (each increment is an exact linear
    /// combination of Gaussians, so its sum of squares / variance is exactly χ²_n): level α = 1e-9 per check,
    /// Chernoff χ² bound; plus zero means by the exact normal bound |z| < 6.2 (two-sided level 5.6e-10).
    func testPathStoreHasBrownianIncrementsForAnyQueryOrder() {
        let n = 20_000
        let store = BrownianPathStore(dimension: 1, chains: 1, pointsPerChain: 2)   // forces growth too
        var g = Xoshiro256StarStar(seed: testSeed(#function))
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
        let (lo, hi) = chiSquaredMeanInterval(degrees: Double(n), alpha: 1e-9)
        for i in 0..<4 {
            let ratio = squares[i] / (Double(n) * variances[i])
            XCTAssertTrue(ratio >= lo && ratio <= hi,
                          "increment \(i): Σx²/(nσ²) = \(ratio) outside [\(lo), \(hi)] (exact χ², α = 1e-9)")
            let z = sums[i] / (Double(n) * variances[i]).squareRoot()
            XCTAssertLessThan(abs(z), 6.2, "increment \(i): mean z = \(z) (exact normal, α ≈ 1e-9)")
        }
    }

    func testCoupledBadInputs() {
        XCTAssertThrowsError(try CoupledRunner.run(drift: ZeroDrift(dimension: 1),
                                                   configuration: CoupledConfiguration(stepSize: .nan, substeps: 2, chains: 2, steps: 1)))
        XCTAssertThrowsError(try CoupledRunner.run(drift: ZeroDrift(dimension: 1),
                                                   configuration: CoupledConfiguration(stepSize: 0.1, substeps: 0, chains: 2, steps: 1)))
        XCTAssertThrowsError(try CoupledRunner.run(drift: ZeroDrift(dimension: 1),
                                                   configuration: CoupledConfiguration(stepSize: 0.1, substeps: 2, chains: 0, steps: 1)))
    }
}
