import Foundation
import Testing
import TestSupport

/// `--start` (counting-process data), `--id` and `survkit split` as a user runs them, against
/// survival 3.5-3 (scripts/fixtures/counting.R).
@Suite struct CountingCommandTests {
    static let coefficients = Tolerance(relative: 1e-8)
    static let heart = Fixtures.url("counting/data/heart.csv").path
    static let cgd = Fixtures.url("counting/data/cgd.csv").path

    @Test func splitMatchesSurvSplit() throws {
        let r = try Survkit.run(["split", Self.heart, "--start", "start", "--time", "stop", "--event", "event",
                                 "--cut", "365,30,180"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let expected = try Fixture("counting/split_heart.csv").rows
        #expect(lines.count - 1 == expected.count)
        for (fields, row) in zip(lines.dropFirst(), expected) {
            for column in ["id", "start", "stop", "event", "episode", "transplant"] {
                let k = try #require(header.firstIndex(of: column))
                #expect(Double(fields[k]) == row.double(column), "\(column): \(fields[k]) vs \(row.string(column))")
            }
        }
    }

    @Test func coxOnCountingDataClustersOnTheId() throws {
        let r = try Survkit.run(["cox", Self.cgd, "--start", "tstart", "--time", "tstop", "--event", "status",
                                 "--covariates", "age,steroids", "--factors", "treat,sex,inherit",
                                 "--id", "id", "--robust", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["coefficients"] as? [[String: Any]])
        let expected = try Fixture("counting/coefficients.csv").rows(where: "case", is: "cgd_ag")
        #expect(rows.count == expected.count)
        for (row, e) in zip(rows, expected) {
            #expect(row["term"] as? String == e.string("term"))
            #expect(Self.coefficients.accepts(row["coef"] as? Double, e.double("coef")))
            #expect(Self.coefficients.accepts(row["robust_se"] as? Double, e.double("robust_se")))
        }
    }

    /// `--zph` and `--predict` on (start, stop] data: cox.zph (zph2) and survfit(fit, newdata)
    /// of scripts/fixtures/counting-cox.R.
    @Test func zphAndPredictOnCountingData() throws {
        let r = try Survkit.run(["cox", Self.heart, "--start", "start", "--time", "stop", "--event", "event",
                                 "--covariates", "age,surgery,transplant", "--zph",
                                 "--predict", "age=-5,surgery=1,transplant=1", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let global = try #require((object["zph"] as? [String: Any])?["global"] as? [String: Any])
        let zph = try Fixture("counting-cox/zph.csv").rows(where: "case", is: "heart_efron")
            .filter { $0["transform"] == "km" }.last!
        #expect(Self.coefficients.accepts(global["chisq"] as? Double, zph.double("chisq")))
        let curves = try #require((object["prediction"] as? [String: Any])?["curves"] as? [[String: Any]])
        let points = try #require(curves.first?["table"] as? [[String: Any]])
        let expected = try Fixture("counting-cox/survfit.csv").rows(where: "case", is: "heart_efron")
        #expect(points.count == expected.count)
        for (point, e) in zip(points, expected) {
            #expect((point["n_risk"] as? NSNumber)?.doubleValue == e.double("n_risk"))
            #expect(Self.coefficients.accepts(point["survival"] as? Double, e.double("survival")))
        }
    }

    @Test func kmTableCountsOnlyRowsThatHaveEntered() throws {
        let r = try Survkit.run(["km", Self.heart, "--start", "start", "--time", "stop", "--event", "event", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let table = try #require((object["groups"] as? [[String: Any]])?.first?["table"] as? [[String: Any]])
        let expected = try Fixture("counting/km.csv").rows(where: "case", is: "heart_all")
        #expect(table.count == expected.count)
        for (row, e) in zip(table, expected) {
            #expect(row["n_risk"] as? Int == e.int("n_risk"))
            #expect(Tolerance(relative: 1e-9).accepts(row["survival"] as? Double, e.double("survival")))
        }
    }

    @Test func overlappingIntervalsAndBackwardIntervalsExitTwo() throws {
        let overlap = "id,start,stop,status,x\n1,0,5,0,1\n1,4,8,1,2\n2,0,5,1,3\n"
        let r = try Survkit.run(["cox", "-", "--start", "start", "--time", "stop", "--event", "status",
                                 "--covariates", "x", "--id", "id"], stdin: overlap)
        #expect(r.status == 2)
        #expect(r.stderr.contains(":3") && r.stderr.contains("line 2") && r.stderr.contains("overlapping"))
        let backward = "start,stop,status\n0,5,1\n6,5,0\n"
        let b = try Survkit.run(["km", "-", "--start", "start", "--time", "stop", "--event", "status"], stdin: backward)
        #expect(b.status == 2)
        #expect(b.stderr.contains(":3:2") && b.stderr.contains("not after the start"))
        #expect(b.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: ["efron", "breslow", "heart_efron"])
    func ttMatchesCoxphWithTt(_ name: String) throws {
        let arguments = name == "heart_efron"
            ? ["cox", Self.heart, "--start", "start", "--time", "stop", "--event", "event",
               "--covariates", "age,surgery,transplant", "--tt", "age", "--format", "json"]
            : ["cox", Fixtures.url("counting/data/lung.csv").path, "--time", "time", "--event", "status",
               "--covariates", "age,sex,ph.karno", "--tt", "ph.karno", "--ties", name, "--format", "json"]
        let r = try Survkit.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["coefficients"] as? [[String: Any]])
        let expected = try Fixture("counting/tt.csv").rows(where: "ties", is: name)
        #expect(rows.count == expected.count)
        for (row, e) in zip(rows, expected) {
            #expect(row["term"] as? String == e.string("term"))
            #expect(Self.coefficients.accepts(row["coef"] as? Double, e.double("coef")))
            #expect(Self.coefficients.accepts(row["se"] as? Double, e.double("se")))
        }
        #expect(Self.coefficients.accepts(object["loglik"] as? Double, expected[0].double("loglik")))
    }
}
