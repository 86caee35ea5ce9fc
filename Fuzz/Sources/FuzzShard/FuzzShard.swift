import FuzzSupport
import TrialDesign

/// libFuzzer entry: any bytes as a shard file; a decoded shard is merged with itself (refused
/// as a duplicate) and alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShard(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let partial = try? SimulationPartial.decode(text, file: "fuzz.json", verifyingDigest: false) else { return 0 }
    _ = try? SimulationPartial.merge([("a.json", partial)])
    _ = try? SimulationPartial.merge([("a.json", partial), ("b.json", partial)])
    return 0
}

/// The executable's entry point (SwiftPM calls main `FuzzShard_main`).
@_cdecl("FuzzShard_main")
public func fuzzShardMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzShard(data, size) }
}
