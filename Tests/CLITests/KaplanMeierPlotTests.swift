import Foundation
import Testing
import TestSupport

/// `survkit km --plot` and `survkit interim --plot`: the SVG read back as XML and checked against
/// what it must show — R's estimates at every event time, R's numbers at risk
/// (Tests/Fixtures/figures/risk_table.csv, scripts/fixtures/figures.R), the documented ticks,
/// nothing outside the plot area and no overlapping text.
@Suite struct KaplanMeierPlotTests {
    /// A coordinate is printed to 1/100 px: SVGNumber rounds to ±0.005.
    static let printedPixel = Tolerance(relative: 0, absolute: 0.005 + 1e-9)

    /// Runs `args` with `--plot` into a temporary file and returns the SVG text.
    static func plot(_ args: [String], file: String = "figure.svg") throws -> String {
        let path = try Survkit.temporaryDirectory().appendingPathComponent(file).path
        let r = try Survkit.run(args + ["--plot", path, "--output", "/dev/null"])
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    static let lungSex = ["km", Fixtures.data("lung.csv").path, "--time", "time", "--event", "status", "--group", "sex"]
    static let ovarianRx = ["km", Fixtures.data("ovarian.csv").path, "--time", "futime", "--event", "fustat", "--group", "rx"]

    /// The plot area (the clip path's rectangle) and the axis scales the ticks define.
    struct Frame {
        let x: Double, y: Double, width: Double, height: Double
        let xLower: Double, xUpper: Double
        init(_ svg: SVGReader) throws {
            // The clip path's rectangle comes first, before the white background.
            let area = try #require(svg.all("rect").first)
            x = area.number("x")!; y = area.number("y")!; width = area.number("width")!; height = area.number("height")!
            let ticks = svg.all("text", class: "x-tick").map { Double($0.text)! }
            xLower = ticks.first!; xUpper = ticks.last!
        }
        func px(_ t: Double) -> Double { x + (t - xLower) / (xUpper - xLower) * width }
        func py(_ s: Double) -> Double { y + height - s * height }
    }

    @Test func onePathPerGroupAndDefaultTicks() throws {
        let svg = try SVGReader(Self.plot(Self.lungSex))
        let curves = svg.all("path", class: "km-curve")
        #expect(curves.map { $0.attributes["data-group"] } == ["sex=1", "sex=2"])
        #expect(curves.allSatisfy { $0.isInside("plot-data") })
        // Heckbert ticks over [0, 1022] with a target of 7: step nice(1022/6) = 200, widened to 1200.
        #expect(svg.all("text", class: "x-tick").map(\.text) == ["0", "200", "400", "600", "800", "1000", "1200"])
        #expect(svg.all("text", class: "y-tick").map(\.text) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    /// Every event time of R's curve is a drop of the drawn path: a vertical segment within the
    /// event's pixel column that passes through Ŝ(t); where steps are a pixel or more apart (all
    /// of ovarian) the drop ends exactly at R's Ŝ(t), to the printed precision.
    @Test(arguments: [("lung_sex", lungSex), ("ovarian_rx", ovarianRx)])
    func stepsAreRsEstimates(_ example: (String, [String])) throws {
        let svg = try SVGReader(Self.plot(example.1))
        let frame = try Frame(svg)
        let table = try Fixture("km/\(example.0)/table.csv").rows.filter {
            $0.string("estimator") == "kaplan-meier" && $0.string("conf_type") == "log" && $0.double("conf_level") == 0.95
        }
        #expect(!table.isEmpty)
        let column = example.1[example.1.firstIndex(of: "--group")! + 1]
        var exact = 0
        for row in table where row.int("n_event")! > 0 {
            let group = "\(column)=\(row.string("group"))"
            let path = try #require(svg.all("path", class: "km-curve").first { $0.attributes["data-group"] == group })
            let drops = SVGPath(path.attributes["d"]!).verticals
            let x = frame.px(row.double("time")!), y = frame.py(row.double("survival")!)
            let hit = drops.contains { abs($0.x - x) <= 1 + 0.005 && min($0.y0, $0.y1) - 0.005 <= y && y <= max($0.y0, $0.y1) + 0.005 }
            #expect(hit, "\(group) t=\(row.string("time")): no drop through S=\(row.string("survival"))")
            if drops.contains(where: { Self.printedPixel.accepts($0.x, x) && Self.printedPixel.accepts($0.y1, y) }) { exact += 1 }
        }
        if example.0 == "ovarian_rx" {
            #expect(exact == table.filter { $0.int("n_event")! > 0 }.count)
        }
    }

    /// The numbers at risk (and cumulative events) are R's summary(fit, times = ticks, extend = TRUE).
    @Test(arguments: [("lung_sex", lungSex + ["--cumulative-events"]),
                      ("ovarian_rx", ovarianRx + ["--cumulative-events", "--plot-times", "0,200,400,600,800,1000,1200,1400"])])
    func riskTableIsRs(_ example: (String, [String])) throws {
        let svg = try SVGReader(Self.plot(example.1))
        let rows = try Fixture("figures/risk_table.csv").rows(where: "case", is: example.0)
        let groups = Array(Set(rows.map { $0.string("group") })).sorted()
        let ticks = svg.all("text", class: "x-tick").map(\.text)
        let atRisk = svg.all("text", class: "n-risk").map { Int($0.text)! }
        let events = svg.all("text", class: "n-events").map { Int($0.text)! }
        var expectedRisk: [Int] = [], expectedEvents: [Int] = []
        for g in groups {
            let mine = rows.filter { $0.string("group") == g }
            #expect(mine.map { Self.tickText($0.double("time")!) } == ticks)
            expectedRisk += mine.map { $0.int("n_risk")! }
            expectedEvents += mine.map { $0.int("cumulative_events")! }
        }
        #expect(atRisk == expectedRisk)
        #expect(events == expectedEvents)
        // Each number sits under its tick.
        let tickX = svg.all("text", class: "x-tick").map { $0.number("x")! }
        let riskX = svg.all("text", class: "n-risk").map { $0.number("x")! }
        #expect(riskX == Array(repeating: tickX, count: groups.count).flatMap { $0 })
    }

    private static func tickText(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    @Test func interimPlotShowsRsRiskTableOfTheCut() throws {
        let svg = try SVGReader(Self.plot(["interim", Fixtures.data("nct07363356-interim.csv").path, "--time", "time",
                                           "--event", "status", "--group", "arm", "--entry", "entry", "--cut", "16.0",
                                           "--design", Fixtures.data("nct07363356-gs.yaml").path, "--conf-band"]))
        let rows = try Fixture("figures/risk_table.csv").rows(where: "case", is: "interim_cut16")
        #expect(svg.all("text", class: "x-tick").map(\.text) == ["0", "2", "4", "6", "8", "10", "12", "14", "16"])
        let expected = ["control", "treatment"].flatMap { g in rows.filter { $0.string("group") == g }.map { $0.int("n_risk")! } }
        #expect(svg.all("text", class: "n-risk").map { Int($0.text)! } == expected)
        #expect(svg.all("path", class: "km-band").count == 2)
        #expect(svg.all("text", class: "annotation").contains { $0.text.hasPrefix("Decision: stop for efficacy") })
    }

    /// Data marks stay in the plot area, and no two text boxes overlap (estimated from the font
    /// size as the figure estimates them).
    @Test(arguments: [["--conf-band", "--cumulative-events", "--title", "Lung", "--labels", "1=Male,2=Female"], []])
    func nothingOutsideAndNoOverlaps(_ extra: [String]) throws {
        let svg = try SVGReader(Self.plot(Self.lungSex + extra))
        let frame = try Frame(svg)
        for element in svg.elements where element.isInside("plot-data") {
            let points: [(x: Double, y: Double)]
            if let d = element.attributes["d"] { points = SVGPath(d).points } else { continue }
            for p in points {
                #expect(p.x >= frame.x - 0.005 && p.x <= frame.x + frame.width + 0.005, "\(element.cls ?? "") x \(p.x)")
                #expect(p.y >= frame.y - 0.005 && p.y <= frame.y + frame.height + 0.005, "\(element.cls ?? "") y \(p.y)")
            }
        }
        let boxes = svg.all("text").filter { $0.attributes["transform"] == nil }.map { t in
            TextBoxEstimate(text: t.text, x: t.number("x")!, y: t.number("y")!, size: t.number("font-size")!,
                            anchor: t.attributes["text-anchor"] ?? "start")
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                #expect(!boxes[i].overlaps(boxes[j]), "'\(boxes[i].text)' overlaps '\(boxes[j].text)'")
            }
        }
    }

    @Test func sameInputSameBytes() throws {
        #expect(try Self.plot(Self.lungSex + ["--conf-band"]) == Self.plot(Self.lungSex + ["--conf-band"]))
    }

    @Test func pngThroughRsvgConvertOrAClearError() throws {
        let dir = try Survkit.temporaryDirectory()
        let png = dir.appendingPathComponent("km.png").path
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert") {
            let r = try Survkit.run(Self.lungSex + ["--plot", png, "--output", "/dev/null"])
            #expect(r.status == 0, "\(r.stderr)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        } else {
            print("skip: rsvg-convert not installed (Debian librsvg2-bin)")
        }
        let bad = try Survkit.run(Self.lungSex + ["--plot", dir.appendingPathComponent("km.gif").path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".svg, .png or .pdf"))
    }
}

extension KaplanMeierPlotTests {
    @Test func noRiskTableAndBadLabels() throws {
        let svg = try SVGReader(Self.plot(Self.lungSex + ["--no-risk-table"]))
        #expect(svg.all("text", class: "n-risk").isEmpty)
        let bad = try Survkit.run(Self.lungSex + ["--labels", "1", "--plot", "/tmp/never.svg"])
        #expect(bad.status == 2 && bad.stderr.contains("VALUE=LABEL"))
    }

