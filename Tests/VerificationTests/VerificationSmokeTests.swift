import XCTest
final class VerificationSmokeTests: XCTestCase { func testModuleLinks() {} }
