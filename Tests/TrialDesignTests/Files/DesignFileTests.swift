import Testing
import TestSupport
import SurvivalAnalysis
@testable import TrialDesign

@Suite struct DesignFileTests {
    @Test func readsTheSeedTrialsFile() throws {
        let s = try DesignFile.load(path: Fixtures.data("nct07363356.yaml").path)
        #expect(s.medianControl == 11 && s.medianTreatment == 33)
        #expect(s.alpha == 0.05 && s.sides == 2 && s.power == 0.8 && s.allocation == "1:1")
        #expect(s.dropoutInflation == 0.1 && s.method == .schoenfeld)
        #expect(s.accrualTime == nil && s.followUp == nil && s.patients == nil)   // not stated in the protocol
    }

    @Test func readsJSONAndLists() throws {
        let s = try DesignFile.parse(#"{"median-control": 12, "hazard-ratio": 0.7, "accrual-times": [0, 6], "accrual-rates": "2, 4", "solve": "accrual-time"}"#,
                                     file: "d.json")
        #expect(s.accrualTimes == [0, 6] && s.accrualRates == [2, 4] && s.solve == .accrualTime && s.hazardRatio == 0.7)
    }

    @Test func unknownKeyNamesItsLine() {
        let text = "median-control: 11\nmedian-treatmnet: 33\n"
        #expect(throws: InputError.self) { try DesignFile.parse(text, file: "x.yaml") }
        do {
            _ = try DesignFile.parse(text, file: "x.yaml")
        } catch {
            #expect(error.line == 2 && error.column == 1)
            #expect(error.description.hasPrefix("x.yaml:2:1: unknown key 'median-treatmnet'"))
        }
    }

    @Test func badValuesAndSyntaxAreLocated() {
        do {
            _ = try DesignFile.parse("alpha: five\n", file: "x.yaml")
            Issue.record("no error")
        } catch {
            #expect(error.description == "x.yaml:1:8: alpha must be a finite number")
        }
        do {
            _ = try DesignFile.parse("alpha: [0.05\n", file: "x.yaml")
            Issue.record("no error")
        } catch {
            #expect(error.line != nil && error.message.hasPrefix("YAML:"))
        }
        #expect(throws: InputError.self) { try DesignFile.parse("method: bayes\n", file: "x.yaml") }
        #expect(throws: InputError.self) { try DesignFile.parse("- 1\n- 2\n", file: "x.yaml") }
        #expect(throws: InputError.self) { try DesignFile.parse("", file: "x.yaml") }
        #expect(throws: InputError.self) { try DesignFile.load(path: "/nonexistent/design.yaml") }
    }
}

@Suite struct DesignDataKeyTests {
    @Test func timeUnitAndControlLabelAreRead() throws {
        let s = try DesignFile.parse("median-control: 11\ntime-unit: Months\ncontrol-label: STANDARD-OF-CARE\n", file: "d.yaml")
        #expect(s.timeUnit == .months)
        #expect(s.controlLabel == "STANDARD-OF-CARE")
    }

    @Test func unknownTimeUnitIsRefusedNamingTheLine() throws {
        do {
            _ = try DesignFile.parse("median-control: 11\ntime-unit: fortnights\n", file: "d.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 2 && error.message.contains("time-unit"))
        }
    }
}
