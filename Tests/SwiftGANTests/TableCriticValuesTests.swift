import Foundation
import Testing
import _TestSupport
@testable import SwiftGAN
@testable import Tabular

/// The numbers a critic row stands for (`TableCriticValues`), against a loop over the transform's modes.
@Suite struct TableCriticValuesTests {
    static func fitted() throws -> (DataTransformer, Table) {
        let table = try TableSynthesizerTests.toyTable(rows: 200)
        var g = SeededGenerator(seed: 4)
        return (try DataTransformer.fit(table, using: &g), table)
    }

    /// Σ_k s_k (μ_k − m + 4 σ_k α) / sd for every numeric column of one row, by a plain loop: the standardised value
    /// when the mode slots sum to 1, and a missing slot counts as the mean.
    static func reference(_ row: ArraySlice<Float>, _ t: DataTransformer) -> [Double] {
        var out: [Double] = []
        let start = row.startIndex
        for (c, column) in t.columns.enumerated() {
            guard case .continuous(let x) = column else { continue }
            let offset = start + t.spanOffsets[t.columnSpans[c].lowerBound]
            let (mean, spread) = TableCriticValues.moments(x)
            var v = 0.0
            for k in x.modes.indices {
                let s = Double(row[offset + 1 + k])
                v += s * (x.modeMeans[k] - mean + 4 * x.modeStandardDeviations[k] * Double(row[offset]))
            }
            out.append(v / spread)
        }
        return out
    }

    @Test func realRowsGiveTheirStandardisedValues() throws {
        let (t, table) = try Self.fitted()
        var g = SeededGenerator(seed: 5)
        let data = try t.transform(table, using: &g)
        let conditionWidth = 3, w = t.outputWidth + conditionWidth
        var rows = [Float](repeating: 0, count: table.rowCount * w)
        for i in 0..<table.rowCount {
            for j in 0..<t.outputWidth { rows[i * w + j] = data[i * t.outputWidth + j] }
            rows[i * w + t.outputWidth + i % conditionWidth] = 1
        }
        let values = try TableCriticValues(transformer: t, rowWidth: w)
        #expect(values.count == 2)
        let out = values.appended(to: try Tensor(shape: [table.rowCount / 2, 2, w], values: rows))
        #expect(out.shape == [table.rowCount / 2, 2, w + 2])
        let result = out.scalars
        let decoded = try t.inverse(data, rows: table.rowCount, clipToBounds: false)
        for i in 0..<table.rowCount {
            #expect(Array(result[(i * (w + 2))..<(i * (w + 2) + w)]) == Array(rows[(i * w)..<((i + 1) * w)]))
            let expected = Self.reference(rows[(i * w)..<((i + 1) * w)], t)
            for j in 0..<2 {
                #expect(abs(Double(result[i * (w + 2) + w + j]) - expected[j]) < 1e-4)
            }
            // A one-hot row's value is the decoded number itself (before rounding; α is clipped to ±0.99 only for
            // values more than 3.96 σ from their mode).
            let column = decoded.columns[2].numbers![i]
            guard case .continuous(let x) = t.columns[2] else { Issue.record("x must be numeric"); return }
            let (mean, spread) = TableCriticValues.moments(x)
            let slot = (0..<x.modes.count).first { data[i * t.outputWidth + t.spanOffsets[t.columnSpans[2].lowerBound] + 1 + $0] == 1 }
            if slot != nil, abs(data[i * t.outputWidth + t.spanOffsets[t.columnSpans[2].lowerBound]]) < 0.99 {
                #expect(abs(Double(result[i * (w + 2) + w]) - (column - mean) / spread) < 0.02)
            }
        }
    }

