// swift-tools-version: 6.1
// survkit's benchmarks: a package of its own so the main build and CI stay light.
// Run: scripts/bench-vs-r.sh (makes the data, runs these and R on the same files, prints ratios)
// or, from this folder: SURVKIT_BENCH_DATA=/tmp/survkit-bench swift package benchmark
import PackageDescription

let benchmarkTarget: (String) -> Target = { name in
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "SurvivalAnalysis", package: "survkit"),
            .product(name: "TrialDesign", package: "survkit"),
            "BenchmarkSupport",
        ],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
}

let package = Package(
    name: "survkit-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "survkit", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "BenchmarkSupport"),
        benchmarkTarget("DataLoading"),
        benchmarkTarget("Survival"),
        benchmarkTarget("Cox"),
        benchmarkTarget("Survreg"),
    ]
)
