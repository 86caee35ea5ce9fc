import ArgumentParser
import SurvivalAnalysis
import SurvivalReports

extension SurvKit.Cox {
    /// Flags of the competing-risks models that do not combine with them.
    func validateCompeting() throws {
        if cause == nil {
            if fineGray { throw ValidationError("--fine-gray needs --cause K (the cause modelled)") }
            if censorValue != nil { throw ValidationError("--censor-value goes with --cause") }
            return
        }
        guard data.censor == nil else { throw ValidationError("--cause reads the status from --event, not --censor") }
        if fineGray {
            if !data.strata.isEmpty { throw ValidationError("--fine-gray does not take --strata (crr has no strata)") }
            if weights != nil || cluster != nil || robust {
                throw ValidationError("--fine-gray does not take --weights, --cluster or --robust")
            }
            if residuals != nil || predict != nil || zph {
                throw ValidationError("--fine-gray does not take --residuals, --predict or --zph")
            }
        }
    }

    /// `cox --cause K`: the cause-specific Cox model (other causes censored, as
    /// `coxph(Surv(time, status == K) ~ ...)`), or with `--fine-gray` the subdistribution model.
    func runCompeting() throws {
        let causeLabel = cause!
        let coding: CompetingStatusCoding = censorValue.map { .labels(censorValue: $0) } ?? .integers
        let allFactors = factors + (data.group.map { factors.contains($0) ? [] : [$0] } ?? [])
        let (loaded, competing) = try data.loadCompeting(covariates: covariates, factors: allFactors, weights: weights,
                                                         cluster: cluster, coding: coding, eventCause: causeLabel)
        let present = competing.droppingAbsentCauses().status.labels
        guard let k = competing.status.cause(named: causeLabel), present.contains(causeLabel) else {
            throw UsageError("\(loaded.data.source): --cause \(causeLabel): no row of '\(data.eventName)' has that cause; causes present: \(present.isEmpty ? "none" : present.joined(separator: ", "))"
                             + (censorValue == nil ? " (0 = censored)" : " ('\(censorValue!)' = censored)"))
        }
        if fineGray {
            let model = try FineGrayModel.fit(competing, cause: k)
            let report = FineGrayReport(model: model, statusColumn: data.eventName, confidenceLevel: confLevel,
                                        rowsOmitted: loaded.data.rowsOmitted)
            try output.emit(report, notes: data.notes(loaded), inputs: [data.data])
            return
        }
        let options = CoxOptions(ties: ties ?? .efron, settings: CoxSettings(eps: eps, maxIterations: maxIterations),
                                 robust: robust, confidenceLevel: confLevel)
        let model = try CoxModel.fit(loaded.data, options: options)
        let report = CoxReport(model: model, zph: zph ? model.proportionalHazardsTest() : nil, prediction: nil)
        let sideFiles = residuals.map { [(CoxResidualsTable(data: loaded.data, residuals: model.residuals()).csv(), $0)] } ?? []
        try output.emit(report, notes: data.notes(loaded), inputs: [data.data], sideFiles: sideFiles)
    }
}
