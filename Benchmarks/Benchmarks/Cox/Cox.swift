import Benchmark
import Foundation
import SurvivalAnalysis

/// Cox proportional hazards fits on the 13-column benchmark files (scripts/make-bench-data.py:
/// time, status, arm, x1…x10), 10 covariates, both tie methods:
/// - `cox-fit-*`: the lean array fit (CoxRegression: sort once, Newton–Raphson), data in memory;
/// - `cox-model-*`: the full model as `survkit cox` computes it (design, fit, concordance).
/// R's coxph on the same files: scripts/bench-r.R (`cox-efron/<size>`, `cox-breslow/<size>`).
/// Wire-up: `benchmarkTarget("Cox")` in Benchmarks/Package.swift.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 10)
    let names = (1...10).map { "x\($0)" }
    for size in CoxBenchmarkData.sizes {
        guard let path = CoxBenchmarkData.file(size),
              let table = try? CSVTable(path: path),
              let data = try? SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status",
                                                                                covariates: names))
        else { continue }
        let n = data.count
        let p = names.count
        var design = [Double](repeating: 0, count: n * p)
        for (j, column) in data.covariates.enumerated() { for i in 0..<n { design[i * p + j] = column.values[i] } }
        let matrix = design
        for ties in CoxTies.allCases {
            Benchmark("cox-fit-\(ties.rawValue)/\(size)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try CoxRegression.fit(time: data.time, event: data.event, covariates: matrix,
                                                    columns: p, ties: ties))
                }
            }
            Benchmark("cox-model-\(ties.rawValue)/\(size)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try CoxModel.fit(data, options: CoxOptions(ties: ties)))
                }
            }
        }
    }
}

/// The generated files: $SURVKIT_BENCH_DATA (default /tmp/survkit-bench)/bench-<size>.csv.
enum CoxBenchmarkData {
    static let directory = ProcessInfo.processInfo.environment["SURVKIT_BENCH_DATA"] ?? "/tmp/survkit-bench"
    static let sizes = (ProcessInfo.processInfo.environment["SURVKIT_BENCH_SIZES"] ?? "1e5,1e6")
        .split(separator: ",").map(String.init)

    static func file(_ size: String) -> String? {
        let path = "\(directory)/bench-\(size).csv"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
