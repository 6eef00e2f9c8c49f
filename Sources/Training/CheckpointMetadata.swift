import Foundation
import TensorCore

/// Loss sums since the last line of `metrics.jsonl` (saved in checkpoints, so a resumed run logs the same means).
struct LossAccumulator: Codable, Equatable {
    var steps = 0
    var criticUpdates = 0
    var r1Updates = 0
    var lossD = 0.0, lossG = 0.0, gradientPenalty = 0.0, r1 = 0.0

    mutating func add(critic: Float, gp: Float, r1 r1Value: Float?) {
        criticUpdates += 1
        lossD += Double(critic)
        gradientPenalty += Double(gp)
        if let r1Value {
            r1Updates += 1
            r1 += Double(r1Value)
        }
    }

    func log(step: Int, seconds: Double, stepsPerSecond: Double, config: GANTrainingConfig) -> TrainingLog {
        let perCritic = 1 / Double(max(criticUpdates, 1))
        return TrainingLog(
            step: step, seconds: seconds, stepsPerSecond: stepsPerSecond, lossD: lossD * perCritic,
            lossG: lossG / Double(max(steps, 1)),
            gradientPenalty: config.gradientPenaltyWeight > 0 ? gradientPenalty * perCritic : nil,
            r1: config.r1Gamma > 0 && r1Updates > 0 ? r1 / Double(r1Updates) : nil)
    }
}

/// The `__metadata__` of a checkpoint: everything besides tensors that an exact resume needs.
struct CheckpointMetadata {
    static let format = "swiftgan-gan-checkpoint-1"

    var step: Int
    var elapsedSeconds: Double
    var config: GANTrainingConfig
    var domainConfig: String?
    /// The data, latent, model and penalty streams.
    var random: [SeededGenerator]
    var accumulator: LossAccumulator
    var problemState: [String: String]

    func encoded() throws -> [String: String] {
        var out = [
            "format": Self.format,
            "step": String(step),
            "elapsed_seconds": String(elapsedSeconds),
            "training_config": try json(config),
            "random": try json(random.map { $0.state.map { String($0, radix: 16) } }),
            "loss_accumulator": try json(accumulator),
        ]
        if let domainConfig { out["domain_config"] = domainConfig }
        for (key, value) in problemState { out["problem." + key] = value }
        return out
    }

}

extension CheckpointMetadata {
    /// Parses a checkpoint's metadata; `path` names the file in errors.
    init(_ m: [String: String], path: String) throws {
        func fail(_ reason: String) -> TrainingError {
            .unreadableCheckpoint(path: path, reason: reason + "; it is not a SwiftGAN training checkpoint or is damaged")
        }
        guard m["format"] == Self.format else { throw fail("metadata format is \(m["format"] ?? "missing")") }
        guard let step = m["step"].flatMap(Int.init), step >= 0,
              let elapsed = m["elapsed_seconds"].flatMap(Double.init)
        else { throw fail("step or elapsed time missing") }
        func decode<T: Decodable>(_ key: String, _ type: T.Type) throws -> T {
            guard let text = m[key], let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) else {
                throw fail("'\(key)' missing or malformed")
            }
            return value
        }
        let words = try decode("random", [[String]].self)
        let random = words.compactMap { w in SeededGenerator(state: w.compactMap { UInt64($0, radix: 16) }) }
        guard random.count == 4, words.allSatisfy({ $0.count == 4 }) else { throw fail("random states malformed") }
        var problemState: [String: String] = [:]
        for (key, value) in m where key.hasPrefix("problem.") { problemState[String(key.dropFirst(8))] = value }
        self.init(step: step, elapsedSeconds: elapsed, config: try decode("training_config", GANTrainingConfig.self),
                  domainConfig: m["domain_config"], random: random,
                  accumulator: try decode("loss_accumulator", LossAccumulator.self), problemState: problemState)
    }
}

private func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
