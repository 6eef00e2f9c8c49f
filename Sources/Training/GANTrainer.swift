import Foundation
import NN
import Synchronization
import TensorCore

/// How a run ended.
public struct TrainingOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// `maxSteps` generator updates are done.
        case reachedStepBudget
        /// `maxMinutes` of wall time (over all resumed sessions) have passed.
        case reachedTimeBudget
        /// SIGINT/SIGTERM or `requestStop()`; the checkpoint lets `resume` continue exactly.
        case stoppedByUser
        /// The problem's own stopping rule (`finishEarly()`, e.g. a quality estimate that stopped improving).
        case converged
    }

    public var status: Status
    /// Generator updates done.
    public var step: Int
    /// Wall time over all sessions of the run.
    public var elapsedSeconds: Double
    /// The checkpoint holding the final state.
    public var checkpoint: URL
}

/// One line of `metrics.jsonl`, as `onLog` sees it. Losses are means over the steps since the previous line.
public struct TrainingLog: Sendable {
    public var step: Int
    /// Wall time over all sessions of the run.
    public var seconds: Double
    public var stepsPerSecond: Double
    /// Σ over critics of the adversarial critic loss (penalties excluded), averaged over critic updates.
    public var lossD: Double
    /// Σ over critics of the generator loss.
    public var lossG: Double
    /// Σ over critics of the WGAN-GP term before weighting, when the penalty is on.
    public var gradientPenalty: Double?
    /// Σ over critics of the R1 term before weighting, averaged over the updates that computed it, when R1 is on.
    public var r1: Double?

    var json: [String: Any] {
        var out: [String: Any] = ["step": step, "seconds": seconds, "steps_per_second": stepsPerSecond,
                                  "loss_d": lossD, "loss_g": lossG]
        if let gradientPenalty { out["gp"] = gradientPenalty }
        if let r1 { out["r1"] = r1 }
        return out
    }
}

/// Trains a `GANProblem`: per generator update, `criticSteps` critic updates on
/// `Σ_c loss.critic(D_c(real), D_c(G(z))) + λ·GP_c + γ/2·k·R1_c`, then one generator update on
/// `Σ_c loss.generator(D_c(G(z)))` plus the problem's own term (`generateForUpdate`), then the EMA of the generator.
/// Writes a run directory with `config.json`, `metrics.jsonl` and atomic checkpoints from which
/// `resume(from:problem:)` continues bit for bit.
public final class GANTrainer<Problem: GANProblem> {
    public let problem: Problem
    public let config: GANTrainingConfig
    public let runDirectory: URL
    /// Generator updates done.
    public internal(set) var step = 0
    /// The newest checkpoint written or resumed from.
    public internal(set) var lastCheckpoint: URL?

    /// Called before each scheduled checkpoint, at every `evaluateEverySteps`-th step, and before the checkpoint at the
    /// end of the budget (not on a user stop) — for previews and evaluation. Runs with gradient recording off; may switch models to `eval()` (training mode is
    /// restored after it) but must not change weights or buffers. The returned metrics join that step's line of
    /// `metrics.jsonl`. The trainer keeps the closure: use the trainer it is passed rather than capturing one, or
    /// the trainer holds itself and is never freed.
    public var onCheckpoint: ((Int, GANTrainer) throws -> [String: Double])?
    /// Also call `onCheckpoint` every this many steps, between checkpoints (nil: at checkpoints only).
    public var evaluateEverySteps: Int?
    /// Keys of `onCheckpoint`'s metrics that the progress line shows (their latest values).
    public var progressMetrics: [String] = []
    /// Called with every record written to `metrics.jsonl`. The trainer keeps the closure: capture the trainer
    /// `[unowned trainer]` (to call `requestStop()`, say), or it holds itself and is never freed.
    public var onLog: ((TrainingLog) -> Void)?
    /// Where the progress line goes (nil: nowhere). Defaults to standard output.
    public var progress: ProgressDisplay? = .standardOutput()
    /// Whether `run` turns SIGINT/SIGTERM into a graceful stop.
    public var handlesSignals = true

