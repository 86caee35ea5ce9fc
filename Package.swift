// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "survkit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "survkit", targets: ["survkit"]),
        .library(name: "SurvivalAnalysis", targets: ["SurvivalAnalysis"]),
        .library(name: "TrialDesign", targets: ["TrialDesign"]),
        .library(name: "SurvivalReports", targets: ["SurvivalReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
        // Documentation only: `swift package generate-documentation` (scripts/docs.sh).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
        // Tests only: property-based checks (chunked CSV decoding = one pass).
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        // MARK: Public modules
        .target(name: "SurvivalAnalysis", dependencies: ["GSLSupport", "PlatformSupport"]),
        .target(name: "TrialDesign", dependencies: ["SurvivalAnalysis", "GSLSupport", "PlatformSupport", "Yams"]),
        .target(name: "SurvivalReports", dependencies: [
            "SurvivalAnalysis", "TrialDesign", "PlatformSupport", .product(name: "Plot", package: "Plot"),
        ]),
        .executableTarget(
            name: "survkit",
            dependencies: [
                "SurvivalAnalysis", "TrialDesign", "SurvivalReports", "PlatformSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Implementation details
        // GSL through pkg-config; GSLSupport is the only module that imports CGSL.
        .systemLibrary(
            name: "CGSL", pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]),
        .target(name: "GSLSupport", dependencies: ["CGSL", "PlatformSupport"]),
        // The one platform shim: Glibc on Linux, Darwin on macOS.
        .target(name: "PlatformSupport"),

        // MARK: Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GSLSupportTests", dependencies: ["GSLSupport", "TestSupport"]),
        .testTarget(name: "SurvivalAnalysisTests", dependencies: [
            "SurvivalAnalysis", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "TrialDesignTests", dependencies: ["TrialDesign", "TestSupport"]),
        .testTarget(name: "SurvivalReportsTests", dependencies: ["SurvivalReports", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["survkit", "TestSupport", "Yams"]),
    ]
)
