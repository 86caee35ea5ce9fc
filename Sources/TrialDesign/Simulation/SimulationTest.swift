internal import Foundation
import GSLSupport
import SurvivalAnalysis

/// A test applied to every simulated trial besides the planned log-rank test (`simulate --test`),
/// so a designer sees the power and type I error of each under one scenario: the log-rank test,
/// a Fleming–Harrington G(ρ, γ) weighted log-rank test, the MaxCombo test of FH(0,0), FH(0,1),
/// FH(1,0), FH(1,1), or the difference in restricted mean survival time to τ.
///
/// Each gives a p-value oriented as the plan's test: two-sided, or one-sided for benefit of the
/// treatment (a lower hazard, a longer RMST). A trial rejects when p ≤ α; a p-value that cannot
/// be computed (no events, a zero variance) does not reject.
public enum SimulationTest: Sendable, Hashable, CustomStringConvertible {
    /// The unweighted log-rank test (FH(0,0); as `TwoGroupLogRank`).
    case logRank
    /// The Fleming–Harrington G(ρ, γ) weighted log-rank test, weights Ŝ(t−)^ρ (1 − Ŝ(t−))^γ.
    case flemingHarrington(FlemingHarrington)
    /// The MaxCombo test of `MaxComboTest.defaultComponents` (Lee 2007; Karrison 2016).
    case maxCombo
    /// The RMST difference (treatment − control) to τ, Wald z with the KM-based SE of each arm
    /// (Uno et al. 2014; survRM2's `rmst2` unadjusted difference).
    case restrictedMean(tau: Double)

