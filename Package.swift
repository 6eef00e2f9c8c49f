// swift-tools-version:6.0
import PackageDescription

// Numeric code relies on release builds (`swift build -c release`; `make test` builds the tests in release too): no
// unsafe flags, so packages that depend on SwiftGAN by version can build it. Instruction sets beyond the baseline are
// chosen at run time (OpenBLAS's kernels), never at compile time.

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
        .target(name: "COpenBLAS", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CMPI", linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(name: "CFFTW"),
        .systemLibrary(name: "CSndFile"),

        // MARK: Engine
        .target(name: "TensorCore", dependencies: ["COpenBLAS"]),
        .target(name: "NN", dependencies: ["TensorCore"]),
        .target(name: "Training", dependencies: ["NN", "TensorCore", "CMPI"]),

        // MARK: Data layers
        .target(name: "TimeSeries", dependencies: ["TensorCore"]),
        .target(name: "DSP", dependencies: ["TensorCore", "CFFTW"]),
        .target(name: "AudioIO", dependencies: ["TensorCore", "DSP", "CSndFile"]),
        .target(name: "Tabular", dependencies: ["TensorCore"]),

        // MARK: Domains
        .target(name: "Models", dependencies: ["NN", "DSP", "TensorCore"]),
        .target(
            name: "Evaluation", dependencies: ["TensorCore", "NN", "DSP", "Tabular", "TimeSeries"]),
        .target(
            name: "Reports",
            dependencies: ["TensorCore", "DSP", "AudioIO", "Tabular", "TimeSeries", "Evaluation", "Training"]),

        // MARK: Library and tool
        .target(
            name: "SwiftGAN",
            dependencies: ["TensorCore", "NN", "Training", "TimeSeries", "DSP", "AudioIO", "Tabular", "Models",
                           "Evaluation", "Reports"]),
        .executableTarget(
            name: "swiftgan",
            dependencies: ["SwiftGAN", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // MARK: Tests
        .target(name: "_TestSupport", dependencies: ["TensorCore"], path: "Tests/_TestSupport"),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "_TestSupport"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "_TestSupport"]),
        .testTarget(name: "TimeSeriesTests", dependencies: ["TimeSeries", "_TestSupport"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "_TestSupport"]),
        .testTarget(name: "DSPTests", dependencies: ["DSP", "_TestSupport"]),
        .testTarget(name: "AudioIOTests", dependencies: ["AudioIO", "DSP", "_TestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "NN", "_TestSupport"]),
        .testTarget(name: "SwiftGANTests", dependencies: ["SwiftGAN", "_TestSupport"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular", "_TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "_TestSupport"]),
        .testTarget(
            name: "EvaluationTests", dependencies: ["Evaluation", "Tabular", "TimeSeries", "TensorCore", "_TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
