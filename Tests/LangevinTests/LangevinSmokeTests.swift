import XCTest
final class LangevinSmokeTests: XCTestCase { func testModuleLinks() {} }
