import Langevin
import Randomness
import XCTest

/// The frozen-force step coefficients of the kinetic schemes (`UnderdampedStep`, `UnderdampedStep.flow`, PN-S03),
/// pinned bit for bit: a change of their arithmetic (an optimisation, a reordered series) changes every kinetic chain's
/// numbers and must be deliberate; and the four-durations-at-a-time `UnderdampedStep.fill` and `fillFlows` (the blocks
/// of durations of RLMC-ULMC and PLMC-ULMC) must give every duration the one-at-a-time coefficients. The closed forms
/// themselves are checked by `UnderdampedAndScalarTests`. Exact checks: bit patterns, no tolerance.
final class UnderdampedCoefficientPinTests: XCTestCase {
    /// Durations that exercise both branches of every series (z = γt below and above 0.5, at 0.5 exactly, 0, tiny and
    /// large), then 4000 pseudo-random ones spread over 10⁻⁹ … 30 on a log scale.
    static func grid() -> [(gamma: Double, duration: Double)] {
        var pairs: [(Double, Double)] = []
        for gamma in [0.3, 1.0, 2.5] {
            for t in [0, 1e-300, 1e-9, 1e-3, 0.05, 0.25, 1, 3, 30] { pairs.append((gamma, t)) }
            for z in [0.5, 0.5.nextDown, 0.5.nextUp, 0.4999, 0.5001] { pairs.append((gamma, z / gamma)) }
        }
        var generator = Xoshiro256StarStar(seed: 20_261_207)
        for _ in 0..<4000 {
            let gamma = [0.3, 1.0, 2.5][Int(generator.next() % 3)]
            pairs.append((gamma, 1e-9 * pow(30e9, generator.nextUniform())))
        }
        return pairs
    }

    /// FNV-1a over the bit patterns of every coefficient of `UnderdampedStep` and of `UnderdampedStep.flow` on
    /// `grid()`; the pinned value is that of commit 648aaa2.
    func testCoefficientsKeepTheirPinnedBits() {
        var hash = FNV1a64()
        for (gamma, t) in Self.grid() {
            let s = UnderdampedStep(friction: gamma, duration: t)
            for value in [s.axv, s.avv, s.gx, s.gv, s.sv, s.cx, s.sx, s.varianceX, s.covarianceXV, s.varianceV] {
                hash.combine(value)
            }
            let f = UnderdampedStep.flow(friction: gamma, duration: t)
            for value in [f.axv, f.avv, f.gx, f.gv] { hash.combine(value) }
        }
        XCTAssertEqual(hash.value, 0x00EA_B747_50F0_E930, "replay: swift test --filter UnderdampedCoefficientPinTests")
    }

    static func fields(_ s: UnderdampedStep) -> [UInt64] {
        [s.friction, s.duration, s.axv, s.avv, s.gx, s.gv, s.sv, s.cx, s.sx, s.varianceX, s.covarianceXV, s.varianceV]
            .map(\.bitPattern)
    }

    /// Runs of 1 … 11 consecutive durations of the grid for each γ (z on both sides of 0.5, so the lanes of one group
    /// take different branches; partial last groups), each handed to `check` with its γ.
    static func forEachRun(_ check: (_ gamma: Double, _ durations: [Double]) -> Void) {
        let pairs = grid()
        for gamma in [0.3, 1.0, 2.5] {
            let durations = pairs.filter { $0.gamma == gamma }.map(\.duration)
            for count in 1...11 {
                for start in stride(from: 0, to: durations.count - count, by: 89) {
                    check(gamma, Array(durations[start..<(start + count)]))
                }
            }
        }
    }

    /// `fill` of every run gives each duration the one-at-a-time step, bit for bit.
    func testFillGivesEveryDurationTheOneAtATimeStep() {
        Self.forEachRun { gamma, slice in
            var steps = [UnderdampedStep](repeating: UnderdampedStep(friction: gamma, duration: 0), count: slice.count)
            slice.withUnsafeBufferPointer { t in
                steps.withUnsafeMutableBufferPointer { out in
                    UnderdampedStep.fill(friction: gamma, durations: t.baseAddress!, count: t.count, into: out.baseAddress!)
                }
            }
            for (i, t) in slice.enumerated() {
                XCTAssertEqual(Self.fields(steps[i]), Self.fields(UnderdampedStep(friction: gamma, duration: t)),
                               "γ = \(gamma), t = \(t), lane \(i % 4) of a fill of \(slice.count) " +
                               "(replay: swift test --filter UnderdampedCoefficientPinTests)")
            }
        }
    }

    /// `fillFlows` (PLMC-ULMC's block of midpoint flows) of every run gives each duration the one-at-a-time `flow`, bit
    /// for bit.
    func testFillFlowsGivesEveryDurationTheOneAtATimeFlow() {
        Self.forEachRun { gamma, slice in
            var flows = [UnderdampedStep.Flow](repeating: UnderdampedStep.flow(friction: gamma, duration: 0),
                                               count: slice.count)
            slice.withUnsafeBufferPointer { t in
                flows.withUnsafeMutableBufferPointer { out in
                    UnderdampedStep.fillFlows(friction: gamma, durations: t.baseAddress!, count: t.count,
                                              into: out.baseAddress!)
                }
            }
            for (i, t) in slice.enumerated() {
                let one = UnderdampedStep.flow(friction: gamma, duration: t), lane = flows[i]
                XCTAssertEqual([lane.axv, lane.avv, lane.gx, lane.gv].map(\.bitPattern),
                               [one.axv, one.avv, one.gx, one.gv].map(\.bitPattern),
                               "γ = \(gamma), t = \(t), lane \(i % 4) of a fill of \(slice.count) " +
                               "(replay: swift test --filter UnderdampedCoefficientPinTests)")
            }
        }
    }
}
