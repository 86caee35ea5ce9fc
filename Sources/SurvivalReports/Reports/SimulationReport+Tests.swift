import TrialDesign

/// The further tests of `simulate --test`: JSON `tests: [{test, rejections, power, power_se,
/// null_rejections, type_i_error, type_i_error_se}]`, CSV `test<k>_<key>`, and a text table.
extension SimulationReport {
    static func testMembers(_ t: TestSummary) -> [(String, JSONValue)] {
        [
            ("test", .string(t.test.description)), ("rejections", .int(t.rejections)), ("power", .number(t.power)),
            ("power_se", .number(t.powerStandardError)), ("null_rejections", .int(t.nullRejections)),
            ("type_i_error", .number(t.typeIError)), ("type_i_error_se", .number(t.typeIErrorStandardError)),
        ]
    }

    /// The tests' table, or nothing without tests.
    func testsText() -> String {
        guard !tests.isEmpty else { return "" }
        var table = TextTable([("Test", .left), ("power", .right), ("MC SE", .right), ("type I error", .right), ("MC SE", .right)])
        for t in tests {
            table.append([SimulationText.testName(t.test), NumberText.fixed(t.power, decimals: 4),
                          NumberText.fixed(t.powerStandardError, decimals: 4), NumberText.fixed(t.typeIError, decimals: 4),
                          NumberText.fixed(t.typeIErrorStandardError, decimals: 4)])
        }
        let sided = plan.sides == 2 ? "(two-sided)" : "(one-sided for benefit)"
        let control = "type I error: the same trials with both arms given the control's law.\n"
        guard let looks = plan.looks else {
            return "\n" + table.rendered(indent: 2) + "  Each test rejects when its p-value <= alpha \(DesignText.number(plan.alpha)) "
                + sided + "; " + control
        }
        let levels = looks.nominalLevels(sides: plan.sides).map(DesignText.number).joined(separator: ", ")
        return "\n" + table.rendered(indent: 2)
            + "  Each test is its own group-sequential trial: it rejects at the first look where its p-value is\n"
            + "  <= the look's nominal level \(sided) of the log-rank boundaries: \(levels).\n"
            + "  No futility stops. A test's type I error is what these levels give it, not a controlled alpha;\n"
            + "  " + control
    }
}

extension SimulationText {
    static func testName(_ t: SimulationTest) -> String {
        switch t {
        case .logRank: return "log-rank"
        case .flemingHarrington(let w): return "Fleming-Harrington (\(DesignText.number(w.rho)), \(DesignText.number(w.gamma)))"
        case .maxCombo: return "MaxCombo FH(0,0), (0,1), (1,0), (1,1)"
        case .restrictedMean(let tau): return "RMST difference to \(DesignText.number(tau))"
        }
    }
}
