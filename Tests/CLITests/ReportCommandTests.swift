import Foundation
import Testing
import TestSupport

/// `survkit report`: the bundle's files, the HTML well-formed and self-contained, the bytes
/// fixed by the inputs, and bad input as exit 2 with one line.
@Suite struct ReportCommandTests {
    static let interimArgs = ["report", "--design", Fixtures.data("nct07363356-gs.yaml").path,
                              Fixtures.data("nct07363356-interim.csv").path, "--time", "time", "--event", "status",
                              "--group", "arm", "--entry", "entry", "--cut", "16.0", "--conf-band"]
    static let designArgs = ["report", "--design", Fixtures.data("nct07363356.yaml").path, "--patients", "56",
                             "--grid", "accrual=12:36:6,follow-up=6:36:6"]

    static func bundle(_ args: [String]) throws -> URL {
        let dir = try Survkit.temporaryDirectory().appendingPathComponent("bundle")
        let r = try Survkit.run(args + ["--output-dir", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    static func read(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func interimBundleHasItsFilesAndWellFormedSelfContainedHTML() throws {
        let dir = try Self.bundle(Self.interimArgs)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["boundaries.svg", "design-boundaries.svg", "design-events.svg", "design.json", "index.html", "interim.csv",
                          "interim.json", "km.svg", "report.md"])
        let html = try Self.read(dir, "index.html")
        let page = try SVGReader(html)  // throws on any unclosed tag or bad entity
        #expect(page.all("svg").count == 4)
        #expect(page.all("script").isEmpty && page.all("link").isEmpty && page.all("img").isEmpty)
        // No network: the only URL is the SVG namespace.
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        // Clip-path ids are unique in the page.
        let ids = page.elements.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
        #expect(page.all("h2").map(\.text).starts(with: ["Data cut and patient disposition", "Kaplan–Meier curves by arm",
                                                          "Log-rank test and hazard ratio", "Boundary decision", "Final inference",
                                                          "Conditional power"]))
        let markdown = try Self.read(dir, "report.md")
        #expect(markdown.contains("![") && markdown.contains("](km.svg)"))
        // The figure in the page is the file beside it (less its XML declaration, ids renamed).
        let km = try SVGReader(Self.read(dir, "km.svg"))
        #expect(km.all("text", class: "n-risk").map(\.text) == page.all("text", class: "n-risk").map(\.text))
    }

