import Testing
@testable import TrialDesign

@Suite struct DriftSearchTests {
    /// The answer is the root on the fine grid, even though the search starts on the coarse one.
    @Test func findsTheFineGridRoot() throws {
        var fineCalls = 0
        let root = try DriftSearch.root(lower: 0, upper: 10, gridSize: 32) { x, r in
            if r == 32 { fineCalls += 1 }
            let offset = 1 / Double(r * r)
            return (x - 2 - offset) * (1 + 0.1 * x)
        }
        #expect(abs(root - (2 + 1.0 / 1024)) < 1e-12)
        #expect(fineCalls <= 6)
    }

    @Test func reportsTheFunctionsOwnError() {
        #expect(throws: GroupSequentialError.invalidParameter("bad")) {
            try DriftSearch.root(lower: 0, upper: 1, gridSize: 32) { x, _ throws(GroupSequentialError) in
                if x > 0.3 { throw .invalidParameter("bad") }
                return x - 0.5
            }
        }
    }

    @Test func failsWithoutARoot() {
        #expect(throws: GroupSequentialError.self) {
            try DriftSearch.root(lower: 0, upper: 1, gridSize: 32) { x, _ in x + 1 }
        }
    }
}
