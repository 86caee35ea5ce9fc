import Benchmark
import BenchmarkSupport
import Foundation
import SurvivalAnalysis

/// The survreg fit alone, as `survkit survreg` computes it (design, Newton–Raphson, variance),
/// on the files scripts/bench-survreg.sh makes: survreg-<size>.csv in $SURVREG_BENCH_DATA
/// (default /tmp/survkit-survreg-bench), the 13-column benchmark data with time 0 rows dropped,
/// 10 covariates. The CSV is read once outside the measured block.
/// R's survreg() on the same data frame in memory: scripts/bench-survreg.sh with IN_PROCESS=1.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal], maxDuration: .seconds(30),
                                           maxIterations: 5)
    let directory = ProcessInfo.processInfo.environment["SURVREG_BENCH_DATA"] ?? "/tmp/survkit-survreg-bench"
    let names = (1...10).map { "x\($0)" }
    for size in BenchmarkData.sizes {
        let path = "\(directory)/survreg-\(size).csv"
        guard FileManager.default.fileExists(atPath: path),
              let table = try? CSVTable(path: path),
              let data = try? SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status",
                                                                                covariates: names))
        else { continue }
        Benchmark("survreg-weibull/\(size)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try SurvregModel.fit(data, options: SurvregOptions(distribution: .weibull)))
            }
        }
    }
}
