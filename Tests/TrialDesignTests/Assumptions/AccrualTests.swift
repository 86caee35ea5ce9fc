import Testing
import TestSupport
@testable import TrialDesign

@Suite struct AccrualTests {
    @Test func uniformIsOneClosedPiece() throws {
        let a = try Accrual.uniform(duration: 18)
        #expect(a.isUniform && !a.isOpenEnded && a.closedEnd == 18)
        #expect(a.end(enrolling: 1000) == 18)
        #expect(a.pieces(endingAt: 18) == [Accrual.Piece(start: 0, end: 18, rate: 1)])
    }

    @Test func openAccrualEndsWhenThePatientsAreIn() throws {
        let a = try Accrual(times: [0, 6], rates: [2, 4])
        #expect(a.isOpenEnded && a.closedEnd == nil)
        #expect(a.end(enrolling: 10) == 5)          // 2/month for 5 months
        #expect(a.end(enrolling: 12) == 6)
        #expect(a.end(enrolling: 60) == 18)         // 12 by month 6, then 48 at 4/month
        #expect(a.pieces(endingAt: 18) == [.init(start: 0, end: 6, rate: 2), .init(start: 6, end: 18, rate: 4)])
        #expect(a.pieces(endingAt: 5) == [.init(start: 0, end: 5, rate: 2)])
        #expect(try Accrual.constantRate(4).end(enrolling: 52) == 13)
    }

    @Test func closedPiecewiseKeepsItsShape() throws {
        let a = try Accrual(times: [0, 6, 18], rates: [2, 4])
        #expect(!a.isOpenEnded && !a.isUniform && a.closedEnd == 18)
        #expect(a.pieces(endingAt: 18).count == 2)
    }

    @Test(arguments: [
        ([1.0, 6], [2.0]),           // does not start at 0
        ([0.0, 6, 6], [1.0, 2]),     // not increasing
        ([0.0, 6], [1.0, 2, 3]),     // too many rates
        ([0.0, 6], [-1.0]),          // negative rate
        ([0.0, -6], [1.0]),          // negative time
        ([Double](), [1.0]),
    ])
    func refusesBadAccrual(times: [Double], rates: [Double]) {
        #expect(throws: DesignError.self) { try Accrual(times: times, rates: rates) }
    }

    @Test func refusesNonPositiveDuration() {
        #expect(throws: DesignError.self) { try Accrual.uniform(duration: -3) }
        #expect(throws: DesignError.self) { try Accrual.uniform(duration: 0) }
    }
}
