import Benchmark
import Foundation
import SurvivalAnalysis

/// CSV loading of the 13-column benchmark files (scripts/make-bench-data.py), all columns
/// decoded, as `survkit cox` with 10 covariates reads them.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(10), maxIterations: 30)
    for size in BenchmarkData.sizes {
        guard let path = BenchmarkData.file(size) else { continue }
        Benchmark("csv-load-13-columns/\(size)") { benchmark in
            for _ in benchmark.scaledIterations {
                let table = try CSVTable(path: path)
                let spec = SurvivalDataSpec(time: "time", event: "status", group: "arm",
                                            covariates: (1...10).map { "x\($0)" })
                blackHole(try SurvivalData(table: table, spec: spec))
            }
        }
    }
}

/// Where the generated files live: $SURVKIT_BENCH_DATA (default /tmp/survkit-bench), named bench-<size>.csv.
enum BenchmarkData {
    static let directory = ProcessInfo.processInfo.environment["SURVKIT_BENCH_DATA"] ?? "/tmp/survkit-bench"
    static let sizes = (ProcessInfo.processInfo.environment["SURVKIT_BENCH_SIZES"] ?? "1e5,1e6")
        .split(separator: ",").map(String.init)

    static func file(_ size: String) -> String? {
        let path = "\(directory)/bench-\(size).csv"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
