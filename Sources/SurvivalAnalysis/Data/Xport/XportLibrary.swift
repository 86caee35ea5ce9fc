/// A SAS transport (XPORT) library, version 5 or 8, parsed from its bytes: the members, their
/// variables and where their observations lie. Values are decoded later, per column
/// (``XportTable``).
///
/// Layout (SAS TS-140 and the V8 extension; learnt from the format notes and ReadStat's
/// reader, not copied): 80-byte records; a library header (`LIBRARY` / `LIBV8`), two records
/// of dates; per member a `MEMBER`/`MEMBV8` header (giving the NAMESTR length, 140 or 136), a
/// descriptor header and two records (name, label), a `NAMESTR`/`NAMSTV8` header with the
/// variable count, the NAMESTRs packed end to end, optionally (v8) a `LABELV8`/`LABELV9`
/// section of long labels, then an `OBS`/`OBSV8` header and the observations packed end to end,
/// the last record padded with blanks.
///
/// Every inconsistency (a missing header, a short file, a variable outside its observation) is
/// an ``InputError`` naming the 1-based 80-byte record, never a crash.
public struct XportLibrary: Sendable {
    /// The file the library was read from, for messages.
    public let source: String
    /// 5 or 8.
    public let version: Int
    /// The data sets (members) in the file, in file order.
    public let members: [XportMember]
    let bytes: [UInt8]

    static let recordLength = 80
    static let headerPrefix = Array("HEADER RECORD*******".utf8)

    /// Whether `bytes` start as a transport library does (whatever the file is called).
    public static func looksLikeXport(_ bytes: [UInt8]) -> Bool {
        let tag = Array("HEADER RECORD*******LIB".utf8)
        return bytes.count >= tag.count && Array(bytes[0..<tag.count]) == tag
    }

    /// ``looksLikeXport(_:)`` on bytes not copied into an array (a mapped file).
    static func looksLikeXport(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let tag = Array("HEADER RECORD*******LIB".utf8)
        return bytes.count >= tag.count && bytes[0..<tag.count].elementsEqual(tag)
    }

    /// Parses a SAS transport (XPORT version 5) file held in memory; a malformed header or record is an ``InputError`` naming the record.
    public init(bytes: [UInt8], source: String) throws(InputError) {
        self.source = source
        self.bytes = bytes
        var reader = XportRecordReader(bytes: bytes, source: source)
        let library = try reader.header()
        switch library {
        case "LIBRARY": version = 5
        case "LIBV8": version = 8
        default: throw reader.error(at: 0, "not a SAS transport library header ('\(library)')")
        }
        let first = try reader.record()
        guard reader.text(first, 0, 8) == "SAS" else {
            throw reader.error(at: first, "the library's first real header does not start with 'SAS'")
        }
        _ = try reader.record()
        var members: [XportMember] = []
        while !reader.atEnd {
            members.append(try reader.member(version: version))
        }
        guard !members.isEmpty else { throw reader.error(at: reader.position, "the library holds no member (data set)") }
        self.members = members
    }

    /// The member to read: the only one, or the one named (case-insensitively) `name`.
    /// - Throws: ``InputError`` listing the members when the name is unknown, or is missing
    ///   while there are several.
    public func member(named name: String?) throws(InputError) -> XportMember {
        let names = members.map(\.name).joined(separator: ", ")
        guard let name else {
            if members.count == 1 { return members[0] }
            throw InputError(file: source, message: "the library holds \(members.count) members (\(names)): choose one with --member NAME")
        }
        guard let found = members.first(where: { $0.name.uppercased() == name.uppercased() }) else {
            throw InputError(file: source, message: "no member named '\(name)' in the library (members: \(names))")
        }
        return found
    }
}
