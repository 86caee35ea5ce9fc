extension Double {
    /// Shortest text that reads back to the same double (Swift's `description`), with integral
    /// values written without ".0", `NA` for NaN and R's `Inf`/`-Inf`. The one number spelling
    /// of every machine-readable output (CSV, JSON, shard files) and of numbers quoted in messages.
    package var roundTripText: String {
        if isNaN { return "NA" }
        if isInfinite { return self > 0 ? "Inf" : "-Inf" }
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return "\(self)"
    }
}
