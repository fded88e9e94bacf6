import Foundation
import Langevin
import SchemeVocabulary

/// The exact (kernel-quadrature) model of one coordinate of a one-dimensional or separable-product case (PN-V07):
/// for a product target with a separable drift every coordinate of LMC, fine LMC and PLMC (whose flags are shared by
/// the coordinates) is marginally the 1-D scheme on the 1-D drift b₁, so E[(1/d) Σᵢ φ(xᵢ)] = E[φ(x₁)] and every
/// expectation the Monte Carlo ensemble estimates has an exact counterpart computed here: stationary expectations
/// and the window averages of a run that starts from π (or from a point).
final class MarginalKernelModel {
    let grid: KernelGrid
    let drift: @Sendable (Double) -> Double
    let hermitePoints: Int
    /// The start law on the grid (π discretised, or a point mass at the node nearest to the start point).
    let start: [Double]

    /// The grid spacing resolves the narrowest kernel: Δx ≤ σ_min/2.5 with σ_min = √(2·smallestStep) (at least 401
    /// points, at most 2000): the trapezoid error of a Gaussian of width σ is ~ exp(−2π²σ²/Δx²) < 10⁻⁵³.
    init(potential: OneDimensionalPotential, drift: @escaping @Sendable (Double) -> Double, startAtStationarity: Bool,
         startPoint: Double = 0, smallestStep: Double, hermitePoints: Int = 8) throws(VerificationError) {
        try require(smallestStep > 0 && smallestStep.isFinite, "smallest step", smallestStep, "must be finite and > 0")
        let width = potential.upper - potential.lower
        let spacing = (2 * smallestStep).squareRoot() / 2.5
        let points = min(2000, max(401, Int((width / spacing).rounded(.up)) + 1))
        grid = try KernelGrid(lower: potential.lower, upper: potential.upper, points: points)
        self.drift = drift
        self.hermitePoints = hermitePoints
        let x = grid.nodes
        if startAtStationarity {
            let f = x.map { potential.potential($0) }
            let fmin = f.min() ?? 0
            var w = f.map { exp(-($0 - fmin)) }
            let total = w.reduce(0, +)
            try require(total > 0 && total.isFinite, "discretised π", total, "must have finite positive mass")
            for i in w.indices { w[i] /= total }
            start = w
        } else {
            var p = [Double](repeating: 0, count: x.count)
            var best = 0
            for i in x.indices where abs(x[i] - startPoint) < abs(x[best] - startPoint) { best = i }
            p[best] = 1
            start = p
        }
    }

    private var matrices: [SchemeAtStep: KernelTransitionMatrix] = [:]

    /// The transition matrix of `scheme` (computed once per scheme).
    func matrix(_ scheme: SchemeAtStep) throws(VerificationError) -> KernelTransitionMatrix {
        if let cached = matrices[scheme] { return cached }
        let m = try StationaryKernelQuadrature.transitionMatrix(scheme: scheme, drift: drift, grid: grid,
                                                                hermitePoints: hermitePoints)
        matrices[scheme] = m
        return m
    }

    /// E φ under the stationary law of `matrix` applied `power` times per step (power K for the fine chain).
    func stationaryExpectation(_ matrix: KernelTransitionMatrix, _ phi: (Double) -> Double) throws(VerificationError) -> Double {
        try matrix.stationaryLaw().expectation(phi)
    }

    /// The average of E φ(X_t) over the recorded coarse steps t = burnIn + j·stride (j = 1 … window/stride) of a chain
    /// started from `start`, one coarse step being `power` applications of `matrix`.
    func windowExpectation(_ matrix: KernelTransitionMatrix, power: Int, burnIn: Int, window: Int, stride: Int,
                           _ phi: (Double) -> Double) -> Double {
        let values = grid.nodes.map(phi)
        var p = start
        var total = 0.0, count = 0
        for t in 1...(burnIn + window) {
            for _ in 0..<power { p = matrix.propagate(p) }
            if t > burnIn && (t - burnIn) % stride == 0 {
                var e = 0.0
                for i in p.indices { e += p[i] * values[i] }
                total += e
                count += 1
            }
        }
        return total / Double(count)
    }
}
