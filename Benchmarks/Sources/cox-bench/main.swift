// Times the Cox fit in-process on a CSV file: reading, the lean array fit (CoxRegression) and
// the full model (CoxModel: fit, concordance), for each tie method.
// Usage: cox-bench FILE.csv [repeats]   (columns time, status, x1…x10)
import Foundation
import SurvivalAnalysis

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: cox-bench FILE.csv [repeats]\n".utf8))
    exit(2)
}
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var data: SurvivalData!
let names = (1...10).map { "x\($0)" }
let load = try seconds {
    let table = try CSVTable(path: arguments[1])
    data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", covariates: names))
}
let n = data.count
let p = names.count
var design = [Double](repeating: 0, count: n * p)
for (j, column) in data.covariates.enumerated() { for i in 0..<n { design[i * p + j] = column.values[i] } }
print("rows \(n), columns \(p), read \(String(format: "%.3f", load)) s")

for ties in CoxTies.allCases {
    var lean = Double.infinity, full = Double.infinity
    var iterations = 0
    for _ in 0..<repeats {
        lean = min(lean, try seconds {
            let fit = try CoxRegression.fit(time: data.time, event: data.event, covariates: design, columns: p, ties: ties)
            iterations = fit.iterations
        })
        full = min(full, try seconds { _ = try CoxModel.fit(data, options: CoxOptions(ties: ties)) })
    }
    print("\(ties.rawValue): fit \(String(format: "%.3f", lean)) s (\(iterations) iterations), "
          + "model with concordance \(String(format: "%.3f", full)) s")
}
