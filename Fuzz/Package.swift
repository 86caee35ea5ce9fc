// swift-tools-version: 6.1
// libFuzzer targets for survkit's readers. Not part of the main package: they need
// `-Xswiftc -sanitize=fuzzer,address` (one flag: two separate -sanitize flags silently drop the
// fuzzer's coverage instrumentation) and are built by scripts/fuzz.sh.
import PackageDescription

// libFuzzer supplies main(): the harnesses are libraries of one @_cdecl function.
let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "survkit-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "survkit", path: "..")],
    targets: [
        // One target per reader. To add one (e.g. the XPORT reader): copy FuzzCSV, call the
        // reader in LLVMFuzzerTestOneInput, add the target here and a seed folder in corpus/.
        .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "SurvivalAnalysis", package: "survkit")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzDesignFile", dependencies: [.product(name: "TrialDesign", package: "survkit")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzShard", dependencies: [.product(name: "TrialDesign", package: "survkit")],
                          swiftSettings: harness),
    ]
)
