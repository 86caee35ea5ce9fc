/// The version of survkit, recorded in the files it writes for itself (shard files), so a
/// file from another version is recognised rather than trusted.
package enum SurvKitVersion {
    /// The survkit version written into shards and reports.
    package static let current = "0.1.0"
}
