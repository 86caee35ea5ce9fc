import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Filters, censor coding, dates, units and reference levels in the data layer (issue 10).
@Suite struct DataReadingTests {
    func table(_ text: String) throws -> CSVTable { try CSVTable(bytes: Array(text.utf8), source: "t.csv") }

    @Test func filtersParseEveryForm() throws {
        let f = try RowFilter(parsing: "PARAMCD=RFS")
        #expect(f.column == "PARAMCD" && f.comparison == .equal && f.values == ["RFS"])
        #expect(try RowFilter(parsing: "TRT != 'Placebo'").values == ["Placebo"])
        let list = try RowFilter(parsing: "PARAMCD in(OS, RFS)")
        #expect(list.comparison == .isIn && list.values == ["OS", "RFS"])
        #expect(try RowFilter(parsing: "AGE>=65").comparison == .greaterOrEqual)
        #expect(try RowFilter(parsing: "AGE<65").accepts("64.5"))
        #expect(try !RowFilter(parsing: "AGE<65").accepts("65"))
        #expect(try RowFilter(parsing: "ADT>=2025-01-01").accepts("2025-01-01"))
        #expect(try RowFilter(parsing: "X=1").accepts("1.0"))
        #expect(throws: RowFilter.SyntaxError.self) { try RowFilter(parsing: "AGE>old") }
        #expect(throws: RowFilter.SyntaxError.self) { try RowFilter(parsing: "=3") }
        #expect(throws: RowFilter.SyntaxError.self) { try RowFilter(parsing: "AGE") }
    }

