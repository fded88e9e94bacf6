// Properties of the generated cases, checked by independent computations (Cholesky, residuals, traces).
import DenseLinearAlgebra
import Randomness
import VerificationTestSupport
import XCTest

/// Plain Cholesky A = LLᵀ; nil at the first non-positive pivot (written so that NaN pivots fail).
private func choleskyPivots(_ a: Matrix) -> [Double]? {
    let d = a.rows
    var l = Matrix(rows: d, cols: d)
    var pivots: [Double] = []
    for j in 0..<d {
        var s = a[j, j]
        for k in 0..<j { s -= l[j, k] * l[j, k] }
        guard s > 0 else { return nil }
        pivots.append(s)
        l[j, j] = s.squareRoot()
        for i in (j + 1)..<max(j + 1, d) {
            var t = a[i, j]
            for k in 0..<j { t -= l[i, k] * l[j, k] }
            l[i, j] = t / l[j, j]
        }
    }
    return pivots
}

final class GeneratorTests: XCTestCase {
    private func sampleCases(count: Int, generator: GaussianCaseGenerator, salt: String) throws -> [GaussianCaseSample] {
        var rng = try TestContext(self).makeGenerator(salt: salt)
        return (0..<count).map { _ in generator.next(using: &rng) }
    }

    func testGaussianCasesAreSymmetricPositiveDefiniteWithExactConditionNumber() throws {
        let generator = try GaussianCaseGenerator(dimensions: 1...16, conditionNumbers: .logUniform(1...1e4),
                                                  smallestEigenvalues: 0.1...10, diagonalProbability: 0.25)
        var dimensionsSeen = Set<Int>()
        var diagonalSeen = false, rotatedSeen = false
        for sample in try sampleCases(count: 200, generator: generator, salt: "spd") {
            let d = sample.dimension, a = sample.precision, q = sample.eigenvectors, lambda = sample.eigenvalues
            dimensionsSeen.insert(d)
            XCTAssertTrue((1...16).contains(d))
            XCTAssertEqual(a.rows, d)
            XCTAssertEqual(sample.mean.count, d)
            // Exact symmetry.
            for i in 0..<d { for j in 0..<d { XCTAssertEqual(a[i, j], a[j, i]) } }
            // Exact κ: λ_max/λ_min = κ up to the one rounding of λ_min·κ; λ_min is the smallest eigenvalue.
            XCTAssertEqual(lambda.min(), sample.smallestEigenvalue)
            XCTAssertEqual(lambda.max()! / lambda.min()!, sample.conditionNumber,
                           accuracy: 4 * Double.ulpOfOne * sample.conditionNumber)
            if d == 1 { XCTAssertEqual(sample.conditionNumber, 1) }
            XCTAssertTrue((1...1e4).contains(sample.conditionNumber))
            XCTAssertTrue(lambda.allSatisfy { $0 >= sample.smallestEigenvalue && $0 <= sample.largestEigenvalue })
            // Q orthogonal to 1e-12: QᵀQ = I.
            let qtq = q.transposed * q
            for i in 0..<d { for j in 0..<d { XCTAssertEqual(qtq[i, j], i == j ? 1 : 0, accuracy: 1e-12) } }
            // A qⱼ = λⱼ qⱼ (residual relative to λ_max), and trace A = Σλ.
            for j in 0..<d {
                let column = (0..<d).map { q[$0, j] }
                let aq = a * column
                let residual = zip(aq, column).map { ($0 - lambda[j] * $1) * ($0 - lambda[j] * $1) }.reduce(0, +).squareRoot()
                XCTAssertLessThanOrEqual(residual, 1e-12 * sample.largestEigenvalue)
            }
            XCTAssertEqual(a.trace, lambda.reduce(0, +), accuracy: 1e-12 * lambda.reduce(0, +))
            // Positive definite: Cholesky succeeds.
            XCTAssertNotNil(choleskyPivots(a), "not positive definite: \(sample)")
            if sample.isDiagonal {
                diagonalSeen = true
                XCTAssertEqual(a, Matrix.diagonal(lambda))
            } else if d > 1 {
                rotatedSeen = true
            }
        }
        XCTAssertTrue(diagonalSeen && rotatedSeen)
        XCTAssertGreaterThan(dimensionsSeen.count, 10)
    }

    func testGenerationIsDeterministicAndSeedDependent() throws {
        let generator = try GaussianCaseGenerator()
        var a = Xoshiro256StarStar(seed: 7), b = Xoshiro256StarStar(seed: 7), c = Xoshiro256StarStar(seed: 8)
        let first = (0..<20).map { _ in generator.next(using: &a) }
        XCTAssertEqual(first, (0..<20).map { _ in generator.next(using: &b) })
        XCTAssertNotEqual(first, (0..<20).map { _ in generator.next(using: &c) })
    }

    func testGridConditionNumbersAndDescription() throws {
        let grid: [Double] = [1, 10, 1000]
        let generator = try GaussianCaseGenerator(dimensions: 2...4, conditionNumbers: .grid(grid), meanScale: 3)
        let cases = try sampleCases(count: 200, generator: generator, salt: "grid")
        XCTAssertTrue(cases.allSatisfy { grid.contains($0.conditionNumber) })
        XCTAssertEqual(Set(cases.map(\.conditionNumber)), Set(grid))
        let text = cases[0].description
        XCTAssertTrue(text.contains("d = \(cases[0].dimension)"))
        XCTAssertTrue(text.contains("κ = \(cases[0].conditionNumber)"))
        XCTAssertTrue(text.contains("A = [\(cases[0].precision[0, 0])"))
        XCTAssertTrue(text.contains("m = "))
    }

