// swift-tools-version: 6.1
// libFuzzer targets for survkit's readers. Not part of the main package: they need
// `-Xswiftc -sanitize=fuzzer,address` (one flag: two separate -sanitize flags silently drop the
// fuzzer's coverage instrumentation) and are built by scripts/fuzz.sh.
import PackageDescription

// No Swift main: each harness defines <Target>_main (SwiftPM's renamed main) and hands over
// to libFuzzer (FuzzSupport).
let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "survkit-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "survkit", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        // One target per reader. To add one: copy FuzzCSV, call the reader in
        // LLVMFuzzerTestOneInput, add the target here, a seed folder in corpus/ and a case in
        // scripts/fuzz.sh.
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "SurvivalAnalysis", package: "survkit")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzXport", dependencies: ["FuzzSupport", .product(name: "SurvivalAnalysis", package: "survkit")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzDesignFile", dependencies: ["FuzzSupport", .product(name: "TrialDesign", package: "survkit")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzShard", dependencies: ["FuzzSupport", .product(name: "TrialDesign", package: "survkit")],
                          swiftSettings: harness),
    ]
)
