import Testing
import SurvivalAnalysis
import TestSupport

/// R's cox.zph(fit)$table (transform "km") on the cases marked zph in cases.csv.
@Suite struct CoxZphTests {
    static let tolerance = Tolerance(relative: 1e-6)
    static let expected = try! Fixture("cox/zph.csv").rows

    @Test(arguments: CoxFixtureCase.all.filter(\.zph))
    func matchesR(_ c: CoxFixtureCase) throws {
        let zph = try c.fit().proportionalHazardsTest()
        let rows = Self.expected.filter { $0["case"] == c.id }
        let mine = zph.terms + [zph.global]
        #expect(rows.map { $0.string("term") } == mine.map(\.term))
        for (r, m) in zip(rows, mine) {
            #expect(Self.tolerance.accepts(m.chisq, r.double("chisq")), "\(c.id) \(m.term) chisq \(m.chisq)")
            #expect(m.df == r.int("df"))
            #expect(Self.tolerance.accepts(m.pValue, r.double("p_value")), "\(c.id) \(m.term) p")
        }
    }
}
