import Foundation
import Testing
import TestSupport

/// `survkit cox --zph --plot`: R's plot(cox.zph(fit)) read back as XML — one panel per term,
/// every scaled Schoenfeld residual as a point, the smooth and its band at R's values
/// (Tests/Fixtures/coxzph-plot, scripts/fixtures/coxzph-plot.R) to the SVG's printed
/// precision, R's x-axis labels, nothing outside the plot areas, no overlapping text, and the
/// same bytes on every run.
@Suite struct CoxZphPlotTests {
    /// Coordinates are printed to 1/100 px; a value read back through two printed tick
    /// positions and a printed point is good to about 0.02 px.
    static let pixels = 0.02

    static func command(_ id: String, _ transform: String) -> [String] {
        let data = Fixtures.url("coxzph-plot/data/\(id).csv").path
        let model = id == "lung" ? ["--covariates", "age,sex,ph.ecog"] : ["--covariates", "trt,karno", "--factors", "celltype"]
        return ["cox", data, "--time", "time", "--event", "status"] + model + ["--zph", "--transform", transform]
    }

    static func plot(_ args: [String]) throws -> String {
        let path = try Survkit.temporaryDirectory().appendingPathComponent("zph.svg").path
        let r = try Survkit.run(args + ["--plot", path, "--output", "/dev/null"])
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The elements of each panel, in order (panels are drawn one after another).
    static func panels(_ svg: SVGReader) -> [[SVGReader.Element]] {
        var panels: [[SVGReader.Element]] = []
        for element in svg.elements {
            if element.name == "g" && element.cls == "panel" { panels.append([]) } else if !panels.isEmpty && element.isInside("panel") {
                panels[panels.count - 1].append(element)
            }
        }
        return panels
    }

    static func rRows(_ file: String, _ id: String, _ transform: String) throws -> [[String: String]] {
        try Fixture("coxzph-plot/\(file)").rows(where: "case", is: id).filter { $0["transform"] == transform }
    }

    @Test(arguments: [("veteran", "km"), ("lung", "rank")])
    func panelsShowRsSmoothAndAxis(_ id: String, _ transform: String) throws {
        let svg = try SVGReader(Self.plot(Self.command(id, transform)))
        let residuals = try Self.rRows("residuals.csv", id, transform)
        let smooth = try Self.rRows("smooth.csv", id, transform)
        let axis = try Self.rRows("axis.csv", id, transform).filter { $0.double("position") != nil }
        let panels = Self.panels(svg)
        let terms = panels.map { panel in String(panel.first { $0.cls == "y-label" }!.text.dropFirst("Beta(t) for ".count)) }
        #expect(Set(terms) == Set(residuals.map { $0.string("term") }))
        #expect(terms.count == panels.count)
        for (term, panel) in zip(terms, panels) {
            let events = residuals.filter { $0.string("term") == term && $0.double("y") != nil }
            #expect(panel.filter { $0.cls == "residual" }.count == events.count, "\(term) points")
            // x: R's axis labels at R's positions; the first and last tick fix the scale.
            let xTicks = panel.filter { $0.cls == "x-tick" }
            let labelled = xTicks.map { t in (pixel: t.number("x")!, r: axis.first { CoxZphPlotTests.label($0.double("label")!) == t.text }) }
            #expect(labelled.allSatisfy { $0.r != nil }, "\(term) x labels \(xTicks.map(\.text))")
            #expect(xTicks.count >= 6, "\(term): \(xTicks.count) x labels")
            let (a, b) = (labelled.first!, labelled.last!)
            let (xa, xb) = (a.r!.double("position")!, b.r!.double("position")!)
            func xData(_ px: Double) -> Double { xa + (px - a.pixel) / (b.pixel - a.pixel) * (xb - xa) }
            let yTicks = panel.filter { $0.cls == "y-tick" }
            let (ya, yb) = (Double(yTicks.first!.text)!, Double(yTicks.last!.text)!)
            let (pa, pb) = (yTicks.first!.number("y")! - 4, yTicks.last!.number("y")! - 4)
            func yData(_ py: Double) -> Double { ya + (py - pa) / (pb - pa) * (yb - ya) }
            let xPerPixel = abs(xb - xa) / abs(b.pixel - a.pixel), yPerPixel = abs(yb - ya) / abs(pb - pa)
            let rows = smooth.filter { $0.string("term") == term }
            for (cls, column) in [("smooth", "fit"), ("band-upper", "+"), ("band-lower", "-")] {
                let path = SVGPath(try #require(panel.first { $0.cls == cls }?.attributes["d"], "\(term) \(cls)"))
                #expect(path.points.count == rows.count)
                for (p, r) in zip(path.points, rows) {
                    let fit = r.double("fit")!, se = r.double("se")!
                    let expected = column == "fit" ? fit : column == "+" ? fit + 2 * se : fit - 2 * se
                    #expect(abs(xData(p.x) - r.double("x")!) <= Self.pixels * xPerPixel, "\(term) \(cls) x")
                    #expect(abs(yData(p.y) - expected) <= Self.pixels * yPerPixel, "\(term) \(cls) y \(yData(p.y)) vs \(expected)")
                }
            }
        }
    }

    /// R prints signif(time, 2) with format(): 8.2, 19, 130.
    static func label(_ time: Double) -> String { time == time.rounded() ? String(Int(time)) : String(time) }

    @Test(arguments: ["km", "rank", "identity", "log"])
    func nothingOutsideAndNoOverlaps(_ transform: String) throws {
        let text = try Self.plot(Self.command("veteran", transform) + ["--title", "Veteran: proportional hazards"])
        let svg = try SVGReader(text)
        for panel in Self.panels(svg) {
            let area = try #require(panel.first { $0.cls == "plot-area" })
            let (x, y, w, h) = (area.number("x")!, area.number("y")!, area.number("width")!, area.number("height")!)
            func inside(_ px: Double, _ py: Double) -> Bool {
                px >= x - 0.005 && px <= x + w + 0.005 && py >= y - 0.005 && py <= y + h + 0.005
            }
            for element in panel where element.isInside("plot-data") {
                if element.name == "circle" { #expect(inside(element.number("cx")!, element.number("cy")!), "\(transform) point") }
                if let d = element.attributes["d"] {
                    #expect(SVGPath(d).points.allSatisfy { inside($0.x, $0.y) }, "\(transform) \(element.cls ?? "")")
                }
            }
        }
        let boxes = svg.all("text").filter { $0.attributes["transform"] == nil }.map { t in
            TextBoxEstimate(text: t.text, x: t.number("x")!, y: t.number("y")!, size: t.number("font-size")!,
                            anchor: t.attributes["text-anchor"] ?? "start")
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                #expect(!boxes[i].overlaps(boxes[j]), "\(transform): '\(boxes[i].text)' overlaps '\(boxes[j].text)'")
            }
        }
        #expect(svg.all("text", class: "x-tick").count >= 3 * 4, "\(transform) x ticks")
    }

    @Test func sameInputSameBytes() throws {
        #expect(try Self.plot(Self.command("lung", "km")) == Self.plot(Self.command("lung", "km")))
    }

    /// Without --zph, --plot stays the forest plot.
    @Test func withoutZphTheForestPlot() throws {
        let svg = try SVGReader(Self.plot(Array(Self.command("lung", "km").dropLast(3))))
        #expect(svg.all("rect", class: "estimate").count == 3)
        #expect(Self.panels(svg).isEmpty)
    }
}
