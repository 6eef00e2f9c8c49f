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
///
/// Under `mpirun -np N`, the trainer is data-parallel: every process draws each global batch (and every latent and
/// penalty weight) from the same seeded streams, keeps its own contiguous rows (`BatchSplit`), weights its losses by
/// its share of the batch and sums gradients with the others' (`MPI_Allreduce`) before each optimizer step, so every
/// process takes the step one process would take on the whole batch, to float rounding. Process 0 leads: it alone
/// writes the run directory, shows progress and calls `onCheckpoint`; every process stops at the same step.
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
    /// Factor on every optimizer's configured learning rate (1: as configured). A problem's schedule (e.g. a drop
    /// when a quality estimate stops improving) sets it between steps; it is not stored in checkpoints, so a
    /// resumed run sets it again from what its schedule saw.
    public var learningRateScale: Float = 1 {
        didSet {
            generatorOptimizer.learningRate = config.generatorOptimizer.learningRate * learningRateScale
            for (optimizer, w) in zip(criticOptimizers, weightings) {
                optimizer.learningRate = config.criticOptimizer.learningRate * w.learningRateScale * learningRateScale
            }
        }
    }

    let directory: RunDirectory
    let domainConfig: String?
    /// The other processes of a data-parallel job (nil: this process trains alone).
    let world: MPIWorld?
    /// This process's rows of each global batch (all of them when alone).
    let rows: Range<Int>
    /// Gradients and loss values on their way through `MPI_Allreduce`, sized for the larger parameter set.
    private var reduction: [Float] = []
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
        guard leads else { return }
        lock = try directory.beginNewRun()
        try directory.writeConfig(config, domain: domain)
        try directory.resetMetrics()
    }

    init(problem: Problem, config: GANTrainingConfig, run: RunDirectory, domainConfig: String?) throws {
        try config.validate()
        guard !problem.critics.isEmpty else { throw TrainingError.invalidProblem("it has no critic") }
        world = try Self.dataParallelWorld()
        if let world {
            guard config.batchSize >= world.size else {
                throw TrainingError.invalidConfig(
                    field: "batchSize", value: "\(config.batchSize)",
                    reason: "the job's \(world.size) processes share out each batch and each needs at least one "
                        + "example of it (a table's example is a group of pac rows); use a larger batch or fewer processes")
            }
            rows = BatchSplit.rows(of: config.batchSize, rank: world.rank, size: world.size)
        } else {
            rows = 0..<config.batchSize
        }
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

    /// The job this process trains in, when `mpirun` started it with more than one process.
    static func dataParallelWorld() throws -> MPIWorld? {
        try MPIWorld.joined().flatMap { $0.size > 1 ? $0 : nil }
    }

    /// Whether this process leads the run: writes its files, shows progress and calls `onCheckpoint` (process 0 of a
    /// data-parallel job, or the only one).
    public var leads: Bool { (world?.rank ?? 0) == 0 }

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
        if !leads { progress = nil }
        if let resumeReport { progress?.note(resumeReport) }
        try checkProcessesAgree(starting: true)
        setTrainingMode()
        let clock = Stopwatch()
        let firstStep = step
        var lastCheckpointTime = 0.0
        let status: TrainingOutcome.Status
        defer { progress?.finish() }
        while true {
            let elapsed = elapsedBefore + clock.seconds
            if let max = config.maxSteps, step >= max { status = .reachedStepBudget; break }
            // Every process must stop at the same step: a reason any of them has counts for all.
            let votes = try agree([config.maxMinutes.map { elapsed >= $0 * 60 } ?? false, shouldStop, finishRequested])
            if votes[0] { status = .reachedTimeBudget; break }
            if votes[1] { status = .stoppedByUser; break }
            if votes[2] { status = .converged; break }

            try trainStep()

            let now = clock.seconds
            let rate = Double(step - firstStep) / max(now, 1e-9)
            let logDue = step % config.logEvery == 0
            if logDue { try checkProcessesAgree(starting: false) }
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
        guard leads else {
            if log { accumulator = LossAccumulator() }
            return
        }
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
        let split = world.map { world in
            BatchSplit(rows: rows, total: config.batchSize) { buffer in
                do { try world.allReduceSum(buffer) } catch { fatalError("\(error)") }
            }
        }
        try BatchSplit.$current.withValue(split) {
            var labels: [Int]?
            for k in 0..<config.criticSteps {
                labels = try criticUpdate(index: step * config.criticSteps + k)
            }
            try generatorUpdate(labels: labels)
        }
        ema?.update(step: step)
        step += 1
        accumulator.steps += 1
    }

    /// One critic update (critic update number `index` of the run); returns the labels of its real batch (the whole
    /// batch's, in a data-parallel job).
    private func criticUpdate(index: Int) throws -> [Int]? {
        let size = config.batchSize
        let batch = try problem.realBatch(size: size, using: &dataRandom)
        try checkBatch(batch.data, labels: batch.labels, what: "realBatch")
        let z = problem.latent(batch: size, labels: batch.labels, using: &latentRandom)
        let real = mine(batch.data).detached, labels = batch.labels.map { Array($0[rows]) }
        let fake = try GradientRecording.disabled { try problem.generate(mine(z), labels: labels) }.detached
        guard fake.shape == real.shape else {
            throw TrainingError.invalidProblem("generate returned shape \(fake.shape), real batches have \(real.shape)")
        }
        // Every term but the matching-aware one is a mean over this process's rows: weighted by their share of the
        // batch, the processes' terms add up to the mean over the whole batch.
        let share = Float(rows.count) / Float(size)
        let mismatch = batch.labels.flatMap(mismatchWeights)

        let lambda = config.gradientPenaltyWeight
        let r1Weight = config.r1Gamma > 0 && index % config.r1Every == 0 ? config.r1Gamma / 2 * Float(config.r1Every) : 0
        var total: Tensor?
        var adversarial: Tensor?, gp: Tensor?, r1: Tensor?
        func add(_ term: Tensor, to sum: inout Tensor?) { sum = sum.map { $0 + term } ?? term }
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
            loss = scaled(loss, share)
            if weightings[c].mismatchedLabels > 0, let (wrong, weights) = mismatch {
                let dWrong = try checkScores(problem.score(critic: c, realFeatures, labels: wrong, using: &modelRandom),
                                             critic: c)
                let w = weights.reshaped(dWrong.shape)
                loss = loss + config.loss.criticFake(dWrong, weights: w) * weightings[c].mismatchedLabels
            }
            add(loss.detached, to: &adversarial)
            if lambda > 0 {
                let p = scaled(try GradientPenalty.wgan(critic: critic, real: real, fake: fake, using: &penaltyRandom), share)
                add(p.detached, to: &gp)
                loss = loss + p * lambda
            }
            if r1Weight > 0 && weightings[c].r1Scale > 0 {
                let p = scaled(GradientPenalty.r1(scores: dReal, inputs: realInput), share)
                add(p.detached, to: &r1)
                loss = loss + p * (r1Weight * weightings[c].r1Scale)
            }
            add(loss, to: &total)
        }
        var grads = gradients(of: total!, with: criticParameters.map(\.value))
        let values = try sumOverProcesses(&grads, [adversarial!.item, gp?.item ?? 0, r1?.item ?? 0])
        let lossD = try finite(values[0], "critic loss")
        if lambda > 0 { _ = try finite(values[1], "gradient penalty") }
        if r1 != nil { _ = try finite(values[2], "R1 penalty") }
        var remaining = grads[...]
        for (group, optimizer) in zip(criticGroups, criticOptimizers) {
            optimizer.update(group.map(\.1), gradients: Array(remaining.prefix(group.count)))
            remaining = remaining.dropFirst(group.count)
        }
        accumulator.add(critic: lossD, gp: values[1], r1: r1Weight > 0 ? values[2] : nil)
        lastLoss.d = lossD
        return batch.labels
    }

    /// The labels of the matching-aware term for this process's rows of a batch labelled `labels` (each example takes
    /// the next one's label, cyclically) and each row's weight in the term: 1/M for the M examples of the batch whose
    /// label changes, 0 for the others; nil when no label changes.
    func mismatchWeights(_ labels: [Int]) -> (labels: [Int], weights: Tensor)? {
        let next = labels.indices.map { labels[($0 + 1) % labels.count] }
        let changed = labels.indices.filter { labels[$0] != next[$0] }.count
        guard changed > 0 else { return nil }
        let weights = Tensor(uninitialized: [rows.count])
        for (i, b) in rows.enumerated() { weights.storage.pointer[i] = labels[b] != next[b] ? 1 / Float(changed) : 0 }
        return (Array(next[rows]), weights)
    }

    /// One generator update; fakes are conditioned on `labels` (the last real batch's, whole).
    private func generatorUpdate(labels batchLabels: [Int]?) throws {
        let z = problem.latent(batch: config.batchSize, labels: batchLabels, using: &latentRandom)
        let labels = batchLabels.map { Array($0[rows]) }
        let (fake, penalty) = try problem.generateForUpdate(mine(z), labels: labels)
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
        let loss = scaled(total!, Float(rows.count) / Float(config.batchSize))
        var grads = gradients(of: loss, with: generatorParameters.map(\.value))
        let lossG = try finite(try sumOverProcesses(&grads, [loss.item])[0], "generator loss")
        generatorOptimizer.update(generatorParameters, gradients: grads)
        accumulator.lossG += Double(lossG)
        lastLoss.g = lossG
    }

    // MARK: - Data parallelism

    /// This process's rows of a global batch (`x` itself when alone).
    private func mine(_ x: Tensor) -> Tensor {
        world == nil ? x : x.sliced(axis: 0, rows)
    }

    /// `x · share`, or `x` when the share is the whole batch.
    private func scaled(_ x: Tensor, _ share: Float) -> Tensor { share == 1 ? x : x * share }

    /// Sums `gradients` (in place) and `values` over the job's processes, so every process holds the gradients of the
    /// whole batch's loss; returns the summed values. Alone, returns `values`.
    private func sumOverProcesses(_ gradients: inout [Tensor], _ values: [Float]) throws -> [Float] {
        guard let world else { return values }
        let count = gradients.reduce(values.count) { $0 + $1.count }
        if reduction.count < count { reduction = [Float](repeating: 0, count: count) }
        return try reduction.withUnsafeMutableBufferPointer { buffer in
            var at = 0
            for g in gradients {
                (buffer.baseAddress! + at).update(from: g.storage.pointer, count: g.count)
                at += g.count
            }
            for (i, v) in values.enumerated() { buffer[at + i] = v }
            try world.allReduceSum(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
            at = 0
            // Fresh tensors: a backward rule may hand one gradient tensor to several parameters.
            gradients = gradients.map { g in
                let summed = Tensor(uninitialized: g.shape)
                summed.storage.pointer.update(from: buffer.baseAddress! + at, count: g.count)
                at += g.count
                return summed
            }
            return Array(buffer[at..<(at + values.count)])
        }
    }

    /// Whether any process of the job says yes, for each flag (the flags themselves when alone).
    private func agree(_ flags: [Bool]) throws -> [Bool] {
        guard let world else { return flags }
        var votes = flags.map { $0 ? Float(1) : 0 }
        try votes.withUnsafeMutableBufferPointer { try world.allReduceSum($0) }
        return votes.map { $0 > 0 }
    }

    /// Checks that every process of the job holds the same step and weights: at the start (a process that resumed
    /// from another checkpoint, or another program, would train something else) and at every log step (an MPI library
    /// whose sums differed between processes would let them drift apart).
    private func checkProcessesAgree(starting: Bool) throws {
        guard let world else { return }
        let weights = (generatorParameters + criticParameters).reduce(0.0) { sum, p in
            UnsafeBufferPointer(start: p.value.storage.pointer, count: p.value.count).reduce(sum) { $0 + Double($1) }
        }
        let mine = [Double(step), weights]
        var lead = world.rank == 0 ? mine : [0, 0]
        try lead.withUnsafeMutableBufferPointer { try world.allReduceSum($0) }
        var differing = [mine == lead ? 0.0 : 1.0]
        try differing.withUnsafeMutableBufferPointer { try world.allReduceSum($0) }
        guard differing[0] == 0 else {
            throw TrainingError.invalidProblem(starting
                ? "the \(world.size) processes of the job do not start from the same step and weights (\(Int(differing[0])) "
                    + "differ from process 0); give every process the same data, options and run folder"
                : "the weights of \(Int(differing[0])) of the job's \(world.size) processes drifted from process 0's by step "
                    + "\(step) (their MPI sums differ); resume the run from its last checkpoint")
        }
    }

    /// `v`, a loss value; throws `nonFiniteLoss` when it is NaN or infinite.
    private func finite(_ v: Float, _ name: String) throws -> Float {
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

    private func checkScores(_ scores: Tensor, critic: Int) throws -> Tensor {
        guard scores.count == rows.count else {
            throw TrainingError.invalidProblem(
                "critic \(critic) returned scores of shape \(scores.shape); expected [\(rows.count), 1] or [\(rows.count)]")
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
        guard leads else { return }
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
