/// SwiftGAN's version, written into model files.
public enum SwiftGANVersion {
    public static let current = "0.1.0"
}
