// Parsing XCTestCase names and building the replay command.
import VerificationTestSupport
import XCTest

final class TestIdentityTests: XCTestCase {
    /// On Linux (swift-corelibs-xctest) `name` is "Class.method"; measured: "TestIdentityTests.testLinuxName…".
    func testLinuxNameOfARunningTest() {
        #if os(Linux)
        XCTAssertEqual(name, "TestIdentityTests.testLinuxNameOfARunningTest")
        #endif
        let identity = TestIdentity(self)
        XCTAssertEqual(identity.module, "TestSupportTests")
        XCTAssertEqual(identity.className, "TestIdentityTests")
        XCTAssertEqual(identity.methodName, "testLinuxNameOfARunningTest")
        XCTAssertEqual(identity.id, "TestIdentityTests.testLinuxNameOfARunningTest")
    }

    func testParsesLinuxAndDarwinFormats() {
        XCTAssertEqual(TestIdentity(testName: "SeedTests.testFoo"),
                       TestIdentity(module: nil, className: "SeedTests", methodName: "testFoo"))
        XCTAssertEqual(TestIdentity(testName: "SeedTests.testFoo", module: "M"),
                       TestIdentity(module: "M", className: "SeedTests", methodName: "testFoo"))
        XCTAssertEqual(TestIdentity(testName: "-[TestSupportTests.SeedTests testFoo]"),
                       TestIdentity(module: "TestSupportTests", className: "SeedTests", methodName: "testFoo"))
        XCTAssertEqual(TestIdentity(testName: "-[SeedTests testFoo]")?.id, "SeedTests.testFoo")
        XCTAssertNil(TestIdentity(testName: "noDotHere"))
        XCTAssertNil(TestIdentity(testName: "-[NoMethod]"))
        XCTAssertNil(TestIdentity(testName: "Trailing."))
    }

    func testReplayCommand() {
        let identity = TestIdentity(module: "TestSupportTests", className: "SeedTests", methodName: "testFoo")
        XCTAssertEqual(identity.filter, "TestSupportTests.SeedTests/testFoo$")
        XCTAssertEqual(identity.replayCommand(seed: 42),
                       "TEST_SEED=42 swift test --filter 'TestSupportTests.SeedTests/testFoo$'")
        XCTAssertEqual(identity.replayCommand(seed: 42, caseIndex: 3),
                       "TEST_SEED=42 TEST_CASE=3 swift test --filter 'TestSupportTests.SeedTests/testFoo$'")
        let context = TestContext(identity: identity, seed: 42, seedSource: .environment, note: "h = 0.1")
        XCTAssertEqual(context.forCase(3).replayCommand, identity.replayCommand(seed: 42, caseIndex: 3))
        XCTAssertTrue(context.description.contains("seed 42 (environment)"))
        XCTAssertTrue(context.description.contains("h = 0.1"))
        XCTAssertTrue(context.description.contains("replay: TEST_SEED=42 swift test"))
    }
}
