// swift-tools-version: 6.1
//
// LangevinVerification: checks what theory promises about discretisations of Langevin dynamics,
// centred on the Poisson Midpoint Method (Kandasamy & Nagaraj, arXiv 2405.17068).
//
// Module roles (dependencies point one way; nothing depends on the tool or the tests):
//   CGSL               GSL headers as a system library (pkg-config `gsl`, apt `libgsl-dev`). Private.
//   DenseLinearAlgebra small pure-Swift dense matrices and validation shared by laws and engine.
//   SchemeVocabulary   the one name of every scheme, K, mutation, and the theory declared about each.
//   Randomness         the owned generator (xoshiro256** seeded by SplitMix64), streams, Gaussian ziggurat.
//   ReferenceLaws      everything exact; the only importer of CGSL. GSL errors become Swift errors.
//   Langevin           schemes, Brownian coupling, assumption cases, the ensemble engine. No GSL.
//   langevin-verify    the command-line tool.
import PackageDescription

// No unsafe flags anywhere: SwiftPM refuses a versioned dependency whose products contain them, and a user's own
// package depends on this one by URL and version (docs/adding-an-assumption-case.md, Examples/UserCasePackage).
// The statistical tests are fast in release builds, so the test command is `swift test -c release` (README,
// "Tests, seeds and the false-failure budget"; no test uses @testable import).

let package = Package(
    name: "LangevinVerification",
    products: [
        .library(name: "ReferenceLaws", targets: ["ReferenceLaws"]),
        .library(name: "Randomness", targets: ["Randomness"]),
        .library(name: "DenseLinearAlgebra", targets: ["DenseLinearAlgebra"]),
        .library(name: "SchemeVocabulary", targets: ["SchemeVocabulary"]),
        .library(name: "Langevin", targets: ["Langevin"]),
        .library(name: "Verification", targets: ["Verification"]),
        .executable(name: "langevin-verify", targets: ["LangevinVerify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .target(name: "DenseLinearAlgebra"),
        .target(name: "Randomness"),
        .target(name: "SchemeVocabulary"),
        .target(
            name: "ReferenceLaws",
            dependencies: ["CGSL", "DenseLinearAlgebra", "Randomness", "SchemeVocabulary"]
        ),
        .target(
            name: "Langevin", dependencies: ["DenseLinearAlgebra", "Randomness", "SchemeVocabulary"]
        ),
        .target(
            name: "Verification",
            dependencies: ["ReferenceLaws", "Langevin", "Randomness", "DenseLinearAlgebra", "SchemeVocabulary"]
        ),
        .target(
            name: "VerificationTestSupport",
            dependencies: ["Verification", "Randomness", "DenseLinearAlgebra", "SchemeVocabulary", "Langevin"],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "LangevinVerify",
            dependencies: [
                "Verification", "Langevin", "ReferenceLaws", "DenseLinearAlgebra", "Randomness", "SchemeVocabulary",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RandomnessTests",
            dependencies: ["Randomness", "ReferenceLaws", "VerificationTestSupport"]
        ),
        .testTarget(
            name: "ReferenceLawsTests",
            dependencies: ["ReferenceLaws", "DenseLinearAlgebra", "Randomness", "VerificationTestSupport"]
        ),
        .testTarget(
            name: "ChainLawsTests",
            dependencies: ["ReferenceLaws", "DenseLinearAlgebra", "Randomness", "VerificationTestSupport", "SchemeVocabulary"]
        ),
        .testTarget(
            name: "LangevinTests",
            dependencies: ["Langevin", "ReferenceLaws", "DenseLinearAlgebra", "Randomness", "VerificationTestSupport",
                           "SchemeVocabulary"]
        ),
        .testTarget(
            name: "VerificationTests",
            dependencies: ["Verification", "VerificationTestSupport", "ReferenceLaws", "Langevin", "Randomness", "DenseLinearAlgebra",
                           "SchemeVocabulary"]
        ),
        .testTarget(
            name: "DiffusionTests",
            dependencies: ["Langevin", "ReferenceLaws", "SchemeVocabulary", "DenseLinearAlgebra", "Randomness",
                           "VerificationTestSupport"]
        ),
        .testTarget(name: "SchemeVocabularyTests", dependencies: ["SchemeVocabulary"]),
        .testTarget(name: "TestSupportTests", dependencies: ["VerificationTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["LangevinVerify"]),
        .testTarget(name: "RepositoryTests"),
    ],
    swiftLanguageModes: [.v6]
)
