import Tabular

/// Puts two tables on common ground: the synthetic columns in the real table's order, and every discrete column of
/// both tables coded over the same levels (the real levels first, then levels only the synthetic table has).
enum TableAlignment {
    static func align(real: Table, synthetic: Table) throws -> (real: Table, synthetic: Table) {
        guard real.rowCount > 0 else { throw TableMetricError.emptyTable("real") }
        guard synthetic.rowCount > 0 else { throw TableMetricError.emptyTable("synthetic") }
        let onlyReal = real.columnNames.filter { !synthetic.columnNames.contains($0) }
        let onlySynthetic = synthetic.columnNames.filter { !real.columnNames.contains($0) }
        guard onlyReal.isEmpty, onlySynthetic.isEmpty else {
            throw TableMetricError.mismatchedColumns(onlyReal: onlyReal, onlySynthetic: onlySynthetic)
        }
        var r: [Column] = [], s: [Column] = []
        for a in real.columns {
            let b = try synthetic.column(a.name)
            guard a.isNumeric == b.isNumeric else {
                throw TableMetricError.kindMismatch(column: a.name, real: a.kind, synthetic: b.kind)
            }
            if let (codesA, levelsA) = a.categories, let (codesB, levelsB) = b.categories {
                var levels = levelsA
                var position = Dictionary(uniqueKeysWithValues: levelsA.enumerated().map { ($1, $0) })
                let map = levelsB.map { l -> Int in
                    if let p = position[l] { return p }
                    levels.append(l)
                    position[l] = levels.count - 1
                    return levels.count - 1
                }
                r.append(Column(name: a.name, kind: a.kind, codes: codesA, levels: levels))
                s.append(Column(name: a.name, kind: a.kind, codes: codesB.map { $0 < 0 ? -1 : map[$0] }, levels: levels))
            } else {
                r.append(a)
                s.append(b)
            }
        }
        return (try Table(columns: r), try Table(columns: s))
    }
}
