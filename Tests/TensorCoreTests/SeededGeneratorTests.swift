import Foundation
import Testing
import TensorCore
import _TestSupport

@Suite struct SeededGeneratorTests {
    @Test func sameSeedAndStreamRepeatAndOthersDiffer() {
        var a = SeededGenerator(seed: 42, stream: [1, 2]), b = SeededGenerator(seed: 42, stream: [1, 2])
        var c = SeededGenerator(seed: 42, stream: [1, 3]), d = SeededGenerator(seed: 43, stream: [1, 2])
        let xa = (0..<8).map { _ in a.next() }, xb = (0..<8).map { _ in b.next() }
        let xc = (0..<8).map { _ in c.next() }, xd = (0..<8).map { _ in d.next() }
        #expect(xa == xb)
        #expect(xa != xc && xa != xd && xc != xd)
    }

    @Test func uniformAndNormalHaveTheirMoments() {
        var rng = SeededGenerator(seed: 7)
        let n = 200_000
        let u = (0..<n).map { _ in rng.uniform() }
        let (um, us) = meanAndStd(u)
        #expect(abs(um - 0.5) < 0.005 && abs(us - (1.0 / 12).squareRoot()) < 0.005)
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        let z = (0..<n).map { _ in rng.normal() }
        let (zm, zs) = meanAndStd(z)
        #expect(abs(zm) < 0.01 && abs(zs - 1) < 0.01)
        // Fourth moment of N(0, 1) is 3.
        let kurtosis = z.reduce(0) { $0 + $1 * $1 * $1 * $1 } / Double(n)
        #expect(abs(kurtosis - 3) < 0.1)
    }

    @Test func gammaAndBetaHaveTheirMeansAndVariances() {
        var rng = SeededGenerator(seed: 9)
        let n = 100_000
        for shape in [0.2, 1.0, 3.5] {
            let (m, s) = meanAndStd((0..<n).map { _ in rng.gamma(shape: shape) })
            #expect(abs(m - shape) < 0.03 * max(shape, 1), "gamma(\(shape)) mean \(m)")
            #expect(abs(s * s - shape) < 0.06 * max(shape, 1), "gamma(\(shape)) variance \(s * s)")
        }
        let a = 0.2
        let (bm, bs) = meanAndStd((0..<n).map { _ in rng.beta(a, a) })
        #expect(abs(bm - 0.5) < 0.01)
        #expect(abs(bs * bs - 1 / (4 * (2 * a + 1))) < 0.005)
    }

    @Test func integersAreUniformAndShuffleIsAPermutation() {
        var rng = SeededGenerator(seed: 3)
        var counts = [Int](repeating: 0, count: 7)
        let n = 70_000
        for _ in 0..<n { counts[rng.int(below: 7)] += 1 }
        // Chi-square with 6 degrees of freedom: 99.9th percentile is 22.5.
        let chi = counts.reduce(0.0) { $0 + pow(Double($1) - 10_000, 2) / 10_000 }
        #expect(chi < 22.5, "counts \(counts)")
        var items = Array(0..<50)
        rng.shuffle(&items)
        #expect(items.sorted() == Array(0..<50) && items != Array(0..<50))
    }

    @Test func parallelDrawsMatchTheirSerialDefinition() {
        // 300 items in chunks of 128: each chunk from its own stream, seeded by one draw of the caller's generator.
        var random = SeededGenerator(seed: 5)
        var drawn = [UInt64](repeating: 0, count: 300)
        drawn.withUnsafeMutableBufferPointer { out in
            parallelDraws(300, perStream: 128, using: &random) { range, g in
                for i in range { out[i] = g.next() }
            }
        }
        var reference = SeededGenerator(seed: 5)
        let seed = reference.next()
        var expected: [UInt64] = []
        for k in 0..<3 {
            var g = SeededGenerator(seed: seed, stream: [k])
            expected += (k * 128..<min(300, (k + 1) * 128)).map { _ in g.next() }
        }
        #expect(drawn == expected)
        #expect(random.next() == reference.next())  // the caller's generator moved by one draw

        // At most one chunk: the caller's generator draws them itself, as a plain loop would.
        var small = SeededGenerator(seed: 5), plain = SeededGenerator(seed: 5)
        var few: [UInt64] = []
        parallelDraws(128, perStream: 128, using: &small) { range, g in few += range.map { _ in g.next() } }
        #expect(few == (0..<128).map { _ in plain.next() } && small.next() == plain.next())
    }
}
