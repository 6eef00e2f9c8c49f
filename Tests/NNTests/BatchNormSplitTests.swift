import Foundation
import NN
import Synchronization
import TensorCore
import Testing
import _TestSupport

/// Batch normalisation over a batch shared out among processes: a process's rows of the output are those of one
/// process normalising the whole batch. The other process is stood in for by a sum that adds its contributions.
@Suite struct BatchNormSplitTests {
    @Test func aProcessNormalisesItsRowsWithTheWholeBatchsStatistics() throws {
        let x = Tensor.testValues([6, 3, 4], seed: 2)  // [B, C, L]
        let whole = BatchNorm1d(3)
        let expected = try whole(x).scalars

        // Process 0 holds rows 0..<2; the other rows' per-channel sums, then their squared deviations from the
        // whole batch's mean, are what the other process adds.
        let mine = x.sliced(axis: 0, 0..<2), theirs = x.sliced(axis: 0, 2..<6)
        let mean = x.mean(axes: [0, 2], keepDims: true)
        let contributions = [theirs.sum(axes: [0, 2]).scalars, (theirs - mean).squared().sum(axes: [0, 2]).scalars]
        let calls = Mutex(0)
        let split = BatchSplit(rows: 0..<2, total: 6) { buffer in
            let call = calls.withLock { c in defer { c += 1 }; return c }
            for i in buffer.indices { buffer[i] += contributions[call][i] }
        }
        let norm = BatchNorm1d(3)
        let out = try BatchSplit.$current.withValue(split) { try norm(mine) }
        #expect(calls.withLock { $0 } == 2)
        #expect(maxAbsDifference(out.scalars, Array(expected[0..<24])) < 1e-5)
        #expect(maxAbsDifference(norm.runningMean.scalars, whole.runningMean.scalars) < 1e-6)
        #expect(maxAbsDifference(norm.runningVar.scalars, whole.runningVar.scalars) < 1e-6)
    }

    @Test func aBatchThatDoesNotShareOutEvenlyIsAnError() {
        let split = BatchSplit(rows: 0..<4, total: 8) { _ in }
        #expect(throws: TensorError.self) {
            try BatchSplit.$current.withValue(split) { try BatchNorm1d(2)(Tensor.testValues([6, 2], seed: 1)) }
        }
    }
}
