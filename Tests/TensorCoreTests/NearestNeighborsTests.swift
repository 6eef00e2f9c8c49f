import Foundation
import Testing
import TensorCore

@Suite("Nearest neighbours")
struct NearestNeighborsTests {
    @Test("matches a brute-force search", arguments: [(30, 3, 4, false), (200, 7, 5, true), (5, 2, 10, true)])
    func bruteForce(n: Int, d: Int, k: Int, excludeSelf: Bool) {
        var rng = SeededGenerator(seed: UInt64(n))
        let x = (0..<(n * d)).map { _ in Float(rng.normal()) }
        let result = NearestNeighbors.search(queries: x, reference: x, dimension: d, k: k, excludeSelf: excludeSelf)
        let kk = min(k, n - (excludeSelf ? 1 : 0))
        #expect(result.k == kk)
        for i in 0..<n {
            var all: [(Double, Int)] = []
            for j in 0..<n where !(excludeSelf && i == j) {
                var s = 0.0
                for c in 0..<d { s += pow(Double(x[i * d + c]) - Double(x[j * d + c]), 2) }
                all.append((s.squareRoot(), j))
            }
            all.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            #expect(Array(result.indices[(i * kk)..<(i * kk + kk)]) == all.prefix(kk).map(\.1))
            for t in 0..<kk { #expect(abs(result.distances[i * kk + t] - all[t].0) < 1e-12) }
        }
    }
}