    let directory: RunDirectory
    let domainConfig: String?
    private let generatorParameters: [Parameter]
    private let generatorNames: [(String, Parameter)]
    private let criticParameters: [Parameter]
    private let criticNames: [(String, Parameter)]
    /// Each critic's parameter names (prefixed by its index), in `criticParameters`' order.
    private let criticGroups: [[(String, Parameter)]]
    private let generatorOptimizer: Optimizer
    /// One optimizer per critic, so each can have its own learning rate (`CriticWeighting.learningRateScale`).
    private let criticOptimizers: [Optimizer]
    private let weightings: [CriticWeighting]
    private let ema: ExponentialMovingAverage?
    private let stopRequested = Atomic<Bool>(false)
    private var finishRequested = false
    private var shownMetrics: [(String, Double)] = []

    // Random streams, separate properties so one can be passed `inout` while a closure uses another.
    var dataRandom: SeededGenerator
    var latentRandom: SeededGenerator
    var modelRandom: SeededGenerator
    var penaltyRandom: SeededGenerator

    var elapsedBefore = 0.0
    var accumulator = LossAccumulator()
    private var lastLoss: (d: Float, g: Float) = (0, 0)
    var lastCheckpointStep: Int?
    /// The run directory's lock, held from creation until `run()` returns.
    var lock: RunLock?
    /// The checkpoint a resumed trainer starts from, and the newer ones that failed to verify (shown when `run()`
    /// starts).
    public internal(set) var resumeReport: String?
    private var lastNotifiedStep: Int?

    /// Starts a new run in `runDirectory`, which must be new or empty; the trainer holds the folder's lock (a second
    /// process is refused) until `run()` returns.
    ///
    /// - Parameters:
    ///   - problem: the models and data to train.
    ///   - config: the training recipe and budget.
    ///   - runDirectory: where checkpoints, `metrics.jsonl` and the exported model go.
    ///   - domainConfig: the domain's configuration as JSON, stored in `config.json` and in every checkpoint
    ///     so that a run directory says how to rebuild its problem.
    public convenience init(problem: Problem, config: GANTrainingConfig, runDirectory: URL, domainConfig: Data? = nil)
        throws
    {
        let domain: String?
        do { domain = try domainConfig.map(canonicalJSON) } catch {
            throw TrainingError.invalidConfig(field: "domain config", value: "\(domainConfig?.count ?? 0) bytes",
                                              reason: "not valid JSON")
        }
        try self.init(problem: problem, config: config, run: RunDirectory(url: runDirectory), domainConfig: domain)
        lock = try directory.beginNewRun()
        try directory.writeConfig(config, domain: domain)
        try directory.resetMetrics()
    }

    init(problem: Problem, config: GANTrainingConfig, run: RunDirectory, domainConfig: String?) throws {
        try config.validate()
        guard !problem.critics.isEmpty else { throw TrainingError.invalidProblem("it has no critic") }
        self.problem = problem
        self.config = config
        self.directory = run
        self.runDirectory = run.url
        self.domainConfig = domainConfig
        generatorNames = problem.generator.namedParameters().map { ($0.name, $0.parameter) }
        generatorParameters = generatorNames.map(\.1)
        criticGroups = problem.critics.enumerated().map { i, c in
            c.namedParameters().map { ("\(i).\($0.name)", $0.parameter) }
        }
        criticNames = criticGroups.flatMap { $0 }
        criticParameters = criticNames.map(\.1)
        weightings = try problem.critics.indices.map { c in
            let w = problem.weighting(critic: c)
            try w.validate(critic: c)
            return w
        }
        guard weightings.contains(where: { $0.generatorLoss > 0 }) else {
            throw TrainingError.invalidProblem("every critic has generator loss weight 0: the generator would learn nothing")
        }
        generatorOptimizer = config.generatorOptimizer.makeOptimizer()
        criticOptimizers = weightings.map { w in
            var settings = config.criticOptimizer
            settings.learningRate *= w.learningRateScale
            return settings.makeOptimizer()
        }
        ema = config.emaDecay > 0 ? ExponentialMovingAverage(generatorParameters, decay: config.emaDecay) : nil
        dataRandom = SeededGenerator(seed: config.seed, stream: [0])
        latentRandom = SeededGenerator(seed: config.seed, stream: [1])
        modelRandom = SeededGenerator(seed: config.seed, stream: [2])
        penaltyRandom = SeededGenerator(seed: config.seed, stream: [3])
    }

    /// Asks a running `run()` to stop after the current step (thread-safe; what SIGINT does).
    public func requestStop() { stopRequested.store(true, ordering: .relaxed) }

