import SurvivalAnalysis

/// The report of `survkit km`: text like R's `print(fit)` and `summary(fit)`, the curve table as
/// CSV, and the contract's JSON object.
///
/// Rendering only: every number comes from SurvivalAnalysis' `KaplanMeierAnalysis`. NaN (R's NA) prints as
/// `NA` in text and CSV and as `null` in JSON.
public struct KaplanMeierReport: Report, Sendable {
    /// The curves and their summaries.
    public var analysis: KaplanMeierAnalysis
    /// The command as the user ran it, shown on the text report's first line.
    public var call: String

    /// A report of `analysis`; `call` is the command line shown in the output.
    public init(_ analysis: KaplanMeierAnalysis, call: String) {
        self.analysis = analysis
        self.call = call
    }

    var isNelsonAalen: Bool { analysis.options.estimator == .nelsonAalen }
    /// Whether the curves carry simultaneous bands (`--band`): the columns band_lower, band_upper.
    var hasBands: Bool { analysis.curves.contains { $0.simultaneousBand != nil } }

    // MARK: JSON

    /// `{"conf_type", "conf_level", "rows_used", "rows_omitted", ["estimator",] ["tau",] "groups": [...]}`,
    /// the keys of the command-line contract; `estimator` only for Nelson–Aalen, `tau` only
    /// with `--tau`. The same document as ``rendered(as:)`` streams, built as a tree.
    /// - Complexity: O(rows).
    public func json() -> JSONValue {
        var tree = JSONTreeBuilder()
        write(to: &tree)
        return tree.value
    }

