import Foundation
import Testing
import TestSupport

/// `survkit cox` run as a user runs it: JSON keys of the contract, numbers from R's fixtures,
/// exit statuses, atomic output files.
@Suite struct CoxCommandTests {
    static let tolerance = Tolerance(relative: 1e-6)
    static let lung = Fixtures.data("lung.csv").path
    static let lungArguments = ["cox", lung, "--time", "time", "--event", "status",
                                "--covariates", "age,sex", "--factors", "ph.ecog"]

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func lungJSONMatchesR() throws {
        let out = try json(Self.lungArguments)
        let model = try Fixture("cox/models.csv").rows(where: "case", is: "lung_efron")[0]
        let coefficients = try Fixture("cox/coefficients.csv").rows(where: "case", is: "lung_efron")
        let t = Self.tolerance
        #expect(out["n"] as? Int == model.int("n"))
        #expect(out["events"] as? Int == model.int("events"))
        #expect(out["iterations"] as? Int == model.int("iterations"))
        #expect(out["converged"] as? Bool == true)
        #expect(out["ties"] as? String == "efron")
        #expect(t.accepts(out["loglik"] as? Double, model.double("loglik")))
        #expect(t.accepts(out["loglik_null"] as? Double, model.double("loglik_null")))
        #expect(t.accepts(out["concordance"] as? Double, model.double("concordance")))
        #expect(t.accepts(out["concordance_se"] as? Double, model.double("concordance_se")))
        for (key, column) in [("lr_test", "lr"), ("wald_test", "wald"), ("score_test", "score")] {
            let test = out[key] as! [String: Any]
            #expect(t.accepts(test["chisq"] as? Double, model.double("\(column)_chisq")), "\(key)")
            #expect(test["df"] as? Int == 5)
            #expect(t.accepts(test["p_value"] as? Double, model.double("\(column)_p")), "\(key)")
        }
        let rows = out["coefficients"] as! [[String: Any]]
        #expect(rows.map { $0["term"] as! String } == coefficients.map { $0.string("term") })
        for (row, r) in zip(rows, coefficients) {
            for key in ["coef", "exp_coef", "se", "z", "p_value", "lower", "upper"] {
                #expect(t.accepts(row[key] as? Double, r.double(key)), "\(key)")
            }
            #expect(row["robust_se"] == nil)
        }
        #expect((out["warnings"] as? [String])?.isEmpty == true)
    }

