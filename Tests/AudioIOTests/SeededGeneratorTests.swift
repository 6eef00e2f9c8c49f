import Testing
@testable import AudioIO

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameSequenceAndStreamsDiffer() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 42, stream: 1)
        let xa = (0..<8).map { _ in a.next() }, xb = (0..<8).map { _ in b.next() }, xc = (0..<8).map { _ in c.next() }
        #expect(xa == xb)
        #expect(xa != xc)
    }

    @Test func uniformAndGaussianHaveTheirMoments() {
        var g = SeededGenerator(seed: 3)
        let n = 200_000
        var sum = 0.0, sumSq = 0.0, gSum = 0.0, gSq = 0.0
        for _ in 0..<n {
            let u = g.unit(); sum += u; sumSq += u * u
            let z = g.gaussian(); gSum += z; gSq += z * z
        }
        // Uniform: mean 1/2, variance 1/12. Normal: mean 0, variance 1. Tolerances are ~6 standard errors.
        #expect(abs(sum / Double(n) - 0.5) < 0.004)
        #expect(abs(sumSq / Double(n) - sum * sum / Double(n * n) - 1.0 / 12) < 0.002)
        #expect(abs(gSum / Double(n)) < 0.014)
        #expect(abs(gSq / Double(n) - 1) < 0.02)
    }

    @Test func permutationIsAPermutationAndIndicesAreUniform() {
        var g = SeededGenerator(seed: 9)
        #expect(g.permutation(100).sorted() == Array(0..<100))
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<50_000 { counts[g.index(below: 5)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
    }
}
