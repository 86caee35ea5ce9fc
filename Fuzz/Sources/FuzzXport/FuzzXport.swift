import FuzzSupport
import SurvivalAnalysis

/// libFuzzer entry: any bytes as a SAS transport (XPORT v5/v8) library. A malformed header,
/// NAMESTR or observation must be an InputError naming the record, never a crash or a huge
/// allocation. Every member is opened and every variable decoded in each role that reads it
/// (numbers as numbers and dates, characters as labels), so the IBM-float and text decoders run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXport(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The content decides the reader (as DataTables.open does): most mutants stop here.
    guard XportLibrary.looksLikeXport(bytes),
          let library = try? XportLibrary(bytes: bytes, source: "fuzz.xpt") else { return 0 }
    for member in library.members.prefix(4) {
        let table = XportTable(library: library, member: member)
        for variable in member.variables.prefix(8) {
            let roles: [DataRequest.Role] = variable.isNumeric ? [.number, .date, .event, .censor] : [.label, .date]
            for role in roles { _ = try? table.read([DataRequest(variable.name, role)]) }
        }
        // The whole survival pipeline on the first two variables, as `km` would run it.
        let names = member.variables.prefix(2).map(\.name)
        if names.count == 2, let loaded = try? SurvivalData.load(from: table, spec: SurvivalDataSpec(time: names[0], event: names[1])) {
            _ = KaplanMeierAnalysis(loaded.data, options: KaplanMeierOptions())
        }
    }
    return 0
}

/// The executable's entry point (SwiftPM calls main `FuzzXport_main`).
@_cdecl("FuzzXport_main")
public func fuzzXportMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzXport(data, size) }
}
