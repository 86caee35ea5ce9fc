import Testing
import TestSupport
@testable import SurvivalReports

/// The in-place spellings must be exactly NumberText's.
@Suite struct ReportBufferTests {
    static func values() -> [Double] {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var xs: [Double] = [0, -0.0, 1, -1, 0.5, 0.125, 0.00005, 0.99995, 9.99995, 2.675, 1e15, 1e16, 123456.789,
                            .nan, .infinity, -.infinity, 1e-300, 0.1 + 0.2, 1.0 / 3, 2.5, 3.5, -2.5]
        for _ in 0..<20_000 {
            let mantissa = Double(next() >> 11) / Double(1 << 53)
            let exponent = Int(next() % 24) - 12
            xs.append((next() % 5 == 0 ? -1 : 1) * mantissa * Double(sign: .plus, exponent: exponent, significand: 1))
            xs.append(Double(next() % 100_000) / 10_000)   // ties at a few decimals
        }
        return xs
    }

    @Test func fixedMatchesPrintf() {
        for decimals in [0, 1, 2, 3, 4, 5, 7, 10] {
            for x in Self.values() {
                var b = ReportBuffer()
                b.appendFixed(x, decimals: decimals)
                #expect(b.text == NumberText.fixed(x, decimals: decimals), "\(x) with \(decimals) decimals")
            }
        }
    }

    @Test func roundTripMatchesNumberText() {
        for x in Self.values() {
            var b = ReportBuffer()
            b.appendRoundTrip(x)
            #expect(b.text == NumberText.roundTrip(x))
        }
    }

    @Test func integers() {
        for i in [0, 7, -7, 10, 99, 100, 123_456_789, Int.max, Int.min + 1] {
            var b = ReportBuffer()
            b.append(i)
            #expect(b.text == String(i))
        }
    }
}
