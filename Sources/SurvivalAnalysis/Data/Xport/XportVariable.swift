/// One variable of a SAS transport member, from its NAMESTR record (SAS TS-140).
public struct XportVariable: Sendable, Equatable {
    /// The name (v8: the long name, up to 32 characters).
    public let name: String
    /// The variable label, or "" (v8: the long label from the LABELV8/LABELV9 section).
    public let label: String
    /// True for a numeric variable (IBM floating point), false for character.
    public let isNumeric: Bool
    /// Bytes per value: 2–8 for numbers (truncated IBM floats), 1–32767 for text.
    public let length: Int
    /// Offset of the value within an observation.
    public let position: Int
    /// The display format's name, upper case without width ("DATE", "YYMMDD", "DATETIME"), or "".
    public let format: String

    /// What the format says a number means.
    public enum Meaning: Sendable { case plain, date, datetime }

    /// SAS dates count days from 1960-01-01 and datetimes seconds from 1960-01-01T00:00.
    public var meaning: Meaning {
        guard isNumeric else { return .plain }
        if XportVariable.datetimeFormats.contains(format) { return .datetime }
        if XportVariable.dateFormats.contains(format) { return .date }
        return .plain
    }

    static let dateFormats: Set<String> = [
        "DATE", "YYMMDD", "MMDDYY", "DDMMYY", "YYMMDDN", "MMDDYYN", "DDMMYYN", "YYMMDDD", "YYMMDDS",
        "YYMMDDP", "E8601DA", "B8601DA", "IS8601DA", "WORDDATE", "WORDDATX", "WEEKDATE", "WEEKDATX",
        "MONYY", "YYMON", "YYQ", "JULIAN", "NLDATE", "EURDFDE", "DATE9", "MINGUO",
    ]
    static let datetimeFormats: Set<String> = [
        "DATETIME", "E8601DT", "B8601DT", "IS8601DT", "DATEAMPM", "NLDATM", "E8601DZ", "B8601DZ",
    ]
}

/// One member (data set) of a transport library: its variables and where its observations lie.
public struct XportMember: Sendable {
    /// The member's (data set's) name.
    public let name: String
    /// The member's label.
    public let label: String
    /// The member's variables in order.
    public let variables: [XportVariable]
    /// Bytes per observation (the sum of the variables' lengths).
    public let observationLength: Int
    /// `[dataStart, dataStart + rowCount × observationLength)` holds the observations.
    let dataStart: Int
    /// Number of observations.
    public let rowCount: Int
}
