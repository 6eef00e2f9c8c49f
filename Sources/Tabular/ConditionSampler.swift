import TensorCore

/// A batch of CTGAN conditions: which discrete column and category each row is conditioned on.
public struct ConditionBatch: Sendable {
    /// One-hot conditional vectors [B, conditionWidth].
    public var vectors: [Float]
    /// One-hot of the chosen discrete column [B, discreteColumns.count] (CTGAN's mask for the conditional loss).
    public var mask: [Float]
    /// Index into `DataTransformer.discreteColumns` per row.
    public var columns: [Int]
    /// Category within that column per row.
    public var categories: [Int]
}

/// CTGAN's conditional vector and training-by-sampling: pick a discrete column uniformly, a category by its
/// log-frequency, and then a real row with that category, so rare categories are seen in training.
public struct ConditionSampler: Sendable {
    public let discreteColumns: [DiscreteColumnInfo]
    public let conditionWidth: Int
    /// Real rows per (discrete column, category), when built with a table.
    let rowsByCategory: [[[Int]]]

    /// A sampler for generation only (no real rows).
    public init(transformer: DataTransformer) {
        self.init(transformer: transformer, rows: [])
    }

    /// A sampler that can also pick real rows of `table` (the table the transform was fitted to).
    public init(transformer: DataTransformer, table: Table) throws {
        self.init(transformer: transformer, rows: try Self.index(transformer, table))
    }

    private init(transformer: DataTransformer, rows: [[[Int]]]) {
        discreteColumns = transformer.discreteColumns
        conditionWidth = transformer.conditionWidth
        rowsByCategory = rows
    }

    static func index(_ transformer: DataTransformer, _ table: Table) throws -> [[[Int]]] {
        try transformer.discreteColumns.map { info in
            guard case .discrete(let t) = transformer.columns[info.column], info.column < table.columns.count,
                  table.columns[info.column].name == info.name else {
                throw TableError.shapeMismatch("the table does not have the columns the transform was fitted to")
            }
            let (codes, levels) = DataTransformer.discreteCodes(table.columns[info.column])
            var position: [String: Int] = [:]
            for (i, l) in t.levels.enumerated() { position[l] = i }
            var rows = [[Int]](repeating: [], count: info.width)
            for (r, code) in codes.enumerated() {
                if code < 0 {
                    if t.hasMissing { rows[t.levels.count].append(r) }
                } else if let p = position[levels[code]] {
                    rows[p].append(r)
                }
            }
            return rows
        }
    }

    /// CTGAN's `sample_condvec`: for each of `batch` rows a uniform discrete column and a category drawn from its
    /// log-frequency probabilities. Nil when the table has no discrete column.
    public func sampleTraining<G: RandomNumberGenerator>(batch: Int, using rng: inout G) -> ConditionBatch? {
        guard !discreteColumns.isEmpty else { return nil }
        let n = discreteColumns.count
        var out = ConditionBatch(vectors: [Float](repeating: 0, count: batch * conditionWidth),
                                 mask: [Float](repeating: 0, count: batch * n), columns: [], categories: [])
        for b in 0..<batch {
            let c = Int(rng.next() % UInt64(n))
            let info = discreteColumns[c]
            let category = rng.index(weights: info.logFrequencyProbabilities)
            out.vectors[b * conditionWidth + info.conditionOffset + category] = 1
            out.mask[b * n + c] = 1
            out.columns.append(c)
            out.categories.append(category)
        }
        return out
    }

    /// CTGAN's `sample_original_condvec`: conditions for generation, a category drawn over all discrete columns'
    /// categories at once by their log-frequency probabilities. Nil when the table has no discrete column.
    public func sampleGeneration<G: RandomNumberGenerator>(batch: Int, using rng: inout G) -> [Float]? {
        guard !discreteColumns.isEmpty else { return nil }
        let flat = discreteColumns.flatMap(\.logFrequencyProbabilities)
        var vectors = [Float](repeating: 0, count: batch * conditionWidth)
        for b in 0..<batch { vectors[b * conditionWidth + rng.index(weights: flat)] = 1 }
        return vectors
    }

    /// A real row holding `category` in discrete column `column` (indices as in `ConditionBatch`), drawn uniformly;
    /// nil when the sampler was built without a table or no row has that category.
    public func sampleRow<G: RandomNumberGenerator>(column: Int, category: Int, using rng: inout G) -> Int? {
        guard column < rowsByCategory.count, category < rowsByCategory[column].count else { return nil }
        let rows = rowsByCategory[column][category]
        return rows.isEmpty ? nil : rows[Int(rng.next() % UInt64(rows.count))]
    }

    /// The conditional vector that asks for `value` (nil = missing) in the discrete column `name`.
    public func condition(column name: String, value: String?, transformer: DataTransformer) throws -> [Float] {
        guard let info = discreteColumns.first(where: { $0.name == name }),
              case .discrete(let t) = transformer.columns[info.column] else {
            throw TableError.unknownColumn(name: name, available: discreteColumns.map(\.name))
        }
        let category: Int
        if let value {
            guard let i = t.levels.firstIndex(of: value) else {
                throw TableError.wrongColumnKind(column: name, reason: "has no category '\(value)'; it has "
                    + t.levels.prefix(20).joined(separator: ", "))
            }
            category = i
        } else {
            guard t.hasMissing else {
                throw TableError.wrongColumnKind(column: name, reason: "had no missing values when fitted")
            }
            category = t.levels.count
        }
        var v = [Float](repeating: 0, count: conditionWidth)
        v[info.conditionOffset + category] = 1
        return v
    }
}
