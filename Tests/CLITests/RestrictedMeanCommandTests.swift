import Foundation
import Testing
import TestSupport

/// `survkit rmst` as a user runs it.
@Suite struct RestrictedMeanCommandTests {
    static let agreement = Tolerance(relative: 1e-9)
    static let ovarian = Fixtures.data("ovarian.csv").path

    @Test func jsonHasSnakeCaseKeysAndRsNumbers() throws {
        let r = try Survkit.run(["rmst", Self.ovarian, "--time", "futime", "--event", "fustat", "--group", "rx",
                                 "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["tau"] as? Double == 1106)
        #expect(object["tau_default"] as? Bool == true)
        let groups = try #require(object["groups"] as? [[String: Any]])
        let expected = try Fixture("rmst/groups.csv").rows(where: "case", is: "ovarian_default")
        for (g, e) in zip(groups, expected) {
            #expect(Self.agreement.accepts(g["rmst"] as? Double, e.double("rmst")))
            #expect(Self.agreement.accepts(g["std_err"] as? Double, e.double("se")))
        }
        let contrast = try #require((object["contrasts"] as? [[String: Any]])?.first)
        let difference = try #require(contrast["rmst_difference"] as? [String: Any])
        let c = try #require(try Fixture("rmst/contrasts.csv").rows(where: "case", is: "ovarian_default").first)
        #expect(Self.agreement.accepts(difference["p_value"] as? Double, c.double("difference_p")))
    }

    @Test func tauBeyondACensoredLastTimeWarns() throws {
        let r = try Survkit.run(["rmst", Self.ovarian, "--time", "futime", "--event", "fustat", "--group", "rx",
                                 "--tau", "1200"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: the Kaplan-Meier curve of rx=1 is undefined after its last time 1106"))
        #expect(r.stdout.contains("RMST (rx=2)-(rx=1)"))
        #expect(r.stdout.contains("Warning: "))
    }

    @Test func referenceSwapsTheContrast() throws {
        let r = try Survkit.run(["rmst", Self.ovarian, "--time", "futime", "--event", "fustat", "--group", "rx",
                                 "--reference", "2", "--format", "json"])
        let long = try Survkit.run(["rmst", Self.ovarian, "--time", "futime", "--event", "fustat", "--group", "rx",
                                    "--reference", "rx=2", "--format", "json"])
        #expect(long.stdout == r.stdout)
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let contrast = try #require((object["contrasts"] as? [[String: Any]])?.first)
        #expect(contrast["group"] as? String == "1" && contrast["reference"] as? String == "2")
        let difference = try #require(contrast["rmst_difference"] as? [String: Any])
        let c = try #require(try Fixture("rmst/contrasts.csv").rows(where: "case", is: "ovarian_default").first)
        #expect(Self.agreement.accepts(difference["estimate"] as? Double, c.double("difference").map { -$0 }))
    }

    @Test func unknownReferenceExitsTwoNamingIt() throws {
        let r = try Survkit.run(["rmst", Self.ovarian, "--time", "futime", "--event", "fustat", "--group", "rx",
                                 "--reference", "3"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--reference 3: '3' is not a level of 'rx' (levels: 1, 2)"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func badInputIsRefused() throws {
        let noGroup = try Survkit.run(["rmst", Self.ovarian, "--time", "futime", "--event", "fustat"])
        #expect(noGroup.status == 2)
        let badTau = try Survkit.run(["rmst", Self.ovarian, "--time", "futime", "--event", "fustat", "--group", "rx",
                                      "--tau", "0"])
        #expect(badTau.status == 2)
        #expect(badTau.stderr.contains("--tau must be a finite number > 0"))
    }
}
