import Foundation
import Testing
import TestSupport

/// `--plot` on cox, design and boundaries: the SVG read back and compared with what the same
/// command computes (and R where a fixture exists).
@Suite struct FigureCommandsTests {
    static func plot(_ args: [String]) throws -> SVGReader {
        let path = try Survkit.temporaryDirectory().appendingPathComponent("figure.svg").path
        let r = try Survkit.run(args + ["--plot", path, "--output", "/dev/null"])
        #expect(r.status == 0, "\(r.stderr)")
        return try SVGReader(String(contentsOfFile: path, encoding: .utf8))
    }

    /// Forest plot: one row per term, each square at log(HR) on the axis, HRs as R's coxph
    /// (Tests/Fixtures/cox/coefficients.csv, case lung_efron) to the printed 3 digits.
    @Test func coxForestPlotShowsRsHazardRatios() throws {
        let svg = try Self.plot(["cox", Fixtures.data("lung.csv").path, "--time", "time", "--event", "status",
                                 "--covariates", "age,sex", "--factors", "ph.ecog"])
        let rows = try Fixture("cox/coefficients.csv").rows(where: "case", is: "lung_efron")
        #expect(svg.all("text", class: "term").map(\.text) == rows.map { $0.string("term") })
        let squares = svg.all("rect", class: "estimate")
        #expect(squares.count == rows.count)
        let ticks = svg.all("text", class: "x-tick")
        let (t0, t1) = (Double(ticks.first!.text)!, Double(ticks.last!.text)!)
        let (x0, x1) = (ticks.first!.number("x")!, ticks.last!.number("x")!)
        for (square, row) in zip(squares, rows) {
            let hr = row.double("exp_coef")!
            let expected = x0 + (log(hr) - log(t0)) / (log(t1) - log(t0)) * (x1 - x0)
            #expect(abs(square.number("x")! + 4 - expected) <= 0.01, "\(row.string("term"))")
        }
        let labels = svg.all("text", class: "value").map(\.text)
        #expect(labels[1] == "0.579 (0.417–0.806)")  // sex: R 0.5794 (0.4166, 0.8056)
    }

    /// Power curve: it crosses the target power at the design's hazard ratio (the design was
    /// solved for that power), to a pixel.
    @Test func designPowerCurvePassesThroughTheDesign() throws {
        let svg = try Self.plot(["design", "--file", Fixtures.data("nct07363356.yaml").path])
        let path = SVGPath(try #require(svg.all("path", class: "series").first?.attributes["d"]))
        let vertical = try #require(svg.all("line", class: "reference").first { $0.attributes["x1"] == $0.attributes["x2"] })
        let horizontal = try #require(svg.all("line", class: "reference").first { $0.attributes["y1"] == $0.attributes["y2"] })
        let x = vertical.number("x1")!, y = horizontal.number("y1")!
        // Interpolate the curve at the design's hazard ratio.
        let points = path.points
        let i = try #require(points.indices.dropFirst().first { (points[$0 - 1].x - x) * (points[$0].x - x) <= 0 })
        let (a, b) = (points[i - 1], points[i])
        let atX = a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        #expect(abs(atX - y) < 1.0)
    }

    /// Heat map: each cell's number is the patients of `design --grid --format csv`.
    @Test func designGridHeatMapShowsTheGrid() throws {
        let args = ["design", "--file", Fixtures.data("nct07363356.yaml").path, "--patients", "56",
                    "--grid", "accrual=12:36:6,follow-up=6:36:6"]
        let svg = try Self.plot(args)
        let csv = try Survkit.run(args + ["--format", "csv"])
        let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let (ai, fi, pi) = (header.firstIndex(of: "accrual_time")!, header.firstIndex(of: "follow_up")!, header.firstIndex(of: "patients_total")!)
        var expected: [String: String] = [:]
        for row in lines.dropFirst() { expected["\(row[fi])/\(row[ai])"] = row[pi] }
        let accrual = svg.all("text", class: "x-tick").map(\.text), followUp = svg.all("text", class: "y-tick").map(\.text)
        let values = svg.all("text", class: "cell-value").map(\.text)
        #expect(values.count == accrual.count * followUp.count)
        for (f, fu) in followUp.enumerated() {
            for (a, ac) in accrual.enumerated() { #expect(values[f * accrual.count + a] == expected["\(fu)/\(ac)"]) }
        }
        #expect(svg.all("path", class: "contour").count == 1)
    }

    @Test func boundariesPlotHasOnePointPerLook() throws {
        let svg = try Self.plot(["boundaries", "--looks", "3", "--spending", "obrien-fleming",
                                 "--futility-spending", "obrien-fleming"])
        #expect(svg.all("circle", class: "efficacy-point").count == 3)
        #expect(svg.all("text", class: "bound-label").map(\.text) == ["Z ≥ 3.710", "Z ≥ 2.511", "Z ≥ 1.993"])
    }

    /// Histograms of simulated trials: every trial in a bar, and the same bytes on 1 and 2 threads.
    @Test func simulateHistogramsAreThreadIndependent() throws {
        let args = ["simulate", "--file", Fixtures.data("nct07363356.yaml").path, "--accrual-time", "18",
                    "--patients", "56", "--events", "27", "--replicates", "500", "--seed", "3"]
        let dir = try Survkit.temporaryDirectory()
        var texts: [String] = []
        for threads in ["1", "2"] {
            let path = dir.appendingPathComponent("sim\(threads).svg").path
            let r = try Survkit.run(args + ["--threads", threads, "--plot", path, "--output", "/dev/null"])
            #expect(r.status == 0, "\(r.stderr)")
            texts.append(try String(contentsOfFile: path, encoding: .utf8))
        }
        #expect(texts[0] == texts[1])
        let svg = try SVGReader(texts[0])
        let bars = svg.all("rect", class: "bar")
        // Two panels of 500 trials each; the bar heights are proportional to the counts.
        #expect(bars.count > 10)
        #expect(svg.all("line", class: "marker").count == 1)
    }
}
