import SurvivalAnalysis

extension KaplanMeierReport {
    /// Text for people, laid out as R prints a survfit: the call, the rows left out, the
    /// `print(fit)` line per curve (n, events, median and its limits, restricted mean), then
    /// quantiles if asked for, then per curve either `summary(fit, times = ...)` (with `--times`)
    /// or the full `summary(fit, censored = TRUE)` table.
    /// - Complexity: O(rows).
    public func text() -> String {
        let options = analysis.options
        let percent = NumberText.significant(options.confidenceLevel * 100, digits: 6)
        let level = NumberText.significant(options.confidenceLevel, digits: 6)
        var out = "Call: \(call)\n\n"
        let estimate = options.estimator == .nelsonAalen
            ? "Nelson–Aalen estimate (survival exp(-cumulative hazard))" : "Kaplan–Meier estimate"
        out += "\(estimate); \(options.confidenceType.rawValue) confidence intervals at \(percent)%\n"
        if options.reverse {
            out += "Reverse Kaplan–Meier (censorings are the events): the median is the median follow-up\n"
        }
        if let omitted = analysis.omissions.sentence { out += "   \(omitted)\n" }
        out += "\n"

        // print(fit): one line per curve.
        let titled = analysis.curves.count > 1 || analysis.curves.first?.curve.label != nil
        var columns: [(String, TextTable.Alignment)] = titled ? [("", .left)] : []
        columns += [("n", .right), ("events", .right)]
        if options.tau != nil { columns += [("rmean*", .right), ("se(rmean)", .right)] }
        columns += [("median", .right), ("\(level)LCL", .right), ("\(level)UCL", .right)]
        var overview = TextTable(columns)
        for summary in analysis.curves {
            var row = titled ? [title(summary.curve)] : []
            row += [String(summary.curve.n), String(summary.curve.events)]
            if let mean = summary.restrictedMean {
                row += [NumberText.significant(mean.estimate, digits: 5), NumberText.significant(mean.standardError, digits: 4)]
            }
            row += [Self.time(summary.median.time), Self.time(summary.median.lower), Self.time(summary.median.upper)]
            overview.append(row)
        }
        out += overview.rendered()
        if let tau = options.tau { out += "    * restricted mean with upper limit = \(Self.time(tau))\n" }
        if hasBands {
            out += "\nSimultaneous \(percent)% confidence bands (Klein & Moeschberger 4.4):\n"
            var table = TextTable((titled ? [("", .left)] : []) + [
                ("band", .left), ("transform", .left), ("from", .right), ("to", .right),
                ("a_L", .right), ("a_U", .right), ("critical", .right)])
            for summary in analysis.curves {
                guard let band = summary.simultaneousBand else { continue }
                table.append((titled ? [title(summary.curve)] : []) + [
                    band.kind.rawValue, band.transform.rawValue, Self.time(band.range.low), Self.time(band.range.high),
                    NumberText.significant(band.bridgeRange.low, digits: 4),
                    NumberText.significant(band.bridgeRange.high, digits: 4),
                    NumberText.significant(band.critical, digits: 6)])
            }
            out += table.rendered()
        }

        if options.quantiles != nil {
            out += "\nQuantiles with \(percent)% confidence limits:\n"
            var table = TextTable((titled ? [("", .left)] : []) + [
                ("prob", .right), ("quantile", .right), ("lower", .right), ("upper", .right)])
            for summary in analysis.curves {
                for q in summary.quantiles ?? [] {
                    table.append((titled ? [title(summary.curve)] : []) + [
                        NumberText.significant(q.probability, digits: 6), Self.time(q.time),
                        Self.time(q.lower), Self.time(q.upper)])
                }
            }
            out += table.rendered()
        }

        for summary in analysis.curves {
            out += "\n"
            if titled { out += "                \(title(summary.curve))\n" }
            out += curveTable(summary, percent: percent)
        }
        return out
    }

    /// The curve's label as R prints it: `sex=1` for a group column, the strata name otherwise.
    func title(_ curve: SurvivalCurve) -> String {
        guard let label = curve.label else { return "all" }
        if let group = analysis.groupColumn, analysis.strataColumns.isEmpty { return "\(group)=\(label)" }
        return label
    }

