import Benchmark
import BenchmarkSupport
import SurvivalAnalysis

/// In-process timings of the estimators on the benchmark files (data already loaded), to set
/// against R's survfit / survdiff / coxph timed by scripts/bench-r.R on the same files.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock], maxDuration: .seconds(10), maxIterations: 30)
    for size in BenchmarkData.sizes {
        guard let path = BenchmarkData.file(size) else { continue }
        let data = try! SurvivalData(
            table: CSVTable(path: path),
            spec: SurvivalDataSpec(time: "time", event: "status", group: "arm",
                                   covariates: (1...10).map { "x\($0)" }))
        Benchmark("km/\(size)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(KaplanMeierAnalysis(data, options: KaplanMeierOptions())) }
        }
        Benchmark("logrank/\(size)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try LogRankTest(data)) }
        }
    }
}
