/// One member of a SAS transport library as a ``DataTable``: columns are decoded straight from
/// the observations (IBM floats to doubles, blank-padded text to labels), without text in
/// between.
///
/// Missing values: any of SAS's 28 numeric missing values, and an all-blank text value.
/// Roles: a number may come from a numeric variable or from text that reads as a number; a
/// label from text, or from a number written in its shortest round-trip form (a date-formatted
/// number as its ISO date); a date from a date (or datetime) formatted number, a plain number,
/// or ISO 8601 text.
public struct XportTable: DataTable {
    /// The library holding the member.
    public let library: XportLibrary
    /// The data set read.
    public let member: XportMember
    /// `file.xpt` or `file.xpt(MEMBER)`, for messages.
    public let source: String
    /// The variable names, in order.
    public var header: [String] { member.variables.map(\.name) }

    /// Variable labels by name (e.g. `AVAL` → `Analysis Value`).
    public var columnLabels: [String: String] {
        Dictionary(member.variables.filter { !$0.label.isEmpty }.map { ($0.name, $0.label) },
                   uniquingKeysWith: { a, _ in a })
    }

    /// A table over one member of a transport library.
    public init(library: XportLibrary, member: XportMember) {
        self.library = library
        self.member = member
        self.source = library.members.count > 1 ? "\(library.source)[\(member.name)]" : library.source
    }

    func variable(_ name: String) throws(InputError) -> (index: Int, variable: XportVariable) {
        guard let index = member.variables.firstIndex(where: { $0.name == name })
                ?? member.variables.firstIndex(where: { $0.name.uppercased() == name.uppercased() }) else {
            throw unknownColumn(name)
        }
        return (index, member.variables[index])
    }

    /// - Complexity: O(rows × requested columns).
    public func read(_ requests: [DataRequest]) throws(InputError) -> ParsedColumns {
        let n = member.rowCount
        guard n > 0 else { throw InputError(file: source, message: "the member \(member.name) has no observations") }
        var columns: [String: ParsedColumn] = [:]
        var numbers: [String: Int] = [:]
        var dates: Set<String> = []
        for request in requests where columns[request.name] == nil {
            let (index, v) = try variable(request.name)
            numbers[request.name] = index + 1
            let column: ParsedColumn
            switch request.role {
            case .number:
                column = .number(v.isNumeric ? numericValues(v) : try parsedText(v, index, DateText.number))
            case .date:
                if v.isNumeric {
                    var values = numericValues(v)
                    switch v.meaning {
                    case .date: dates.insert(request.name)
                    case .datetime:
                        dates.insert(request.name)
                        for i in values.indices { values[i] /= 86_400 }
                    case .plain: break
                    }
                    column = .number(values)
                } else {
                    column = .number(try parsedText(v, index, DateText.dayNumber))
                    dates.insert(request.name)
                }
            case .label:
                column = labels(v)
            case .event, .censor:
                let raw = v.isNumeric ? numericValues(v) : try parsedText(v, index, IndicatorText.value)
                column = try Indicator.decode(raw, role: request.role, name: request.name, column: index + 1,
                                              source: source, lines: nil)
            }
            if request.role == .number || request.role == .date, case let .number(values) = column,
               let bad = values.firstIndex(where: { $0.isInfinite }) {
                // The all-ones IBM pattern (what writers put for out-of-range values) is ±∞.
                var e = InputError(file: source, line: bad + 1, column: index + 1, columnName: v.name,
                                   message: "value \(values[bad]) is not finite (an IBM float out of range)")
                e.lineIsObservation = true
                throw e
            }
            columns[request.name] = column
        }
        var parsed = ParsedColumns(source: source, lines: (0..<n).map { Int32($0 + 1) }, columns: columns,
                                   columnNumbers: numbers)
        parsed.dateColumns = dates
        parsed.linesAreObservations = true
        return parsed
    }

    /// The doubles of a numeric variable, NaN for SAS missing values.
    func numericValues(_ v: XportVariable) -> [Double] {
        let n = member.rowCount, stride = member.observationLength
        var out = [Double](repeating: 0, count: n)
        library.bytes.withUnsafeBufferPointer { buffer in
            var p = buffer.baseAddress! + member.dataStart + v.position
            out.withUnsafeMutableBufferPointer { o in
                if v.length == 8 {
                    for i in 0..<n {
                        let bits = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).bigEndian
                        o[i] = IBMFloat.decode(bits: bits)
                        p += stride
                    }
                } else {
                    for i in 0..<n {
                        o[i] = IBMFloat.decode(p, length: v.length)
                        p += stride
                    }
                }
            }
        }
        return out
    }

    /// Each row's text with trailing blanks removed; nil for an all-blank value.
    func withTexts(_ v: XportVariable, _ body: (Int, UnsafeBufferPointer<UInt8>?) throws(InputError) -> Void) throws(InputError) {
        let n = member.rowCount, stride = member.observationLength
        try library.bytes.withUnsafeBufferPointer { (buffer) throws(InputError) in
            let base = buffer.baseAddress! + member.dataStart + v.position
            for i in 0..<n {
                let p = base + i * stride
                var end = v.length
                while end > 0, p[end - 1] == 0x20 || p[end - 1] == 0 { end -= 1 }
                var start = 0
                while start < end, p[start] == 0x20 { start += 1 }
                try body(i, start == end ? nil : UnsafeBufferPointer(start: p + start, count: end - start))
            }
        }
    }

    /// A text variable read through `parse` (NaN when blank); a value it refuses is an error
    /// naming the observation.
    func parsedText(_ v: XportVariable, _ index: Int,
                    _ parse: (UnsafeBufferPointer<UInt8>) -> ParsedText) throws(InputError) -> [Double] {
        var out = [Double](repeating: .nan, count: member.rowCount)
        var cache: [[UInt8]: Double] = [:]
        try withTexts(v) { (i, text) throws(InputError) in
            guard let text else { return }
            let key = Array(text)
            if let known = cache[key] { out[i] = known; return }
            switch parse(text) {
            case .value(let x): cache[key] = x; out[i] = x
            case .missing: cache[key] = .nan
            case .refused(let why):
                var e = InputError(file: source, line: i + 1, column: index + 1, columnName: v.name,
                                   message: "value '\(String(decoding: text, as: UTF8.self))' \(why)")
                e.lineIsObservation = true
                throw e
            }
        }
        return out
    }

    /// Codes and levels (first-appearance order) of a variable as labels.
    func labels(_ v: XportVariable) -> ParsedColumn {
        var codes = [Int32](repeating: -1, count: member.rowCount)
        var levels: [String] = []
        if v.isNumeric {
            var index: [Double: Int32] = [:]
            let values = numericValues(v)
            for (i, x) in values.enumerated() where !x.isNaN {
                if let c = index[x] { codes[i] = c; continue }
                let c = Int32(levels.count)
                index[x] = c
                levels.append(v.meaning == .date ? DateText.iso(dayNumber: x) : NumberLabel.text(x))
                codes[i] = c
            }
        } else {
            var index: [[UInt8]: Int32] = [:]
            try? withTexts(v) { i, text in
                guard let text else { return }
                let key = Array(text)
                if let c = index[key] { codes[i] = c; return }
                let c = Int32(levels.count)
                index[key] = c
                levels.append(String(decoding: text, as: UTF8.self))
                codes[i] = c
            }
        }
        return .label(codes: codes, levels: levels)
    }
}

/// A number written as a label: integers without a decimal point (as R prints them), others in
/// their shortest round-trip form.
enum NumberLabel {
    static func text(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
