import Foundation
import Testing
import TestSupport

/// `survkit km --weights` against survival 3.5-3's `survfit(..., weights = w)`
/// (scripts/fixtures/countingkm.R): weighted n.risk, n.event, n.censor, survival, Greenwood
/// standard error and interval, right-censored and (start, stop].
@Suite struct KaplanMeierWeightsCommandTests {
    static let curve = Tolerance(relative: 1e-9)

    static let cases: [(name: String, arguments: [String])] = [
        ("lung_sex", ["lung_weighted.csv", "--time", "time", "--event", "status", "--group", "sex"]),
        ("lung_all_loglog", ["lung_weighted.csv", "--time", "time", "--event", "status", "--conf-type", "log-log"]),
        ("lung_integer_weights", ["lung_weighted.csv", "--time", "time", "--event", "status", "--group", "sex", "--weights", "wi"]),
        ("heart_counting", ["heart_weighted.csv", "--start", "start", "--time", "stop", "--event", "event"]),
        ("heart_counting_surgery", ["heart_weighted.csv", "--start", "start", "--time", "stop", "--event", "event", "--group", "surgery"]),
    ]

    @Test(arguments: 0..<5)
    func matchesWeightedSurvfit(_ k: Int) throws {
        let (name, arguments) = Self.cases[k]
        let path = Fixtures.url("countingkm/data/" + arguments[0]).path
        let weights = arguments.contains("--weights") ? [] : ["--weights", "w"]
        let r = try Survkit.run(["km", path] + arguments.dropFirst() + weights + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        let expected = try Fixture("countingkm/km_weighted.csv").rows(where: "case", is: name)
        var rows: [[String: Any]] = []
        for g in groups { rows += try #require(g["table"] as? [[String: Any]]) }
        #expect(rows.count == expected.count)
        for (row, e) in zip(rows, expected) {
            for key in ["time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"] {
                let ours = (row[key] as? NSNumber)?.doubleValue
                #expect(Self.curve.accepts(ours, e.double(key)), "\(name) t=\(e.string("time")) \(key): \(ours.map { "\($0)" } ?? "nil") vs \(e.string(key))")
            }
        }
    }

    /// No R needed: unit weights give the unweighted curve.
    @Test func unitWeightsGiveTheUnweightedCurve() throws {
        var csv = "time,status,w\n"
        for i in 0..<50 { csv += "\((i * 13) % 17 + 1),\(i % 4 == 0 ? 0 : 1),1\n" }
        let plain = try Survkit.run(["km", "-", "--time", "time", "--event", "status", "--format", "csv"], stdin: csv)
        let weighted = try Survkit.run(["km", "-", "--time", "time", "--event", "status", "--weights", "w", "--format", "csv"], stdin: csv)
        #expect(plain.status == 0 && weighted.status == 0, "\(weighted.stderr)")
        #expect(plain.stdout == weighted.stdout)
    }

    @Test func badWeightsExitTwo() throws {
        let negative = try Survkit.run(["km", "-", "--time", "t", "--event", "e", "--weights", "w"], stdin: "t,e,w\n1,1,1\n2,0,-1\n")
        #expect(negative.status == 2)
        #expect(negative.stderr.contains(":3") && negative.stderr.split(separator: "\n").count == 1)
        let bad = try Survkit.run(["km", "-", "--time", "t", "--event", "e", "--weights", "w", "--tau", "1"], stdin: "t,e,w\n1,1,x\n")
        #expect(bad.status == 2)
    }
}
