/// One Aalen–Johansen cumulative incidence curve: a cause within one group.
public struct CumulativeIncidenceCurve: Sendable {
    /// The cause's number (1…k).
    public var cause: Int
    /// The cause's label, as in the status column.
    public var causeLabel: String
    /// The group's label, nil for a single group.
    public var group: String?
    /// One row per distinct time with an event or a censoring, as R's multi-state `survfit`.
    public var rows: [Row]

    /// The curve at one time.
    public struct Row: Sendable, Equatable {
        /// The time of the row (R's `time`).
        public var time: Double
        /// Number at risk just before `time` (R's `n.risk` of the initial state).
        public var atRisk: Int
        /// Events of this cause at `time`.
        public var events: Int
        /// F̂ₖ(t), the probability of having failed from this cause by `time`.
        public var incidence: Double
        /// Infinitesimal-jackknife standard error of F̂ₖ(t) (R's multi-state `std.err`).
        public var standardError: Double
        /// Lower pointwise limit on the log scale (R's default `conf.type = "log"`); nil where F̂ₖ = 0.
        public var lower: Double?
        /// Upper pointwise limit on the log scale; nil where F̂ₖ = 0.
        public var upper: Double?
    }
}
