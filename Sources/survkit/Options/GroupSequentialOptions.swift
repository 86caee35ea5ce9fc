import ArgumentParser
import TrialDesign

extension SpendingFamily: ExpressibleByArgument {}
extension BoundaryType: ExpressibleByArgument {}

/// The group-sequential flags shared by `boundaries`, `design` and `simulate`:
/// `--looks K [--information-rates r1,...,rK] [--spending F] [--gamma G] [--rho R]
/// [--futility-spending F] [--futility-gamma G] [--futility-rho R] [--futility-bounds u1,...]
/// [--binding-futility]
/// [--boundary-type T [--delta D]] [--spending-values a1,...,aK]`.
/// The error rates (`--alpha`, `--sides`, `--power`) belong to the command.
struct GroupSequentialOptions: ParsableArguments {
    @Option(help: "Number of looks (analyses), the final one included (1 to 20).")
    var looks: Int?

    @Option(help: "Comma-separated information fractions of the looks, strictly increasing, ending at 1 (default: equally spaced).",
            transform: CommaList.doubles)
    var informationRates: [Double]?

    // Optional so that a command reading a design file can tell a flag from the default.
    @Option(help: "Efficacy alpha spending: \(SpendingFamily.allCases.map(\.rawValue).joined(separator: ", ")) (default obrien-fleming).")
    var spending: SpendingFamily?

    // Unconditional parsing lets a negative value follow the flag (--gamma -4).
    @Option(parsing: .unconditional, help: "Hwang-Shih-DeCani gamma for --spending hsd, in [-10, 5].")
    var gamma: Double?

    @Option(parsing: .unconditional, help: "Kim-DeMets power rho for --spending kim-demets, in [0.4, 8].")
    var rho: Double?

    @Option(help: "Non-binding futility bounds by beta spending (one-sided designs): \(SpendingFamily.allCases.map(\.rawValue).joined(separator: ", ")).")
    var futilitySpending: SpendingFamily?

    @Option(parsing: .unconditional, help: "Hwang-Shih-DeCani gamma for --futility-spending hsd, in [-10, 5].")
    var futilityGamma: Double?

    @Option(parsing: .unconditional, help: "Kim-DeMets rho for --futility-spending kim-demets, in [0.4, 8].")
    var futilityRho: Double?

    @Option(help: "Classical efficacy boundaries instead of alpha spending: \(BoundaryType.allCases.map(\.rawValue).joined(separator: ", ")) (rpact P, OF, WT, HP).")
    var boundaryType: BoundaryType?

    @Option(parsing: .unconditional, help: "Wang-Tsiatis delta for --boundary-type wang-tsiatis, in [-0.5, 1] (0 O'Brien-Fleming, 0.5 Pocock).")
    var delta: Double?

    @Option(help: "User-defined cumulative alpha spent by each look, non-decreasing, the last equal to --alpha (rpact asUser).",
            transform: CommaList.doubles)
    var spendingValues: [Double]?

    @Option(parsing: .unconditional, help: "Futility bounds on the Z scale, one per look but the last, instead of --futility-spending (one-sided; rpact futilityBounds; -6, rpact's default, for practically none at a look).",
            transform: CommaList.doubles)
    var futilityBounds: [Double]?

    @Flag(help: "Binding futility bounds (rpact bindingFutility = TRUE): the efficacy bounds count on stopping at them; needs --futility-spending or --futility-bounds.")
    var bindingFutility = false

    @Option(name: .customLong(SequentialSettings.Key.minEventsPerLook.rawValue), help: "The fewest cumulative events each look may fall at, one per look (with --events, boundaries reports the bound there).",
            transform: CommaList.doubles)
    var minEventsPerLook: [Double]?

    @Option(name: .customLong(SequentialSettings.Key.maxEventsPerLook.rawValue), help: "The most cumulative events each look may fall at, one per look (with --events, boundaries reports the bound there).",
            transform: CommaList.doubles)
    var maxEventsPerLook: [Double]?

    /// Whether any look was asked for (a command may fall back to a fixed design otherwise).
    var isSequential: Bool { looks != nil || informationRates != nil }

    /// The validated design; every problem is a one-line error naming the flags (exit 2).
    func design(alpha: Double, sides: Int, power: Double) throws -> GroupSequentialDesign {
        // The library checks these too; checking here names the flags in the message.
        guard sides == 1 || sides == 2 else { throw UsageError("--sides must be 1 or 2, got \(sides)") }
        guard alpha >= GroupSequentialDesign.minimumAlpha, alpha <= 0.5 else {
            throw UsageError("--alpha must be in [\(GroupSequentialDesign.minimumAlpha), 0.5] with looks (as rpact), got \(alpha)")
        }
        guard power > alpha, power < 1 else { throw UsageError("--power must be in (alpha, 1) = (\(alpha), 1), got \(power)") }
        guard 1 - power >= GroupSequentialDesign.minimumBeta * (1 - 1e-9) else {
            throw UsageError("--power must be at most \(GroupSequentialDesign.maximumPower) with looks (beta at least 1e-4, as rpact), got \(power)")
        }
        guard isSequential else { throw UsageError("--looks (or --information-rates) is required") }
        do throws(DesignError) {
            // Not nil: looks are given.
            return try settings.design(alpha: alpha, sides: sides, power: power, spell: { "--" + $0.rawValue })!
        } catch {
            throw UsageError(error)
        }
    }

    /// The flags as design settings (only those given), for a command that merges them over a
    /// design file; ``SequentialSettings`` validates them.
    var settings: SequentialSettings {
        var s = SequentialSettings()
        s.looks = looks
        s.informationRates = informationRates
        s.spending = spending
        s.gamma = gamma
        s.rho = rho
        s.futilitySpending = futilitySpending
        s.futilityGamma = futilityGamma
        s.futilityRho = futilityRho
        s.boundaryType = boundaryType
        s.delta = delta
        s.spendingValues = spendingValues
        s.bindingFutility = bindingFutility ? true : nil
        s.futilityBounds = futilityBounds
        s.minEventsPerLook = minEventsPerLook
        s.maxEventsPerLook = maxEventsPerLook
        return s
    }
}