    func testInvalidConfigurationsThrow() {
        XCTAssertThrowsError(try GaussianCaseGenerator(dimensions: 0...3))
        XCTAssertThrowsError(try GaussianCaseGenerator(conditionNumbers: .logUniform(0.5...2)))
        XCTAssertThrowsError(try GaussianCaseGenerator(conditionNumbers: .grid([])))
        XCTAssertThrowsError(try GaussianCaseGenerator(conditionNumbers: .grid([2, .nan])))
        XCTAssertThrowsError(try GaussianCaseGenerator(smallestEigenvalues: 0...1))
        XCTAssertThrowsError(try GaussianCaseGenerator(diagonalProbability: .nan))
        XCTAssertThrowsError(try GaussianCaseGenerator(meanScale: -1))
        XCTAssertThrowsError(try GaussianCaseSample(dimension: 2, smallestEigenvalue: 1, conditionNumber: 3,
                                                    spectrumPositions: [0, 0.5], rotationSeed: 0, isDiagonal: false,
                                                    mean: [0, 0]))
        XCTAssertThrowsError(try GaussianCaseSample(dimension: 1, smallestEigenvalue: 1, conditionNumber: 3,
                                                    spectrumPositions: [0], rotationSeed: 0, isDiagonal: false,
                                                    mean: [0]))
        XCTAssertThrowsError(try GaussianCaseSample(dimension: 2, smallestEigenvalue: 1, conditionNumber: 3,
                                                    spectrumPositions: [0, 1], rotationSeed: 0, isDiagonal: false,
                                                    mean: [0, .infinity]))
        XCTAssertThrowsError(try StepLadder(initialStep: 0, levels: 3))
        XCTAssertThrowsError(try StepLadder(initialStep: .nan, levels: 3))
        XCTAssertThrowsError(try StepLadder(initialStep: 0.1, levels: -1))
        XCTAssertThrowsError(try StepLadderGenerator(fractionOfBound: 0.5...1.5))
        XCTAssertThrowsError(try StepLadderGenerator.stepBound(stabilityConstant: 2, largestEigenvalue: 0))
        XCTAssertThrowsError(try StepLadderGenerator.stepBound(stabilityConstant: .nan, largestEigenvalue: 1))
    }

    func testStepLaddersHalveExactlyAndStayInsideTheStabilityBound() throws {
        let ladders = try StepLadderGenerator(levels: 4...7, fractionOfBound: 0.01...1)
        var rng = try TestContext(self).makeGenerator()
        for _ in 0..<200 {
            let lambdaMax = rng.nextUniform() * 1e4 + 1e-3
            let c = [2.0, 1.0, 0.5][Int(rng.next() % 3)]
            let bound = try StepLadderGenerator.stepBound(stabilityConstant: c, largestEigenvalue: lambdaMax)
            let ladder = try ladders.next(maxStep: bound, using: &rng)
            let steps = ladder.steps
            XCTAssertTrue((4...7).contains(ladder.levels))
            XCTAssertEqual(steps.count, ladder.levels + 1)
            XCTAssertEqual(steps.first, ladder.initialStep)
            XCTAssertEqual(steps.last, ladder.finestStep)
            for h in steps { XCTAssertLessThanOrEqual(h * lambdaMax, c, "η·λ_max ≤ c violated") }
            for k in 1..<steps.count { XCTAssertEqual(steps[k - 1], 2 * steps[k]) }  // exact halving
        }
    }

    func testSchemeCasesDrawKIncludingInfinityAndRespectTheBound() throws {
        let generator = try SchemeCaseGenerator(
            targets: GaussianCaseGenerator(dimensions: 1...6, conditionNumbers: .logUniform(1...100)),
            ladders: StepLadderGenerator(levels: 3...5), stabilityConstant: 2)
        var rng = try TestContext(self).makeGenerator()
        var ks = Set<GeneratedMidpointCount>()
        for _ in 0..<300 {
            let scheme = generator.next(using: &rng)
            ks.insert(scheme.midpointCount)
            XCTAssertTrue(GeneratedMidpointCount.standardSet.contains(scheme.midpointCount))
            XCTAssertLessThanOrEqual(scheme.ladder.initialStep * scheme.target.largestEigenvalue, 2)
            XCTAssertTrue(scheme.ladderIsStable)
            XCTAssertTrue(scheme.shrinkCandidates().allSatisfy(\.ladderIsStable))
        }
        XCTAssertTrue(ks.contains(.infinite))
        XCTAssertEqual(ks, Set(GeneratedMidpointCount.standardSet))
        XCTAssertEqual(GeneratedMidpointCount.infinite.value, .infinity)
        XCTAssertEqual(GeneratedMidpointCount.infinite.description, "K = ∞")
        XCTAssertThrowsError(try SchemeCaseGenerator(targets: GaussianCaseGenerator(), ladders: StepLadderGenerator(),
                                                     stabilityConstant: 2, midpointCounts: [.finite(0)]))
    }

    /// A generated property over 40 cases through the XCTest entry point: every case is SPD.
    func testForAllCasesOnAHoldingProperty() throws {
        let generator = try GaussianCaseGenerator(dimensions: 1...8)
        let report = forAllCases(self, count: 40, generator: { generator.next(using: &$0) }) { sample in
            .check(choleskyPivots(sample.precision) != nil, "Cholesky failed")
        }
        XCTAssertNil(report?.failure)
        XCTAssertEqual(report?.casesRun.count, ProcessInfo.processInfo.environment["TEST_CASE"] == nil ? 40 : 1)
    }
}
