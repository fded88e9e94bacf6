// Turning an XCTestCase into the id that seeds it and the command that replays it.
import XCTest

/// The identity of one test method: module, class and method name.
///
/// `XCTestCase.name` is `"SeedTests.testFoo"` on Linux (swift-corelibs-xctest: `"\(type(of: self)).\(selector)"`,
/// class without module) and `"-[TestSupportTests.SeedTests testFoo]"` on Darwin; `init(testName:module:)`
/// accepts both. The seed id is always `"Class.method"`, so seeds agree across platforms.
public struct TestIdentity: Sendable, Equatable, CustomStringConvertible {
    /// The test target's module, e.g. `"TestSupportTests"` (nil if unknown).
    public let module: String?
    public let className: String
    public let methodName: String

    public init(module: String?, className: String, methodName: String) {
        self.module = module
        self.className = className
        self.methodName = methodName
    }

    /// Parses an `XCTestCase.name` in the Linux (`Class.method`) or Darwin (`-[Module.Class method]`) format.
    /// Returns nil if the text has neither shape.
    public init?(testName: String, module: String? = nil) {
        var classPart: Substring
        var method: Substring
        if testName.hasPrefix("-["), testName.hasSuffix("]") {
            let inner = testName.dropFirst(2).dropLast()
            guard let space = inner.firstIndex(of: " ") else { return nil }
            classPart = inner[..<space]
            method = inner[inner.index(after: space)...]
        } else {
            guard let dot = testName.lastIndex(of: ".") else { return nil }
            classPart = testName[..<dot]
            method = testName[testName.index(after: dot)...]
        }
        var inferredModule = module
        if let dot = classPart.lastIndex(of: ".") {
            if inferredModule == nil { inferredModule = String(classPart[..<dot]) }
            classPart = classPart[classPart.index(after: dot)...]
        }
        guard !classPart.isEmpty, !method.isEmpty else { return nil }
        self.init(module: inferredModule, className: String(classPart), methodName: String(method))
    }

    /// The identity of a running test: the module comes from the class's qualified name
    /// (`String(reflecting:)` = `"Module.Class"`).
    public init(_ testCase: XCTestCase) {
        let qualified = String(reflecting: type(of: testCase))
        let module = qualified.firstIndex(of: ".").map { String(qualified[..<$0]) }
        if let parsed = TestIdentity(testName: testCase.name, module: module) {
            self = parsed
        } else {
            // Unknown format: keep the whole name as the method so the seed is still stable.
            let className = qualified.split(separator: ".").last.map(String.init) ?? qualified
            self.init(module: module, className: className, methodName: testCase.name)
        }
    }

    /// The seed id, `"Class.method"`.
    public var id: String { "\(className).\(methodName)" }

    public var description: String { id }

    /// The `swift test --filter` argument selecting exactly this test: `Module.Class/method$` (the filter is a
    /// regular expression searched in `Module.Class/method`; the anchor keeps `testFoo` from also running
    /// `testFooBar`). Without a module: `Class/method$`.
    public var filter: String {
        if let module { return "\(module).\(className)/\(methodName)$" }
        return "\(className)/\(methodName)$"
    }

    /// The one-line replay command: `TEST_SEED=<seed> [TEST_CASE=<i>] swift test --filter '<filter>'`.
    public func replayCommand(seed: UInt64, caseIndex: Int? = nil) -> String {
        var environment = "\(TestSeed.seedVariable)=\(seed)"
        if let caseIndex { environment += " \(TestSeed.caseVariable)=\(caseIndex)" }
        return "\(environment) swift test --filter '\(filter)'"
    }
}
