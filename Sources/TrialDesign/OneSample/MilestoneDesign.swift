import GSLSupport

/// The exact single-stage design of a single-arm trial on a milestone rate (A'Hern 2001, Stat Med
/// 20:859, "Sample size tables for exact single-stage phase II designs"): X, the number of
/// evaluable patients event-free at the milestone T, is Bin(n, p), and H0: p = p₀ is tested
/// against p₁ by the exact binomial test.
///
/// For p₁ > p₀ the test rejects when X ≥ r, r the smallest count with P(X ≥ r | p₀) ≤ α; the
/// design is the smallest n whose r also gives P(X ≥ r | p₁) ≥ power (A'Hern's definition; the
/// attained power is not monotone in n, so a larger n can fail where a smaller one passed). For
/// p₁ < p₀ the test rejects when X ≤ r: the mirror image, n − X ~ Bin(n, 1 − p). A two-sided α is
/// spent as α/2 in the direction of p₁ (the other tail ignored, as the one-sample log-rank design).
///
/// Dropout before T: patients lost before the milestone have no status at T and are left out of
/// the binomial count (missing at random). With a fraction q lost, n evaluable patients need
/// ⌈n / (1 − q)⌉ enrolled and N enrolled give ⌊N (1 − q)⌋ evaluable.
public struct MilestoneDesign: Sendable, Equatable {
    /// The milestone time T (reported only; the rates are at T).
    public let milestone: Double
    /// The historical (null) rate p₀ of being event-free at T.
    public let rateHistorical: Double
    /// The rate p₁ under the alternative.
    public let rateTreatment: Double
    /// The fraction q of patients lost before T.
    public let dropout: Double

    /// The largest evaluable sample searched.
    public static let patientLimit = 100_000

    /// A milestone design.
    /// - Parameters:
    ///   - milestone: the milestone time T.
    ///   - rateHistorical: p₀, the null rate of being event-free at T.
    ///   - rateTreatment: p₁, the rate under the alternative.
    ///   - dropout: q, the fraction of patients lost before T.
    /// - Precondition: 0 < p₀, p₁ < 1, p₀ ≠ p₁, 0 ≤ q < 1.
    public init(milestone: Double, rateHistorical: Double, rateTreatment: Double, dropout: Double = 0) {
        precondition(rateHistorical > 0 && rateHistorical < 1 && rateTreatment > 0 && rateTreatment < 1)
        precondition(rateHistorical != rateTreatment && dropout >= 0 && dropout < 1)
        self.milestone = milestone
        self.rateHistorical = rateHistorical
        self.rateTreatment = rateTreatment
        self.dropout = dropout
    }

    /// Whether the alternative lies above the null (reject for large X).
    public var rejectsHigh: Bool { rateTreatment > rateHistorical }

    /// A solved design: the evaluable n, the critical count and the exact error rates.
    public struct Solution: Sendable, Equatable {
        /// Evaluable patients n.
        public let patients: Int
        /// Patients to enrol.
        public let patientsTotal: Int
        /// The critical count r: reject when X ≥ r (``MilestoneDesign/rejectsHigh``) or X ≤ r.
        public let criticalCount: Int
        /// The exact type I error attained, P(reject | p₀).
        public let alphaAttained: Double
        /// The exact power attained, P(reject | p₁).
        public let power: Double
    }

    /// The rates on the "reject when high" scale.
    private var mirrored: (null: Double, alternative: Double) {
        rejectsHigh ? (rateHistorical, rateTreatment) : (1 - rateHistorical, 1 - rateTreatment)
    }

    /// The test with `n` evaluable patients at one-sided level `level`.
    /// - Complexity: O(n).
    func solution(evaluable n: Int, enrolled: Int, level: Double) -> Solution {
        let (q0, q1) = mirrored
        let r = BinomialTail.criticalCount(n, q0, level: level)
        return Solution(patients: n, patientsTotal: enrolled, criticalCount: rejectsHigh ? r : n - r,
                        alphaAttained: BinomialTail.upper(r, n, q0), power: BinomialTail.upper(r, n, q1))
    }

    /// The smallest evaluable n reaching `power` at one-sided level `level`; nil beyond
    /// ``patientLimit``.
    /// - Parameters:
    ///   - power: the target power.
    ///   - level: the one-sided level of the exact test.
    /// - Complexity: O(n²) at worst (each n costs O(n)).
    public func smallest(power: Double, level: Double) -> Solution? {
        smallestEvaluable(power: power, level: level).map {
            solution(evaluable: $0, enrolled: PatientRounding.inflated($0, dropout: dropout), level: level)
        }
    }

    /// The smallest evaluable n of ``smallest(power:level:)``, before any enrolment is computed
    /// (the caller checks that n / (1 − q) is a number of patients first).
    ///
    /// The normal approximation n ≈ ((z_α √(p₀q₀) + z_β √(p₁q₁)) / (p₁ − p₀))² comes first: when it
    /// is more than twice ``patientLimit`` the exact n is beyond the limit too (at such n the
    /// binomial is normal to about 1%), and the O(n²) search up to the limit — minutes for rates
    /// 0.5 and 0.5000000001 — is skipped.
    func smallestEvaluable(power: Double, level: Double) -> Int? {
        let (q0, q1) = mirrored
        let za = Normal.upperQuantile(level), zb = Normal.upperQuantile(1 - power)
        let root = (za * (q0 * (1 - q0)).squareRoot() + zb * (q1 * (1 - q1)).squareRoot()) / (q1 - q0)
        if root > 0, root * root > 2 * Double(Self.patientLimit) { return nil }
        for n in 1...Self.patientLimit {
            let r = BinomialTail.criticalCount(n, q0, level: level)
            guard r <= n, BinomialTail.upper(r, n, q1) >= power else { continue }
            return n
        }
        return nil
    }

    /// The test and its power with `enrolled` patients, ⌊enrolled (1 − q)⌋ of them evaluable.
    /// - Parameters:
    ///   - enrolled: patients enrolled.
    ///   - level: the one-sided level of the exact test.
    /// - Complexity: O(n).
    public func power(enrolled: Int, level: Double) -> Solution {
        solution(evaluable: PatientRounding.floor(Double(enrolled) * (1 - dropout)), enrolled: enrolled, level: level)
    }
}
