/// The libFuzzer driver, called from each harness's entry point.
///
/// SwiftPM links an executable with its `main` renamed to `<Target>_main` (`--defsym`), so a
/// harness built with `-parse-as-library` must define that symbol; it hands over to libFuzzer's
/// `LLVMFuzzerRunDriver` (LLVM ≥ 12), which parses the usual libFuzzer flags.
public typealias FuzzInput = @convention(c) (UnsafePointer<UInt8>, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzInput) -> Int32

public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: FuzzInput) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}
