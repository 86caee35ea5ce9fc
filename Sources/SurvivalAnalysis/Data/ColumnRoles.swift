/// What a text value read as a number, date or indicator turned out to be.
enum ParsedText {
    case value(Double)
    case missing
    /// The end of a message: "is not a date (YYYY-MM-DD)".
    case refused(String)
}

/// Calendar dates as SAS counts them: days from 1960-01-01 (proleptic Gregorian calendar).
package enum DateText {
    /// Days from 1960-01-01 of an ISO 8601 date `YYYY-MM-DD` (a time part `THH:MM[:SS]` adds
    /// the fraction of the day); nil when the text is not such a date or the day does not exist.
    package static func dayNumber(_ text: String) -> Double? {
        let u = Array(text.utf8)
        guard u.count >= 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for k in r { guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }; v = v * 10 + Int(u[k] - 0x30) }
            return v
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10),
              (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        var fraction = 0.0
        if u.count > 10 {
            guard u[10] == 0x54 || u[10] == 0x20, u.count >= 16, u[13] == 0x3A,
                  let hh = digits(11..<13), let mm = digits(14..<16), hh < 24, mm < 60 else { return nil }
            var ss = 0.0
            if u.count > 16 {
                guard u[16] == 0x3A, u.count >= 19, let s = Double(String(decoding: u[17...], as: UTF8.self)),
                      s >= 0, s < 61 else { return nil }
                ss = s
            }
            fraction = (Double(hh) * 3600 + Double(mm) * 60 + ss) / 86_400
        }
        return Double(daysFromCivil(y, m, d) - daysFromCivil(1960, 1, 1)) + fraction
    }

    /// The first and last SAS day numbers `YYYY-MM-DD` can write: 0000-01-01 and 9999-12-31.
    static let writableDays: ClosedRange<Double> =
        Double(daysFromCivil(0, 1, 1) - daysFromCivil(1960, 1, 1))...Double(daysFromCivil(9999, 12, 31) - daysFromCivil(1960, 1, 1))

    /// The ISO date of a SAS day number (its whole days). A day before year 0 or after 9999, which
    /// four year digits cannot write, or a value that is not finite, is written as the number
    /// itself — a corrupt or mistyped date in a transport file must not trap the conversion to
    /// `Int` (found by the XPORT fuzzer: a DATE-formatted value of 1e300 used as a label).
    package static func iso(dayNumber: Double) -> String {
        let day = dayNumber.rounded(.down)
        guard day.isFinite, writableDays.contains(day) else { return NumberLabel.text(dayNumber) }
        let z = Int(day) + daysFromCivil(1960, 1, 1)
        let (y, m, d) = civil(fromDays: z)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(m) + "-" + two(d)
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The inverse of ``daysFromCivil(_:_:_:)`` (H. Hinnant's `civil_from_days`).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// A number, or `NA`/blank as missing.
    static func number(_ text: UnsafeBufferPointer<UInt8>) -> ParsedText {
        if isNA(text) { return .missing }
        guard let v = FastDouble.parse(text.baseAddress!, 0, text.count) else { return .refused("is not a number") }
        return v.isFinite ? .value(v) : .refused("is not finite")
    }

    /// An ISO 8601 date as days from 1960-01-01.
    static func dayNumber(_ text: UnsafeBufferPointer<UInt8>) -> ParsedText {
        if isNA(text) { return .missing }
        if let d = dayNumber(String(decoding: text, as: UTF8.self)) { return .value(d) }
        return .refused("is not a date (YYYY-MM-DD)")
    }

    static func isNA(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        t.count == 0 || (t.count == 2 && t[0] == UInt8(ascii: "N") && t[1] == UInt8(ascii: "A"))
    }
}

/// Event and censoring indicators given as text: TRUE/FALSE or a number.
enum IndicatorText {
    static func value(_ text: UnsafeBufferPointer<UInt8>) -> ParsedText {
        if DateText.isNA(text) { return .missing }
        switch String(decoding: text, as: UTF8.self) {
        case "TRUE", "True", "true", "T": return .value(1)
        case "FALSE", "False", "false", "F": return .value(0)
        default: break
        }
        guard let v = FastDouble.parse(text.baseAddress!, 0, text.count), v.isFinite else {
            return .refused("is not an indicator (a number or TRUE/FALSE)")
        }
        return .value(v)
    }
}

/// Event (0/1, 1/2) and censoring (0 = event, > 0 = censored) indicators reduced to the 0/1
/// event status the estimators use.
enum Indicator {
    /// `raw` holds the values as read (NaN missing). `lines` maps rows to the lines or
    /// observations messages name (nil: row i is observation i + 1).
    static func decode(_ raw: [Double], role: DataRequest.Role, name: String, column: Int?, source: String,
                       lines: [Int32]?) throws(InputError) -> ParsedColumn {
        func fail(_ row: Int, _ message: String) -> InputError {
            var e = InputError(file: source, line: lines.map { Int($0[row]) } ?? row + 1, column: column,
                               columnName: name, message: message)
            e.lineIsObservation = lines == nil
            return e
        }
        if role == .censor {
            var status = [Double](repeating: .nan, count: raw.count)
            for (i, v) in raw.enumerated() where !v.isNaN {
                guard v >= 0 else {
                    throw fail(i, "censoring value \(NumberLabel.text(v)) is negative (0 = event, > 0 = censored)")
                }
                status[i] = v > 0 ? 0 : 1
            }
            return .event(status)
        }
        for (i, v) in raw.enumerated() where !v.isNaN && v != 0 && v != 1 && v != 2 {
            throw fail(i, "event value '\(NumberLabel.text(v))' is not 0/1, 1/2 or TRUE/FALSE")
        }
        switch EventCoding.resolve(raw) {
        case .success(let status): return .event(status)
        case .failure(let bad): throw fail(bad.row, bad.message)
        }
    }
}
