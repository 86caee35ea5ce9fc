import ArgumentParser
import SurvivalAnalysis

/// The `cox` options beyond R's plain `coxph` call: an offset column, a ridge penalty and
/// Firth's penalised likelihood.
/// Kept apart from `CoxCommand` so each extra is parsed, checked and applied in one place.
struct CoxExtraOptions: ParsableArguments {
    @Option(help: "Numeric column added to the linear predictor with coefficient 1 (R's + offset(COL)).")
    var offset: String?

    @Option(parsing: .unconditional, help: "Ridge penalty theta > 0 on every term, (theta/2)*sum(var(x_j)*beta_j^2) (R's ridge(..., theta=)).")
    var ridge: Double?

    @Flag(help: "Firth's penalised likelihood (Heinze & Schemper 2001; finite under separation), Breslow ties, profile-likelihood CIs, as R's coxphf.")
    var firth = false

    /// The offset column, loaded with the covariates (so its missing values leave rows out the same way).
    var offsetColumns: [String] { offset.map { [$0] } ?? [] }

    /// Combinations survkit has not checked against R are refused, naming what to change.
    func validate(covariates: [String], factors: [String], ties: CoxTies?, weights: Bool, robust: Bool,
                  zph: Bool, predict: Bool, residuals: Bool) throws {
        if firth {
            if ties == .efron { throw ValidationError("--firth uses Breslow ties (as coxphf): drop --ties efron") }
            for (used, flag) in [(weights, "--weights"), (robust, "--robust/--cluster"), (offset != nil, "--offset"),
                                 (ridge != nil, "--ridge"), (zph, "--zph"), (predict, "--predict"),
                                 (residuals, "--residuals/--influence")] where used {
                throw ValidationError("--firth cannot be combined with \(flag): drop one of them")
            }
        }
        if let ridge {
            guard ridge > 0, ridge.isFinite else {
                throw ValidationError("--ridge must be a positive number (the penalty theta), got \(ridge)")
            }
            for (used, flag) in [(robust, "--robust/--cluster"), (zph, "--zph"), (predict, "--predict"),
                                 (residuals, "--residuals/--influence")] where used {
                throw ValidationError("--ridge cannot be combined with \(flag): drop one of them")
            }
        }
        if let offset {
            guard !(covariates.contains(offset) || factors.contains(offset)) else {
                throw ValidationError("--offset \(offset) is also a covariate or factor: an offset has coefficient 1, give it once")
            }
            for (used, flag) in [(zph, "--zph"), (predict, "--predict")] where used {
                throw ValidationError("--offset cannot be combined with \(flag): drop one of them")
            }
        }
    }

    /// Takes the offset column out of the loaded covariates and fits the model.
    func fit(_ data: inout SurvivalData, options: inout CoxOptions) throws -> CoxModel {
        options.firth = firth
        if let ridge {
            options.ridge = try CoxRidgePenalty(theta: ridge)
        }
        guard let offset, let index = data.covariates.firstIndex(where: { $0.name == offset }) else {
            return try CoxModel.fit(data, options: options)
        }
        let values = data.covariates.remove(at: index).values
        data.spec.covariates.removeAll { $0 == offset }
        return try CoxModel.fit(data, options: options, offset: values)
    }
}
