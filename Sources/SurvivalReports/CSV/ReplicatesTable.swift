import PlatformSupport
import TrialDesign

/// `--replicates-csv FILE`: one row per simulated trial, for plotting.
///
/// Columns: `replicate` (from 1), `reached_cut` (0 when an event-driven analysis never reached its
/// events), `analysis_time`, `patients` (enrolled by the analysis), `events`, `events_treatment`,
/// `events_control`, `dropouts`, `z` (log-rank z of treatment; negative favours it), `rejected`
/// (0/1), `hazard_ratio` (log-rank estimate), and with `--cox` `cox_hazard_ratio`. NA where a
/// value is undefined. A group-sequential plan describes the analysis that ended each trial, with
/// two more columns: `look` (1-based) and `decision` (`efficacy`, `futility` or `none`); `rejected`
/// is then 1 when the trial stopped for efficacy.
public struct ReplicatesTable: Sendable {
    /// The simulated trial.
    public let plan: SimulationPlan
    /// 0-based number of the first outcome's replicate.
    public let firstReplicate: Int
    /// The replicates' outcomes, in replicate order.
    public let outcomes: [ReplicateOutcome]

    /// A table of outcomes whose first row is replicate number `firstReplicate`.
    public init(plan: SimulationPlan, firstReplicate: Int, outcomes: [ReplicateOutcome]) {
        self.plan = plan
        self.firstReplicate = firstReplicate
        self.outcomes = outcomes
    }

    /// The column names of the replicates CSV.
    public var header: [String] {
        ["replicate", "reached_cut", "analysis_time", "patients", "events", "events_treatment", "events_control",
         "dropouts", "z", "rejected", "hazard_ratio"] + (plan.cox ? ["cox_hazard_ratio"] : [])
            + (plan.looks != nil ? ["look", "decision"] : [])
    }

    private static let decisionNames: [LookDecision: String] = [.none: "none", .efficacy: "efficacy", .futility: "futility"]

    /// The CSV text (built directly: a million rows take well under a second).
    /// - Complexity: O(replicates).
    public func csv() -> String {
        var out = header.joined(separator: ",") + "\n"
        out.reserveCapacity(outcomes.count * 96)
        let critical = plan.criticalValue
        let sequential = plan.looks != nil
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
            let rejected = sequential ? o.decision == .efficacy : o.reachedCut && plan.rejects(z: o.z, criticalValue: critical)
            out += rejected ? ",1," : ",0,"
            out += NumberText.roundTrip(plan.hazardRatioEstimate(z: o.z, events: Int(o.events)))
            if plan.cox {
                out += ","
                out += NumberText.roundTrip(exp(o.coxLogHazardRatio))
            }
            if sequential {
                out += ","; out += String(o.look)
                out += ","; out += Self.decisionNames[o.decision]!
            }
            out += "\n"
        }
        return out
    }
}