    /// Parses `logrank`, `fh:RHO,GAMMA`, `maxcombo` or `rmst:TAU`, several separated by commas
    /// (a number after `fh:` belongs to it: `logrank,fh:0,1,maxcombo` is three tests).
    /// - Parameter text: the list as typed.
    /// - Throws: ``DesignError`` naming the piece that is not a test.
    public static func parseList(_ text: String) throws(DesignError) -> [SimulationTest] {
        var tests: [SimulationTest] = []
        var pending: (name: String, arguments: [String])? = nil
        func finish() throws(DesignError) {
            guard let p = pending else { return }
            tests.append(try make(p.name, p.arguments))
            pending = nil
        }
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let token = raw.trimmingCharacters(in: .whitespaces)
            if let first = token.first, first.isLetter {
                try finish()
                let parts = token.split(separator: ":", maxSplits: 1).map(String.init)
                pending = (parts[0].lowercased(), parts.count > 1 ? [parts[1]] : [])
            } else if pending != nil, !token.isEmpty {
                pending!.arguments.append(token)
            } else {
                throw .invalid("test list '\(text)': '\(token)' is not a test (logrank, fh:RHO,GAMMA, maxcombo or rmst:TAU)")
            }
        }
        try finish()
        return tests
    }

    private static func make(_ name: String, _ arguments: [String]) throws(DesignError) -> SimulationTest {
        let numbers = arguments.map { Double($0) }
        switch name {
        case "logrank" where arguments.isEmpty:
            return .logRank
        case "maxcombo" where arguments.isEmpty:
            return .maxCombo
        case "fh":
            guard numbers.count == 2, let rho = numbers[0], let gamma = numbers[1],
                  let weights = FlemingHarrington(rho: rho, gamma: gamma) else {
                throw .invalid("test fh needs rho and gamma, both finite and >= 0: fh:RHO,GAMMA (got fh:\(arguments.joined(separator: ",")))")
            }
            let largest = FlemingHarrington.largestDesignExponent
            guard rho <= largest, gamma <= largest else {
                throw .invalid("test fh:\(arguments.joined(separator: ",")): rho and gamma must be at most \(largest.roundTripText) (beyond it the weights S^rho (1 - S)^gamma of a simulated trial underflow to 0 and the test is undefined)")
            }
            return weights.isLogRank ? .logRank : .flemingHarrington(weights)
        case "rmst":
            guard numbers.count == 1, let tau = numbers[0], tau.isFinite, tau > 0 else {
                throw .invalid("test rmst needs a positive time horizon: rmst:TAU (got rmst:\(arguments.joined(separator: ",")))")
            }
            return .restrictedMean(tau: tau)
        default:
            throw .invalid("'\(([name] + arguments).joined(separator: ":"))' is not a test: give logrank, fh:RHO,GAMMA, maxcombo or rmst:TAU")
        }
    }

    /// The spelling `parseList` reads: `logrank`, `fh:0,1`, `maxcombo`, `rmst:12`.
    public var description: String {
        switch self {
        case .logRank: return "logrank"
        case .flemingHarrington(let w): return "fh:\(w.rho.roundTripText),\(w.gamma.roundTripText)"
        case .maxCombo: return "maxcombo"
        case .restrictedMean(let tau): return "rmst:\(tau.roundTripText)"
        }
    }

    /// The p-value of this test on one trial's data (treatment is group 0), or, for MaxCombo far
    /// from `alpha`, a bound on the same side of it.
    ///
    /// MaxCombo's joint normal integral is the costly part of a replicate, and a simulation only
    /// needs the decision: with s the largest component statistic and p₁ its own normal p-value,
    /// p₁ ≤ p ≤ m·p₁ (Bonferroni, m components). So p₁ is returned when p₁ > α (no rejection),
    /// m·p₁ when m·p₁ ≤ α (rejection), and the exact p-value (`MaxComboTest`) only in between.
    /// - Parameters:
    ///   - time: follow-up times.
    ///   - event: event indicators.
    ///   - group: 0 treatment, 1 control.
    ///   - sides: 2 for a two-sided p-value, 1 for one-sided in the direction of treatment benefit.
    ///   - alpha: the level the p-value is compared with (MaxCombo's shortcut only).
    /// - Returns: the p-value, NaN when the statistic is undefined.
    /// - Complexity: O(n log n), plus the multivariate normal integration of MaxCombo near α.
    public func pValue(time: [Double], event: [Bool], group: [UInt8], sides: Int, alpha: Double) -> Double {
        switch self {
        case .logRank:
            return Self.zPValue(TwoGroupLogRank(time: time, event: event, group: group).z, sides: sides)
        case .flemingHarrington(let w):
            return Self.zPValue(TwoGroupLogRank(time: time, event: event, group: group, weights: w).z, sides: sides)
        case .maxCombo:
            let z = MaxComboTest.defaultComponents.map { TwoGroupLogRank(time: time, event: event, group: group, weights: $0).z }
            guard z.allSatisfy(\.isFinite) else { return .nan }
            let largest = sides == 2 ? z.map(abs).max()! : z.map { -$0 }.max()!
            let single = sides == 2 ? Normal.twoSidedP(largest) : Normal.upperTail(largest)
            if single > alpha { return single }
            let bonferroni = Double(z.count) * single
            if bonferroni <= alpha { return bonferroni }
            let table = LogRankEventTable(time: time, event: event, group: group.map { Int32($0) }, groupCount: 2,
                                          strata: nil, stratumCount: 1)
            guard let test = try? MaxComboTest(table, integrationError: Self.maxComboIntegrationError) else { return .nan }
            return sides == 2 ? test.pValue : test.oneSidedPValue
        case .restrictedMean(let tau):
            let d = TwoArmRestrictedMean(time: time, event: event, group: group, tau: tau)
            guard d.standardError > 0 else { return .nan }
            // Benefit is a longer RMST of the treatment: z > 0.
            let z = d.difference / d.standardError
            return sides == 2 ? Normal.twoSidedP(z) : Normal.upperTail(z)
        }
    }

    /// The integration error bound of MaxCombo p-values in a simulation: a p-value closer than
    /// this to α may be decided either way, which moves a rejection rate by far less than its
    /// Monte Carlo error.
    public static let maxComboIntegrationError = 1e-5

    /// p-value of a log-rank-type z of the treatment arm, (O − E)/√V (negative favours treatment).
    private static func zPValue(_ z: Double, sides: Int) -> Double {
        guard z.isFinite else { return .nan }
        return sides == 2 ? Normal.twoSidedP(z) : Normal.cdf(z)
    }
}
