import Testing
@testable import TrialDesign

/// Notes stored by their flag spelling (shard files) read back as the same typed text.
@Suite struct SettingTextFlagSpellingTests {
    static func flags(_ t: SettingText) -> String { t.spelled { "--" + $0.rawValue } }

    @Test func flagSpellingRoundTrips() {
        let texts: [SettingText] = [
            "dropout 0.1 is an inflation: state \(DesignSettings.Key.dropoutProbability)/\(DesignSettings.Key.dropoutTime) to simulate dropout",
            "patients not computed: give \(DesignSettings.Key.patients), or the accrual and \(DesignSettings.Key.followUp)",
            "\(DesignSettings.Key.followUp)",
            "a \"quoted\" note with no setting",
            "",
        ]
        for t in texts {
            #expect(SettingText(flagSpelled: Self.flags(t)) == t)
        }
    }

    @Test func onlyDashesBeforeANameMakeASetting() {
        let t = SettingText(flagSpelled: "a -- b --9 --x-y, end")
        #expect(t.settings == [SettingName(rawValue: "x-y")])
        #expect(t.description == "a -- b --9 x-y, end")
    }
}
