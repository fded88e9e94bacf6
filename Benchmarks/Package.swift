// swift-tools-version: 6.1
//
// Benchmarks of LangevinVerification, kept in a separate package so that the root package does not depend on the
// benchmark framework. Run from this directory:
//     swift package benchmark --no-progress
// (the first build takes a few minutes; later runs ~15 s). Needs libgsl-dev (pkg-config `gsl`) for the GSL peer.
import PackageDescription

let package = Package(
    name: "LangevinVerificationBenchmarks",
    dependencies: [
        .package(name: "LangevinVerification", path: ".."),
        // `MallocInterposer` only: the default Linux trait pulls swift-runtime-interposer, which is not mirrored here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .systemLibrary(name: "CGSLBench", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .executableTarget(
            name: "RandomnessBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Randomness", package: "LangevinVerification"),
                "CGSLBench",
            ],
            path: "Benchmarks/RandomnessBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
