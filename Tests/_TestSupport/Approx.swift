/// Largest absolute difference between two equally long arrays.
public func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "length \(a.count) vs \(b.count)")
    var m: Float = 0
    for i in a.indices { m = max(m, abs(a[i] - b[i])) }
    return m
}

/// True when every element agrees within `atol + rtol * |b|`.
public func allClose(_ a: [Float], _ b: [Float], atol: Float = 1e-5, rtol: Float = 1e-4) -> Bool {
    guard a.count == b.count else { return false }
    for i in a.indices where !(abs(a[i] - b[i]) <= atol + rtol * abs(b[i])) { return false }
    return true
}
