import Testing
import _TestSupport
@testable import Models
@testable import SwiftGAN
@testable import Tabular

/// The conditions of the critic's fakes against those of its real batch (CTGAN's pairing).
@Suite struct TableConditionPairingTests {
    static func problem(pac: Int) throws -> TableGANProblem {
        let table = try TableSynthesizerTests.toyTable(rows: 200)
        var g = SeededGenerator(seed: 4)
        let t = try DataTransformer.fit(table, using: &g)
        var gan = TableGANConfig()
        gan.spans = TableModelConfig.spans(of: t)
        gan.conditionWidth = t.conditionWidth
        gan.latentDimension = 4
        gan.generatorLayers = [8]
        gan.criticLayers = [8]
        gan.pac = pac
        let model = TableModelConfig(
            gan: gan, target: nil,
            conditionColumnWeights: TableConditioning.columnWeights(t.discreteColumns, target: nil, targetShare: 0.5),
            identifiers: [])
        return try TableGANProblem(config: model, transformer: t, table: table, data: try t.transform(table, using: &g),
                                   seed: 1)
    }

    /// Each row's condition index: the one-hot at `offset..<offset + width` of rows `width`… apart.
    static func conditions(_ x: Tensor, offset: Int, width: Int) -> [Int] {
        let rowWidth = x.shape[2], v = x.scalars
        return (0..<(x.shape[0] * x.shape[1])).map { r in
            let slots = (0..<width).filter { v[r * rowWidth + offset + $0] == 1 }
            return slots.count == 1 ? slots[0] : -1
        }
    }

    @Test func theCriticsFakesTakeTheRealRowsConditionsInAnotherOrderAndTheGeneratorsDrawTheirOwn() throws {
        let p = try Self.problem(pac: 2)
        let c = p.synthesizer.conditioning.width, z = p.gan.latentDimension
        #expect(c == 6)  // color: red, blue, green; size: S, L, missing
        var g = SeededGenerator(seed: 9)
        let real = try p.realBatch(size: 40, using: &g)
        let realConditions = Self.conditions(real.data, offset: real.data.shape[2] - c, width: c)
        #expect(!realConditions.contains(-1) && Set(realConditions).count == c)
        let critics = Self.conditions(p.latent(batch: 40, labels: nil, using: &g), offset: z, width: c)
        #expect(critics.sorted() == realConditions.sorted() && critics != realConditions)
        // The generator's update (a latent batch without a real one before it) draws fresh conditions.
        let generators = Self.conditions(p.latent(batch: 40, labels: nil, using: &g), offset: z, width: c)
        #expect(!generators.contains(-1) && generators.sorted() != realConditions.sorted())
        // A latent batch of another size than the real one is not paired with it.
        _ = try p.realBatch(size: 40, using: &g)
        let other = Self.conditions(p.latent(batch: 20, labels: nil, using: &g), offset: z, width: c)
        #expect(other.count == 40 && !other.contains(-1))
    }
}
