/// Mean and population standard deviation.
public func meanAndStd(_ x: [Double]) -> (mean: Double, std: Double) {
    let mean = x.reduce(0, +) / Double(x.count)
    let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
    return (mean, variance.squareRoot())
}
