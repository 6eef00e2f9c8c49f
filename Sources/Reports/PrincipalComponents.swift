/// The first two principal components of a set of vectors, for PCA maps: power iteration with deflation on the
/// covariance, which needs no linear-algebra library at the sizes reports draw (a few hundred dimensions).
struct PrincipalComponents {
    let mean: [Double]
    /// Two unit vectors, the directions of largest and second-largest variance.
    let axes: [[Double]]
    /// The share of the total variance each axis explains.
    let explained: [Double]

    /// Fits on `rows` vectors of `dimension` values (`[rows, dimension]`).
    init(_ values: [Double], dimension d: Int) {
        let count = max(values.count / d, 1)
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<(values.count / d) { for j in 0..<d { mean[j] += values[r * d + j] / Double(count) } }
        var cov = [Double](repeating: 0, count: d * d)  // [d, d]
        var centred = [Double](repeating: 0, count: d)
        for r in 0..<(values.count / d) {
            for j in 0..<d { centred[j] = values[r * d + j] - mean[j] }
            for i in 0..<d where centred[i] != 0 {
                let ci = centred[i] / Double(count)
                for j in i..<d { cov[i * d + j] += ci * centred[j] }
            }
        }
        for i in 0..<d { for j in 0..<i { cov[i * d + j] = cov[j * d + i] } }
        let total = (0..<d).reduce(0.0) { $0 + cov[$1 * d + $1] }
        var axes: [[Double]] = [], explained: [Double] = []
        for k in 0..<2 {
            var v = (0..<d).map { 1 + 0.01 * Double(($0 * 7 + k * 3) % 11) }
            var lambda = 0.0
            for _ in 0..<200 {
                var w = [Double](repeating: 0, count: d)
                for i in 0..<d { for j in 0..<d { w[i] += cov[i * d + j] * v[j] } }
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0 else { break }
                lambda = norm
                v = w.map { $0 / norm }
            }
            axes.append(v)
            explained.append(total > 0 ? lambda / total : 0)
            for i in 0..<d { for j in 0..<d { cov[i * d + j] -= lambda * v[i] * v[j] } }  // deflate
        }
        self.mean = mean
        self.axes = axes
        self.explained = explained
    }

    /// The coordinates of each row of `values` on the two axes.
    func project(_ values: [Double], dimension d: Int) -> [(x: Double, y: Double)] {
        (0..<(values.count / d)).map { r in
            var p = (x: 0.0, y: 0.0)
            for j in 0..<d {
                let c = values[r * d + j] - mean[j]
                p.x += c * axes[0][j]
                p.y += c * axes[1][j]
            }
            return p
        }
    }
}
