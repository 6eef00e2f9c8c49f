import Testing
@testable import TensorCore
import _TestSupport

/// Gather and scatter-add (which copy whole index runs) against naive loops over every element.
@Suite struct GatherScatterTests {
    /// Index lists with every kind of run: ascending, descending (reflection), repeated, zero-fill, single elements.
    static let indexLists: [[Int]] = [
        [0, 1, 2, 3, 4, 5], [2, 1, 0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5, 4, 3], [-1, -1, 0, 1, 2, -1, 5, 5, 5],
        [3, 3, 0, 1, 1, 2], [5], [-1], [], [4, 5, 0, 1, -1, 2, 3],
    ]

    @Test func runsCoverIndicesInOrder() {
        for indices in Self.indexLists {
            var rebuilt: [Int] = []
            for run in IndexRun.runs(of: indices) {
                #expect(rebuilt.count == run.position)
                rebuilt += (0..<run.count).map { run.index < 0 ? -1 : run.index + $0 }
            }
            #expect(rebuilt == indices.map { max($0, -1) })
        }
        #expect(IndexRun.runs(of: [2, 1, 0, 1, 2, 3]).map(\.count) == [1, 1, 4])
    }

    @Test func gatherMatchesNaiveLoop() throws {
        let x = Tensor.testValues([2, 3, 6], seed: 3)
        for axis in 0..<3 {
            for indices in Self.indexLists where indices.allSatisfy({ $0 < x.shape[axis] }) {
                let y = x.gathered(axis: axis, indices: indices)
                var expected: [Float] = []
                var shape = x.shape
                shape[axis] = indices.count
                for i in 0..<shape[0] { for j in 0..<shape[1] { for k in 0..<shape[2] {
                    var at = [i, j, k]
                    let source = indices[at[axis]]
                    at[axis] = source
                    expected.append(source < 0 ? 0 : x.scalars[(at[0] * 3 + at[1]) * 6 + at[2]])
                } } }
                #expect(y.shape == shape)
                #expect(y.scalars == expected)
            }
        }
    }

    @Test func scatterMatchesNaiveLoop() throws {
        for indices in Self.indexLists {
            let g = Tensor.testValues([2, 3, indices.count], seed: 4)
            let y = g.scatterAdded(axis: 2, indices: indices, length: 6)
            var expected = [Float](repeating: 0, count: 2 * 3 * 6)
            for row in 0..<6 {
                for (j, i) in indices.enumerated() where i >= 0 {
                    expected[row * 6 + i] += g.scalars[row * indices.count + j]
                }
            }
            #expect(y.scalars == expected)
        }
    }
}
