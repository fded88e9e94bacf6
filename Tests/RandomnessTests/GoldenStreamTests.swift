import Foundation
import Randomness
import XCTest

/// Golden streams: exact outputs of the generators against Vigna's reference code (C), the keyed split against a
/// C transcription of its documented formula, the samplers against numpy's compiled code on the same 64-bit
/// words, and FNV-1a hashes that pin every sampler's stream.
final class GoldenStreamTests: XCTestCase {
    // MARK: Vigna's reference code (data/reference/randomness/reference_streams.json)

    func testSplitMix64MatchesVignaReference() throws {
        let rows = try XCTUnwrap(try RandomnessReference.load("reference_streams.json")["splitmix64"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 5)
        for row in rows {
            var generator = SplitMix64(seed: word(row["seed"]))
            let expected = words(row["outputs"])
            XCTAssertEqual(expected.count, 8)
            XCTAssertEqual(expected.map { _ in generator.next() }, expected, "SplitMix64 seed \(String(describing: row["seed"]))")
        }
    }

    func testXoshiroFromStateAndJumpsMatchVignaReference() throws {
        let rows = try XCTUnwrap(try RandomnessReference.load("reference_streams.json")["xoshiroFromState"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            let start = words(row["state"])
            let state = (start[0], start[1], start[2], start[3])
            var generator = try Xoshiro256StarStar(validatingState: state)
            let outputs = words(row["outputs"])
            XCTAssertEqual(outputs.count, 16)
            XCTAssertEqual(outputs.map { _ in generator.next() }, outputs, "xoshiro256** from \(start)")

            for (key, transform) in [
                ("afterJump", { (g: inout Xoshiro256StarStar) in g.jump() }),
                ("afterTwoJumps", { (g: inout Xoshiro256StarStar) in g.jump(); g.jump() }),
                ("afterLongJump", { (g: inout Xoshiro256StarStar) in g.longJump() }),
            ] {
                let expected = try XCTUnwrap(row[key] as? [String: Any])
                var jumped = Xoshiro256StarStar(state: state)
                transform(&jumped)
                let s = jumped.state
                XCTAssertEqual([s.0, s.1, s.2, s.3], words(expected["state"]), "\(key) state from \(start)")
                let expectedOutputs = words(expected["outputs"])
                XCTAssertEqual(expectedOutputs.map { _ in jumped.next() }, expectedOutputs, "\(key) outputs from \(start)")
            }
        }
    }

    func testXoshiroSeededBySplitMixMatchesVignaReference() throws {
        let rows = try XCTUnwrap(try RandomnessReference.load("reference_streams.json")["xoshiroFromSeed"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 5)
        for row in rows {
            var generator = Xoshiro256StarStar(seed: word(row["seed"]))
            let s = generator.state
            XCTAssertEqual([s.0, s.1, s.2, s.3], words(row["state"]))
            let outputs = words(row["outputs"])
            XCTAssertEqual(outputs.map { _ in generator.next() }, outputs)
        }
    }

    func testKeyedStreamsMatchTheirDocumentedDerivationInC() throws {
        let rows = try XCTUnwrap(try RandomnessReference.load("reference_streams.json")["keyedStreams"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 6)
        for row in rows {
            var generator = Xoshiro256StarStar(seed: word(row["seed"]), stream: word(row["stream"]))
            let s = generator.state
            XCTAssertEqual([s.0, s.1, s.2, s.3], words(row["state"]))
            let outputs = words(row["outputs"])
            XCTAssertEqual(outputs.map { _ in generator.next() }, outputs)
        }
    }

    // MARK: numpy's compiled samplers (data/reference/randomness/numpy_crosscheck.json)

    /// numpy's `random_standard_normal` fed by xoshiro256** (seed 42): same words consumed, values equal to
    /// 1e-13 relative (the tables differ by ≤ 60 ulp); tail draws (|z| > r) compared in magnitude, since numpy takes
    /// their sign from a bit of the 52-bit integer and we from the independent sign bit.
    func testStandardNormalMatchesNumpyDrawForDraw() throws {
        let entry = try XCTUnwrap(try RandomnessReference.load("numpy_crosscheck.json")["standardNormal"] as? [String: Any])
        let expected = ((entry["values"] as? [Any]) ?? []).map(hexDouble)
        XCTAssertEqual(expected.count, 2000)
        var generator = CountingGenerator(Xoshiro256StarStar(seed: 42))
        var tailDraws = 0
        for (index, reference) in expected.enumerated() {
            let z = generator.nextStandardNormal()
            let tolerance = 1e-13 * max(1, abs(reference))
            if abs(reference) > ZigguratNormal.tailStart {
                tailDraws += 1
                XCTAssertEqual(abs(z), abs(reference), accuracy: tolerance, "tail draw \(index)")
            } else {
                XCTAssertEqual(z, reference, accuracy: tolerance, "draw \(index)")
            }
        }
        XCTAssertEqual(generator.used, integer(entry["wordsUsed"]), "64-bit words consumed by 2000 normals")
        XCTAssertGreaterThan(generator.used, 2000, "the sample must include wedge or tail draws")
        XCTAssertEqual(tailDraws, 1)
    }

    /// Scripted words forcing the tail (3 cases), wedge accepts and wedge rejects (numpy's outputs and word counts).
    func testForcedTailAndWedgeBranchesMatchNumpy() throws {
        let rows = try XCTUnwrap(try RandomnessReference.load("numpy_crosscheck.json")["forcedNormal"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 8)
        var branchesSeen = Set<String>()
        for (index, row) in rows.enumerated() {
            let script = words(row["words"])
            var generator = ScriptedGenerator(script)
            let z = generator.nextStandardNormal()
            let reference = hexDouble(row["value"])
            XCTAssertEqual(generator.used, integer(row["wordsUsed"]), "case \(index): words consumed")
            let layer = Int(script[0] & 0xFF)
            let signBit = (script[0] >> 8) & 1
            if layer == 0 {
                branchesSeen.insert("tail")
                XCTAssertEqual(abs(z), abs(reference), accuracy: 1e-13 * abs(reference), "case \(index): tail magnitude")
                XCTAssertGreaterThan(abs(z), ZigguratNormal.tailStart)
                XCTAssertEqual(z < 0, signBit == 1, "case \(index): the tail sign is the sign bit")
            } else {
                branchesSeen.insert(generator.used == 2 ? "wedge accept" : "wedge reject")
                XCTAssertEqual(z, reference, accuracy: 1e-13 * max(1, abs(reference)), "case \(index)")
            }
        }
        XCTAssertEqual(branchesSeen, ["tail", "wedge accept", "wedge reject"])
    }

    /// numpy's `random_poisson` (PTRS for λ ≥ 10) on the same words with the open uniform: identical integers from
    /// `nextPoissonPublishedPTRS`, i.e. our PTRS with Hörmann's published constants (the exact sampler
    /// `nextPoissonUnchecked` differs from it only by its enlarged hat h = 1.01 and lowered squeeze s = 0.97).
    func testPoissonPTRSMatchesNumpy() throws {
        let rows = try XCTUnwrap(try RandomnessReference.load("numpy_crosscheck.json")["poisson"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 4)
        for row in rows {
            let lambda = hexDouble(row["mean"])
            var generator = CountingGenerator(Xoshiro256StarStar(seed: UInt64(integer(row["seed"]))))
            let expected = ((row["values"] as? [Any]) ?? []).map(integer)
            XCTAssertEqual(expected.count, 1000)
            let draws = expected.map { _ in generator.nextPoissonPublishedPTRS(mean: lambda) }
            XCTAssertEqual(draws, expected, "Poisson(\(lambda))")
            XCTAssertEqual(generator.used, integer(row["wordsUsed"]), "words consumed, Poisson(\(lambda))")
        }
    }

    /// numpy's `random_binomial` inversion branch (n·min(p, 1 − p) < 10) on the same words: identical integers.
    func testBinomialInversionMatchesNumpy() throws {
        let rows = try XCTUnwrap(try RandomnessReference.load("numpy_crosscheck.json")["binomialInversion"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 4)
        for row in rows {
            let n = integer(row["count"]), p = hexDouble(row["probability"])
            var generator = CountingGenerator(Xoshiro256StarStar(seed: UInt64(integer(row["seed"]))))
            let expected = ((row["values"] as? [Any]) ?? []).map(integer)
            let draws = expected.map { _ in generator.nextBinomialUnchecked(count: n, probability: p) }
            XCTAssertEqual(draws, expected, "Bin(\(n), \(p))")
            XCTAssertEqual(generator.used, integer(row["wordsUsed"]), "words consumed, Bin(\(n), \(p))")
        }
    }

    /// numpy's `random_bounded_uint64` (Lemire, 64-bit path) on the same words: identical integers and rejections.
    func testLemireUniformIntegerMatchesNumpy() throws {
        let rows = try XCTUnwrap(try RandomnessReference.load("numpy_crosscheck.json")["uniformInteger"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            let bound = word(row["bound"])
            var generator = CountingGenerator(Xoshiro256StarStar(seed: UInt64(integer(row["seed"]))))
            let expected = words(row["values"])
            let draws = expected.map { _ in generator.nextUInt64Unchecked(below: bound) }
            XCTAssertEqual(draws, expected, "below \(bound)")
            XCTAssertEqual(generator.used, integer(row["wordsUsed"]), "words consumed below \(bound)")
        }
    }

    // MARK: Pinned streams

    /// FNV-1a (little-endian bytes) of the first 10⁴ outputs of every sampler from `Xoshiro256StarStar(seed: 0x5EED)`.
    /// These constants PIN THE STREAMS: any change to a generator, a sampler, its tables or the order in which it
    /// consumes words changes a hash and must be a deliberate, reviewed change (update the constant and say why).
    /// How they were first obtained: on 2026-11-27 the constants were left empty, this test was run once (Swift 6.3.1,
    /// x86_64 Linux, glibc libm — the wedge, tail and rejection steps call exp/log/log1p, so another libm may change a
    /// rare accept/reject decision) after the implementation had passed the C and numpy cross-checks above and the
    /// law tests, and the printed hashes were recorded. They are a tripwire, not independent reference values.
    func testPinnedStreamHashes() throws {
        func hash(_ body: (inout Xoshiro256StarStar, inout FNV1a64) -> Void) -> UInt64 {
            var generator = Xoshiro256StarStar(seed: 0x5EED)
            var hasher = FNV1a64()
            body(&generator, &hasher)
            return hasher.value
        }
        let count = 10_000
        let observed: [(String, UInt64)] = [
            ("next", hash { g, h in for _ in 0..<count { h.combine(g.next()) } }),
            ("nextUniform", hash { g, h in for _ in 0..<count { h.combine(g.nextUniform()) } }),
            ("nextOpenUniform", hash { g, h in for _ in 0..<count { h.combine(g.nextOpenUniform()) } }),
            ("nextStandardNormal", hash { g, h in for _ in 0..<count { h.combine(g.nextStandardNormal()) } }),
            ("fillStandardNormal", hash { g, h in
                var buffer = [Double](repeating: 0, count: count)
                buffer.withUnsafeMutableBufferPointer { g.fillStandardNormal($0) }
                for x in buffer { h.combine(x) }
            }),
            ("nextExponential", hash { g, h in for _ in 0..<count { h.combine(g.nextExponential()) } }),
            ("nextBernoulli(0.3)", hash { g, h in for _ in 0..<count { h.combine(g.nextBernoulliUnchecked(0.3)) } }),
            ("nextInt(below: 1000)", hash { g, h in for _ in 0..<count { h.combine(g.nextIntUnchecked(below: 1000)) } }),
            ("nextUInt64(below: 2^63+1)", hash { g, h in
                for _ in 0..<count { h.combine(g.nextUInt64Unchecked(below: (1 << 63) + 1)) }
            }),
            ("nextPoisson(3.7)", hash { g, h in for _ in 0..<count { h.combine(g.nextPoissonUnchecked(mean: 3.7)) } }),
            ("nextPoisson(47.25)", hash { g, h in for _ in 0..<count { h.combine(g.nextPoissonUnchecked(mean: 47.25)) } }),
            ("nextBinomial(20, 0.3)", hash { g, h in
                for _ in 0..<count { h.combine(g.nextBinomialUnchecked(count: 20, probability: 0.3)) }
            }),
            ("nextBinomial(500, 0.4)", hash { g, h in
                for _ in 0..<count { h.combine(g.nextBinomialUnchecked(count: 500, probability: 0.4)) }
            }),
            ("nextBinomial(101, 0.75)", hash { g, h in
                for _ in 0..<count { h.combine(g.nextBinomialUnchecked(count: 101, probability: 0.75)) }
            }),
            ("sampleSortedSubset(5 of 100)", hash { g, h in
                var subset = [Int](repeating: 0, count: 5)
                for _ in 0..<(count / 5) {
                    subset.withUnsafeMutableBufferPointer { g.sampleSortedSubsetUnchecked(size: 5, population: 100, into: $0) }
                    for k in subset { h.combine(k) }
                }
            }),
            ("StreamKey(0x5EED, chain 3, brownian)", {
                var generator = (try? StreamKey(seed: 0x5EED, chain: 3, purpose: .brownian))?.makeGenerator()
                    ?? Xoshiro256StarStar(seed: 0)
                var hasher = FNV1a64()
                for _ in 0..<count { hasher.combine(generator.next()) }
                return hasher.value
            }()),
        ]
        let pinned: [String: UInt64] = Self.pinnedHashes
        for (name, value) in observed {
            XCTAssertEqual(value, pinned[name], "\(name): stream hash 0x\(String(value, radix: 16, uppercase: true))")
        }
        XCTAssertEqual(Set(pinned.keys), Set(observed.map(\.0)))
    }

    /// See `testPinnedStreamHashes` for what these pin and how they were obtained.
    static let pinnedHashes: [String: UInt64] = [
        "next": 0x532E_1B0D_7A50_BE52,
        "nextUniform": 0x117D_961D_8034_0F1B,
        "nextOpenUniform": 0xB42A_B327_196C_1C6F,
        "nextStandardNormal": 0x170E_663F_139E_E156,
        "fillStandardNormal": 0x170E_663F_139E_E156,
        "nextExponential": 0xF97C_5E0F_9D20_C308,
        "nextBernoulli(0.3)": 0xB74F_DC35_0D59_19E6,
        "nextInt(below: 1000)": 0x79AF_86E4_4FBF_88A8,
        "nextUInt64(below: 2^63+1)": 0xFBE5_5473_DFFC_B93E,
        "nextPoisson(3.7)": 0xE9D4_CD42_5ABD_930A,
        "nextPoisson(47.25)": 0x657B_8891_EDCA_A2FA,
        "nextBinomial(20, 0.3)": 0x1BC9_006F_A91A_CE27,
        "nextBinomial(500, 0.4)": 0xE00D_F8E7_2C1A_BABF,
        "nextBinomial(101, 0.75)": 0xB6EB_741E_916F_2EE0,
        "sampleSortedSubset(5 of 100)": 0x7CE4_F595_DFF7_E6CA,
        "StreamKey(0x5EED, chain 3, brownian)": 0x3BAB_AB02_8348_D720,
    ]
}

/// Wraps a generator and counts the 64-bit words it hands out.
struct CountingGenerator<Base: RandomNumberGenerator>: RandomNumberGenerator {
    var base: Base
    var used = 0

    init(_ base: Base) { self.base = base }

    mutating func next() -> UInt64 {
        used += 1
        return base.next()
    }
}
