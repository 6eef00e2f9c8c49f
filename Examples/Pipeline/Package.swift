// swift-tools-version:6.0
import PackageDescription

// A data pipeline that uses SwiftGAN as any other package would: by version, from a git URL. `make consumer-check`
// clones SwiftGAN into a temporary folder, tags the clone with the version in Sources/SwiftGAN/Version.swift and
// passes its file:// URL here through SWIFTGAN_URL (no machine path is committed). To try it against a published
// copy: SWIFTGAN_URL=<git URL> swift run -c release --package-path Examples/Pipeline
guard let swiftGAN = Context.environment["SWIFTGAN_URL"] else {
    fatalError("set SWIFTGAN_URL to the git URL of a SwiftGAN repository with a version tag (make consumer-check does)")
}

let package = Package(
    name: "Pipeline",
    dependencies: [
        .package(url: swiftGAN, from: "0.1.0"),
    ],
    targets: [
        .executableTarget(name: "Pipeline", dependencies: [.product(name: "SwiftGAN", package: "SwiftGAN")]),
    ]
)