    @Test func softRowsMixTheirModesAndTheGradientMatchesCentralDifferences() throws {
        let (t, _) = try Self.fitted()
        let w = t.outputWidth
        var g = SeededGenerator(seed: 6)
        let x = (0..<(4 * w)).map { _ in Float(g.uniform()) * 1.6 - 0.8 }
        let values = try TableCriticValues(transformer: t, rowWidth: w)
        let input = try Tensor(shape: [4, w], values: x)
        let out = values.appended(to: input).scalars
        for i in 0..<4 {
            let expected = Self.reference(x[(i * w)..<((i + 1) * w)], t)
            for j in 0..<2 { #expect(abs(Double(out[i * (w + 2) + w + j]) - expected[j]) < 1e-3 * max(1, abs(expected[j]))) }
        }
        // d(Σ values · weights)/dx against central differences of the reference.
        let weights: [Double] = [0.7, -1.3]
        let v = input.variable()
        let appended = values.appended(to: v)
        let loss = (appended.sliced(axis: 1, w..<(w + 2)) * (try Tensor(shape: [1, 2], values: weights.map(Float.init)))).sum()
        let grad = gradients(of: loss, with: [v])[0].scalars
        func f(_ row: [Float]) -> Double {
            zip(Self.reference(row[...], t), weights).reduce(0) { $0 + $1.0 * $1.1 }
        }
        for j in 0..<w {
            var plus = Array(x[0..<w]), minus = plus
            plus[j] += 1e-2
            minus[j] -= 1e-2
            let numeric = (f(plus) - f(minus)) / 2e-2
            #expect(abs(Double(grad[j]) - numeric) < 1e-2 * max(1, abs(numeric)), "position \(j)")
        }
    }
}

/// The auxiliary classifier of the target column (`TableTargetClassifier`).
@Suite struct TableTargetClassifierTests {
    static func classifier(seed: UInt64 = 7, target: String = "color") throws
        -> (TableTargetClassifier, DataTransformer, [Float], Int)
    {
        let (t, table) = try TableCriticValuesTests.fitted()
        var g = SeededGenerator(seed: 8)
        let data = try t.transform(table, using: &g)
        let column = t.discreteColumns.first { $0.name == target }!
        let c = try TableTargetClassifier(transformer: t, target: column, layers: [16], seesValues: true, seed: seed)
        return (c, t, data, table.rowCount)
    }

    @Test(arguments: ["color", "size"]) func itReadsEachRowsCategoryFromTheTargetsOneHot(target: String) throws {
        let (c, t, data, rows) = try Self.classifier(target: target)
        let d = t.outputWidth, span = c.span
        #expect(span.lowerBound == t.discreteColumns.first { $0.name == target }!.outputOffset)
        let truth = (0..<rows).map { i in (0..<span.count).first { data[i * d + span.lowerBound + $0] == 1 }! }
        #expect(c.categories(try Tensor(shape: [rows, d], values: data)) == truth)
        #expect(Set(truth).count == span.count)
    }

    @Test func itIgnoresTheTargetAndLearnsItFromTheOtherColumns() throws {
        let (c, t, data, rows) = try Self.classifier()
        let d = t.outputWidth
        let all = try Tensor(shape: [rows, d], values: data)
        // The target's one-hot is masked: changing it changes no logit, but it is what the categories are read from.
        var flipped = data
        let span = c.span
        for i in 0..<rows { for j in span { flipped[i * d + j] = 1 - flipped[i * d + j] } }
        #expect(try c.logits(all).scalars == c.logits(try Tensor(shape: [rows, d], values: flipped)).scalars)
        let truth = (0..<rows).map { i in (0..<span.count).first { data[i * d + span.lowerBound + $0] == 1 }! }
        #expect(c.categories(all) == truth)
        // The colour sets x's and y's centres: a few hundred steps on real rows take the loss well below chance.
        let before = try c.logits(all).crossEntropy(targets: truth).item
        for _ in 0..<300 { try c.update(data: data, rowCount: rows, count: 40) }
        let after = try c.logits(all).crossEntropy(targets: truth).item
        #expect(before > 0.5 && after < 0.2 * before, "cross-entropy \(before) → \(after)")
    }

    @Test func itsCheckpointStateRestoresTheSameNextStepAndCorruptStateIsRefused() throws {
        let (c, t, data, rows) = try Self.classifier()
        for _ in 0..<3 { try c.update(data: data, rowCount: rows, count: 20) }
        let saved = c.state
        let (copy, _, _, _) = try Self.classifier(seed: 99)
        try copy.restore(saved)
        try c.update(data: data, rowCount: rows, count: 20)
        try copy.update(data: data, rowCount: rows, count: 20)
        let probe = try Tensor(shape: [rows, t.outputWidth], values: data)
        #expect(try c.logits(probe).scalars == copy.logits(probe).scalars)
        var broken = saved
        broken[TableTargetClassifier.stateKey] = String(saved[TableTargetClassifier.stateKey]!.dropLast(8))
        #expect(throws: TableSynthesisError.self) { try copy.restore(broken) }
        broken = saved
        broken[TableTargetClassifier.randomKey] = "0,0,0,0"
        #expect(throws: TableSynthesisError.self) { try copy.restore(broken) }
        broken[TableTargetClassifier.randomKey] = nil  // a checkpoint without the state: refused, not a fresh start
        #expect(throws: TableSynthesisError.self) { try copy.restore(broken) }
    }
}
