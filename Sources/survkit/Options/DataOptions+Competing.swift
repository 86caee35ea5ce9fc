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
        loaded.data = competing.data
        return (loaded, competing)
    }
}
