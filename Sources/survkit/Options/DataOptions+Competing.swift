import SurvivalAnalysis

extension DataOptions {
    /// Reads the data with the event column holding a competing-risks status coded as `coding`
    /// (see ``CompetingStatusReading``); the data's event is "any cause", or "cause `eventCause`"
    /// for a cause-specific model.
    func loadCompeting(covariates: [String] = [], factors: [String] = [], weights: String? = nil,
                       cluster: String? = nil, coding: CompetingStatusCoding,
                       eventCause: String? = nil) throws -> (LoadedData, CompetingRisksData) {
        let status = CompetingStatusReading(statusColumn: eventName, coding: coding, eventCause: eventCause)
        var (loaded, _) = try loadCut(covariates: covariates + [status.causeColumn], factors: factors, weights: weights,
                                      cluster: cluster, competing: status)
        let competing = status.extract(from: loaded.data)
        if case .labels(let censorValue) = coding, !competing.status.censorValuePresent {
            Terminal.warn("\(loaded.data.source): --censor-value '\(censorValue)' is not a value of '\(eventName)': no row is censored and every value is a cause (\(competing.status.labels.prefix(8).joined(separator: ", ")))")
        }
        loaded.data = competing.data
        return (loaded, competing)
    }
}
