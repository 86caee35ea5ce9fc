import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Tolerances against R (issue 2): estimates relative 1e-9; quantile times and their limits are
/// data times or midpoints of two, so equal to 1e-12 relative.
enum KaplanMeierTolerance {
    static let reference = Tolerance(relative: 1e-9)
    static let quantileTimes = Tolerance(relative: 1e-12)
}

/// One case of `Tests/Fixtures/km/cases.csv` (written by `scripts/fixtures/km.R`): a data file,
/// its columns, and the `--times` and `--tau` values R was asked about.
struct KaplanMeierCase: Sendable, CustomStringConvertible {
    let name: String
    let dataPath: String
    let time: String
    let event: String
    let group: String?
    let times: [Double]
    let taus: [Double]

    var description: String { name }

    /// Every case; empty if the fixture is missing (a separate test insists it is not).
    static let all: [KaplanMeierCase] = {
        guard let fixture = try? Fixture("km/cases.csv") else { return [] }
        func numbers(_ text: String) -> [Double] { text.split(separator: ";").map { Double(String($0))! } }
        return fixture.rows.map { row in
            KaplanMeierCase(name: row.string("case"), dataPath: row.string("data"), time: row.string("time"),
                            event: row.string("event"),
                            group: row.string("group") == "NA" ? nil : row.string("group"),
                            times: numbers(row.string("times")), taus: numbers(row.string("tau")))
        }
    }()

    /// The case's data set, read as `survkit km` reads it.
    func data() throws -> SurvivalData {
        let table = try CSVTable(path: Fixtures.root.appendingPathComponent(dataPath).path)
        return try SurvivalData(table: table, spec: SurvivalDataSpec(time: time, event: event, group: group))
    }

    /// The rows of `km/<case>/<file>`.
    func fixture(_ file: String) throws -> [[String: String]] {
        try Fixture("km/\(name)/\(file)").rows
    }

    /// The rows of `km/<case>/<file>` for one estimator / interval type / level.
    func expected(_ file: String, _ estimator: SurvivalEstimator, _ type: ConfidenceType? = nil,
                  _ level: Double? = nil) throws -> [[String: String]] {
        KaplanMeierCase.select(try fixture(file), estimator, type, level)
    }

    /// The fixture rows for one estimator / interval type / level.
    static func select(_ rows: [[String: String]], _ estimator: SurvivalEstimator, _ type: ConfidenceType? = nil,
                       _ level: Double? = nil) -> [[String: String]] {
        rows.filter { row in
            row.string("estimator") == estimator.rawValue
                && (type == nil || row.string("conf_type") == type!.rawValue)
                && (level == nil || row.double("conf_level") == level)
        }
    }

    /// The analysis survkit runs for these options.
    func analysis(_ estimator: SurvivalEstimator, _ type: ConfidenceType = .log, _ level: Double = 0.95,
                  quantiles: [Double]? = nil) throws -> KaplanMeierAnalysis {
        try KaplanMeierAnalysis(data(), options: KaplanMeierOptions(
            estimator: estimator, confidenceType: type, confidenceLevel: level, times: times,
            quantiles: quantiles, tau: nil))
    }

    /// Fixture rows of the curve labelled `label` (R's strata name without `var=`; NA for one curve).
    static func rows(_ rows: [[String: String]], of label: String?) -> [[String: String]] {
        rows.filter { $0.string("group") == (label ?? "NA") }
    }

    /// Every (estimator, interval type, level) combination the fixtures hold (logit and arcsin
    /// are checked against their own fixtures, Tests/Fixtures/kmextras).
    static let settings: [(SurvivalEstimator, ConfidenceType, Double)] =
        SurvivalEstimator.allCases.flatMap { e in
            [ConfidenceType.log, .logLog, .plain].flatMap { t in [0.95, 0.9].map { (e, t, $0) } }
        }
}

/// Checks `actual` against the fixture value (NaN and R's NA agree), naming the place on failure.
func expectClose(_ actual: Double?, _ expected: Double?, _ tolerance: Tolerance, _ place: @autoclosure () -> String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let a = actual.flatMap { $0.isNaN ? nil : $0 }
    let e = expected.flatMap { $0.isNaN ? nil : $0 }
    let difference = (a != nil && e != nil) ? relativeDifference(a!, e!) : 0
    #expect(tolerance.accepts(a, e),
            "\(place()): survkit \(String(describing: a)), R \(String(describing: e)), relative difference \(difference)",
            sourceLocation: sourceLocation)
}
