import Foundation
import Testing
import TestSupport

/// `survkit cox --offset / --ridge / --firth` as a user runs them: R's numbers through the JSON,
/// exit status 2 with a message naming what to change for the combinations refused.
@Suite struct CoxExtrasCommandTests {
    static let tolerance = Tolerance(relative: 1e-8)
    static let data = Fixtures.url("coxmodels/data/lung_cc.csv").path
    static let base = ["cox", data, "--time", "time", "--event", "status"]

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func ridgeJSONMatchesCoxph() throws {
        let out = try json(Self.base + ["--covariates", "age,sex,ecog1,ecog2", "--ties", "breslow", "--ridge", "0.5"])
        let model = try Fixture("coxmodels/models.csv").rows(where: "case", is: "ridge_factor_breslow")[0]
        let coefficients = try Fixture("coxmodels/coefficients.csv").rows(where: "case", is: "ridge_factor_breslow")
        let t = Self.tolerance
        let lr = out["lr_test"] as! [String: Any]
        #expect(t.accepts(lr["chisq"] as? Double, model.double("lr_chisq")))
        #expect(t.accepts(lr["df"] as? Double, model.double("lr_df")))
        #expect(t.accepts(lr["p_value"] as? Double, model.double("lr_p")))
        let ridge = out["ridge"] as! [String: Any]
        #expect(ridge["theta"] as? Double == 0.5)
        #expect(t.accepts(ridge["penalty"] as? Double, model.double("penalty")))
        let rows = out["coefficients"] as! [[String: Any]]
        for (row, r) in zip(rows, coefficients) {
            for key in ["coef", "se", "se2", "z", "p_value", "lower", "upper"] {
                #expect(t.accepts(row[key] as? Double, r.double(key)), "\(key)")
            }
        }
    }

    @Test func offsetJSONMatchesCoxph() throws {
        let out = try json(Self.base + ["--covariates", "age,sex,ecog1,ecog2", "--ties", "breslow", "--strata", "inst",
                                        "--offset", "lwt"])
        let model = try Fixture("coxmodels/models.csv").rows(where: "case", is: "offset_breslow_strata")[0]
        let coefficients = try Fixture("coxmodels/coefficients.csv").rows(where: "case", is: "offset_breslow_strata")
        #expect(out["offset"] as? Bool == true)
        #expect(Self.tolerance.accepts(out["loglik"] as? Double, model.double("loglik")))
        #expect(Self.tolerance.accepts(out["concordance"] as? Double, model.double("concordance")))
        let rows = out["coefficients"] as! [[String: Any]]
        #expect(rows.map { $0["term"] as! String } == coefficients.map { $0.string("term") })
        for (row, r) in zip(rows, coefficients) {
            #expect(Self.tolerance.accepts(row["coef"] as? Double, r.double("coef")))
            #expect(Self.tolerance.accepts(row["se"] as? Double, r.double("se")))
        }
    }

    @Test(arguments: [
        (["--covariates", "sex", "--ridge", "0"], "--ridge must be a positive number"),
        (["--covariates", "sex", "--ridge=-2"], "--ridge must be a positive number"),
        (["--covariates", "sex", "--ridge", "-1"], "--ridge must be a positive number"),
        (["--covariates", "sex", "--ridge", "1", "--robust"], "--ridge cannot be combined with --robust"),
        (["--covariates", "sex", "--ridge", "1", "--zph"], "--ridge cannot be combined with --zph"),
        (["--covariates", "age", "--offset", "age"], "--offset age is also a covariate"),
        (["--covariates", "sex", "--offset", "lwt", "--predict", "sex=1"], "--offset cannot be combined with --predict"),
    ])
    func refusedCombinationsExitTwo(_ extra: [String], _ message: String) throws {
        let r = try Survkit.run(Self.base + extra)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func nonFiniteOffsetNamesLineAndColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("survkit-offset-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("off.csv")
        try "time,status,x,o\n1,1,1,0.5\n2,1,0,inf\n3,0,1,1\n4,1,0,2\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Survkit.run(["cox", file.path, "--time", "time", "--event", "status", "--covariates", "x",
                                 "--offset", "o"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("off.csv:3:4"), "\(r.stderr)")
    }
}

