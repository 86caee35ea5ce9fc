/// The version of survkit, recorded in the files it writes for itself (shard files), so a
/// file from another version is recognised rather than trusted.
public enum SurvKitVersion {
    /// The survkit version written into shards and reports.
    public static let current = "0.1.0"
}
