// swift-tools-version: 6.1
// Benchmarks live apart from the main package so its build stays light and tests never time
// anything. Run: scripts/bench-cox.sh (builds this package in release mode).
import PackageDescription

// A path dependency is identified by its folder name, which depends on the checkout.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "survkit"

let package = Package(
    name: "survkit-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "cox-bench",
            dependencies: [.product(name: "SurvivalAnalysis", package: root)]),
    ]
)
