import PlatformSupport

/// Accumulates one requested column's values while ``CSVTable`` scans the records.
///
/// The per-field methods are the hot path of loading: they take the trimmed byte range and
/// return a failure flag, leaving message building (which needs the line) to the caller.
struct ColumnDecoder: Sendable {
    let kind: ColumnRequest.Kind
    let index: Int
    let name: String
    private(set) var numbers: [Double] = []
    private var codes: [Int32] = []
    private var levelIndex: [String: Int32] = [:]
    private var levels: [String] = []
    /// The UTF-8 bytes of the first levels, end to end, and where each ends (``knownCode(_:_:)``).
    private var levelBytes: [UInt8] = []
    private var levelEnds: [Int] = []
    /// For event columns: whether any value was spelled TRUE/FALSE, and any as a number.
    private var sawLogical = false
    private var sawNumeric = false

    init(kind: ColumnRequest.Kind, index: Int, name: String, expectedRows: Int) {
        self.kind = kind
        self.index = index
        self.name = name
        if kind == .label { codes.reserveCapacity(expectedRows) } else { numbers.reserveCapacity(expectedRows) }
    }

    /// Why a field was refused.
    enum Refusal { case notANumber, notFinite, badEvent, notUTF8 }

    /// Appends one field; nil on success.
    @inline(__always)
    mutating func append(_ field: CSVField, _ p: UnsafePointer<UInt8>) -> Refusal? {
        let (s, e) = field.trimmed(p)
        let missing = s == e || (e - s == 2 && p[s] == UInt8(ascii: "N") && p[s + 1] == UInt8(ascii: "A"))
        switch kind {
        case .number:
            if missing { numbers.append(.nan); return nil }
            guard let value = FastDouble.parse(p, s, e) else { return .notANumber }
            guard value.isFinite else { return .notFinite }
            numbers.append(value)
        case .label:
            if missing { codes.append(-1); return nil }
            if !field.hasEscapedQuotes, let code = knownCode(p + field.start, field.end - field.start) {
                codes.append(code)
                return nil
            }
            guard let label = field.validString(UnsafeBufferPointer(start: p, count: field.end)) else { return .notUTF8 }
            if let code = levelIndex[label] {
                codes.append(code)
            } else {
                let code = Int32(levels.count)
                levelIndex[label] = code
                levels.append(label)
                remember(label)
                codes.append(code)
            }
        case .event:
            if missing { numbers.append(.nan); return nil }
            if let logical = EventCoding.logical(p, s, e) {
                sawLogical = true
                numbers.append(logical ? 1 : 0)
            } else if let value = FastDouble.parse(p, s, e), value == 0 || value == 1 || value == 2 {
                sawNumeric = true
                numbers.append(value)
            } else {
                return .badEvent
            }
        }
        return nil
    }

