// swift-tools-version:6.0
import PackageDescription

// MARK: - Settings

/// Numeric targets are always optimised: a debug build of the hot loops is 50x slower and makes tests crawl (Swift 5
/// mode: parallel loops share raw pointers across threads by design). On x86-64 they may use AVX2 and FMA
/// (the Haswell level, every x86 server CPU since 2013): the direct convolution loops run 1.4–2.7x faster than on the SSE2
/// baseline.
#if arch(x86_64)
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-target-cpu", "haswell"])]
#else
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"])]
#endif

// MARK: - Package

let package = Package(
    name: "SwiftGAN",
    products: [
        .library(name: "SwiftGAN", targets: ["SwiftGAN"]),
        .executable(name: "swiftgan", targets: ["swiftgan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: C libraries (each imported by exactly one Swift target)
        .target(name: "COpenBLAS", cSettings: [.unsafeFlags(["-O2"])], linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(name: "CFFTW"),
        .systemLibrary(name: "CSndFile"),

        // MARK: Engine
        .target(name: "TensorCore", dependencies: ["COpenBLAS"], swiftSettings: fast),
        .target(name: "NN", dependencies: ["TensorCore"], swiftSettings: fast),
        .target(name: "Training", dependencies: ["NN", "TensorCore"], swiftSettings: fast),

        // MARK: Data layers
        .target(name: "TimeSeries", dependencies: ["TensorCore"], swiftSettings: fast),
        .target(name: "DSP", dependencies: ["TensorCore", "CFFTW"], swiftSettings: fast),
        .target(name: "AudioIO", dependencies: ["TensorCore", "DSP", "CSndFile"], swiftSettings: fast),
        .target(name: "Tabular", dependencies: ["TensorCore"], swiftSettings: fast),

        // MARK: Domains
        .target(name: "Models", dependencies: ["NN", "DSP", "TensorCore"], swiftSettings: fast),
        .target(
            name: "Evaluation", dependencies: ["TensorCore", "NN", "DSP", "Tabular", "TimeSeries"], swiftSettings: fast),
        .target(
            name: "Reports", dependencies: ["DSP", "AudioIO", "Tabular", "TimeSeries", "Evaluation", "Training", "NN"],
            swiftSettings: fast),

        // MARK: Library and tool
        .target(
            name: "SwiftGAN",
            dependencies: ["TensorCore", "NN", "Training", "TimeSeries", "DSP", "AudioIO", "Tabular", "Models",
                           "Evaluation", "Reports"],
            swiftSettings: fast),
        .executableTarget(
            name: "swiftgan",
            dependencies: ["SwiftGAN", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // MARK: Tests
        .target(name: "_TestSupport", dependencies: ["TensorCore"], path: "Tests/_TestSupport"),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "_TestSupport"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "_TestSupport"]),
        .testTarget(name: "TimeSeriesTests", dependencies: ["TimeSeries", "_TestSupport"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "_TestSupport"]),
        .testTarget(name: "DSPTests", dependencies: ["DSP", "_TestSupport"], swiftSettings: fast),
        .testTarget(name: "AudioIOTests", dependencies: ["AudioIO", "DSP", "_TestSupport"], swiftSettings: fast),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "NN", "_TestSupport"]),
        .testTarget(name: "SwiftGANTests", dependencies: ["SwiftGAN", "_TestSupport"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular", "_TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "_TestSupport"]),
        .testTarget(
            name: "EvaluationTests", dependencies: ["Evaluation", "Tabular", "TimeSeries", "TensorCore", "_TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
