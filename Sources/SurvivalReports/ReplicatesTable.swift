#if canImport(Glibc)
import Glibc
#endif
import TrialDesign

/// `--replicates-csv FILE`: one row per simulated trial, for plotting.
///
/// Columns: `replicate` (from 1), `reached_cut` (0 when an event-driven analysis never reached its
/// events), `analysis_time`, `patients` (enrolled by the analysis), `events`, `events_treatment`,
/// `events_control`, `dropouts`, `z` (log-rank z of treatment; negative favours it), `rejected`
/// (0/1), `hazard_ratio` (log-rank estimate), and with `--cox` `cox_hazard_ratio`. NA where a
/// value is undefined.
public struct ReplicatesTable: Sendable {
    public let plan: SimulationPlan
    /// 0-based number of the first outcome's replicate.
    public let firstReplicate: Int
    public let outcomes: [ReplicateOutcome]

    public init(plan: SimulationPlan, firstReplicate: Int, outcomes: [ReplicateOutcome]) {
        self.plan = plan
        self.firstReplicate = firstReplicate
        self.outcomes = outcomes
    }

    public var header: [String] {
        ["replicate", "reached_cut", "analysis_time", "patients", "events", "events_treatment", "events_control",
         "dropouts", "z", "rejected", "hazard_ratio"] + (plan.cox ? ["cox_hazard_ratio"] : [])
    }

    /// The CSV text (built directly: a million rows take well under a second).
    /// - Complexity: O(replicates).
    public func csv() -> String {
        var out = header.joined(separator: ",") + "\n"
        out.reserveCapacity(outcomes.count * 96)
        let critical = plan.criticalValue
        for (k, o) in outcomes.enumerated() {
            out += String(firstReplicate + k + 1)
            out += o.reachedCut ? ",1," : ",0,"
            out += NumberText.roundTrip(o.analysisTime)
            out += ","; out += String(o.patients)
            out += ","; out += String(o.events)
            out += ","; out += String(o.eventsTreatment)
            out += ","; out += String(o.events - o.eventsTreatment)
            out += ","; out += String(o.dropouts)
            out += ","; out += NumberText.roundTrip(o.z)
            out += o.reachedCut && plan.rejects(z: o.z, criticalValue: critical) ? ",1," : ",0,"
            out += NumberText.roundTrip(plan.hazardRatioEstimate(z: o.z, events: Int(o.events)))
            if plan.cox {
                out += ","
                out += NumberText.roundTrip(exp(o.coxLogHazardRatio))
            }
            out += "\n"
        }
        return out
    }
}
