import FuzzSupport
import TrialDesign

/// libFuzzer entry: any bytes as a design file (YAML or JSON); the settings read are then
/// turned into a request and a group-sequential design, as `survkit design --file` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDesignFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let settings = try? DesignFile.parse(text, file: "fuzz.yaml") else { return 0 }
    _ = try? settings.sequentialDesign()
    if let request = try? settings.request() { _ = try? DesignSolver.solve(request) }
    _ = try? settings.sensitivityGrid()
    return 0
}

/// The executable's entry point (SwiftPM calls main `FuzzDesignFile_main`).
@_cdecl("FuzzDesignFile_main")
public func fuzzDesignFileMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzDesignFile(data, size) }
}
