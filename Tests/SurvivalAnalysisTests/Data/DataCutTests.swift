import Testing
import TestSupport
@testable import SurvivalAnalysis

/// A calendar data cut: patients entering after the cut are left out, follow-up past it is
/// censored at it (as scripts/fixtures/interim.R's cut_data, against which the interim fixtures
/// were computed).
@Suite struct DataCutTests {
    /// entry, arm, time, status: five patients around a cut at calendar time 10.
    static let text = """
        entry,arm,time,status,site,age
        0,a,4,1,x,50
        2,b,8,1,y,61
        3,a,9,0,x,47
        6,b,2,1,y,70
        11,a,1,1,z,55

        """

    static func data() throws -> SurvivalData {
        let table = try CSVTable(bytes: Array(text.utf8), source: "cut.csv")
        return try SurvivalData(table: table, spec: SurvivalDataSpec(
            time: "time", event: "status", group: "arm", strata: ["site"], covariates: ["age"], entry: "entry"))
    }

    /// R cuts the data and then applies aeqSurv to the cut times, so a follow-up truncated to
    /// 0.4 − 0.1 = 0.30000000000000004 is one time with a recorded 0.3 (and a time the whole
    /// file's rule had merged is judged afresh on what is left).
    @Test func theTieRuleIsAppliedAfreshAfterTheCut() throws {
        let text = "entry,time,status\n0.1,5,1\n0,0.3,1\n0,0.3000000001,1\n0,20,0\n"
        let data = try SurvivalData(table: CSVTable(bytes: Array(text.utf8), source: "cut.csv"),
                                    spec: SurvivalDataSpec(time: "time", event: "status", entry: "entry"))
        // Before the cut 0.3 and 0.3000000001 are one time (1e-10 < √ε).
        #expect(data.time == [5, 0.3, 0.3, 20])
        let (cut, _) = try data.cut(atCalendarTime: 0.4)
        #expect(cut.recordedTime.map(\.bitPattern) == [0.4 - 0.1, 0.3, 0.3000000001, 0.4].map(\.bitPattern))
        #expect(cut.time.map(\.bitPattern) == [0.3, 0.3, 0.3, 0.4].map(\.bitPattern))
        #expect(cut.event == [false, true, true, false])
    }

    @Test func cutExcludesLaterEntriesAndCensorsAtTheCut() throws {
        let (cut, summary) = try Self.data().cut(atCalendarTime: 10)
        // Entered at 11: left out. Entered at 2 with an event at 2 + 8 = 10: the event is at the cut, kept.
        // Entered at 3, censored at 3 + 9 = 12: censored at the cut after 7.
        #expect(cut.time == [4, 8, 7, 2])
        #expect(cut.event == [true, true, false, true])
        #expect(cut.entry == [0, 2, 3, 6])
        #expect(cut.lines == [2, 3, 4, 5])
        #expect(cut.covariates[0].values == [50, 61, 47, 70])
        #expect(summary == DataCut(time: 10, entryColumn: "entry", patientsExcluded: 1, followUpTruncated: 1, eventsCensored: 0))
        // The stratum level only the excluded patient had is dropped.
        #expect(cut.strata?.levels == ["site=x", "site=y"])
        #expect(cut.group?.levels == ["a", "b"] && cut.group?.codes == [0, 1, 0, 1])
    }

    @Test func eventsAfterTheCutAreCensored() throws {
        let (cut, summary) = try Self.data().cut(atCalendarTime: 9)
        #expect(cut.time == [4, 7, 6, 2])
        #expect(cut.event == [true, false, false, true])
        #expect(summary.followUpTruncated == 2 && summary.eventsCensored == 1 && summary.patientsExcluded == 1)
    }

    @Test func aCutAtAnEntryKeepsThePatientWithNoFollowUp() throws {
        let (cut, _) = try Self.data().cut(atCalendarTime: 6)
        #expect(cut.time == [4, 4, 3, 0])
        #expect(cut.event == [true, false, false, false])
    }

    @Test func cutBeforeEveryEntryOrWithoutEntryIsAnInputError() throws {
        let data = try Self.data()
        do {
            _ = try data.cut(atCalendarTime: -1)
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("before every entry"))
            #expect(error.columnName == "entry")
        }
        let plain = try SurvivalData(time: [1, 2], event: [true, false])
        #expect(throws: InputError.self) { try plain.cut(atCalendarTime: 1) }
        #expect(throws: InputError.self) { try Self.data().cut(atCalendarTime: .nan) }
    }
}
