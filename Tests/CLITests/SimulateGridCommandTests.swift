import Foundation
import Testing
import TestSupport

/// `survkit simulate --grid`: each scenario is the simulation `simulate` runs with that setting
/// (same seed, same streams), so every row must equal a separate run's result exactly.
@Suite struct SimulateGridCommandTests {
    /// A value recomputed from printed doubles: a few ulps (fused multiply-add).
    static let formula = Tolerance(relative: 4 * .ulpOfOne)
    static let base = ["simulate", "--median-control", "11", "--accrual-time", "18", "--patients", "56",
                       "--events", "27", "--replicates", "2000", "--seed", "11"]

    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// Rows equal separate runs (rejections exactly; means to the last bit), for an effect
    /// setting that replaces the other form (hazard ratio over a median) and for the patients.
    @Test(arguments: [
        ("hazard-ratio", ["0.3", "0.5", "0.8"], ["--median-treatment", "33"]),
        ("patients", ["40", "56", "80"], ["--hazard-ratio", "0.4"]),
    ])
    func everyScenarioEqualsItsOwnRun(setting: String, values: [String], effect: [String]) throws {
        let grid = try json(Self.base + effect + ["--grid", "\(setting)=" + values.joined(separator: ";")])
        #expect(grid["grid_setting"] as? String == setting)
        let rows = try #require(grid["scenarios"] as? [[String: Any]])
        #expect(rows.count == values.count)
        for (row, value) in zip(rows, values) {
            var single = Self.base + effect
            if setting == "hazard-ratio" { single.removeAll { $0 == "--median-treatment" || $0 == "33" } }
            if let i = single.firstIndex(of: "--\(setting)") { single.removeSubrange(i...(i + 1)) }
            let alone = try json(single + ["--\(setting)", value])
            #expect(row["value"] as? Double == Double(value))
            #expect(row["rejections"] as? Int == alone["rejections"] as? Int, "\(setting)=\(value)")
            #expect(row["power"] as? Double == alone["power"] as? Double)
            #expect(row["power_se"] as? Double == alone["power_se"] as? Double)
            #expect(row["mean_analysis_time"] as? Double == alone["mean_analysis_time"] as? Double)
            let power = try #require(row["power"] as? Double), se = try #require(row["power_se"] as? Double)
            let lower = try #require(row["power_lower"] as? Double), upper = try #require(row["power_upper"] as? Double)
            // The same formula on the same doubles, up to a fused multiply-add.
            #expect(Self.formula.accepts(lower, max(0, power - 1.959963984540054 * se)))
            #expect(Self.formula.accepts(upper, min(1, power + 1.959963984540054 * se)))
        }
        // Power falls as the effect shrinks (with the events fixed, the patients hardly matter).
        if setting == "hazard-ratio" {
            let powers = rows.compactMap { $0["power"] as? Double }
            #expect(powers == powers.sorted(by: >))
        }
    }

    /// The table and the figure do not depend on the threads; the figure draws one error bar
    /// (a bar and two caps) and one point per scenario.
    @Test func threadIndependentWithOneErrorBarPerScenario() throws {
        let folder = try Survkit.temporaryDirectory()
        var outputs: [String] = []
        for threads in ["1", "2"] {
            let figure = folder.appendingPathComponent("grid-\(threads).svg").path
            let r = try Survkit.run(Self.base + ["--hazard-ratio", "0.4", "--grid", "accrual-time=12:36:6", "--format", "csv",
                                                 "--threads", threads, "--plot", figure])
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(r.stdout + (try String(contentsOfFile: figure, encoding: .utf8)))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].hasPrefix("accrual_time,power,power_se,"))
        let svg = try SVGReader(String(contentsOfFile: folder.appendingPathComponent("grid-1.svg").path, encoding: .utf8))
        #expect(svg.all("line", class: "error-bar").count == 3 * 5)
        #expect(svg.all("circle", class: "point").count == 5)
    }

    @Test(arguments: [
        (["--grid", "hazard=0.3:0.5:0.1"], "is not NAME=FROM:TO:STEP"),
        (["--grid", "hazard-ratio=0;0.5"], "scenario hazard-ratio = 0"),
        (["--grid", "patients=1:5000:1"], "more than 1000 scenarios"),
        (["--grid", "hazard-ratio=0.5", "--shard", "1/2"], "drop --shard"),
    ])
    func badGridsAreRefused(extra: [String], fragment: String) throws {
        let r = try Survkit.run(Self.base + ["--median-treatment", "33"] + extra)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(fragment), "\(r.stderr)")
    }
}
