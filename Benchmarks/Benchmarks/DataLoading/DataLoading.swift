import Benchmark
import BenchmarkSupport
import SurvivalAnalysis

/// CSV loading of the 13-column benchmark files (scripts/make-bench-data.py), all columns
/// decoded, as `survkit cox` with 10 covariates reads them.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(10), maxIterations: 30)
    for size in BenchmarkData.sizes {
        guard let path = BenchmarkData.file(size) else { continue }
        Benchmark("csv-load/\(size)") { benchmark in
            for _ in benchmark.scaledIterations {
                let table = try CSVTable(path: path)
                let spec = SurvivalDataSpec(time: "time", event: "status", group: "arm",
                                            covariates: (1...10).map { "x\($0)" })
                blackHole(try SurvivalData(table: table, spec: spec))
            }
        }
    }
}