    /// One curve's table, aligned as ``TextTable`` aligns (right-aligned columns, two spaces
    /// apart), written in place: column widths come from the widest cell of each column.
    private func curveTable(_ summary: CurveSummary, percent: String) -> String {
        var titles = ["time", "n.risk", "n.event", "n.censor", "survival", "std.err",
                      "lower \(percent)% CI", "upper \(percent)% CI"]
        if isNelsonAalen { titles += ["cumhaz", "std.chaz"] }
        let bandLimits = summary.survivalAt == nil ? summary.simultaneousBand?.limitsByRow(rowCount: summary.curve.count) : nil
        if bandLimits != nil { titles += ["band lower", "band upper"] }
        // Columns: time, three counts, then survival, std.err, lower, upper[, cumhaz, std.chaz].
        var time: [Double], counts: [[Int32]], values: [[Double]]
        let curve = summary.curve
        if let rows = summary.survivalAt {
            time = rows.map(\.time)
            counts = [rows.map { Int32($0.nRisk) }, rows.map { Int32($0.nEvent) }, rows.map { Int32($0.nCensor) }]
            values = [rows.map(\.survival), rows.map(\.standardError), rows.map(\.lower), rows.map(\.upper)]
            if isNelsonAalen {
                values += [rows.map { $0.cumulativeHazard ?? .nan }, rows.map { $0.cumulativeHazardStandardError ?? .nan }]
            }
        } else {
            time = curve.time
            counts = [curve.nRisk, curve.nEvent, curve.nCensor]
            values = [curve.survival, (0..<curve.count).map(curve.standardError(at:)), summary.band.lower, summary.band.upper]
            if let hazard = curve.cumulativeHazard { values += [hazard, curve.cumulativeHazardStandardError ?? curve.logStandardError] }
            if let bandLimits { values += [bandLimits.lower, bandLimits.upper] }
        }
        let formats = [DecimalColumn(time, significant: 7)] + values.map { DecimalColumn($0, significant: 4) }
        let numbers = [time] + values
        func width(of x: Double, _ format: DecimalColumn) -> Int {
            var cell = ReportBuffer()
            format.write(x, to: &cell)
            return cell.count
        }
        // Widths: the title, the widest magnitude (plus a sign), NA.
        var widths = titles.map(\.utf8.count)
        for (k, column) in numbers.enumerated() {
            var largest = 0.0, negative = false, missing = false
            for x in column {
                if x.isNaN { missing = true } else { largest = Swift.max(largest, abs(x)); negative = negative || x < 0 }
            }
            let slot = k == 0 ? 0 : k + 3
            widths[slot] = Swift.max(widths[slot], width(of: largest, formats[k]) + (negative ? 1 : 0), missing ? 2 : 0)
        }
        // Case weights: the weighted counts, 7 significant digits (survfit's n.risk etc.).
        let digits: (Double) -> String = { NumberText.significant($0, digits: 7) }
        let weightedCells: [[String]]?
        if let rows = summary.survivalAt {
            weightedCells = curve.weighted == nil ? nil
                : [\WeightedCount.risk, \.event, \.censor].map { key in rows.map { $0.weighted.map { digits($0[keyPath: key]) } ?? "NA" } }
        } else {
            weightedCells = curve.weighted.map { w in [w.risk, w.event, w.censor].map { $0.map(digits) } }
        }
        for (k, column) in counts.enumerated() {
            let widest = weightedCells.map { $0[k].map(\.utf8.count).max() ?? 0 } ?? String(column.max() ?? 0).utf8.count
            widths[k + 1] = Swift.max(widths[k + 1], widest)
        }

        var out = ReportBuffer(capacity: (widths.reduce(0, +) + 2 * widths.count) * (time.count + 1))
        for (k, title) in titles.enumerated() {
            if k > 0 { out.append(spaces: 2) }
            out.append(spaces: widths[k] - title.utf8.count)
            out.append(title)
        }
        out.append(byte: UInt8(ascii: "\n"))

        // Flat locals, so the row loop touches no nested arrays.
        let columnCount = values.count
        let flat = values.flatMap { $0 }
        let rows = time.count
        for i in 0..<rows {
            var start = out.count
            formats[0].write(time[i], to: &out)
            out.padLeft(from: start, to: widths[0])
            for k in 0..<3 {
                out.append(spaces: 2)
                start = out.count
                if let weightedCells { out.append(weightedCells[k][i]) } else { out.append(Int(counts[k][i])) }
                out.padLeft(from: start, to: widths[k + 1])
            }
            for k in 0..<columnCount {
                out.append(spaces: 2)
                start = out.count
                formats[k + 1].write(flat[k * rows + i], to: &out)
                out.padLeft(from: start, to: widths[k + 4])
            }
            out.append(byte: UInt8(ascii: "\n"))
        }
        return out.text
    }

    /// Times: up to 7 significant digits (365.25 stays 365.25); NA for NaN.
    static func time(_ x: Double) -> String { NumberText.significant(x, digits: 7) }
}
