import Langevin
import XCTest

/// `StepNoise.draw` counts the first four table comparisons without branches and searches sequentially
/// only beyond them. Exact check: on every table the schemes use, and at every boundary u = F(k) and the
/// doubles next to it, it returns min{k : u < F(k)} (capped at the last index), the plain inversion (PN-S01, PN-S02).
final class DiscreteDrawTests: XCTestCase {
    /// A noise source whose only auxiliary draws are the scripted uniforms (one chain).
    struct UniformScript: StepNoise {
        var uniforms: [Double]
        mutating func brownian(chain: Int, times: UnsafePointer<Double>, count: Int, dimension: Int,
                               into: UnsafeMutablePointer<Double>) { fatalError("not used") }
        mutating func standardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) { fatalError("not used") }
        mutating func uniform(chain: Int) -> Double { uniforms.removeFirst() }
        mutating func sortedSubset(chain: Int, size: Int, from n: Int, into: UnsafeMutablePointer<Int>) { fatalError("not used") }
    }

    func testTableDrawIsPlainInversionAtEveryBoundary() {
        let tables: [(String, DiscreteCDF)] = [
            ("Poisson(1)", .poisson(mean: 1)), ("Poisson(0.05)", .poisson(mean: 0.05)),
            ("Bin(15, 1/16)", .binomial(trials: 15, probability: 1.0 / 16)),
            ("Bin(3, 1/4)", .binomial(trials: 3, probability: 0.25)), ("Bin(2, 1)", .binomial(trials: 2, probability: 1)),
            ("Bin(0, 1/2), one entry", .binomial(trials: 0, probability: 0.5)),
        ]
        for (name, law) in tables {
            let f = law.cumulative
            var probes: [Double] = [0, 0.5, 1.0.nextDown]
            for v in f { probes += [v.nextDown, v, v.nextUp].filter { $0 >= 0 && $0 < 1 } }
            for u in probes {
                var expected = 0
                while expected < f.count - 1 && !(u < f[expected]) { expected += 1 }
                var noise = UniformScript(uniforms: [u])
                let got = f.withUnsafeBufferPointer { noise.draw(chain: 0, cumulative: $0.baseAddress!, count: $0.count) }
                XCTAssertEqual(got, expected, "\(name): u = \(u)")
            }
        }
    }
}
