// Seed derivation, environment overrides and replay commands (docs/testing-policy.md R5). All expected values are
// independent: FNV-1a and SplitMix64 recomputed in Python (commands in the comments) or published test vectors.
import Randomness
import VerificationTestSupport
import XCTest

final class SeedTests: XCTestCase {
    /// FNV-1a-64 test vectors (IETF draft-eastlake-fnv / Noll's reference suite).
    func testDerivedSeedIsFNV1a64OfTheTestName() {
        XCTAssertEqual(TestSeed.derivedSeed(for: ""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(TestSeed.derivedSeed(for: "a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(TestSeed.derivedSeed(for: "foobar"), 0x8594_4171_f739_67e8)
        // python3: h=0xcbf29ce484222325; for b in b"SeedTests.testFoo": h=((h^b)*0x100000001b3)%2**64
        XCTAssertEqual(TestSeed.derivedSeed(for: "SeedTests.testFoo"), 6_162_367_854_153_281_983)
    }

    /// salted(base, s) = FNV-1a-64(8 little-endian bytes of base ‖ UTF-8 of s); the empty salt is the identity.
    func testSaltsGiveIndependentStableStreams() {
        let base = TestSeed.derivedSeed(for: "SeedTests.testFoo")
        XCTAssertEqual(TestSeed.derivedSeed(for: "SeedTests.testFoo", salt: ""), base)
        // python3: fnv(base.to_bytes(8,'little') + b"noise")
        XCTAssertEqual(TestSeed.derivedSeed(for: "SeedTests.testFoo", salt: "noise"), 3_178_354_557_887_619_715)
        XCTAssertEqual(TestSeed.salted(12345, salt: "noise"), 6_130_739_872_090_198_782)
        XCTAssertNotEqual(TestSeed.salted(base, salt: "a"), TestSeed.salted(base, salt: "b"))
    }

    func testSeedParsing() {
        XCTAssertEqual(TestSeed.parse("12345"), 12345)
        XCTAssertEqual(TestSeed.parse("  42\n"), 42)
        XCTAssertEqual(TestSeed.parse("0"), 0)
        XCTAssertEqual(TestSeed.parse("18446744073709551615"), UInt64.max)
        XCTAssertEqual(TestSeed.parse("0xCBF29CE484222325"), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(TestSeed.parse("0Xff"), 255)
        for bad in ["", " ", "18446744073709551616", "-1", "+5", "1e5", "12a", "0x", "0xg1", "0x1_0", "1.0", "١٢"] {
            XCTAssertNil(TestSeed.parse(bad), "'\(bad)' must be rejected")
        }
    }

    func testEnvironmentOverridesAndPrecedence() throws {
        let name = "SeedTests.testFoo"
        XCTAssertEqual(try TestSeed.baseSeed(for: name, environment: [:]),
                       ResolvedSeed(value: 6_162_367_854_153_281_983, source: .derived))
        XCTAssertEqual(try TestSeed.baseSeed(for: name, environment: ["TEST_SEED": "77"]),
                       ResolvedSeed(value: 77, source: .environment))
        // TEST_SEED wins over VARY_SEED.
        XCTAssertEqual(try TestSeed.baseSeed(for: name, environment: ["TEST_SEED": "77", "VARY_SEED": "1"]),
                       ResolvedSeed(value: 77, source: .environment))
        XCTAssertEqual(try TestSeed.baseSeed(for: name, environment: ["VARY_SEED": "0"]).source, .derived)
        XCTAssertThrowsError(try TestSeed.baseSeed(for: name, environment: ["TEST_SEED": "seven"])) { error in
            XCTAssertEqual(error as? TestSeedError, .invalidSeed(variable: "TEST_SEED", value: "seven"))
        }
    }

    /// VARY_SEED draws once per test id and process, so all streams of a test share one printed base.
    func testVarySeedIsFreshButStableWithinAProcess() throws {
        let id = "SeedTests.vary-\(UInt64.max)"
        let first = try TestSeed.baseSeed(for: id, environment: ["VARY_SEED": "1"])
        let second = try TestSeed.baseSeed(for: id, environment: ["VARY_SEED": "true"])
        XCTAssertEqual(first.source, .fresh)
        XCTAssertEqual(first, second)
        let other = try TestSeed.baseSeed(for: id + ".other", environment: ["VARY_SEED": "1"])
        // Two independent 64-bit draws coincide with probability 2⁻⁶⁴ (not budgeted: below any level in use).
        XCTAssertNotEqual(first.value, other.value)
    }

    /// caseSeed(base, i) is output i + 1 of SplitMix64(base) (python3 reference implementation of splitmix64.c).
    func testCaseSeedsAreTheSplitMix64Stream() {
        XCTAssertEqual(TestSeed.caseSeed(base: 0, index: 0), 16_294_208_416_658_607_535)  // 0xe220a8397b1dcdaf
        XCTAssertEqual(TestSeed.caseSeed(base: 0, index: 1), 7_960_286_522_194_355_700)
        XCTAssertEqual(TestSeed.caseSeed(base: 0, index: 2), 487_617_019_471_545_679)
        XCTAssertEqual(TestSeed.caseSeed(base: 12345, index: 7), 7_959_005_890_829_367_068)
        var stream = SplitMix64(seed: 987_654_321)
        for i in 0..<100 { XCTAssertEqual(TestSeed.caseSeed(base: 987_654_321, index: i), stream.next()) }
    }

    func testCaseIndexOverrideParsing() throws {
        XCTAssertNil(try TestSeed.caseIndexOverride(environment: [:]))
        XCTAssertEqual(try TestSeed.caseIndexOverride(environment: ["TEST_CASE": "17"]), 17)
        for bad in ["-1", "x", "", "3.0"] {
            XCTAssertThrowsError(try TestSeed.caseIndexOverride(environment: ["TEST_CASE": bad]))
        }
    }

    /// The seed of a running test is that of its "Class.method" id.
    func testContextOfARunningTest() throws {
        let context = try TestContext(identity: TestIdentity(self), environment: [:])
        XCTAssertEqual(context.identity.id, "SeedTests.testContextOfARunningTest")
        XCTAssertEqual(context.seed, TestSeed.derivedSeed(for: "SeedTests.testContextOfARunningTest"))
        XCTAssertEqual(context.seed(salt: "x"), TestSeed.salted(context.seed, salt: "x"))
        var a = context.makeGenerator(salt: "x")
        var b = Xoshiro256StarStar(seed: TestSeed.salted(context.seed, salt: "x"))
        XCTAssertEqual(a.next(), b.next())
    }
}
