import XCTest
final class ChainLawsSmokeTests: XCTestCase { func testModuleLinks() {} }