    /// Ends a running `run()` after the current step as if its budget were reached: with a checkpoint, `onCheckpoint`
    /// and status `.converged`. For a problem's own stopping rule, called from `onCheckpoint` (on the training thread).
    public func finishEarly() { finishRequested = true }

    private var shouldStop: Bool {
        stopRequested.load(ordering: .relaxed) || (handlesSignals && StopSignals.received.load(ordering: .relaxed))
    }

    /// Runs `body` with the generator's parameters replaced by their moving averages (or as they are, when the EMA
    /// is off) and gradient recording off, then restores them.
    public func withAveragedGenerator<R>(_ body: () throws -> R) throws -> R {
        guard let ema else { return try GradientRecording.disabled(body) }
        let saved = generatorParameters.map { $0.value.detached.copied() }
        copy(ema.shadows, into: generatorParameters)
        defer { copy(saved, into: generatorParameters) }
        return try GradientRecording.disabled(body)
    }

    // MARK: - The loop

    /// Trains until the step or time budget is reached or a stop is requested; always ends with a checkpoint.
    /// Throws `TrainingError.nonFiniteLoss` (with nothing written from the bad state) when a loss diverges.
    public func run() throws -> TrainingOutcome {
        let previousHandlers = handlesSignals ? StopSignals.install() : nil
        defer { previousHandlers.map(StopSignals.restore) }
        defer { lock?.release() }
        if let resumeReport { progress?.note(resumeReport) }
        setTrainingMode()
        let clock = Stopwatch()
        let firstStep = step
        var lastCheckpointTime = 0.0
        let status: TrainingOutcome.Status
        defer { progress?.finish() }
        while true {
            let elapsed = elapsedBefore + clock.seconds
            if let max = config.maxSteps, step >= max { status = .reachedStepBudget; break }
            if let minutes = config.maxMinutes, elapsed >= minutes * 60 { status = .reachedTimeBudget; break }
            if shouldStop { status = .stoppedByUser; break }
            if finishRequested { status = .converged; break }

            try trainStep()

            let now = clock.seconds
            let rate = Double(step - firstStep) / max(now, 1e-9)
            let logDue = step % config.logEvery == 0
            let checkpointDue = config.checkpointEverySteps.map { step % $0 == 0 } == true
                || config.checkpointEveryMinutes.map { now - lastCheckpointTime >= $0 * 60 } == true
            let evaluationDue = evaluateEverySteps.map { step % $0 == 0 } == true
            if logDue || checkpointDue || evaluationDue {
                try record(log: logDue, checkpoint: checkpointDue, evaluate: evaluationDue,
                           elapsed: elapsedBefore + now, rate: rate)
                if checkpointDue { lastCheckpointTime = clock.seconds }
            }
            progress?.update(progress(rate: rate, elapsed: elapsedBefore + now), now: now)
        }

        let elapsed = elapsedBefore + clock.seconds
        let rate = Double(step - firstStep) / max(clock.seconds, 1e-9)
        let atCheckpoint = lastCheckpointStep == step
        finishRequested = false
        if status == .stoppedByUser {
            stopRequested.store(false, ordering: .relaxed)
            if !atCheckpoint { try writeCheckpoint(elapsed: elapsed) }
        } else if accumulator.steps > 0 || !atCheckpoint {
            try record(log: accumulator.steps > 0, checkpoint: true, evaluate: false, elapsed: elapsed, rate: rate)
        }
        progress?.update(progress(rate: rate, elapsed: elapsed), now: clock.seconds, force: true)
        return TrainingOutcome(status: status, step: step, elapsedSeconds: elapsed, checkpoint: directory.checkpoints.url(step: step))
    }

