// swift-tools-version:6.0
import PackageDescription

// MARK: - Settings

/// Numeric targets are always optimised (Swift 5 mode: parallel loops share raw pointers across threads by design): a debug build of the hot loops is 50x slower and makes tests crawl.
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"])]

// MARK: - Package

let package = Package(
    name: "SwiftGAN",
    products: [
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

        // MARK: Data layers
        .target(name: "Tabular", dependencies: ["TensorCore"], swiftSettings: fast),

        // MARK: Evaluation
        .target(name: "Evaluation", dependencies: ["TensorCore", "Tabular"], swiftSettings: fast),

        // MARK: Tool
        .executableTarget(
            name: "swiftgan",
            dependencies: [
                "TensorCore", "Tabular", "Evaluation", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // MARK: Tests
        .target(name: "_TestSupport", dependencies: ["TensorCore"], path: "Tests/_TestSupport"),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "_TestSupport"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Tabular", "TensorCore"]),
    ],
    swiftLanguageModes: [.v5]
)
