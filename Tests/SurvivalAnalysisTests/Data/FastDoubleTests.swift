import PlatformSupport
import PropertyBased
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// FastDouble (Clinger's fast path, Eisel–Lemire, `strtod` fallback) must give exactly the bits
/// `strtod` gives: on a committed corpus of hard cases (exact midpoints between doubles and
/// their 17–19-digit neighbours, subnormal and overflow bounds; expected bits from Python's
/// correctly rounded float(), scripts/fixtures/fast-double.py) and on fuzzed decimal text.
@Suite struct FastDoubleTests {
    /// `strtod` on the whole text; nil if it does not consume all of it.
    static func strtodBits(_ text: String) -> UInt64? {
        text.withCString { s -> UInt64? in
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(s, &stop)
            guard let stop, stop == UnsafeMutablePointer(mutating: s) + strlen(s) else { return nil }
            return value.bitPattern
        }
    }

    static func fastBits(_ text: String) -> UInt64? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b in FastDouble.parse(b.baseAddress!, 0, b.count)?.bitPattern }
    }

    @Test func hardCasesMatchTheCorrectlyRoundedBits() throws {
        let fixture = try Fixture("fast-double/hard-cases.csv")
        #expect(fixture.rows.count > 3000)
        var mismatches: [String] = []
        for row in fixture.rows {
            let text = row["text"]!
            let expected = UInt64(row["bits"]!, radix: 16)!
            // The reference and the C library agree (glibc's strtod is correctly rounded).
            #expect(Self.strtodBits(text) == expected, "strtod differs from the fixture on \(text)")
            if Self.fastBits(text) != expected { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "FastDouble differs on \(mismatches.prefix(5))")
    }

    /// Eisel–Lemire is really taken (not only the fallback): 17-digit values of other programs.
    @Test func seventeenDigitValuesGoThroughEiselLemire() {
        #expect(EiselLemire.value(significand: 12_345_678_901_234_567, exponent: -17) == 0.12345678901234567)
        #expect(EiselLemire.value(significand: 17_976_931_348_623_157, exponent: 292) == .greatestFiniteMagnitude)
        #expect(EiselLemire.value(significand: 49_406_564_584_124_654, exponent: -340) == .leastNonzeroMagnitude)
        #expect(EiselLemire.value(significand: 1, exponent: 400) == .infinity)
        #expect(EiselLemire.value(significand: 1, exponent: -400) == 0)
    }

    /// Random significands of 1–19 digits (sometimes more), a decimal point anywhere, signs
    /// and exponents over the whole range, including subnormals and overflow.
    @Test func fuzzedTextMatchesStrtod() async {
        await propertyCheck(count: 20_000, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...22),
                            Gen.int(in: -360...330)) { seed, digits, exponent in
            var r = SplitMix64(seed: UInt64(seed))
            var text = r.digit(below: 4) == 0 ? "-" : ""
            let point = r.digit(below: digits + 2)
            for k in 0..<digits {
                if k == point { text += "." }
                text += String(r.digit(below: 10))
            }
            switch r.digit(below: 3) {
            case 0: break
            case 1: text += "e\(exponent)"
            default: text += "E+\(abs(exponent) % 40)"
            }
            let expected = Self.strtodBits(text)
            #expect(Self.fastBits(text) == expected, "\(text)")
        }
    }

    /// Doubles' own shortest and 17-digit spellings read back to the same bits.
    @Test func randomDoublesRoundTrip() async {
        await propertyCheck(count: 20_000, input: Gen.int(in: 0...Int.max)) { seed in
            var r = SplitMix64(seed: UInt64(seed))
            let x = Double(bitPattern: r.next() & 0x7FEF_FFFF_FFFF_FFFF)
            for text in [x.description, CFormatForTests.seventeen(x)] {
                #expect(Self.fastBits(text) == Self.strtodBits(text), "\(text)")
            }
        }
    }
}

/// `%.17g` through snprintf, for the round-trip property.
enum CFormatForTests {
    static func seventeen(_ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([x]) { vsnprintf(&buffer, 64, "%.17g", $0) }
        return String(cString: buffer)
    }
}

private extension SplitMix64 {
    mutating func digit(below n: Int) -> Int { Int(next() % UInt64(n)) }
}
