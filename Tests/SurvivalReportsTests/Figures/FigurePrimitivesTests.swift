import Testing
@testable import SurvivalReports

/// The SVG writer's building blocks: number spelling, Heckbert ticks, text boxes, step thinning.
@Suite struct FigurePrimitivesTests {
    @Test func numbersHaveTwoDecimalsAtMostAndNoNegativeZero() {
        #expect(SVGNumber.text(12.5) == "12.5")
        #expect(SVGNumber.text(3) == "3")
        #expect(SVGNumber.text(0.07) == "0.07")
        #expect(SVGNumber.text(-0.001) == "0")
        #expect(SVGNumber.text(-1.005) == "-1.01" || SVGNumber.text(-1.005) == "-1")  // binary halfway
        #expect(SVGNumber.text(123.456) == "123.46")
        #expect(SVGNumber.text(-7.1) == "-7.1")
    }

    /// Heckbert's examples: the step is 1, 2 or 5 × 10^k and the axis covers the data.
    @Test func heckbertTicks() {
        let lung = NiceTicks(covering: 0, 1022, target: 7)
        #expect(lung.step == 200 && lung.values == [0, 200, 400, 600, 800, 1000, 1200])
        let unit = NiceTicks(covering: 0, 1, target: 6)
        #expect(unit.values.map(unit.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let months = NiceTicks(covering: 0, 15.7, target: 7)
        #expect(months.step == 2 && months.upper == 16)
        let odd = NiceTicks(covering: 0.013, 0.087, target: 5)
        #expect(odd.step == 0.02 && odd.lower == 0 && odd.upper.isApproximatelyEqual(0.1))
        #expect(odd.label(0.06) == "0.06")
        #expect(NiceTicks.niceNumber(0.0034, round: true) == 0.005)
        #expect(NiceTicks.niceNumber(340, round: false) == 500)
        let explicit = NiceTicks(explicit: [12, 6, 6, 24], from: 0)
        #expect(explicit.values == [6, 12, 24] && explicit.lower == 0 && explicit.upper == 24)
    }

    /// Any finite data range gives finite ticks: KM times of 1.7e308 trapped (a tick at 2e308 = inf
    /// reached RiskTable's finite-times precondition), a range of subnormals had a step of 0
    /// (niceNumber's precondition), and −1e308…1e308 overflowed the span.
    @Test(arguments: [(0.0, 1.7e308), (-1e308, 1e308), (-1.7e308, 1.7e308), (5e-324, 1e-323), (0.0, 5e-324),
                      (1.7e308, 1.7e308), (-1.7e308, -1.7e308), (1e300, 1e300 * (1 + 1e-15)), (0.0, 1e19)])
    func ticksOfExtremeRangesAreFiniteAndCoverTheData(low: Double, high: Double) {
        let ticks = NiceTicks(covering: low, high, target: 7)
        #expect(ticks.values.allSatisfy { $0.isFinite }, "\(ticks.values)")
        #expect(ticks.lower <= low && ticks.upper >= high, "\(ticks.values)")
        #expect(ticks.values.count >= 2 && ticks.values.count <= 20)
        #expect(zip(ticks.values, ticks.values.dropFirst()).allSatisfy { $0 < $1 })
        for v in ticks.values { #expect(!ticks.label(v).isEmpty) }
    }

    @Test func hugeLabelsAndCoordinatesDoNotTrap() {
        // Int64(value) traps past 9.2e18: a whole-number label that large is written in exponent form.
        let ticks = NiceTicks(covering: 0, 1e19, target: 6)
        #expect(ticks.label(1e19) == NumberText.roundTrip(1e19))
        #expect(ticks.label(200) == "200")
        #expect(SVGNumber.text(1e300) == SVGNumber.text(1e15))
        #expect(SVGNumber.text(-1e300) == SVGNumber.text(-1e15))
        let scale = LinearScale(domain: (-1e308, 1e308), range: (0, 100))
        #expect(scale(1e308) == 100 && scale(-1e308) == 0 && scale(0) == 50)
    }

    @Test func textBoxesFromFontSize() {
        let a = TextBox(text: "138", x: 100, y: 50, fontSize: 12, anchor: .middle)
        #expect(abs((a.maxX - a.minX) - 3 * 0.6 * 12) < 1e-9)
        let b = TextBox(text: "78", x: 100 + 40, y: 50, fontSize: 12, anchor: .middle)
        #expect(!a.overlaps(b))
        let c = TextBox(text: "Male", x: 100, y: 55, fontSize: 12, anchor: .end)
        #expect(a.overlaps(c))
    }

    /// One step per pixel column: 10⁶ drops over 600 px give at most two corners per column, and
    /// the drawn curve still passes through the last value.
    @Test func thinningKeepsOneStepPerPixelColumn() {
        let n = 1_000_000
        let times = (1...n).map { Double($0) }
        let values = (1...n).map { 1 - Double($0) / Double(n + 1) }
        let x = LinearScale(domain: (0, Double(n)), range: (50, 650))
        let y = LinearScale(domain: (0, 1), range: (400, 50))
        let corners = StepThinning.corners(startTime: 0, startValue: 1, times: times, values: values, end: Double(n), x: x, y: y)
        #expect(corners.count <= 2 * 601 + 2)
        #expect(abs(corners.last!.y - y(values.last!)) < 1e-9)
        // Where steps are far apart nothing is merged: 5 steps → start, 2 corners each, end.
        let sparse = StepThinning.corners(startTime: 0, startValue: 1, times: [1, 2, 3, 4, 5], values: [0.9, 0.8, 0.7, 0.6, 0.5],
                                          end: 6, x: LinearScale(domain: (0, 6), range: (0, 600)), y: y)
        #expect(sparse.count == 1 + 2 * 5 + 1)
    }

    @Test func canvasEscapesTextAndIsDeterministic() {
        func draw() -> String {
            var canvas = SVGCanvas(width: 100, height: 50)
            canvas.text("a < b & \"c\"", x: 1, y: 20)
            return canvas.rendered()
        }
        #expect(draw().contains("a &lt; b &amp; &quot;c&quot;"))
        #expect(draw() == draw())
    }
}

extension Double {
    fileprivate func isApproximatelyEqual(_ other: Double) -> Bool { abs(self - other) < 1e-12 }
}