    /// A final look after an interim that crossed: the warning, the final inference made at look
    /// 1 with the interim's numbers, and the repeated p-value of each look.
    @Test func finalLookAfterACrossingShowsTheWarningAndTheFinalInference() throws {
        let cut = try String(contentsOf: Fixtures.url("gsinference/seed_final_cut.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let dir = try Self.bundle(["report", "--design", Fixtures.data("nct07363356-gs.yaml").path,
                                   Fixtures.data("nct07363356-final.csv").path, "--time", "time", "--event", "status",
                                   "--group", "arm", "--entry", "entry", "--cut", cut, "--previous-looks", "14:3.2042"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Self.read(dir, "interim.json").utf8)) as? [String: Any])
        let markdown = try Self.read(dir, "report.md"), html = try Self.read(dir, "index.html")
        for page in [markdown, html] {
            #expect(page.contains("Warning: look 1 already crossed the efficacy bound"))
            #expect(page.contains("look the inference is made at") && page.contains("1 of 2"))
            #expect(page.contains("median-unbiased hazard ratio"))
        }
        // The page prints the JSON's numbers (4 significant digits).
        let p = try #require(json["final_p_value"] as? Double), mu = try #require(json["median_unbiased_hazard_ratio"] as? Double)
        #expect(markdown.contains("| final p-value | \(Self.g4(p)) "))
        #expect(markdown.contains("| median-unbiased hazard ratio | \(Self.g4(mu)) |"))
        let repeated = try #require(json["repeated_p_values"] as? [Double])
        #expect(repeated.count == 2)
        #expect(markdown.contains("| 1 | 0.5185 | 14 | 2.9020 | 3.2042 | \(Self.g4(repeated[0])) |"))
        #expect(!markdown.contains("## Conditional power"))
    }

    /// Four significant digits, as the report prints these values.
    static func g4(_ x: Double) -> String { String(format: "%.4g", x) }

    /// A look that continues: no final inference; the conditional rejection probability and the
    /// predictive power under the conditional power, as the JSON gives them.
    @Test func continuingLookShowsRejectionProbabilityAndPredictivePower() throws {
        let args = ["report", "--design", Fixtures.data("nct07363356-gs.yaml").path,
                    Fixtures.data("nct07363356-interim.csv").path, "--time", "time", "--event", "status",
                    "--group", "arm", "--entry", "entry", "--cut", "12"]
        let dir = try Self.bundle(args)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Self.read(dir, "interim.json").utf8)) as? [String: Any])
        let markdown = try Self.read(dir, "report.md")
        #expect(!markdown.contains("## Final inference"))
        let crp = try #require(json["conditional_rejection_probability"] as? Double)
        let predictive = try #require(json["predictive_power"] as? Double)
        #expect(markdown.contains("getConditionalRejectionProbabilities): \(String(format: "%.4f", crp))."))
        #expect(markdown.contains("a flat prior): \(String(format: "%.4f", predictive))."))
    }

    @Test func sameInputsSameBytes() throws {
        for args in [Self.interimArgs, Self.designArgs] {
            let a = try Self.bundle(args), b = try Self.bundle(args)
            let names = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
            #expect(names == (try FileManager.default.contentsOfDirectory(atPath: b.path).sorted()))
            for name in names { #expect(try Self.read(a, name) == Self.read(b, name), "\(name) differs between runs") }
        }
    }

    @Test func designBundleHasTheHeatMapWithThe56Contour() throws {
        let dir = try Self.bundle(Self.designArgs)
        let svg = try SVGReader(Self.read(dir, "sensitivity.svg"))
        #expect(svg.all("rect", class: "cell").count == 5 * 6)
        #expect(svg.all("path", class: "contour").count == 1)
        #expect(svg.all("text", class: "note").first?.text.contains("56 patients suffice") == true)
        _ = try SVGReader(Self.read(dir, "index.html"))
    }

    @Test func existingFolderKeepsOtherFiles() throws {
        let dir = try Survkit.temporaryDirectory()
        try "hand-written".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let r = try Survkit.run(Self.designArgs + ["--output-dir", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.read(dir, "README.md") == "hand-written")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("index.html").path))
    }

    @Test func badInputIsExitTwoWithOneLine() throws {
        let noColumns = try Survkit.run(["report", "--design", Fixtures.data("nct07363356-gs.yaml").path,
                                         Fixtures.data("nct07363356-interim.csv").path, "--output-dir", "/tmp/x"])
        #expect(noColumns.status == 2)
        #expect(noColumns.stderr.contains("--time, --event and --group"))
        let noParent = try Survkit.run(Self.designArgs + ["--output-dir", "/nonexistent-survkit/bundle"])
        #expect(noParent.status == 2)
        #expect(noParent.stderr.split(separator: "\n").count == 1)
    }

    /// A fixed design with accrual and follow-up also shows power against patients: the curve
    /// is at or above the target at the design's patients, and below it a fifth fewer.
    @Test func fixedDesignWithAccrualShowsPowerByPatients() throws {
        let dir = try Survkit.temporaryDirectory()
        let file = dir.appendingPathComponent("design.yaml")
        let seed = try String(contentsOf: Fixtures.data("nct07363356.yaml"), encoding: .utf8)
        try (seed + "\naccrual-time: 18\nfollow-up: 12\n").write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("bundle")
        let r = try Survkit.run(["report", "--design", file.path, "--output-dir", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try SVGReader(Self.read(out, "power-patients.svg"))
        let points = SVGPath(try #require(svg.all("path", class: "series").first?.attributes["d"])).points
        let planned = try #require(svg.all("line", class: "reference").first { $0.attributes["x1"] == $0.attributes["x2"] })
        let target = try #require(svg.all("line", class: "reference").first { $0.attributes["y1"] == $0.attributes["y2"] })
        let x = planned.number("x1")!, y = target.number("y1")!
        // SVG y grows downwards: at the design's patients the curve is at or above the target line.
        let at = try #require(points.min { abs($0.x - x) < abs($1.x - x) })
        #expect(at.y <= y + 0.01)
        let fewer = try #require(points.first { $0.x < x - (x - points[0].x) * 0.4 })
        #expect(fewer.y > y)
        #expect(svg.all("text", class: "reference-label").contains { $0.text == "56 patients" })
    }
}
