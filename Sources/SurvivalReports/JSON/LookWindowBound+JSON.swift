import TrialDesign

extension LookWindowBound {
    /// The four JSON members of a look's window of events (docs/boundaries.md, docs/design.md):
    /// its ends and the critical value at each end, all null for a look without a window.
    /// One spelling for every report that lists looks.
    static func jsonMembers(_ bound: LookWindowBound?) -> [(String, JSONValue)] {
        [("window_min_events", .optional(bound?.minimumEvents)),
         ("window_max_events", .optional(bound?.maximumEvents)),
         ("critical_value_at_window_min", .optional(bound?.criticalValueAtMinimum)),
         ("critical_value_at_window_max", .optional(bound?.criticalValueAtMaximum))]
    }
}
