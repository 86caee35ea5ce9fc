import Testing
@testable import SurvivalAnalysis

@Suite struct TimeKeyTests {
    @Test func keysRoundTripAndKeepOrder() {
        let xs: [Double] = [-.greatestFiniteMagnitude, -1, -.leastNonzeroMagnitude, -0.0, 0,
                            .leastNonzeroMagnitude, 1, 1e300, .greatestFiniteMagnitude]
        for x in xs { #expect(TimeKey.value(TimeKey.key(x)).bitPattern == x.bitPattern) }
        for (a, b) in zip(xs, xs.dropFirst()) { #expect(TimeKey.key(a) < TimeKey.key(b)) }
    }
}