    /// Writes a metrics line (the losses accumulated since the last one, when `log`); when `checkpoint` or
    /// `evaluate`, calls `onCheckpoint` (its metrics join the line); when `checkpoint`, writes a checkpoint.
    private func record(log: Bool, checkpoint: Bool, evaluate: Bool, elapsed: Double, rate: Double) throws {
        var line: [String: Any] = ["step": step, "seconds": elapsed]
        if log {
            let entry = accumulator.log(step: step, seconds: elapsed, stepsPerSecond: rate, config: config)
            accumulator = LossAccumulator()
            line = entry.json
            onLog?(entry)
        }
        if checkpoint || evaluate, let onCheckpoint, lastNotifiedStep != step {
            lastNotifiedStep = step
            let extra = try GradientRecording.disabled { try onCheckpoint(step, self) }
            setTrainingMode()  // in case the callback switched models to evaluation mode
            for (key, value) in extra { line[key] = value.isFinite ? value : NSNull() }
            shownMetrics = progressMetrics.compactMap { key in extra[key].map { (key, $0) } }
        }
        if line.count > 2 { try directory.appendMetrics(line) }
        if checkpoint { try writeCheckpoint(elapsed: elapsed) }
    }

    private func setTrainingMode() {
        problem.generator.train()
        for critic in problem.critics { critic.train() }
    }

    private func progress(rate: Double, elapsed: Double) -> TrainingProgress {
        var eta: Double?
        if let max = config.maxSteps, rate > 0 { eta = Double(max - step) / rate }
        if let minutes = config.maxMinutes { eta = Swift.min(eta ?? .infinity, Swift.max(0, minutes * 60 - elapsed)) }
        return TrainingProgress(step: step, totalSteps: config.maxSteps, stepsPerSecond: rate, lossD: lastLoss.d,
                                lossG: lastLoss.g, etaSeconds: eta, metrics: shownMetrics)
    }

    // MARK: - One step

    /// One training step: `criticSteps` critic updates, one generator update, the EMA update. `run()` calls it in
    /// its loop; called directly (benchmarks, custom loops) it writes no log, checkpoint or progress.
    public func trainStep() throws {
        var labels: [Int]?
        for k in 0..<config.criticSteps {
            labels = try criticUpdate(index: step * config.criticSteps + k)
        }
        try generatorUpdate(labels: labels)
        ema?.update(step: step)
        step += 1
        accumulator.steps += 1
    }

    /// One critic update (critic update number `index` of the run); returns the labels of its real batch.
    private func criticUpdate(index: Int) throws -> [Int]? {
        let size = config.batchSize
        let batch = try problem.realBatch(size: size, using: &dataRandom)
        let labels = batch.labels
        let real = batch.data.detached
        try checkBatch(real, labels: labels, what: "realBatch")
        let z = problem.latent(batch: size, labels: labels, using: &latentRandom)
        let fake = try GradientRecording.disabled { try problem.generate(z, labels: labels) }.detached
        guard fake.shape == real.shape else {
            throw TrainingError.invalidProblem("generate returned shape \(fake.shape), real batches have \(real.shape)")
        }

        let lambda = config.gradientPenaltyWeight
        let r1Weight = config.r1Gamma > 0 && index % config.r1Every == 0 ? config.r1Gamma / 2 * Float(config.r1Every) : 0
        var total: Tensor?
        var adversarial: Float = 0, gp: Float = 0, r1: Float = 0
        for c in problem.critics.indices {
            let critic = { (x: Tensor) throws -> Tensor in
                try self.problem.score(critic: c, self.problem.criticInput(critic: c, x), labels: labels,
                                       using: &self.modelRandom)
            }
            // With R1 due, the real scores come from a variable critic input so the penalty reuses their forward pass.
            let realFeatures = try problem.criticInput(critic: c, real).detached
            let realInput = r1Weight > 0 ? realFeatures.variable() : realFeatures
            let (realScores, logits) = try problem.scoreAndClassify(critic: c, realInput, labels: labels,
                                                                   using: &modelRandom)
            let dReal = try checkScores(realScores, critic: c)
            let dFake = try checkScores(critic(fake), critic: c)
            var loss = config.loss.critic(real: dReal, fake: dFake)
            if weightings[c].classifier > 0, let logits, let labels {
                loss = loss + (try checkLogits(logits, labels, critic: c)) * weightings[c].classifier
            }
            if weightings[c].mismatchedLabels > 0, let labels, let (rows, wrong) = Self.mismatched(labels) {
                let input = rows.count == labels.count ? realFeatures : realFeatures.gathered(axis: 0, indices: rows)
                let dWrong = try checkScores(problem.score(critic: c, input, labels: wrong, using: &modelRandom),
                                             critic: c, rows: rows.count)
                loss = loss + config.loss.criticFake(dWrong) * weightings[c].mismatchedLabels
            }
            adversarial += try finite(loss, "critic loss")
            if lambda > 0 {
                let p = try GradientPenalty.wgan(critic: critic, real: real, fake: fake, using: &penaltyRandom)
                gp += try finite(p, "gradient penalty")
                loss = loss + p * lambda
            }
            if r1Weight > 0 && weightings[c].r1Scale > 0 {
                let p = GradientPenalty.r1(scores: dReal, inputs: realInput)
                r1 += try finite(p, "R1 penalty")
                loss = loss + p * (r1Weight * weightings[c].r1Scale)
            }
            total = total.map { $0 + loss } ?? loss
        }
        var grads = gradients(of: total!, with: criticParameters.map(\.value))[...]
        for (group, optimizer) in zip(criticGroups, criticOptimizers) {
            optimizer.update(group.map(\.1), gradients: Array(grads.prefix(group.count)))
            grads = grads.dropFirst(group.count)
        }
        accumulator.add(critic: adversarial, gp: gp, r1: r1Weight > 0 ? r1 : nil)
        lastLoss.d = adversarial
        return labels
    }