    @Test func isoDatesCountDaysFrom1960() {
        #expect(DateText.dayNumber("1960-01-01") == 0)
        #expect(DateText.dayNumber("1959-12-31") == -1)
        #expect(DateText.dayNumber("2025-01-20") == 23761)  // haven: as.numeric(as.Date("2025-01-20")) + 3653
        #expect(DateText.dayNumber("2024-02-29") == 23435)
        #expect(DateText.dayNumber("2023-02-29") == nil)
        #expect(DateText.dayNumber("2025-13-01") == nil)
        #expect(DateText.dayNumber("20250120") == nil)
        #expect(DateText.dayNumber("1960-01-01T12:00") == 0.5)
        for day in [-1000.0, 0, 23435, 23761, 40000] { #expect(DateText.dayNumber(DateText.iso(dayNumber: day)) == day) }
    }

    /// The first and last days four year digits can write round-trip; beyond them, and for values
    /// that are not finite, the number itself is written instead of trapping in `Int(_:)`.
    @Test func daysBeyondFourYearDigitsAreWrittenAsNumbers() {
        #expect(DateText.iso(dayNumber: DateText.writableDays.lowerBound) == "0000-01-01")
        #expect(DateText.iso(dayNumber: DateText.writableDays.upperBound + 0.5) == "9999-12-31")
        #expect(DateText.dayNumber("9999-12-31") == DateText.writableDays.upperBound)
        #expect(DateText.iso(dayNumber: DateText.writableDays.upperBound + 1) == "2936550")
        #expect(DateText.iso(dayNumber: DateText.writableDays.lowerBound - 0.5) == "-715875.5")
        #expect(DateText.iso(dayNumber: 1e300) == "1e+300")
        #expect(DateText.iso(dayNumber: -.infinity) == "-inf")
        #expect(DateText.iso(dayNumber: .nan) == "nan")
    }

    @Test func unitsConvertThroughDays() {
        #expect(TimeUnit.months.days == 30.4375)
        #expect(TimeUnit.years.days == 365.25)
        #expect(TimeUnit.days.factor(to: .months) == 1 / 30.4375)
        #expect(TimeUnit.weeks.factor(to: .days) == 7)
        #expect(TimeUnit(spelling: "Month") == .months)
        #expect(TimeUnit(spelling: "fortnight") == nil)
    }

    @Test func nearestNamesAreSuggested() {
        let names = ["USUBJID", "TRT01P", "PARAMCD", "PARAM", "AVAL", "CNSR"]
        #expect(NameSuggestion.nearest(to: "TRT01", among: names).first == "TRT01P")
        #expect(NameSuggestion.nearest(to: "paramcd", among: names).first == "PARAMCD")
        #expect(NameSuggestion.nearest(to: "WEIGHT", among: names).isEmpty)
    }

    @Test func relevelMovesTheReferenceFirstOrLast() throws {
        let f = Factor(codes: [0, 1, 2, 1], levels: ["a", "b", "c"])
        let first = try #require(f.relevel("c"))
        #expect(first.levels == ["c", "a", "b"] && first.codes == [1, 2, 0, 2])
        let last = try #require(f.relevel("a", toEnd: true))
        #expect(last.levels == ["b", "c", "a"] && last.codes == [2, 0, 1, 0])
        #expect(f.relevel("z") == nil)
    }

    @Test func censorCodingFilterAndStackedParameter() throws {
        let t = try table("t,CNSR,PARAMCD,arm\n1,0,OS,a\n2,1,OS,b\n3,2,OS,a\n4,0,RFS,b\n5,TRUE,OS,b\n")
        var reading = DataReading()
        reading.eventIsCensoring = true
        let spec = SurvivalDataSpec(time: "t", event: "CNSR", group: "arm")
        let all = try SurvivalData.load(from: t, spec: spec, reading: reading)
        #expect(all.data.event == [true, false, false, true, false])
        #expect(all.stackedParameter?.values == ["OS", "RFS"])
        reading.filters = [try RowFilter(parsing: "PARAMCD=OS")]
        let os = try SurvivalData.load(from: t, spec: spec, reading: reading)
        #expect(os.rowsFilteredOut == 1 && os.data.count == 4 && os.stackedParameter == nil)
        #expect(os.data.lines == [2, 3, 4, 6])
        reading.filters = [try RowFilter(parsing: "PARAMCD=PFS")]
        #expect(throws: InputError.self) { try SurvivalData.load(from: t, spec: spec, reading: reading) }
    }

    @Test func negativeCensorCodeIsRefused() throws {
        let t = try table("t,CNSR\n1,0\n2,-1\n")
        var reading = DataReading()
        reading.eventIsCensoring = true
        do {
            _ = try SurvivalData.load(from: t, spec: SurvivalDataSpec(time: "t", event: "CNSR"), reading: reading)
            Issue.record("accepted -1")
        } catch {
            #expect(error.line == 3 && error.message.contains("negative"))
        }
    }

    @Test func timeFromTwoDatesIsEndMinusStartPlusOne() throws {
        let t = try table("s,e,ev\n2025-01-20,2025-01-20,1\n2024-02-28,2024-03-01,0\n")
        var reading = DataReading()
        reading.startDate = "s"
        reading.endDate = "e"
        let loaded = try SurvivalData.load(from: t, spec: SurvivalDataSpec(time: "e-s+1", event: "ev"), reading: reading)
        #expect(loaded.data.time == [1, 3])
    }

    @Test func entryDatesAreMarkedAndOmittedRowsListed() throws {
        let t = try table("id,t,ev,entry\nA,1,1,2025-01-20\nB,NA,0,2025-02-01\nC,3,1,2025-03-01\n")
        var reading = DataReading()
        reading.id = "id"
        let loaded = try SurvivalData.load(from: t, spec: SurvivalDataSpec(time: "t", event: "ev", entry: "entry"), reading: reading)
        #expect(loaded.entryIsDate)
        #expect(loaded.data.entry == [23761, 23801])
        #expect(loaded.omittedRows == [OmittedRow(line: 3, column: "t", id: "B")])
    }
}

@Suite struct DataReadingFilterOnUsedColumnTests {
    /// A filter on a column the analysis also uses as a number (a covariate) reads it once.
    @Test func filterOnACovariate() throws {
        let t = try CSVTable(bytes: Array("t,ev,AGE\n1,1,50\n2,0,60\n3,1,70\n".utf8), source: "t.csv")
        var reading = DataReading()
        reading.filters = [try RowFilter(parsing: "AGE<=60")]
        let loaded = try SurvivalData.load(from: t, spec: SurvivalDataSpec(time: "t", event: "ev", covariates: ["AGE"]),
                                           reading: reading)
        #expect(loaded.data.count == 2)
        #expect(loaded.data.covariates[0].values == [50, 60])
    }
}