extension CoxExtrasCommandTests {
    @Test func firthJSONMatchesIndependentImplementation() throws {
        let out = try json(["cox", Fixtures.url("coxmodels/data/separation2.csv").path, "--time", "time", "--event",
                            "status", "--covariates", "x,z", "--strata", "g", "--firth"])
        let model = try Fixture("coxmodels/firth_models.csv").rows(where: "case", is: "firth_separation2_strata")[0]
        let coefficients = try Fixture("coxmodels/firth_coefficients.csv").rows(where: "case", is: "firth_separation2_strata")
        let t = Tolerance(relative: 1e-6)
        #expect(out["ties"] as? String == "breslow")
        let firth = out["firth"] as! [String: Any]
        #expect(t.accepts(firth["penalized_loglik"] as? Double, model.double("penalized_loglik")))
        let lr = out["lr_test"] as! [String: Any]
        #expect(t.accepts(lr["chisq"] as? Double, model.double("lr_chisq")))
        let rows = out["coefficients"] as! [[String: Any]]
        for (row, r) in zip(rows, coefficients) {
            for key in ["coef", "se", "chisq", "p_value", "lower", "upper"] {
                #expect(t.accepts(row[key] as? Double, r.double(key)), "\(key)")
            }
        }
    }

    @Test(arguments: [
        (["--firth", "--ties", "efron"], "--firth uses Breslow ties"),
        (["--firth", "--robust"], "--firth cannot be combined with --robust"),
        (["--firth", "--ridge", "1"], "--firth cannot be combined with --ridge"),
        (["--firth", "--weights", "age"], "--firth cannot be combined with --weights"),
    ])
    func firthRefusals(_ extra: [String], _ message: String) throws {
        let r = try Survkit.run(Self.base + ["--covariates", "sex"] + extra)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}

extension CoxExtrasCommandTests {
    @Test func zphTransformAndVarianceReachTheOutputs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("survkit-vcov-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let vcovFile = dir.appendingPathComponent("vcov.csv").path
        let out = try json(Self.base + ["--covariates", "age,sex,ecog1", "--cluster", "inst", "--zph",
                                        "--transform", "rank", "--vcov", vcovFile])
        #expect((out["zph"] as? [String: Any])?["transform"] as? String == "rank")
        let expected = try Fixture("coxmodels/vcov.csv").rows(where: "case", is: "vcov_robust")
        let vcov = (out["vcov"] as! [[Double]]).flatMap { $0 }
        let naive = (out["naive_vcov"] as! [[Double]]).flatMap { $0 }
        for (k, e) in expected.enumerated() {
            #expect(Self.tolerance.accepts(vcov[k], e.double("var")))
            #expect(Self.tolerance.accepts(naive[k], e.double("naive_var")))
        }
        let csv = try String(contentsOfFile: vcovFile, encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "matrix,term,age,sex,ecog1")
        #expect(csv.count == 1 + 2 * 3)
    }

    @Test func logTransformNeedsPositiveEventTimes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("survkit-zphlog-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("zero.csv")
        try "time,status,x\n0,1,1\n2,1,0\n3,0,1\n4,1,0\n5,1,1\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Survkit.run(["cox", file.path, "--time", "time", "--event", "status", "--covariates", "x",
                                 "--zph", "--transform", "log"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--transform log needs event times > 0"), "\(r.stderr)")
    }
}

extension CoxExtrasCommandTests {
    @Test func influenceFileHasOneRowPerUsedRow() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("survkit-influence-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("influence.csv").path
        let r = try Survkit.run(Self.base + ["--covariates", "age,sex", "--influence", file])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "line,score_age,score_sex,dfbeta_age,dfbeta_sex,dfbetas_age,dfbetas_sex")
        #expect(lines.count == 1 + 212)
        let refused = try Survkit.run(Self.base + ["--covariates", "sex", "--firth", "--influence", file])
        #expect(refused.status == 2 && refused.stderr.contains("--residuals/--influence"))
    }
}

extension CoxExtrasCommandTests {
    @Test func baselineTableInJSON() throws {
        let out = try json(Self.base + ["--covariates", "age,sex", "--strata", "inst", "--baseline", "breslow"])
        let baseline = out["baseline"] as! [String: Any]
        #expect(baseline["estimator"] as? String == "breslow")
        let table = baseline["table"] as! [[String: Any]]
        let expected = try Fixture("coxmodels/baseline.csv").rows.filter {
            $0.string("case") == "baseline_strata" && $0.string("estimator") == "breslow"
        }
        #expect(table.count == expected.count)
        for (row, e) in zip(table, expected) {
            #expect(row["stratum"] as? String == e.string("stratum"))
            #expect(Self.tolerance.accepts(row["cumhaz"] as? Double, e.double("cumhaz")))
        }
        let refused = try Survkit.run(Self.base + ["--covariates", "sex", "--ridge", "1", "--baseline", "efron"])
        #expect(refused.status == 2 && refused.stderr.contains("--baseline cannot be combined"))
    }
}
