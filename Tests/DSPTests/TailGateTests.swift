import DSP
import Foundation
import Testing

@Suite struct TailGateTests {
    /// A clip of 16 blocks: block b holds a square wave of amplitude 10^(−b/20) (level −b dB), then `silent` blocks of
    /// zeros.
    static func staircase(silent: Int = 0) -> [Float] {
        (0..<(16 + silent)).flatMap { b -> [Float] in
            let a: Float = b < 16 ? Float(pow(10, -Double(b) / 20)) : 0
            return (0..<TailGate.block).map { $0 % 2 == 0 ? a : -a }
        }
    }

    @Test func levelsAreBlockRMSInDecibelsRelativeToThePeak() {
        let clip = Self.staircase(silent: 2)
        let levels = clip.withUnsafeBufferPointer { TailGate.levels($0) }
        #expect(levels.count == 18)
        for b in 0..<16 { #expect(abs(levels[b] + Float(b)) < 1e-3, "block \(b): \(levels[b])") }
        #expect(levels[16] == -.infinity && levels[17] == -.infinity)
        #expect(clip.withUnsafeBufferPointer { TailGate.silenceOnset($0) } == 16 * TailGate.block)
        #expect([Float](repeating: 0, count: 10).withUnsafeBufferPointer { TailGate.silenceOnset($0) } == 0)
    }

    @Test func gateZeroesOnlyAfterTheLastLoudBlockWithAFade() {
        var clip = Self.staircase()
        // A quiet passage inside the sound (block 3 at −40 dB) followed by louder blocks must survive.
        for i in (3 * TailGate.block)..<(4 * TailGate.block) { clip[i] = i % 2 == 0 ? 0.01 : -0.01 }
        let original = clip
        clip.withUnsafeMutableBufferPointer { TailGate.apply($0, threshold: -9.5) }  // blocks 0…9 are above
        let end = 10 * TailGate.block, fadeStart = end - TailGate.fade
        #expect(Array(clip[..<fadeStart]) == Array(original[..<fadeStart]))
        for i in fadeStart..<end {
            let expected = original[i] * Float(end - i) / Float(TailGate.fade + 1)
            #expect(abs(clip[i] - expected) <= 1e-7, "fade sample \(i)")
        }
        #expect(clip[end...].allSatisfy { $0 == 0 })
        #expect(clip.withUnsafeBufferPointer { TailGate.silenceOnset($0) } == end)
        // A threshold above every block keeps the loudest block: a clip is never silenced whole.
        var loud = Self.staircase()
        loud.withUnsafeMutableBufferPointer { TailGate.apply($0, threshold: 10) }
        #expect(Array(loud[..<(TailGate.block - TailGate.fade)]) == Array(original[..<(TailGate.block - TailGate.fade)]))
        #expect(loud[TailGate.block...].allSatisfy { $0 == 0 })
    }

    @Test func thresholdMatchesTheRealMeanSilenceOnset() throws {
        // Generated clips: levels falling 1 dB per block over 64 blocks (16384 samples), never silent.
        let length = 64 * TailGate.block
        let generated = (0..<8).map { _ in (0..<64).map { -Float($0) - 0.5 } }
        // Real clips fall silent after 32 blocks: the gate must keep exactly the 32 blocks above −32 dB.
        let t = try #require(TailGate.threshold(realOnsets: [Int](repeating: 32 * TailGate.block, count: 10),
                                                generatedLevels: generated, length: length))
        #expect(t >= -32.5 && t < -31.5, "threshold \(t)")
        #expect(TailGate.gatedOnset(levels: generated[0], threshold: t, length: length) == 32 * TailGate.block)
        // Real clips that never end in silence: no gate.
        #expect(TailGate.threshold(realOnsets: [Int](repeating: length, count: 10), generatedLevels: generated,
                                   length: length) == nil)
        // Generated clips already silent earlier than the real ones: no gate.
        let early = (0..<8).map { _ in (0..<64).map { $0 < 8 ? -Float($0) : -Float.infinity } }
        #expect(TailGate.threshold(realOnsets: [Int](repeating: 32 * TailGate.block, count: 10),
                                   generatedLevels: early, length: length) == nil)
    }
}
