import Randomness
import XCTest

final class SplitMixTests: XCTestCase {
    func testSplitMixReferenceValue() {
        // Vigna's splitmix64.c with seed 0: the first output is 0xE220A8397B1DCDAF.
        var g = SplitMix64(seed: 0)
        XCTAssertEqual(g.next(), 0xE220_A839_7B1D_CDAF)
    }
}
