import ReferenceLaws
import XCTest

/// The GSL speed references of `langevin-verify bench` compute what they claim: the CBLAS product against the
/// definition (exact on small integers), the MT19937 generator against its published first output, and the samplers'
/// reproducibility for a seed.
final class GSLBenchmarkPeersTests: XCTestCase {
    func testCBLASProductEqualsTheDefinition() {
        let m = 5, k = 7, n = 3
        let a = (0..<(m * k)).map { Double(($0 * 7) % 11) - 5 }, b = (0..<(k * n)).map { Double(($0 * 5) % 13) - 6 }
        var c = [Double](repeating: .nan, count: m * n)
        c.withUnsafeMutableBufferPointer { GSLBenchmarkPeers.multiply(a, b, into: $0.baseAddress!, rows: m, inner: k, columns: n) }
        for i in 0..<m {
            for j in 0..<n {
                let expected = (0..<k).reduce(0.0) { $0 + a[i * k + $1] * b[$1 * n + j] }
                XCTAssertEqual(c[i * n + j], expected, "C[\(i), \(j)]")
            }
        }
    }

    /// MT19937 seeded with 5489 (Matsumoto–Nishimura's default seed, `init_genrand(5489)`): first output 3499211612,
    /// as in the authors' reference code (mt19937ar.c) and the C++ standard ([rand.predef]: the 10000th is 4123659995).
    func testMersenneTwisterMatchesItsReference() throws {
        let generator = try XCTUnwrap(GSLBenchmarkPeers.Generator(seed: 5489))
        XCTAssertEqual(generator.next(), 3_499_211_612)
        for _ in 1..<9_999 { _ = generator.next() }
        XCTAssertEqual(generator.next(), 4_123_659_995)
    }

    func testSamplersAreReproducibleForASeed() throws {
        for fill in [GSLBenchmarkPeers.Generator.fillZiggurat, GSLBenchmarkPeers.Generator.fillPolar,
                     GSLBenchmarkPeers.Generator.fillUniform] {
            var first = [Double](repeating: .nan, count: 1000), second = first
            let a = try XCTUnwrap(GSLBenchmarkPeers.Generator(seed: 42)), b = try XCTUnwrap(GSLBenchmarkPeers.Generator(seed: 42))
            first.withUnsafeMutableBufferPointer { fill(a)($0.baseAddress!, 1000) }
            second.withUnsafeMutableBufferPointer { fill(b)($0.baseAddress!, 1000) }
            XCTAssertEqual(first.map(\.bitPattern), second.map(\.bitPattern))
            XCTAssertTrue(first.allSatisfy(\.isFinite))
            XCTAssertGreaterThan(Set(first).count, 990, "distinct values")
        }
    }
}