    /// Rows of a batch and the labels they get for the matching-aware term: each example takes the next one's label
    /// (cyclically), and rows whose label would not change are left out; nil when no row is left.
    static func mismatched(_ labels: [Int]) -> (rows: [Int], labels: [Int])? {
        let pairs = labels.indices.map { ($0, labels[($0 + 1) % labels.count]) }.filter { labels[$0.0] != $0.1 }
        return pairs.isEmpty ? nil : (pairs.map(\.0), pairs.map(\.1))
    }

    /// One generator update; fakes are conditioned on `labels` (those of the last real batch).
    private func generatorUpdate(labels: [Int]?) throws {
        let z = problem.latent(batch: config.batchSize, labels: labels, using: &latentRandom)
        let (fake, penalty) = try problem.generateForUpdate(z, labels: labels)
        var total = penalty
        for c in problem.critics.indices {
            let input = try problem.criticInput(critic: c, fake)
            let (fakeScores, logits) = try problem.scoreAndClassify(critic: c, input, labels: labels,
                                                                   using: &modelRandom)
            let scores = try checkScores(fakeScores, critic: c)
            if weightings[c].generatorClassifier > 0, let logits, let labels {
                let loss = (try checkLogits(logits, labels, critic: c)) * weightings[c].generatorClassifier
                total = total.map { $0 + loss } ?? loss
            }
            let weight = weightings[c].generatorLoss
            guard weight > 0 else { continue }
            let loss = weight == 1 ? config.loss.generator(fake: scores) : config.loss.generator(fake: scores) * weight
            total = total.map { $0 + loss } ?? loss
        }
        let lossG = try finite(total!, "generator loss")
        let grads = gradients(of: total!, with: generatorParameters.map(\.value))
        generatorOptimizer.update(generatorParameters, gradients: grads)
        accumulator.lossG += Double(lossG)
        lastLoss.g = lossG
    }

    /// The value of a one-element loss; throws `nonFiniteLoss` when it is NaN or infinite.
    private func finite(_ loss: Tensor, _ name: String) throws -> Float {
        let v = loss.item
        guard v.isFinite else {
            throw TrainingError.nonFiniteLoss(step: step + 1, loss: name, value: v, lastCheckpoint: lastCheckpoint?.path)
        }
        return v
    }

    private func checkBatch(_ data: Tensor, labels: [Int]?, what: String) throws {
        guard data.rank >= 1, data.shape[0] == config.batchSize else {
            throw TrainingError.invalidProblem("\(what) returned shape \(data.shape), expected batch size \(config.batchSize) first")
        }
        if let labels, labels.count != config.batchSize {
            throw TrainingError.invalidProblem("\(what) returned \(labels.count) labels for \(config.batchSize) examples")
        }
    }

    private func checkScores(_ scores: Tensor, critic: Int, rows: Int? = nil) throws -> Tensor {
        let rows = rows ?? config.batchSize
        guard scores.count == rows else {
            throw TrainingError.invalidProblem(
                "critic \(critic) returned scores of shape \(scores.shape); expected [\(rows), 1] or [\(rows)]")
        }
        return scores
    }

