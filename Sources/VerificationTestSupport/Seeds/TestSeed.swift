// Per-test seeds (docs/testing-policy.md R5): seed = FNV-1a-64 of the test id (Randomness.stableSeed), salted streams on
// top of it, all overridable from the environment.
import Foundation
import Randomness

/// Where a test's base seed came from.
public enum SeedSource: String, Sendable, Equatable {
    /// FNV-1a-64 of the test id: the fixed seed CI uses.
    case derived
    /// `TEST_SEED=<u64>`: a replay of one seed.
    case environment
    /// `VARY_SEED=1`: fresh entropy from /dev/urandom (printed), for measuring a test's failure rate.
    case fresh
}

/// A base seed with its provenance.
public struct ResolvedSeed: Sendable, Equatable {
    public let value: UInt64
    public let source: SeedSource

    public init(value: UInt64, source: SeedSource) {
        self.value = value
        self.source = source
    }
}

/// Why a seed-related environment variable or request was rejected.
public enum TestSeedError: Error, Equatable, CustomStringConvertible {
    /// `TEST_SEED` (or another seed variable) is not a decimal or `0x`-hexadecimal 64-bit unsigned integer.
    case invalidSeed(variable: String, value: String)
    /// `TEST_CASE` is not a non-negative integer.
    case invalidCaseIndex(value: String)
    /// `TEST_CASE` names a case the property does not run.
    case caseIndexOutOfRange(index: Int, count: Int)
    /// A count (e.g. `LANGEVIN_CALIBRATE`) is not a positive integer.
    case invalidCount(variable: String, value: String)
    /// /dev/urandom could not be read for `VARY_SEED`.
    case entropyUnavailable(String)

    public var description: String {
        switch self {
        case let .invalidSeed(variable, value):
            return "\(variable)='\(value)' is not an unsigned 64-bit integer (decimal, or hexadecimal with 0x)"
        case let .invalidCaseIndex(value):
            return "\(TestSeed.caseVariable)='\(value)' is not a non-negative integer"
        case let .caseIndexOutOfRange(index, count):
            return "\(TestSeed.caseVariable)=\(index) is out of range: this property runs cases 0..<\(count)"
        case let .invalidCount(variable, value):
            return "\(variable)='\(value)' is not a positive integer"
        case let .entropyUnavailable(detail):
            return "\(TestSeed.varyVariable): cannot read /dev/urandom (\(detail))"
        }
    }
}

/// Seed derivation and its environment overrides (docs/testing-policy.md R5, R24).
///
/// * Default: the base seed is `stableSeed(for: id) = FNV-1a-64(UTF-8 of id)` (Randomness), where `id` is
///   `"Class.method"` (see `TestIdentity`); `seed(for: id, salt: s)` is the base itself if `s` is empty, else
///   `salted(base, s) = FNV-1a-64(8 little-endian bytes of base ‖ UTF-8 of s)`. Salts give independent
///   streams inside one test.
/// * `TEST_SEED=<u64>` replaces the base by the given value (salts are still hashed on top of it, so a replay
///   reproduces every stream of the test). It applies to every test of the process: combine it with
///   `swift test --filter`. It takes precedence over `VARY_SEED`.
/// * `VARY_SEED=1` replaces the base by 8 bytes of /dev/urandom, drawn once per test id and process and
///   printed as `VARY_SEED: using seed N for <id>`; replay a failure with `TEST_SEED=N`.
/// * `TEST_CASE=<i>` (read by `forAllCases`) runs only case `i` of a property.
public enum TestSeed {
    public static let seedVariable = "TEST_SEED"
    public static let varyVariable = "VARY_SEED"
    public static let caseVariable = "TEST_CASE"