    /// The code of the level whose UTF-8 bytes are `count` bytes at `p`, looked up without
    /// making a String (making one and hashing it per row cost ~14% of `km`'s load). Only the
    /// first ``byteMatchedLevels`` levels are kept as bytes: a column with more falls back to the
    /// dictionary. Raw bytes equal to a level's UTF-8 are that level (and valid UTF-8) only when
    /// the field has no doubled quotes to collapse, which the caller checks.
    @inline(__always)
    private func knownCode(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int32? {
        var code = 0
        while code < levelEnds.count {
            let start = code == 0 ? 0 : levelEnds[code - 1]
            if levelEnds[code] - start == count,
               levelBytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + start, p, count) == 0 }) {
                return Int32(code)
            }
            code += 1
        }
        return nil
    }

    /// Keeps a new level's bytes for ``knownCode(_:_:)`` while there are few levels.
    private mutating func remember(_ label: String) {
        guard levels.count == levelEnds.count + 1, levelEnds.count < ColumnDecoder.byteMatchedLevels else { return }
        levelBytes.append(contentsOf: label.utf8)
        levelEnds.append(levelBytes.count)
    }

    /// Levels compared byte for byte before the dictionary is asked (groups and strata have few).
    static let byteMatchedLevels = 16

    /// Appends the values another decoder of the same column read from a later stretch of the
    /// file, recoding its labels into this decoder's levels.
    /// - Complexity: O(values of `other`).
    mutating func absorb(_ other: ColumnDecoder) {
        numbers.append(contentsOf: other.numbers)
        sawLogical = sawLogical || other.sawLogical
        sawNumeric = sawNumeric || other.sawNumeric
        guard kind == .label else { return }
        let recode = other.levels.map { label -> Int32 in
            if let code = levelIndex[label] { return code }
            let code = Int32(levels.count)
            levelIndex[label] = code
            levels.append(label)
            remember(label)
            return code
        }
        codes.append(contentsOf: other.codes.lazy.map { $0 < 0 ? -1 : recode[Int($0)] })
    }

    /// The one-line error for a refused field.
    func error(_ refusal: Refusal, _ field: CSVField, _ p: UnsafePointer<UInt8>, line: Int, source: String) -> InputError {
        let text = field.string(UnsafeBufferPointer(start: p, count: field.end))
        let message: String
        switch refusal {
        case .notANumber: message = "value '\(text)' is not a number"
        case .notFinite: message = "value '\(text)' is not finite"
        case .badEvent: message = "event value '\(text)' is not 0/1, 1/2 or TRUE/FALSE"
        case .notUTF8:
            let raw = UnsafeBufferPointer(start: p + field.start, count: field.end - field.start)
            let shown = raw.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
            message = "label '\(shown)' is not valid UTF-8 (a Latin-1 file? convert it, e.g. iconv -f latin1 -t utf-8): "
                + "labels that differ only in such bytes would be merged"
        }
        return error(line, source, message)
    }

    private func error(_ line: Int, _ source: String, _ message: String) -> InputError {
        InputError(file: source, line: line, column: index + 1, columnName: name, message: message)
    }

    /// The decoded column; event codings are resolved here, once every value is known.
    func finish(lines: [Int32], source: String) throws(InputError) -> ParsedColumn {
        switch kind {
        case .number: return .number(numbers)
        case .label: return .label(codes: codes, levels: levels)
        case .event:
            if sawLogical && sawNumeric {
                let first = numbers.indices.first { !numbers[$0].isNaN }!
                throw error(Int(lines[first]), source, "event column mixes TRUE/FALSE with numeric codes")
            }
            switch EventCoding.resolve(numbers) {
            case .success(let status): return .event(status)
            case .failure(let bad):
                throw error(Int(lines[bad.row]), source, bad.message)
            }
        }
    }
}

/// R's rules for an event indicator (`Surv()`): 0 = censored / 1 = event; or, when every value
/// is 1 or 2 and some value is 2, 1 = censored / 2 = event; or logical TRUE = event.
package enum EventCoding {
    /// A value that does not fit its column's kind, with its record number and the reason.
    package struct Mismatch: Error { package let row: Int; package let message: String }

    /// Maps the raw codes to 0/1, leaving NaN (missing) as is.
    package static func resolve(_ raw: [Double]) -> Result<[Double], Mismatch> {
        var hasTwo = false, hasZero = false
        for v in raw where !v.isNaN {
            if v == 2 { hasTwo = true } else if v == 0 { hasZero = true }
        }
        guard hasTwo else { return .success(raw) }
        if hasZero {
            let zero = raw.firstIndex(of: 0)!, two = raw.firstIndex(of: 2)!
            let row = max(zero, two)
            return .failure(Mismatch(
                row: row,
                message: "event value '\(Int(raw[row]))' mixes the 0/1 and 1/2 codings (the column has both 0 and 2)"))
        }
        return .success(raw.map { $0.isNaN ? $0 : $0 - 1 })
    }

    /// TRUE/FALSE in the spellings R's `read.csv` turns into logicals.
    @inline(__always)
    static func logical(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool? {
        let n = e - s
        guard n >= 1, n <= 5 else { return nil }
        let first = p[s]
        guard first == UInt8(ascii: "T") || first == UInt8(ascii: "F")
            || first == UInt8(ascii: "t") || first == UInt8(ascii: "f") else { return nil }
        let word = String(decoding: UnsafeBufferPointer(start: p + s, count: n), as: UTF8.self)
        switch word {
        case "TRUE", "True", "true", "T": return true
        case "FALSE", "False", "false", "F": return false
        default: return nil
        }
    }
}
