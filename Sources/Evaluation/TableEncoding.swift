import Tabular

/// Turns table rows into numeric features as SDMetrics' HyperTransformer does: a number stays a number (missing
/// filled with the fitted mean), a category becomes a one-hot over the fitted levels, plus a slot for missing when
/// the fitted column had missing values; a level not seen when fitting encodes as all zeros.
struct TableFeatureEncoder {
    enum Feature {
        case number(column: Int, mean: Double)
        case oneHot(column: Int, levels: [String], missingSlot: Bool)
    }

    let features: [Feature]
    let width: Int

    /// Fits to `table`, leaving out the columns in `excluding`.
    init(fitting table: Table, excluding: Set<Int> = []) {
        var features: [Feature] = []
        var width = 0
        for (c, column) in table.columns.enumerated() where !excluding.contains(c) {
            if let v = column.numbers {
                let present = v.filter { !$0.isNaN }
                features.append(.number(column: c, mean: present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)))
                width += 1
            } else {
                let (codes, levels) = column.categories!
                let used = Set(codes.filter { $0 >= 0 }).sorted().map { levels[$0] }
                let missing = codes.contains { $0 < 0 }
                features.append(.oneHot(column: c, levels: used, missingSlot: missing))
                width += used.count + (missing ? 1 : 0)
            }
        }
        self.features = features
        self.width = width
    }

    /// The features [rows, width] of `table` (same columns as the fitted table).
    func encode(_ table: Table) -> [Double] {
        let n = table.rowCount
        var out = [Double](repeating: 0, count: n * width)
        var offset = 0
        for f in features {
            switch f {
            case .number(let c, let mean):
                let v = table.columns[c].numbers ?? []
                for i in 0..<n { out[i * width + offset] = v.isEmpty || v[i].isNaN ? mean : v[i] }
                offset += 1
            case .oneHot(let c, let levels, let missingSlot):
                let (codes, tableLevels) = table.columns[c].categories ?? ([], [])
                let position = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
                let map = tableLevels.map { position[$0] }
                for i in 0..<n where i < codes.count {
                    if codes[i] < 0 {
                        if missingSlot { out[i * width + offset + levels.count] = 1 }
                    } else if let p = map[codes[i]] {
                        out[i * width + offset + p] = 1
                    }
                }
                offset += levels.count + (missingSlot ? 1 : 0)
            }
        }
        return out
    }
}
