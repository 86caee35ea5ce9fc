import FuzzSupport
import SurvivalAnalysis

/// libFuzzer entry: any bytes as a CSV file. Bad input must throw an InputError, never crash.
/// The first header names are asked for as every kind of column, so the decoders run too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let table = try? CSVTable(bytes: bytes, source: "fuzz.csv") else { return 0 }
    let names = Array(table.header.prefix(3))
    if names.count >= 2 {
        var spec = SurvivalDataSpec(time: names[0], event: names[1])
        if names.count == 3 { spec = SurvivalDataSpec(time: names[0], event: names[1], group: names[2]) }
        if let data = try? SurvivalData(table: table, spec: spec) {
            _ = KaplanMeierAnalysis(data, options: KaplanMeierOptions())
        }
    }
    for name in names {
        _ = try? table.read([.label(name)])
        _ = try? table.read([.number(name)])
    }
    return 0
}

/// The executable's entry point (SwiftPM calls main `FuzzCSV_main`).
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzCSV(data, size) }
}
