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
}
