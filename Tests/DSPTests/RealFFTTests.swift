import Dispatch
import Foundation
import Testing
@testable import DSP
import _TestSupport

@Suite struct RealFFTTests {
    @Test(arguments: [1, 2, 7, 16, 100])
    func forwardMatchesTheDFTAndInverseUndoesIt(size: Int) throws {
        let fft = try RealFFT.plan(size: size)
        let x = testNoise(size, seed: UInt64(size))
        var spectrum = [Float](repeating: 0, count: 2 * fft.bins), back = [Float](repeating: 0, count: size)
        x.withUnsafeBufferPointer { xp in spectrum.withUnsafeMutableBufferPointer { fft.forward(xp.baseAddress!, $0.baseAddress!) } }
        for k in 0..<fft.bins {
            var re = 0.0, im = 0.0
            for n in 0..<size {
                re += Double(x[n]) * cos(2 * Double.pi * Double(k * n) / Double(size))
                im -= Double(x[n]) * sin(2 * Double.pi * Double(k * n) / Double(size))
            }
            #expect(abs(Double(spectrum[2 * k]) - re) < 1e-4 && abs(Double(spectrum[2 * k + 1]) - im) < 1e-4)
        }
        let saved = spectrum
        spectrum.withUnsafeBufferPointer { s in back.withUnsafeMutableBufferPointer { fft.inverse(s.baseAddress!, $0.baseAddress!) } }
        #expect(spectrum == saved, "inverse leaves its input alone")
        #expect(maxAbsDifference(back.map { $0 / Float(size) }, x) < 1e-5)
    }

    @Test func plansAreSharedAndSafeFromManyThreads() throws {
        let sizes = [64, 96, 128, 64, 250, 96, 512, 128]
        // Plans requested concurrently for the first time, then used concurrently on unaligned rows.
        var results = [[Float]](repeating: [], count: sizes.count)
        results.withUnsafeMutableBufferPointer { slots in
            DispatchQueue.concurrentPerform(iterations: sizes.count) { i in
                let fft = try! RealFFT.plan(size: sizes[i])
                let count = 5
                let x = testNoise(count * sizes[i] + 1, seed: UInt64(i))
                var out = [Float](repeating: 0, count: count * 2 * fft.bins)
                x.withUnsafeBufferPointer { xp in
                    out.withUnsafeMutableBufferPointer { fft.forward(count: count, xp.baseAddress! + 1, $0.baseAddress!) }
                }
                slots[i] = out
            }
        }
        #expect(try RealFFT.plan(size: 64) === RealFFT.plan(size: 64))
        for (i, n) in sizes.enumerated() {
            let fft = try RealFFT.plan(size: n)
            let x = testNoise(5 * n + 1, seed: UInt64(i))
            for row in 0..<5 {
                var single = [Float](repeating: 0, count: 2 * fft.bins)
                let input = Array(x[(1 + row * n)..<(1 + (row + 1) * n)])
                input.withUnsafeBufferPointer { xp in single.withUnsafeMutableBufferPointer { fft.forward(xp.baseAddress!, $0.baseAddress!) } }
                #expect(Array(results[i][(row * 2 * fft.bins)..<((row + 1) * 2 * fft.bins)]) == single)
            }
        }
    }
}
