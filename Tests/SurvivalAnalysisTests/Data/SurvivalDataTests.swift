import Testing
import TestSupport
@testable import SurvivalAnalysis

@Suite struct SurvivalDataTests {
    func load(_ text: String, group: String? = nil, covariates: [String] = []) throws -> SurvivalData {
        let t = try CSVTable(bytes: Array(text.utf8), source: "d.csv")
        return try SurvivalData(table: t, spec: .init(time: "time", event: "status", group: group, covariates: covariates))
    }

    @Test(arguments: [
        "time,status\n1,0\n2,1\n3,1\n",
        "time,status\n1,1\n2,2\n3,2\n",
        "time,status\n1,FALSE\n2,TRUE\n3,T\n",
    ])
    func eventCodingsAgree(text: String) throws {
        #expect(try load(text).event == [false, true, true])
    }

    @Test func allOnesMeansAllEventsAsInR() throws {
        #expect(try load("time,status\n1,1\n2,1\n").event == [true, true])
    }

    @Test func mixedCodingsAreAnError() throws {
        #expect { try load("time,status\n1,0\n2,2\n") } throws: { ($0 as? InputError)?.line == 3 }
        #expect { try load("time,status\n1,3\n") } throws: { ($0 as? InputError)?.line == 2 }
        #expect { try load("time,status\n1,TRUE\n2,0\n") } throws: { $0 is InputError }
    }

    @Test func missingRowsAreCountedByColumn() throws {
        let d = try load("time,status,age\n1,1,NA\nNA,0,3\n3,1,\n4,0,5\n", covariates: ["age"])
        #expect(d.rowsUsed == 1)
        #expect(d.omissions.rows == 3)
        #expect(d.omissions.byColumn.map(\.column) == ["time", "age"])
        #expect(d.lines == [5])
    }

    @Test func negativeAndNonFiniteTimesAreErrors() throws {
        #expect { try load("time,status\n1,1\n-2,0\n") } throws: { ($0 as? InputError)?.line == 3 }
        #expect { try load("time,status\nInf,1\n") } throws: { ($0 as? InputError)?.line == 2 }
    }

    @Test func numericGroupLabelsSortNumerically() throws {
        let d = try load("time,status,g\n1,1,10\n2,1,2\n3,0,10\n", group: "g")
        #expect(d.group?.levels == ["2", "10"])
        #expect(d.group?.codes == [1, 0, 1])
    }

    @Test func textGroupLabelsSortBytewise() throws {
        let d = try load("time,status,g\n1,1,b\n2,1,B\n3,0,a\n", group: "g")
        #expect(d.group?.levels == ["B", "a", "b"])
    }

    /// The in-memory initialiser checks what reading a file checks, with typed errors.
    @Test func inMemoryDataAreValidated() throws {
        func error(_ make: () throws(InputError) -> SurvivalData) -> String? {
            do { _ = try make(); return nil } catch { return error.description }
        }
        #expect(error { () throws(InputError) in try SurvivalData(time: [], event: []) } == "<memory>: no rows")
        #expect(error { () throws(InputError) in try SurvivalData(time: [1, 2], event: [true]) }
                == "<memory> (column 'event'): 1 values for 2 times")
        #expect(error { () throws(InputError) in try SurvivalData(time: [1, -2], event: [true, false]) }
                == "<memory> (column 'time'): row 2: time -2.0 is negative")
        #expect(error { () throws(InputError) in try SurvivalData(time: [1, .nan], event: [true, false], source: "mine") }
                == "mine (column 'time'): row 2: time nan is not a finite number")
        #expect(error { () throws(InputError) in try SurvivalData(time: [1, .infinity], event: [true, false]) }
                == "<memory> (column 'time'): row 2: time inf is not a finite number")
        #expect(error { () throws(InputError) in
            try SurvivalData(time: [1, 2], event: [true, false], group: Factor(codes: [0, 2], levels: ["a", "b"]))
        } == "<memory> (column 'group'): row 2: code 2 is not one of the 2 levels")
        #expect(error { () throws(InputError) in
            try SurvivalData(time: [1, 2], event: [true, false], strata: Factor(codes: [0], levels: ["a"]))
        } == "<memory> (column 'strata'): 1 values for 2 times")
        #expect(error { () throws(InputError) in
            try SurvivalData(time: [1, 2], event: [true, false], covariates: [("age", [50, .nan])])
        } == "<memory> (column 'age'): row 2: value nan is not a finite number")
        #expect(error { () throws(InputError) in
            try SurvivalData(time: [1, 2], event: [true, false], covariates: [("age", [50])])
        } == "<memory> (column 'age'): 1 values for 2 times")
        #expect(error { () throws(InputError) in try SurvivalData(time: [0, 2], event: [true, false]) } == nil)
    }
}
