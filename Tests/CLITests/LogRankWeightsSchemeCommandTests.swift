import Foundation
import Testing
import TestSupport

/// `survkit logrank --weights-scheme`: the R numbers through the CLI, and refused combinations.
@Suite struct LogRankWeightsSchemeCommandTests {
    static let agreement = Tolerance(relative: 1e-12)
    static let lung = Fixtures.data("lung.csv").path

    @Test(arguments: ["gehan", "tarone-ware", "peto-peto", "peto-prentice", "modified-peto"])
    func jsonCarriesTheSchemeAndRsChiSquare(scheme: String) throws {
        let r = try Survkit.run(["logrank", Self.lung, "--time", "time", "--event", "status", "--group", "sex",
                                 "--strata", "ph.ecog", "--weights-scheme", scheme, "--format", "json"])
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["test"] as? String == scheme)
        let expected = try #require(try Fixture("wlogrank/cases.csv").rows(where: "case", is: "lung_sex_strata_ecog_\(scheme)").first)
        #expect(Self.agreement.accepts(object["chisq"] as? Double, expected.double("chisq")))
    }

    @Test func textNamesTheWeights() throws {
        let r = try Survkit.run(["logrank", Self.lung, "--time", "time", "--event", "status", "--group", "sex",
                                 "--weights-scheme", "gehan"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Gehan-Breslow (generalised Wilcoxon) test\n"))
        #expect(r.stdout.contains("weights: n, the number at risk\n"))
    }

    @Test func unknownSchemeAndMixingWithRhoAreRefused() throws {
        let bad = try Survkit.run(["logrank", Self.lung, "--time", "time", "--event", "status", "--group", "sex",
                                   "--weights-scheme", "wilcoxon"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("gehan, tarone-ware, peto-peto, peto-prentice, modified-peto"))
        let both = try Survkit.run(["logrank", Self.lung, "--time", "time", "--event", "status", "--group", "sex",
                                    "--weights-scheme", "gehan", "--rho", "1"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("give one of them"))
    }
}

/// `survkit logrank --maxcombo`.
@Suite struct LogRankMaxComboCommandTests {
    static let lung = Fixtures.data("lung.csv").path

    @Test func jsonCarriesTheMaxComboObjectAndRsPValue() throws {
        let r = try Survkit.run(["logrank", Self.lung, "--time", "time", "--event", "status", "--group", "sex",
                                 "--maxcombo", "--format", "json"])
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let combo = try #require(object["maxcombo"] as? [String: Any])
        let expected = try #require(try Fixture("wlogrank/maxcombo.csv").rows(where: "case", is: "lung_sex_default").first)
        let p = try #require(combo["p_value"] as? Double)
        #expect(abs(p - expected.double("p_value")!) < 1e-5)
        #expect((combo["components"] as? [Any])?.count == 4)
        // Same input, same bytes.
        let again = try Survkit.run(["logrank", Self.lung, "--time", "time", "--event", "status", "--group", "sex",
                                     "--maxcombo", "--format", "json"])
        #expect(again.stdout == r.stdout)
    }

    @Test func badSetAndThreeGroupsAreRefused() throws {
        let bad = try Survkit.run(["logrank", Self.lung, "--time", "time", "--event", "status", "--group", "sex",
                                   "--maxcombo-set", "0:0,x:1"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'x:1' is not rho:gamma"))
        let three = try Survkit.run(["logrank", Self.lung, "--time", "time", "--event", "status", "--group", "ph.ecog",
                                     "--maxcombo"])
        #expect(three.status == 2)
        #expect(three.stderr.contains("exactly 2 groups"))
        #expect(three.stderr.split(separator: "\n").count == 1)
    }
}

/// `survkit logrank --one-sample`.
@Suite struct LogRankOneSampleCommandTests {
    static let data = Fixtures.root.appendingPathComponent("Tests/Fixtures/onesample/data/single_arm.csv").path

    @Test func jsonCarriesBothStatisticsAndTheExactP() throws {
        let r = try Survkit.run(["logrank", Self.data, "--time", "time", "--event", "status", "--one-sample",
                                 "--median-historical", "11", "--wu-variance", "--format", "json"])
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let expected = try #require(try Fixture("onesample/cases.csv").rows(where: "case", is: "single_median11").first)
        #expect(object["variance"] as? String == "wu")
        #expect(Tolerance(relative: 1e-12).accepts(object["z"] as? Double, expected.double("z_wu")))
        #expect(Tolerance(relative: 1e-12).accepts(object["p_value_exact_one_sided"] as? Double, expected.double("p_exact_one_sided")))
    }

    @Test func refusesAGroupAndAMissingHistoricalControl() throws {
        let group = try Survkit.run(["logrank", Fixtures.data("lung.csv").path, "--time", "time", "--event", "status",
                                     "--group", "sex", "--one-sample", "--median-historical", "300"])
        #expect(group.status == 2)
        #expect(group.stderr.contains("drop --group"))
        let none = try Survkit.run(["logrank", Self.data, "--time", "time", "--event", "status", "--one-sample"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("--median-historical"))
        let counts = try Survkit.run(["logrank", Self.data, "--time", "time", "--event", "status", "--one-sample",
                                      "--historical-hazards", "0.1,0.2", "--historical-hazard-times", "3,6"])
        #expect(counts.status == 2)
        #expect(counts.stderr.contains("one more value"))
    }
}
