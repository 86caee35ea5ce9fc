import Foundation
import Testing
import TestSupport

/// `km --conf-type logit|arcsin` and `km --reverse` against R (scripts/fixtures/kmextras.R).
@Suite struct KaplanMeierExtrasCommandTests {
    static let lung = Fixtures.data("lung.csv").path
    /// Limits are closed-form transforms of R's own numbers: the issue's 1e-9 (seen: equal).
    static let curve = Tolerance(relative: 1e-9)

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try Survkit.run(["km", lung, "--time", "time", "--event", "status", "--group", "sex", "--format", "json"] + args)
        #expect(r.status == 0)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test(arguments: ["logit", "arcsin"]) func limitsAndQuantilesMatchSurvfit(_ type: String) throws {
        let object = try Self.json(["--conf-type", type, "--quantiles", "0.25,0.5,0.75"])
        #expect(object["conf_type"] as? String == type)
        let groups = object["groups"] as! [[String: Any]]
        let table = try Fixture("kmextras/\(type)_table.csv")
        var compared = 0
        for g in groups {
            let label = g["group"] as! String
            let rows = g["table"] as! [[String: Any]]
            let expected = table.rows(where: "group", is: label)
            #expect(rows.count == expected.count)
            for (row, r) in zip(rows, expected) {
                #expect(row["time"] as? Double == r.double("time"))
                #expect(Self.curve.accepts(row["lower"] as? Double, r.double("lower")), "\(label) lower at \(r.string("time"))")
                #expect(Self.curve.accepts(row["upper"] as? Double, r.double("upper")), "\(label) upper at \(r.string("time"))")
                compared += 1
            }
            let quantiles = try Fixture("kmextras/\(type)_quantiles.csv").rows(where: "group", is: label)
            for (q, r) in zip(g["quantiles"] as! [[String: Any]], quantiles) {
                #expect(q["quantile"] as? Double == r.double("quantile"))
                #expect(q["lower"] as? Double == r.double("lower"))
                #expect(q["upper"] as? Double == r.double("upper"))
            }
        }
        #expect(compared == table.rows.count)
    }

    @Test func reverseKaplanMeierGivesTheMedianFollowUp() throws {
        let object = try Self.json(["--reverse"])
        let fixture = try Fixture("kmextras/reverse_median.csv")
        for (g, r) in zip(object["groups"] as! [[String: Any]], fixture.rows) {
            #expect(g["group"] as? String == r.string("group"))
            #expect(g["median_follow_up"] as? Double == r.double("median"))
            #expect(g["median_lower"] as? Double == r.double("lower"))
            #expect(g["median_upper"] is NSNull)
        }
        // Without --reverse there is no median_follow_up key (the contract's key set is unchanged).
        let plain = try Self.json([])
        #expect((plain["groups"] as! [[String: Any]])[0]["median_follow_up"] == nil)
    }
}
