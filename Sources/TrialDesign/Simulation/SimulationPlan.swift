internal import Foundation
import SurvivalAnalysis

private typealias K = DesignSettings.Key

/// Everything one simulated trial needs, validated: who enters when, which arm, their event and
/// dropout hazards, when the trial is analysed, and the test. ``SimulationPlan/init(settings:options:)``
/// builds it from the same settings as `survkit design` plus the simulation's own options.
public struct SimulationPlan: Sendable, Equatable {
    /// Patients to enrol, N.
    public let patients: Int
    /// Accrual pattern of the simulated trial.
    public let accrual: Accrual
    /// How arrivals are spaced within accrual.
    public let arrivals: ArrivalPattern
    /// Treatment:control allocation.
    public let allocation: Allocation
    /// How patients are assigned to arms.
    public let randomisation: Randomisation
    /// Survival law of each arm.
    public let survival: ArmSurvival
    /// Exponential dropout of each arm.
    public let dropout: ExponentialDropout
    /// When the analysis happens: a calendar time or an event count.
    public let cut: AnalysisCut
    /// Total type I error, split over `sides` tails.
    public let alpha: Double
    /// 1 or 2 sided test.
    public let sides: Int
    /// Also fit a Cox model (treatment indicator) in every replicate.
    public let cox: Bool
    /// Assumptions given but not used by the simulation, spelled for people.
    public let notes: [SettingText]
    /// The looks of a group-sequential trial (event-driven cuts only); nil for one analysis.
    public let looks: SimulationLooks?
    /// Events at each look, ⌈t_k·D⌉; empty without looks.
    public let lookEvents: [Int]
    /// Further tests applied to every trial, and to the same trial under the null (both arms with
    /// the control's law, from the same random numbers); empty unless `simulate --test`.
    public let tests: [SimulationTest]

    /// Largest number of patients per trial (their times are held in per-thread buffers).
    public static let largestTrial = 10_000_000

    /// - Complexity: O(accrual and hazard pieces).
    public init(patients: Int, accrual: Accrual, arrivals: ArrivalPattern = .even, allocation: Allocation = .equal,
                randomisation: Randomisation? = nil, survival: ArmSurvival, dropout: ExponentialDropout = .none,
                cut: AnalysisCut, alpha: Double = 0.05, sides: Int = 2, cox: Bool = false,
                notes: [SettingText] = [], looks: SimulationLooks? = nil,
                tests: [SimulationTest] = []) throws(DesignError) {
        guard patients >= 2, patients <= SimulationPlan.largestTrial else {
            throw .invalid("patients must be between 2 and \(SimulationPlan.largestTrial) (got \(patients))")
        }
        switch cut {
        case .events(let d):
            guard d >= 1, d <= patients else {
                throw .invalid("the analysis at \(d) events needs 1 to \(patients) events (the patients enrolled)")
            }
        case .followUp(let f):
            guard f.isFinite, f >= 0 else {
                throw .invalid("follow-up must be finite and not negative (got \(f.roundTripText))")
            }
        }
        guard alpha > 0, alpha < 1 else { throw .invalid("alpha \(alpha.roundTripText) must be in (0, 1)") }
        guard sides == 1 || sides == 2 else { throw .invalid("sides must be 1 or 2 (got \(sides))") }
        let chosen: Randomisation
        if let randomisation {
            chosen = randomisation
        } else {
            chosen = try Randomisation(scheme: .permutedBlocks, allocation: allocation)
        }
        guard abs(chosen.probabilityTreatment - allocation.fraction(.treatment)) <= 1e-12 else {
            throw .invalid("the randomisation was made for another allocation than \(allocation)")
        }
        self.patients = patients
        self.accrual = accrual
        self.arrivals = arrivals
        self.allocation = allocation
        self.randomisation = chosen
        self.survival = survival
        self.dropout = dropout
        self.cut = cut
        self.alpha = alpha
        self.sides = sides
        self.cox = cox
        self.notes = notes
        self.looks = looks
        if looks != nil, let rmst = tests.first(where: { if case .restrictedMean = $0 { return true } else { return false } }) {
            // As `design --nph-method rmst` with looks: the RMST difference at a fixed τ has no
            // independent increments over looks (Murray & Tsiatis 1999), and at early looks the
            // Kaplan–Meier curves rarely reach τ. Run at the log-rank's nominal levels it gave a
            // type I error of 0.123 for α = 0.05 (seed trial, τ = 24, 20,000 replicates).
            throw .invalid("test \(rmst) cannot be run over looks: the RMST difference at a fixed tau has no independent increments and is rarely estimable to tau at early looks (its type I error at the log-rank's nominal levels was 0.12 for alpha 0.05); drop it, or drop \(SequentialSettings.Key.looks)")
        }
        var seen = Set<SimulationTest>()
        for test in tests where !seen.insert(test).inserted { throw .invalid("test \(test) is given twice") }
        self.tests = tests
        if let looks {
            guard case .events(let d) = cut else {
                throw .invalid("looks are event-driven: give \(K.events) (the maximum events), not \(K.followUp)")
            }
            lookEvents = try looks.events(maximum: d)
        } else {
            lookEvents = []
        }
    }

