// swift-tools-version: 6.1
//
// A user's own package that depends on LangevinVerification by URL and version (no fork): it defines one assumption
// case, checks its declarations and runs the suite's claims on it in `swift test -c release`.
// The dependency's URL comes from LANGEVIN_REPOSITORY_URL (scripts/ci/example-package.sh sets a file:// URL of a
// throw-away clone tagged 0.99.0); a real user writes the repository's URL and a released version instead.
import PackageDescription

let repository = Context.environment["LANGEVIN_REPOSITORY_URL"] ?? "file://" + Context.packageDirectory + "/../.."
let version = Context.environment["LANGEVIN_REPOSITORY_VERSION"] ?? "0.99.0"

let package = Package(
    name: "UserCasePackage",
    dependencies: [
        .package(url: repository, exact: Version(stringLiteral: version)),
    ],
    targets: [
        .target(name: "UserCases", dependencies: [.product(name: "Langevin", package: "LangevinVerification")]),
        .testTarget(name: "UserCasesTests", dependencies: [
            "UserCases",
            .product(name: "Langevin", package: "LangevinVerification"),
            .product(name: "Verification", package: "LangevinVerification"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
