import Foundation
import Testing
@testable import SwiftGAN

/// Floats in a checkpoint's problem state, against their bytes written out by hand.
@Suite struct CheckpointFloatsTests {
    @Test func floatsRoundTripAsLittleEndianBase64AndOtherTextIsRefused() throws {
        let values: [Float] = [1, -0.0, .pi, -3.5e-39, .greatestFiniteMagnitude, .infinity]
        let text = CheckpointFloats.encode(values)
        var bytes: [UInt8] = []
        for v in values { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v.bitPattern >> (8 * k))) } }
        #expect(text == Data(bytes).base64EncodedString())
        let decoded = try #require(CheckpointFloats.decode(text))
        #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(CheckpointFloats.decode("")?.isEmpty == true)
        #expect(CheckpointFloats.decode("not base64!") == nil)
        #expect(CheckpointFloats.decode(Data([1, 2, 3, 4, 5, 6]).base64EncodedString()) == nil)  // 1.5 floats
    }
}