    /// The report in `format`. JSON is streamed, so a table of millions of rows never becomes a
    /// tree of values.
    /// - Complexity: O(rows).
    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .text: return text()
        case .csv: return csv()
        case .json:
            let rows = analysis.curves.reduce(0) { $0 + $1.curve.count }
            var out = JSONStream(capacity: 256 * rows + 1024)
            write(to: &out)
            return out.finish()
        }
    }

    /// The document, written once for both the stream and the tree.
    private func write<Sink: JSONSink>(to out: inout Sink) {
        out.openObject()
        out.key("conf_type"); out.string(analysis.options.confidenceType.rawValue)
        out.key("conf_level"); out.number(analysis.options.confidenceLevel)
        out.key("rows_used"); out.int(analysis.rowsUsed)
        out.key("rows_omitted"); out.int(analysis.rowsOmitted)
        if isNelsonAalen { out.key("estimator"); out.string(analysis.options.estimator.rawValue) }
        if let tau = analysis.options.tau { out.key("tau"); out.number(tau) }
        out.key("groups")
        out.openArray()
        for summary in analysis.curves {
            out.element()
            writeGroup(summary, to: &out)
        }
        out.closeArray()
        out.closeObject()
    }

    private func writeGroup<Sink: JSONSink>(_ summary: CurveSummary, to out: inout Sink) {
        let curve = summary.curve
        out.openObject()
        out.key("group")
        if let label = curve.label { out.string(label) } else { out.null() }
        out.key("n"); out.int(curve.n)
        out.key("events"); out.int(curve.events)
        out.key("median"); out.number(summary.median.time)
        out.key("median_lower"); out.number(summary.median.lower)
        out.key("median_upper"); out.number(summary.median.upper)
        if analysis.options.reverse {
            // The reverse Kaplan–Meier's median is the median follow-up (with its limits).
            out.key("median_follow_up"); out.number(summary.median.time)
        }
        if let mean = summary.restrictedMean {
            out.key("rmst"); out.number(mean.estimate)
            out.key("rmst_std_err"); out.number(mean.standardError)
        }
        if let quantiles = summary.quantiles {
            writeObjects("quantiles", quantiles, to: &out) { q, out in
                out.key("prob"); out.number(q.probability)
                out.key("quantile"); out.number(q.time)
                out.key("lower"); out.number(q.lower)
                out.key("upper"); out.number(q.upper)
            }
        }
        if let rows = summary.survivalAt {
            writeObjects("survival_at", rows, to: &out) { r, out in
                out.key("time"); out.number(r.time)
                if let w = r.weighted {
                    // Case weights: the weighted counts, as summary(fit, times =) gives them.
                    out.key("n_risk"); out.number(w.risk)
                    out.key("n_event"); out.number(w.event)
                    out.key("n_censor"); out.number(w.censor)
                } else {
                    out.key("n_risk"); out.int(r.nRisk)
                    out.key("n_event"); out.int(r.nEvent)
                    out.key("n_censor"); out.int(r.nCensor)
                }
                out.key("survival"); out.number(r.survival)
                out.key("std_err"); out.number(r.standardError)
                out.key("lower"); out.number(r.lower)
                out.key("upper"); out.number(r.upper)
                if isNelsonAalen {
                    out.key("cumhaz"); out.number(r.cumulativeHazard)
                    out.key("cumhaz_std_err"); out.number(r.cumulativeHazardStandardError)
                }
            }
        }
        let bandLimits = summary.simultaneousBand?.limitsByRow(rowCount: curve.count)
        if let band = summary.simultaneousBand {
            out.key("band")
            out.openObject()
            out.key("type"); out.string(band.kind.rawValue)
            out.key("transform"); out.string(band.transform.rawValue)
            out.key("critical_value"); out.number(band.critical)
            out.key("range")
            out.openArray()
            out.element(); out.number(band.range.low)
            out.element(); out.number(band.range.high)
            out.closeArray()
            out.key("bridge_range")
            out.openArray()
            out.element(); out.number(band.bridgeRange.low)
            out.element(); out.number(band.bridgeRange.high)
            out.closeArray()
            out.closeObject()
        }
        out.key("table")
        out.openArray()
        let time = curve.time, nRisk = curve.nRisk, nEvent = curve.nEvent, nCensor = curve.nCensor
        let survival = curve.survival, logSE = curve.cumulativeHazardStandardError ?? curve.logStandardError
        let lower = summary.band.lower, upper = summary.band.upper, hazard = curve.cumulativeHazard
        for i in 0..<curve.count {
            out.element()
            out.openObject()
            out.key("time"); out.number(time[i])
            if let w = curve.weighted {
                // Case weights: the weighted counts, as survfit's n.risk/n.event/n.censor.
                out.key("n_risk"); out.number(w.risk[i])
                out.key("n_event"); out.number(w.event[i])
                out.key("n_censor"); out.number(w.censor[i])
            } else {
                out.key("n_risk"); out.int(Int(nRisk[i]))
                out.key("n_event"); out.int(Int(nEvent[i]))
                out.key("n_censor"); out.int(Int(nCensor[i]))
            }
            out.key("survival"); out.number(survival[i])
            out.key("std_err"); out.number(curve.standardError(at: i))
            out.key("lower"); out.number(lower[i])
            out.key("upper"); out.number(upper[i])
            if let hazard {
                out.key("cumhaz"); out.number(hazard[i])
                out.key("cumhaz_std_err"); out.number(logSE[i])
            }
            if let bandLimits {
                out.key("band_lower"); out.number(bandLimits.lower[i])
                out.key("band_upper"); out.number(bandLimits.upper[i])
            }
            out.closeObject()
        }
        out.closeArray()
        out.closeObject()
    }

    /// `"key": [{...}, {...}]`, each object's members written by `members`.
    private func writeObjects<Sink: JSONSink, Item>(_ key: StaticString, _ items: [Item], to out: inout Sink,
                                                    _ members: (Item, inout Sink) -> Void) {
        out.key(key)
        out.openArray()
        for item in items {
            out.element()
            out.openObject()
            members(item, &out)
            out.closeObject()
        }
        out.closeArray()
    }

    // MARK: CSV

    /// The curve table, one row per curve and distinct time, with a `group` column (`NA` for a
    /// single curve); Nelson–Aalen adds `cumhaz` and `cumhaz_std_err`, `--band` adds `band_lower`
    /// and `band_upper` (`NA` outside the band's range). The layout of
    /// ``CSVWriter`` (quoting only where needed, round-trip numbers, `NA`), written in place.
    /// - Complexity: O(rows).
    public func csv() -> String {
        var header = ["group", "time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"]
        if isNelsonAalen { header += ["cumhaz", "cumhaz_std_err"] }
        if hasBands { header += ["band_lower", "band_upper"] }
        let rows = analysis.curves.reduce(0) { $0 + $1.curve.count }
        var out = ReportBuffer(capacity: 120 * rows + 128)
        out.append(header.map(CSVWriter.quoted).joined(separator: ","))
        out.append(byte: UInt8(ascii: "\n"))
        let comma = UInt8(ascii: ",")
        for summary in analysis.curves {
            let curve = summary.curve
            var group = ReportBuffer()
            group.append(curve.label.map(CSVWriter.quoted) ?? "NA")
            let time = curve.time, nRisk = curve.nRisk, nEvent = curve.nEvent, nCensor = curve.nCensor
            let survival = curve.survival, logSE = curve.cumulativeHazardStandardError ?? curve.logStandardError
            let lower = summary.band.lower, upper = summary.band.upper, hazard = curve.cumulativeHazard
            let none = [Double](repeating: .nan, count: hasBands && summary.simultaneousBand == nil ? curve.count : 0)
            let bandLimits: (lower: [Double], upper: [Double])? = hasBands
                ? summary.simultaneousBand?.limitsByRow(rowCount: curve.count) ?? (none, none)
                : nil
            for i in 0..<curve.count {
                out.append(group)
                out.append(byte: comma); out.appendRoundTrip(time[i])
                if let w = curve.weighted {
                    out.append(byte: comma); out.appendRoundTrip(w.risk[i])
                    out.append(byte: comma); out.appendRoundTrip(w.event[i])
                    out.append(byte: comma); out.appendRoundTrip(w.censor[i])
                } else {
                    out.append(byte: comma); out.append(Int(nRisk[i]))
                    out.append(byte: comma); out.append(Int(nEvent[i]))
                    out.append(byte: comma); out.append(Int(nCensor[i]))
                }
                out.append(byte: comma); out.appendRoundTrip(survival[i])
                out.append(byte: comma); out.appendRoundTrip(curve.standardError(at: i))
                out.append(byte: comma); out.appendRoundTrip(lower[i])
                out.append(byte: comma); out.appendRoundTrip(upper[i])
                if let hazard {
                    out.append(byte: comma); out.appendRoundTrip(hazard[i])
                    out.append(byte: comma); out.appendRoundTrip(logSE[i])
                }
                if let bandLimits {
                    out.append(byte: comma); out.appendRoundTrip(bandLimits.lower[i])
                    out.append(byte: comma); out.appendRoundTrip(bandLimits.upper[i])
                }
                out.append(byte: UInt8(ascii: "\n"))
            }
        }
        return out.text
    }
}