    /// Parses a seed: decimal (`12345`) or hexadecimal with `0x` (`0xCBF29CE484222325`), surrounding
    /// white space ignored. Returns nil for anything else, including signs, overflow and the empty string.
    public static func parse(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
            let digits = trimmed.dropFirst(2)
            guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else { return nil }
            return UInt64(digits, radix: 16)
        }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(trimmed, radix: 10)
    }

    /// The fixed (environment-free) seed: `salted(stableSeed(for: testName), salt)`.
    public static func derivedSeed(for testName: String, salt: String = "") -> UInt64 {
        salted(stableSeed(for: testName), salt: salt)
    }

    /// Mixes a salt into a base seed: FNV-1a-64 of the 8 little-endian bytes of `base` followed by the UTF-8
    /// bytes of `salt`; the identity for an empty salt.
    public static func salted(_ base: UInt64, salt: String) -> UInt64 {
        guard !salt.isEmpty else { return base }
        var hasher = FNV1a64()
        hasher.combine(base)
        hasher.combine(bytes: salt.utf8)
        return hasher.value
    }

    /// The base seed of a test under the given environment (see the type's documentation for precedence).
    /// Pass `ProcessInfo.processInfo.environment` in tests; pass a literal dictionary to test the parsing.
    public static func baseSeed(for testName: String, environment: [String: String]) throws(TestSeedError) -> ResolvedSeed {
        if let text = environment[seedVariable] {
            guard let value = parse(text) else { throw .invalidSeed(variable: seedVariable, value: text) }
            return ResolvedSeed(value: value, source: .environment)
        }
        if isEnabled(environment[varyVariable]) {
            return ResolvedSeed(value: try FreshSeeds.shared.seed(for: testName), source: .fresh)
        }
        return ResolvedSeed(value: stableSeed(for: testName), source: .derived)
    }

    /// The seed of `testName` (with `salt`) under the process environment: the one call most tests need.
    public static func seed(for testName: String, salt: String = "") throws(TestSeedError) -> UInt64 {
        salted(try baseSeed(for: testName, environment: ProcessInfo.processInfo.environment).value, salt: salt)
    }

    /// The seed of case `index` of a property whose base seed is `base`: output number `index + 1` of
    /// SplitMix64 started at `base`, i.e. `mix(base + (index + 1)·0x9E3779B97F4A7C15)`. Distinct indices give
    /// distinct, well-mixed seeds, and one case can be replayed without generating the others.
    public static func caseSeed(base: UInt64, index: Int) -> UInt64 {
        precondition(index >= 0, "case indices are non-negative")
        var expander = SplitMix64(seed: base &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        return expander.next()
    }

    /// `TEST_CASE` from the environment, if set.
    public static func caseIndexOverride(environment: [String: String]) throws(TestSeedError) -> Int? {
        guard let text = environment[caseVariable] else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(trimmed) else {
            throw .invalidCaseIndex(value: text)
        }
        return index
    }

    /// Fresh 64 bits from /dev/urandom (used for `VARY_SEED` and calibration runs).
    public static func entropy() throws(TestSeedError) -> UInt64 {
        guard let handle = FileHandle(forReadingAtPath: "/dev/urandom") else {
            throw .entropyUnavailable("cannot open")
        }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: 8)
        guard data.count == 8 else { throw .entropyUnavailable("short read of \(data.count) bytes") }
        return data.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
    }

    /// `VARY_SEED` / `LANGEVIN_…` flags: "1", "true", "yes" (any case) enable; anything else disables.
    static func isEnabled(_ value: String?) -> Bool {
        guard let value else { return false }
        return ["1", "true", "yes"].contains(value.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

/// Fresh seeds for `VARY_SEED`, drawn once per test id so that every stream of one test shares one base.
final class FreshSeeds: @unchecked Sendable {
    static let shared = FreshSeeds()
    private let lock = NSLock()
    private var seeds: [String: UInt64] = [:]

    func seed(for testName: String) throws(TestSeedError) -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        if let known = seeds[testName] { return known }
        let fresh = try TestSeed.entropy()
        seeds[testName] = fresh
        print("VARY_SEED: using seed \(fresh) for \(testName)")
        return fresh
    }
}
