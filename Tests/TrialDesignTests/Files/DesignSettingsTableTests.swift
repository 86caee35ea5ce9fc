import Testing
@testable import TrialDesign

/// The one table of settings: the file reader, the overrides and the echo iterate it.
@Suite struct DesignSettingsTableTests {
    @Test func everyKeyHasOneRow() {
        let names = DesignSettings.table.map(\.name.rawValue)
        #expect(Set(names).count == names.count)
        let keys = DesignSettings.Key.allCases.map(\.rawValue) + SequentialSettings.Key.allCases.map(\.rawValue)
            + DesignSettings.DataKey.allCases.map(\.rawValue) + DesignSettings.NonProportionalKey.allCases.map(\.rawValue)
        #expect(Set(names) == Set(keys))
    }

    @Test func echoReadsBackAsTheSameSettings() throws {
        var s = DesignSettings()
        s.medianControl = 11.25
        s.hazardRatio = 0.1 + 0.2
        s.sides = 1
        s.allocation = "2:1"
        s.accrualTimes = [0, 6]
        s.accrualRates = [2, 4.5]
        s.dropoutInflation = 0.1
        s.method = .freedman
        s.sequential.looks = 3
        s.sequential.spending = .hwangShihDeCani
        s.sequential.gamma = -4
        s.sequential.previousLooks = [PreviousLook(events: 10, z: 1.25)]
        s.priorEvents = 20
        let yaml = s.echoed().map { name, value in
            switch value {
            case .scalar(let t): "\(name.rawValue): \"\(t)\""
            case .list(let items): "\(name.rawValue): [\(items.map { "\"\($0!)\"" }.joined(separator: ", "))]"
            case .mapping: ""
            }
        }.joined(separator: "\n")
        #expect(try DesignFile.parse(yaml, file: "echo.yaml") == s)
    }

    @Test func dropoutIsAnAliasOfDropoutInflation() throws {
        #expect(try DesignFile.parse("dropout: 0.1\n", file: "d.yaml").dropoutInflation == 0.1)
        #expect(try DesignFile.parse("dropout-inflation: 0.1\n", file: "d.yaml").dropoutInflation == 0.1)
        do {
            _ = try DesignFile.parse("dropout: 0.1\ndropout-inflation: 0.2\n", file: "d.yaml")
            Issue.record("no error")
        } catch {
            #expect(error.line == 2 && error.message == "keys 'dropout' and 'dropout-inflation' are the same setting")
        }
    }

    @Test func aFlagReplacesTheOtherFormOfItsConcept() {
        var file = DesignSettings()
        file.medianControl = 11
        file.medianTreatment = 33
        file.sequential.spending = .hwangShihDeCani
        file.sequential.gamma = -4
        var flags = DesignSettings()
        flags.hazardRatio = 0.5
        var s = file.overridden(by: flags)
        #expect(s.medianTreatment == nil && s.hazardRatio == 0.5 && s.medianControl == 11)
        flags = DesignSettings()
        flags.sequential.gamma = -2          // tunes the file's family, does not replace it
        s = file.overridden(by: flags)
        #expect(s.sequential.spending == .hwangShihDeCani && s.sequential.gamma == -2 && s.medianTreatment == 33)
        s.clear(.controlArm)
        #expect(s.medianControl == nil)
    }

    @Test func errorsNameSettingsByKey() {
        let error = DesignError.invalid("give \(DesignSettings.Key.medianControl) or \(SettingName.hazardsControl)")
        #expect(error.message == "give median-control or hazards-control")
        #expect(error.text.settings == [DesignSettings.Key.medianControl.name, .hazardsControl])
        #expect(error.text.spelled { "--" + $0.rawValue } == "give --median-control or --hazards-control")
    }
}