    /// `Φ⁻¹(1 − α/s)`.
    public var criticalValue: Double { ExponentialDesign.criticalValue(alpha: alpha, sides: sides) }

    /// Whether the log-rank z of the treatment arm (`(O_T − E_T)/√V`, negative when treatment
    /// has fewer events than expected) rejects: `|z| ≥ c` two-sided, or `−z ≥ c` one-sided in the
    /// direction of benefit (a lower treatment hazard), as rpact's `getSimulationSurvival` with
    /// `directionUpper = FALSE` (its statistic is −z, rejecting at ≥ the critical value).
    /// An undefined z (no events) does not reject.
    @inline(__always)
    public func rejects(z: Double, criticalValue c: Double) -> Bool {
        sides == 2 ? abs(z) >= c : -z >= c
    }

    /// The hazard ratio implied by the log-rank statistic, as rpact's `hazardRatioEstimateLR`:
    /// `exp(z (1 + r) / √(r D))` with the planned allocation ratio r = T/C and D events (the
    /// inverse of Schoenfeld's `z ≈ log HR · √(r D) / (1 + r)`). NaN without events.
    @inline(__always)
    public func hazardRatioEstimate(z: Double, events: Int) -> Double {
        exp(logHazardRatioEstimate(z: z, events: events))
    }

    /// The log of ``hazardRatioEstimate(z:events:)``: `z (1 + r) / √(r D)`; NaN without events.
    @inline(__always)
    public func logHazardRatioEstimate(z: Double, events: Int) -> Double {
        guard events > 0 else { return .nan }
        let r = allocation.ratio
        return z * (1 + r) / (r * Double(events)).squareRoot()
    }

    /// Whether a p-value rejects at the plan's alpha (an undefined one does not).
    /// - Parameter p: the p-value of a further test (``SimulationTest``).
    @inline(__always)
    public func rejects(pValue p: Double) -> Bool { p <= alpha }

    /// The entry schedule of this plan's accrual and patients.
    public var entrySchedule: EntrySchedule { EntrySchedule(accrual: accrual, patients: patients) }
}

/// How many replicates, from which seed. Replicate i uses random stream (seed, i), so the result
/// depends on these two numbers only — not on threads or shards.
public struct MonteCarloSettings: Sendable, Equatable {
    /// Number of simulated trials.
    public let replicates: Int
    /// Seed of the random streams; same seed → same bytes.
    public let seed: UInt64

    /// Every replicate's outcome is kept (48 bytes each) so quantiles and merged shards are
    /// exact: 10⁸ replicates hold 4.8 GB.
    public static let largestRunCount = 100_000_000
    /// Seeds are below 2⁵³, so every JSON reader reads them back exactly.
    public static let seedLimit: UInt64 = 1 << 53

    /// Monte Carlo settings; throws unless 1 ≤ replicates ≤ ``largestRunCount`` and seed < 2^53.
    public init(replicates: Int, seed: UInt64) throws(DesignError) {
        guard replicates >= 1, replicates <= MonteCarloSettings.largestRunCount else {
            throw .invalid("replicates must be between 1 and \(MonteCarloSettings.largestRunCount) (got \(replicates))")
        }
        guard seed < MonteCarloSettings.seedLimit else {
            throw .invalid("seed must be a whole number from 0 to 2^53 - 1 (got \(seed))")
        }
        self.replicates = replicates
        self.seed = seed
    }
}
