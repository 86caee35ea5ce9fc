import Foundation
import Testing
import TestSupport

/// `survkit cif` and `survkit cox --cause` as a user runs them: output shape and bad input.
@Suite struct CumulativeIncidenceCommandTests {
    static let mgus2 = Fixtures.url("competing/data/mgus2.csv").path

    static func file(_ text: String) throws -> String {
        let url = try Survkit.temporaryDirectory().appendingPathComponent("cr.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func jsonHasTheDocumentedKeys() throws {
        let r = try Survkit.run(["cif", Self.mgus2, "--time", "etime", "--status", "status", "--group", "sex", "--format", "json"])
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(Set(object.keys).isSuperset(of: ["conf_type", "conf_level", "rows_used", "rows_omitted", "causes", "gray_tests"]))
        let causes = object["causes"] as! [[String: Any]]
        #expect(causes.map { $0["cause"] as? String } == ["1", "2"])
        let group = (causes[0]["groups"] as! [[String: Any]])[0]
        #expect(group["group"] as? String == "F")
        let row = (group["table"] as! [[String: Any]])[1]
        #expect(Set(row.keys) == ["time", "n_risk", "n_event", "cif", "std_err", "lower", "upper"])
        let tests = object["gray_tests"] as! [[String: Any]]
        #expect(Set(tests[0].keys) == ["cause", "statistic", "df", "p_value"])
        // cmprsk::cuminc(etime, status, sex)$Tests["2", "stat"] = 11.651259012127738.
        #expect(abs((tests[1]["statistic"] as! Double) - 11.651259012127738) < 1e-8)
    }

    @Test func labelledStatusWithCensorValueGivesTheSameCurves() throws {
        let a = try Survkit.run(["cif", Self.mgus2, "--time", "etime", "--status", "status", "--format", "csv"])
        let b = try Survkit.run(["cif", Self.mgus2, "--time", "etime", "--status", "event", "--censor-value", "censor", "--format", "csv"])
        #expect(a.status == 0 && b.status == 0)
        // Labels sort as R's factor(): death before pcm; integer codes put pcm (1) first.
        let aLines = a.stdout.split(separator: "\n").dropFirst()
        let bLines = b.stdout.split(separator: "\n").dropFirst()
        func numbers(_ lines: [Substring.SubSequence]) -> [[Double]] {
            lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).map { Double($0) ?? .nan } }
        }
        let pcmA = numbers(aLines.filter { $0.hasPrefix("1,") })
        let pcmB = numbers(bLines.filter { $0.hasPrefix("pcm,") })
        #expect(!pcmA.isEmpty && pcmA.count == pcmB.count)
        // Equal up to the order in which the causes' influences are summed (last bits).
        let summation = Tolerance(relative: 1e-13)
        for (x, y) in zip(pcmA.joined(), pcmB.joined()) { #expect(summation.accepts(x, y)) }
    }

    @Test func statusThatIsNotAWholeNumberExitsTwoNamingLineAndColumn() throws {
        let path = try Self.file("t,s\n1,0\n2,1.5\n3,2\n")
        let r = try Survkit.run(["cif", path, "--time", "t", "--status", "s"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(":3:2") && r.stderr.contains("'1.5' is not a whole number") && r.stderr.contains("--censor-value"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func noEventsAndAbsentCauseExitTwo() throws {
        let path = try Self.file("t,s,x\n1,0,1\n2,0,2\n3,0,3\n")
        let r = try Survkit.run(["cif", path, "--time", "t", "--status", "s"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no row of 's' has an event of any cause"))
        let cox = try Survkit.run(["cox", Self.mgus2, "--time", "etime", "--event", "status", "--covariates", "age", "--cause", "3"])
        #expect(cox.status == 2)
        #expect(cox.stderr.contains("--cause 3: no row of 'status' has that cause; causes present: 1, 2"))
    }

    @Test func censorValueThatNoRowHoldsIsWarnedAbout() throws {
        let path = try Self.file("t,s\n1,dead\n2,alive\n3,dead\n")
        let r = try Survkit.run(["cif", path, "--time", "t", "--status", "s", "--censor-value", "Alive"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("--censor-value 'Alive' is not a value of 's': no row is censored"))
    }

    @Test func fineGrayJsonHasTheCoxShape() throws {
        let r = try Survkit.run(["cox", Self.mgus2, "--time", "etime", "--event", "status", "--covariates", "age,male",
                                 "--cause", "1", "--fine-gray", "--format", "json"])
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(object["model"] as? String == "fine-gray")
        let row = (object["coefficients"] as! [[String: Any]])[0]
        #expect(Set(row.keys) == ["term", "coef", "exp_coef", "se", "robust_se", "z", "p_value", "lower", "upper"])
        // cmprsk::crr(..., failcode = 1, gtol = 1e-13)$coef["age"].
        #expect(abs((row["coef"] as! Double) / -0.017338153 - 1) < 1e-6)
    }

    @Test func fineGrayWithoutCauseIsAUsageError() throws {
        let r = try Survkit.run(["cox", Self.mgus2, "--time", "etime", "--event", "status", "--covariates", "age", "--fine-gray"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--fine-gray needs --cause K"))
    }
}
