import Foundation
import Testing
import TestSupport

/// `survkit km --band` against scripts/fixtures/kmbands.R (Hall–Wellner and equal-precision bands
/// on survfit(Surv(time, status) ~ sex, lung), critical values by independent routes in R).
@Suite struct KaplanMeierBandCommandTests {
    /// As the library tests: R's quadrature and root finding leave ~1e-10; 1e-8 bounds it.
    static let band = Tolerance(relative: 1e-8)

    /// (--band, --conf-type, fixture transform)
    static let cases: [(String, String, String)] = [
        ("hall-wellner", "log-log", "log-log"), ("hall-wellner", "plain", "linear"),
        ("equal-precision", "log", "log"), ("equal-precision", "arcsin", "arcsin"),
    ]

    @Test(arguments: 0..<4)
    func jsonBandsMatchR(_ k: Int) throws {
        let (kind, confType, transform) = Self.cases[k]
        let r = try Survkit.run(["km", Fixtures.data("lung.csv").path, "--time", "time", "--event", "status",
                                 "--group", "sex", "--band", kind, "--conf-type", confType, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        let fixture = try Fixture("kmbands/\(kind)-\(transform).csv")
        var compared = 0
        for g in groups {
            let label = try #require(g["group"] as? String)
            let expected = fixture.rows(where: "group", is: label)
            let band = try #require(g["band"] as? [String: Any])
            #expect(band["type"] as? String == kind)
            #expect(band["transform"] as? String == transform)
            let c = (band["critical_value"] as? NSNumber)?.doubleValue
            #expect(Self.band.accepts(c, expected[0].double("c")), "c \(label): \(String(describing: c))")
            let range = try #require(band["range"] as? [NSNumber])
            #expect(range.map(\.doubleValue) == [expected.first!.double("time")!, expected.last!.double("time")!])
            let table = try #require(g["table"] as? [[String: Any]])
            var byTime: [Double: [String: Any]] = [:]
            for row in table { byTime[(row["time"] as! NSNumber).doubleValue] = row }
            for e in expected {
                let row = try #require(byTime[e.double("time")!])
                for (key, column) in [("band_lower", "lower"), ("band_upper", "upper")] {
                    let ours = (row[key] as? NSNumber)?.doubleValue
                    #expect(Self.band.accepts(ours, e.double(column)),
                            "\(kind) \(transform) \(label) t=\(e.string("time")) \(key): \(String(describing: ours)) vs \(e.string(column))")
                }
                compared += 1
            }
            // Outside the range (times before the first event, after the last) the band is null.
            let outside = table.filter { ($0["time"] as! NSNumber).doubleValue > range[1].doubleValue }
            #expect(outside.allSatisfy { $0["band_lower"] is NSNull && $0["band_upper"] is NSNull })
        }
        #expect(compared == fixture.rows.count)
    }

    @Test func csvAndTextCarryTheBandColumns() throws {
        let base = ["km", Fixtures.data("lung.csv").path, "--time", "time", "--event", "status", "--group", "sex",
                    "--band", "hall-wellner", "--conf-type", "log-log"]
        let csv = try Survkit.run(base + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines[0] == "group,time,n_risk,n_event,n_censor,survival,std_err,lower,upper,band_lower,band_upper")
        let fixture = try Fixture("kmbands/hall-wellner-log-log.csv").rows(where: "group", is: "1")
        let first = lines[1].split(separator: ",").map(String.init)
        #expect(Self.band.accepts(Double(first[9]), fixture[0].double("lower")), "csv band_lower \(first[9])")
        let text = try Survkit.run(base)
        #expect(text.status == 0)
        #expect(text.stdout.contains("band lower") && text.stdout.contains("hall-wellner  log-log"))
    }

    @Test func aNarrowerRangeGivesASmallerCriticalValue() throws {
        func critical(_ extra: [String]) throws -> Double {
            let r = try Survkit.run(["km", Fixtures.data("lung.csv").path, "--time", "time", "--event", "status",
                                     "--band", "hall-wellner", "--format", "json"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let g = try #require((object["groups"] as? [[String: Any]])?.first)
            return try #require(((g["band"] as? [String: Any])?["critical_value"] as? NSNumber)?.doubleValue)
        }
        #expect(try critical(["--band-range", "100,500"]) < critical([]))
    }

    @Test func badBandInputExitsTwo() throws {
        let lung = Fixtures.data("lung.csv").path
        let base = ["km", lung, "--time", "time", "--event", "status"]
        for extra in [["--band", "hall-wellner", "--band-range", "1,5000"],      // outside the event times
                      ["--band", "hall-wellner", "--band-range", "300,200"],     // LOW >= HIGH
                      ["--band", "equal-precision", "--band-range", "100"],      // not a pair
                      ["--band-range", "100,200"],                               // without --band
                      ["--band", "hall-wellner", "--conf-type", "logit"],
                      ["--band", "hall-wellner", "--weights", "age"],
                      ["--band", "hall-wellner", "--start", "age"],
                      ["--band", "simultaneous"]] {
            let r = try Survkit.run(base + extra)
            #expect(r.status == 2, "\(extra): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(extra)")
            #expect(r.stdout.isEmpty, "\(extra)")
        }
        let outside = try Survkit.run(base + ["--group", "sex", "--band", "hall-wellner", "--band-range", "5,800"])
        #expect(outside.stderr.contains("sex=1") && outside.stderr.contains(lung), "\(outside.stderr)")
    }
}
