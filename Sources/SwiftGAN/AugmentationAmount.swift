/// How many new examples GAN augmentation adds to each class (`SeriesSynthesizer.augment`,
/// `AudioSynthesizer.augment`).
public enum AugmentationAmount: Sendable, Equatable {
    /// `k` × the class's own count (what `k` classic copies of every example add).
    case copies(Int)
    /// `n` examples per class.
    case perClass(Int)

    /// Examples to add to a class of `count`.
    public func added(to count: Int) -> Int {
        switch self {
        case .copies(let k): return k * count
        case .perClass(let n): return n
        }
    }

    /// Why this amount cannot be used, or nil.
    var problem: String? {
        switch self {
        case .copies(let k) where !(1...1000).contains(k):
            return "augmentation adds 1 to 1000 copies of each example, not \(k)"
        case .perClass(let n) where !(1...10_000_000).contains(n):
            return "augmentation adds 1 to 10 000 000 examples per class, not \(n)"
        default:
            return nil
        }
    }
}
