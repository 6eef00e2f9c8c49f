import Foundation
import Testing
import Evaluation
import TensorCore

@Suite struct AudioMetricTests {
    func gaussian(_ n: Int, _ d: Int, mean: [Double], std: [Double], seed: UInt64) throws -> FeatureMatrix {
        var g = SeededGenerator(seed: seed)
        var v: [Double] = []
        for _ in 0..<n { for j in 0..<d { v.append(mean[j] + std[j] * Double(g.nextNormal())) } }
        return try FeatureMatrix(count: n, dimension: d, values: v)
    }

    @Test func frechetDistanceOfGaussiansMatchesClosedForm() throws {
        // Diagonal covariances: FD = ‖Δμ‖² + Σ (σ₁ − σ₂)².
        let fd = try FrechetDistance.between(mean: [0, 0, 0], covariance: [1, 0, 0, 0, 4, 0, 0, 0, 9],
                                             mean: [1, 2, 0], covariance: [4, 0, 0, 0, 4, 0, 0, 0, 1])
        #expect(abs(fd - (1 + 4 + 1 + 0 + 4)) < 1e-9)
        // Same covariance, non-diagonal: FD = ‖Δμ‖².
        let s = [2.0, 0.5, 0.5, 1.0]
        #expect(abs(try FrechetDistance.between(mean: [0, 0], covariance: s, mean: [3, 4], covariance: s) - 25) < 1e-9)
        // Sample sets: identical sets give 0, shifted sets about ‖shift‖².
        let a = try gaussian(4000, 4, mean: [0, 0, 0, 0], std: [1, 1, 1, 1], seed: 1)
        #expect(abs(try FrechetDistance.between(a, a)) < 1e-6)
        let b = try gaussian(4000, 4, mean: [2, 0, 0, 0], std: [1, 1, 1, 1], seed: 2)
        #expect(abs(try FrechetDistance.between(a, b) - 4) < 0.25)
    }

    @Test func binProportionsSeeMatchesAndCollapse() throws {
        let real = try gaussian(1000, 2, mean: [0, 0], std: [1, 1], seed: 3)
        let same = try gaussian(1000, 2, mean: [0, 0], std: [1, 1], seed: 4)
        let collapsed = try FeatureMatrix(count: 500, dimension: 2, values: Array(repeating: 0.1, count: 1000))
        let good = try BinProportions(real: real, generated: same, k: 10, seed: 5)
        let bad = try BinProportions(real: real, generated: collapsed, k: 10, seed: 5)
        #expect(good.ndbOverK <= 0.3)
        #expect(bad.ndbOverK >= 0.9)
        #expect(bad.jensenShannon > 0.3 && good.jensenShannon < 0.02)
        #expect(abs(BinProportions.jensenShannon([1, 0], [0, 1]) - log(2)) < 1e-12)
        #expect(throws: EvaluationError.self) { try BinProportions(real: collapsed, generated: same, k: 300) }
    }

    @Test func nearestNeighbourScoresFlagCollapseAndCopies() throws {
        let real = try gaussian(200, 3, mean: [0, 0, 0], std: [1, 1, 1], seed: 6)
        #expect(try NearestNeighbors.dTrain(real, real: real) < 1e-6)  // copies of the training set
        let constant = try FeatureMatrix(count: 50, dimension: 3, values: Array(repeating: 0.5, count: 150))
        #expect(try NearestNeighbors.dSelf(constant) < 1e-6)  // collapse
        #expect(try NearestNeighbors.dSelf(real) > 0.1)
        // Against a brute-force loop.
        let q = try gaussian(7, 3, mean: [1, 0, 0], std: [1, 1, 1], seed: 7)
        let fast = try NearestNeighbors.distances(from: q, to: real)
        for i in 0..<7 {
            var best = Double.infinity
            for j in 0..<200 {
                best = min(best, zip(q.row(i), real.row(j)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
            }
            #expect(abs(fast[i] - best.squareRoot()) < 1e-9)
        }
    }
}
