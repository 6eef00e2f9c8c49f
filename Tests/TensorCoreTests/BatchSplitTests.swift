import Foundation
import Synchronization
import Testing
import TensorCore
import _TestSupport

/// A batch shared out among processes (`BatchSplit`): per-example draws are the process's rows of one process's
/// draws, and the sum over processes is differentiable. Other processes are stood in for by a `sum` that adds what
/// they would contribute.
@Suite struct BatchSplitTests {
    @Test func drawsAreThisProcessesRowsOfTheWholeBatchs() {
        let total = 10, perRow = 3
        var whole = SeededGenerator(seed: 7)
        let all = (0..<(total * perRow)).map { _ in whole.nextUniform() }
        for rows in [0..<4, 4..<10, 3..<4, 0..<10] {
            let split = BatchSplit(rows: rows, total: total) { _ in }
            var g = SeededGenerator(seed: 7)
            let mine = BatchSplit.$current.withValue(split) {
                BatchSplit.draw([rows.count, perRow], using: &g) { $0.nextUniform() }
            }
            #expect(mine.scalars == Array(all[(rows.lowerBound * perRow)..<(rows.upperBound * perRow)]))
            #expect(g == whole, "the stream must end where one process's ends")
        }
        // Outside a split: `count` values in order.
        var g = SeededGenerator(seed: 7)
        #expect(BatchSplit.draw(count: 5, using: &g) { $0.nextUniform() } == Array(all.prefix(5)))
        #expect(BatchSplit.rows(of: 10, rank: 1, size: 3) == 3..<6 && BatchSplit.rows(of: 10, rank: 2, size: 3) == 6..<10)
    }

    @Test func dropoutUnderASplitMasksTheProcesssRows() {
        let x = Tensor.ones([6, 4])
        var g = SeededGenerator(seed: 3)
        let whole = x.dropout(0.5, using: &g).scalars
        var h = SeededGenerator(seed: 3)
        let mine = BatchSplit.$current.withValue(BatchSplit(rows: 2..<5, total: 6) { _ in }) {
            Tensor.ones([3, 4]).dropout(0.5, using: &h)
        }
        #expect(mine.scalars == Array(whole[8..<20]) && h == g)
    }

    /// A stand-in for one other process that holds the same values: every sum doubles.
    static let twin = BatchSplit(rows: 0..<1, total: 2) { buffer in
        for i in buffer.indices { buffer[i] *= 2 }
    }

    @Test func theSumAcrossProcessesAndItsGradients() {
        let x = Tensor.testValues([2, 3], seed: 1)
        #expect(x.summedAcrossProcesses().scalars == x.scalars)  // one process
        BatchSplit.$current.withValue(Self.twin) {
            #expect(x.summedAcrossProcesses().scalars == x.scalars.map { $0 * 2 })
            // d/dx Σ w·S(x) with S doubling: 2w, and the gradient of that is again a sum across processes.
            let e = GradientCheck.firstOrder([x], eps: 1e-3) { ($0[0].summedAcrossProcesses() * $0[0]).sum() }
            #expect(e < 2e-3)
            let e2 = GradientCheck.secondOrder([x], eps: 1e-3) { ($0[0].summedAcrossProcesses().squared() * $0[0]).sum() }
            #expect(e2 < 5e-3)
        }
    }
}