    /// Without rsvg-convert on PATH a .png is a usage error naming the Debian package.
    @Test func pngWithoutRsvgConvertNamesThePackage() throws {
        let process = Process()
        process.executableURL = Survkit.executable
        let png = try Survkit.temporaryDirectory().appendingPathComponent("km.png").path
        process.arguments = Array(Self.lungSex.dropFirst(0)) + ["--plot", png, "--output", "/dev/null"]
        process.environment = ["PATH": "/nonexistent"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("librsvg2-bin"))
        #expect(!FileManager.default.fileExists(atPath: png))
    }
}

/// The figure's text-extent rule, restated for the overlap check (SurvivalReports.TextBox):
/// advance widths in em (narrow 0.3, wide 0.9, capitals 0.72, others 0.6), ascent 0.8, descent 0.2.
struct TextBoxEstimate {
    let text: String
    let minX: Double, maxX: Double, minY: Double, maxY: Double
    init(text: String, x: Double, y: Double, size: Double, anchor: String) {
        var em = 0.0
        for c in text {
            if "il.,:;'|!jtfI()[] ".contains(c) { em += 0.3 } else if "mwMW%@".contains(c) { em += 0.9 }
            else if c.isUppercase { em += 0.72 } else { em += 0.6 }
        }
        let width = em * size
        let left = anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x
        self.text = text
        minX = left; maxX = left + width; minY = y - 0.8 * size; maxY = y + 0.2 * size
    }
    func overlaps(_ o: TextBoxEstimate) -> Bool { minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY }
}