    /// The contract lists the keys in this order; survkit's JSON keeps it.
    @Test func jsonKeysFollowTheContract() throws {
        let r = try Survkit.run(Self.lungArguments + ["--format", "json"])
        let contract = ["n", "events", "iterations", "converged", "ties", "loglik_null", "loglik", "concordance",
                        "concordance_se", "lr_test", "wald_test", "score_test", "coefficients", "warnings"]
        let positions = contract.map { r.stdout.range(of: "\n  \"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func clusteredRobustVarianceMatchesR() throws {
        let out = try json(Self.lungArguments + ["--cluster", "inst"])
        let model = try Fixture("cox/models.csv").rows(where: "case", is: "lung_cluster")[0]
        let coefficients = try Fixture("cox/coefficients.csv").rows(where: "case", is: "lung_cluster")
        #expect(out["robust"] as? Bool == true)
        let robustScore = out["robust_score_test"] as! [String: Any]
        #expect(Self.tolerance.accepts(robustScore["chisq"] as? Double, model.double("robust_score_chisq")))
        #expect(Self.tolerance.accepts(out["concordance_se"] as? Double, model.double("concordance_se")))
        let rows = out["coefficients"] as! [[String: Any]]
        for (row, r) in zip(rows, coefficients) {
            #expect(Self.tolerance.accepts(row["robust_se"] as? Double, r.double("robust_se")))
            #expect(Self.tolerance.accepts(row["se"] as? Double, r.double("se")))
        }
    }

    @Test func sameInputsGiveByteIdenticalOutput() throws {
        let arguments = Self.lungArguments + ["--zph", "--predict", "age=60,sex=2,ph.ecog=1"]
        for format in ["text", "csv", "json"] {
            let a = try Survkit.run(arguments + ["--format", format])
            let b = try Survkit.run(arguments + ["--format", format])
            #expect(a.status == 0 && a.stdout == b.stdout)
        }
    }

    @Test func residualsFileMatchesR() throws {
        let dir = try Survkit.temporaryDirectory()
        let path = dir.appendingPathComponent("resid.csv").path
        let r = try Survkit.run(Self.lungArguments + ["--residuals", path])
        #expect(r.status == 0)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines[0] == "line,time,event,linear_predictor,martingale,deviance")
        let expected = try Fixture("cox/residuals.csv").rows(where: "case", is: "lung_efron")
        #expect(lines.count - 1 == expected.count)
        for (line, e) in zip(lines.dropFirst(), expected) {
            let fields = line.split(separator: ",").map { Double($0)! }
            #expect(Self.tolerance.accepts(fields[4], e.double("martingale")))
            #expect(Self.tolerance.accepts(fields[5], e.double("deviance")))
        }
    }

    @Test func predictionAndZphAppearInJSON() throws {
        let out = try json(Self.lungArguments + ["--zph", "--predict", "age=60,sex=2,ph.ecog=1"])
        let zph = out["zph"] as! [String: Any]
        let global = zph["global"] as! [String: Any]
        let expected = try Fixture("cox/zph.csv").rows(where: "case", is: "lung_efron").last!
        #expect(Self.tolerance.accepts(global["chisq"] as? Double, expected.double("chisq")))
        let prediction = out["prediction"] as! [String: Any]
        let table = ((prediction["curves"] as! [[String: Any]])[0]["table"]) as! [[String: Any]]
        let curve = try Fixture("cox/survfit.csv").rows(where: "case", is: "lung_efron")
        #expect(table.count == curve.count)
        #expect(Self.tolerance.accepts(table.last?["survival"] as? Double, curve.last!.double("survival")))
        #expect(Self.tolerance.accepts(table.last?["std_err"] as? Double, curve.last!.double("std_err")))
    }

    @Test func iterationLimitIsAWarningNotAFailure() throws {
        let out = try json(Self.lungArguments + ["--max-iterations", "3"])
        #expect(out["converged"] as? Bool == false)
        #expect((out["warnings"] as? [String])?.first?.contains("did not converge") == true)
    }

    @Test func hardCasesShowTheirWarningInText() throws {
        let data = Fixtures.url("cox/data/separation.csv").path
        let r = try Survkit.run(["cox", data, "--time", "time", "--event", "status", "--covariates", "x"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Warnings:\n  - log-likelihood converged before variable 1 ('x'); coefficient may be infinite"))
    }

    @Test func noEventsExitsTwoWithoutOutputFile() throws {
        let dir = try Survkit.temporaryDirectory()
        let output = dir.appendingPathComponent("out.json").path
        let data = Fixtures.url("cox/data/no_events.csv").path
        let r = try Survkit.run(["cox", data, "--time", "time", "--event", "status", "--covariates", "x",
                                 "--output", output, "--residuals", dir.appendingPathComponent("r.csv").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no_events.csv"))
        #expect(r.stderr.contains("no events"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func badOptionsExitTwo() throws {
        for extra in [["--predict", "age=60,sex=2,ph.ecog=9"], ["--predict", "age"], ["--ties", "exact"],
                      ["--conf-level", "1.5"], ["--max-iterations", "-1"], ["--covariates", "nosuchcolumn"]] {
            let r = try Survkit.run(Self.lungArguments + extra)
            #expect(r.status == 2, "\(extra): \(r.stderr)")
        }
        let none = try Survkit.run(["cox", Self.lung, "--time", "time", "--event", "status"])
        #expect(none.status == 2)
    }

    @Test func csvIsTheCoefficientTable() throws {
        let r = try Survkit.run(Self.lungArguments + ["--ties", "breslow", "--format", "csv"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0] == "term,coef,exp_coef,se,robust_se,z,p_value,lower,upper")
        #expect(lines.count == 6)
        let expected = try Fixture("cox/coefficients.csv").rows(where: "case", is: "lung_breslow")[0]
        let fields = lines[1].split(separator: ",")
        #expect(fields[0] == "age")
        #expect(Self.tolerance.accepts(Double(fields[1]), expected.double("coef")))
    }

    /// --group is taken as one more factor.
    @Test func groupIsAFactor() throws {
        let a = try Survkit.run(Self.lungArguments.dropLast(2) + ["--group", "ph.ecog", "--format", "csv"])
        let b = try Survkit.run(Self.lungArguments + ["--format", "csv"])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }
}