    /// The cross-entropy of class logits against `labels`; throws `invalidProblem` unless they are `[B, classes]`
    /// with every label below `classes`.
    private func checkLogits(_ logits: Tensor, _ labels: [Int], critic: Int) throws -> Tensor {
        guard logits.rank == 2, logits.shape[0] == labels.count, labels.allSatisfy({ (0..<logits.shape[1]).contains($0) })
        else {
            throw TrainingError.invalidProblem(
                "critic \(critic) returned class logits of shape \(logits.shape) for \(labels.count) labels up to "
                    + "\(labels.max() ?? 0)")
        }
        return logits.crossEntropy(targets: labels)
    }

    // MARK: - Checkpoints

    /// Every tensor of the training state: models, EMA shadows, optimizer moments.
    func stateTensors() -> [(String, Tensor)] {
        var t = CheckpointTensors()
        t.add("generator.", problem.generator.stateDict().map { ($0.name, $0.tensor) })
        for (i, critic) in problem.critics.enumerated() {
            t.add("critics.\(i).", critic.stateDict().map { ($0.name, $0.tensor) })
        }
        if let ema { t.add("ema.", zip(generatorNames, ema.shadows).map { ($0.0.0, $0.1) }) }
        t.add("optimizer.generator.", generatorOptimizer.stateTensors(names: generatorNames))
        for (i, (group, optimizer)) in zip(criticGroups, criticOptimizers).enumerated() {
            t.add(Self.criticOptimizerPrefix(i), optimizer.stateTensors(names: group))
        }
        return t.entries
    }

    /// Restores what `stateTensors` saved.
    func loadState(_ tensors: [String: Tensor]) throws {
        try problem.generator.loadStateDict(CheckpointTensors.group(tensors, "generator."))
        for (i, critic) in problem.critics.enumerated() {
            try critic.loadStateDict(CheckpointTensors.group(tensors, "critics.\(i)."))
        }
        if let ema {
            let saved = CheckpointTensors.group(tensors, "ema.")
            let shadows = try generatorNames.map { name, p in
                guard let t = saved[name], t.shape == p.shape else {
                    throw TensorError.invalidArgument("no EMA tensor of shape \(p.shape) for '\(name)'")
                }
                return t
            }
            copy(shadows, into: ema.shadows)
        }
        try generatorOptimizer.loadState(CheckpointTensors.group(tensors, "optimizer.generator."), names: generatorNames)
        for (i, (group, optimizer)) in zip(criticGroups, criticOptimizers).enumerated() {
            try optimizer.loadState(CheckpointTensors.group(tensors, Self.criticOptimizerPrefix(i)), names: group)
        }
    }

    /// Where critic `i`'s optimizer state sits in a checkpoint (critic 0's where the single critic optimizer of
    /// earlier versions kept its state).
    static func criticOptimizerPrefix(_ i: Int) -> String { i == 0 ? "optimizer.critics." : "optimizer.critics.\(i)." }

    private func writeCheckpoint(elapsed: Double) throws {
        // A finite loss can still give infinite gradients; never save such weights as "good".
        for (name, p) in generatorNames.map({ ("generator." + $0.0, $0.1) }) + criticNames.map({ ("critics." + $0.0, $0.1) }) {
            if let bad = UnsafeBufferPointer(start: p.value.storage.pointer, count: p.value.count).first(where: { !$0.isFinite }) {
                throw TrainingError.nonFiniteLoss(step: step, loss: "weight \(name)", value: bad, lastCheckpoint: lastCheckpoint?.path)
            }
        }
        let metadata = CheckpointMetadata(
            step: step, elapsedSeconds: elapsed, config: config, domainConfig: domainConfig,
            random: [dataRandom, latentRandom, modelRandom, penaltyRandom], accumulator: accumulator,
            problemState: problem.checkpointState())
        lastCheckpoint = try directory.checkpoints.write(
            step: step, tensors: stateTensors(), metadata: try metadata.encoded(), keep: config.keepCheckpoints)
        lastCheckpointStep = step
    }
}

/// Copies values element by element (same shapes, checked by the callers).
private func copy(_ source: [Tensor], into target: [Parameter]) {
    copy(source, into: target.map(\.value))
}

private func copy(_ source: [Tensor], into target: [Tensor]) {
    for (s, t) in zip(source, target) { t.storage.pointer.update(from: s.storage.pointer, count: t.count) }
}

/// Monotonic seconds since creation.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
