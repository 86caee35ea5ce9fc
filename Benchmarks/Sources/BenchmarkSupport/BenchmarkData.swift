import Foundation

/// Where the generated benchmark files live: $SURVKIT_BENCH_DATA (default /tmp/survkit-bench),
/// named bench-<size>.csv by scripts/make-bench-data.py; sizes from $SURVKIT_BENCH_SIZES.
public enum BenchmarkData {
    public static let directory = ProcessInfo.processInfo.environment["SURVKIT_BENCH_DATA"] ?? "/tmp/survkit-bench"
    public static let sizes = (ProcessInfo.processInfo.environment["SURVKIT_BENCH_SIZES"] ?? "1e5,1e6")
        .split(separator: ",").map(String.init)

    /// The file for `size`, or nil when it has not been generated.
    public static func file(_ size: String) -> String? {
        let path = "\(directory)/bench-\(size).csv"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
