import Foundation
import NN
import Tabular
import TensorCore

/// The auxiliary classifier of CTAB-GAN (Zhao et al. 2021) for a table with a target column: an MLP trained on real
/// rows to predict the target's category from the other columns, and a term in the generator's loss, the
/// cross-entropy of its prediction on each generated row against the category that row holds. Generated rows are
/// pushed to relate the target to the other columns as real rows do — what a classifier trained on them needs.
///
/// The classifier sees a row with the target's one-hot zeroed and, when the critic sees values
/// (`TableCriticValues`), each numeric column's value appended. It takes one Adam step on real rows (drawn from its
/// own stream; the same rows in every process of a data-parallel job) per generator update, before the term.
final class TableTargetClassifier: Module {
    let layers: [Linear]
    /// `[1, D]`: 1 everywhere but on the target's one-hot.
    let mask: Tensor
    /// The target's one-hot in a transformed row.
    let span: Range<Int>
    let values: TableCriticValues?
    let optimizer: Adam
    var random: SeededGenerator

    /// A classifier for the discrete column `target` of rows laid out by `transformer`, with hidden `layers`, that
    /// sees numeric columns' values when `seesValues`.
    init(transformer: DataTransformer, target: DiscreteColumnInfo, layers hidden: [Int], seesValues: Bool,
         seed: UInt64) throws {
        let d = transformer.outputWidth
        let values = seesValues ? try TableCriticValues(transformer: transformer, rowWidth: d) : nil
        span = target.outputOffset..<(target.outputOffset + target.width)
        var m = [Float](repeating: 1, count: d)
        for j in span { m[j] = 0 }
        mask = try Tensor(shape: [1, d], values: m)
        self.values = values
        var g = SeededGenerator(seed: seed, stream: [102])
        var width = d + (values?.count ?? 0)
        var made: [Linear] = []
        for h in hidden + [target.width] {
            made.append(Linear(width, h, using: &g))
            width = h
        }
        layers = made
        optimizer = Adam(learningRate: 1e-3)
        random = SeededGenerator(seed: seed, stream: [103])
        super.init()
    }

    /// Class logits `[N, K]` for transformed rows `[N, D]`.
    func logits(_ rows: Tensor) throws -> Tensor {
        var h = rows * mask
        if let values { h = values.appended(to: h) }
        for (i, layer) in layers.enumerated() {
            h = try layer(h)
            if i < layers.count - 1 { h = h.relu() }
        }
        return h
    }

    /// The category each row's target one-hot holds (its arg-max).
    func categories(_ rows: Tensor) -> [Int] {
        let d = rows.shape[1], p = rows.storage.pointer
        return (0..<rows.shape[0]).map { b in
            let row = p + b * d + span.lowerBound
            return (1..<span.count).reduce(0) { best, k in row[k] > row[best] ? k : best }
        }
    }

    /// One Adam step on the cross-entropy of `count` real rows of `data` (`[N, D]` row-major), drawn uniformly.
    func update(data: [Float], rowCount: Int, count: Int) throws {
        let d = mask.shape[1]
        let batch = Tensor(uninitialized: [count, d])
        data.withUnsafeBufferPointer { src in
            for r in 0..<count {
                (batch.storage.pointer + r * d).update(from: src.baseAddress! + random.int(below: rowCount) * d, count: d)
            }
        }
        let loss = try GradientRecording.with(true) { try logits(batch).crossEntropy(targets: categories(batch)) }
        let parameters = self.parameters()
        optimizer.update(parameters, gradients: gradients(of: loss, with: parameters.map(\.value)))
    }

    /// The generator's term: the mean cross-entropy of the classifier's prediction on `fake` rows `[N, D]` against
    /// the categories they hold.
    func term(_ fake: Tensor) throws -> Tensor {
        try logits(fake).crossEntropy(targets: categories(fake.detached))
    }

    // MARK: Checkpoints

    /// Weights, Adam's state and the random stream, for a checkpoint.
    var state: [String: String] {
        let names = namedParameters().map { ($0.name, $0.parameter) }
        var floats: [Float] = []
        for (_, p) in names { floats += p.value.scalars }
        for (_, t) in optimizer.stateTensors(names: names) { floats += t.scalars }
        return [Self.stateKey: CheckpointFloats.encode(floats),
                Self.randomKey: random.state.map { String($0) }.joined(separator: ",")]
    }

    /// Restores `state`; throws `TableSynthesisError.invalidOption` when it does not fit this classifier.
    func restore(_ state: [String: String]) throws {
        let corrupt = TableSynthesisError.invalidOption(
            "the checkpoint's target-classifier state is corrupt; resume from another checkpoint or start again")
        guard let encoded = state[Self.stateKey], let words = state[Self.randomKey] else { throw corrupt }
        guard let floats = CheckpointFloats.decode(encoded),
              let restored = SeededGenerator(state: words.split(separator: ",").compactMap { UInt64($0) })
        else { throw corrupt }
        let names = namedParameters().map { ($0.name, $0.parameter) }
        let weights = names.reduce(0) { $0 + $1.1.value.count }
        // Weights, then Adam's step, then (once it has stepped) its two moments per weight.
        guard floats.count == weights + 1 || floats.count == 3 * weights + 1 else { throw corrupt }
        var at = 0
        func take(_ shape: [Int]) throws -> Tensor {
            let n = shape.reduce(1, *)
            defer { at += n }
            return try Tensor(shape: shape, values: Array(floats[at..<(at + n)]))
        }
        for (_, p) in names { try p.assign(try take(p.shape)) }
        var tensors: [String: Tensor] = ["step": try take([1])]
        if floats.count > weights + 1 {
            for (name, p) in names {
                tensors["m." + name] = try take(p.shape)
                tensors["v." + name] = try take(p.shape)
            }
        }
        try optimizer.loadState(tensors, names: names)
        random = restored
    }

    static let stateKey = "targetClassifier.state"
    static let randomKey = "targetClassifier.random"
}
