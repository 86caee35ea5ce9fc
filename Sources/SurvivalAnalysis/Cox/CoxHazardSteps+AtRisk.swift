extension CoxHazardSteps {
    /// The weighted number at risk at each group's time, as R's `survfit.coxph` `n.risk`: the
    /// weight of the stratum's rows with stop ≥ t, less, on (start, stop] data, the weight of
    /// those with start ≥ t (not yet entered: at risk only when start < t ≤ stop).
    /// - Complexity: O(n) (the start order is ``CoxRiskSets/byStart``).
    func weightAtRisk(_ data: CoxRiskSets) -> [Double] {
        var result = [Double](repeating: 0, count: groups.count)
        var g = 0
        while g < groups.count {
            let stratum = data.stratum[groups[g].lowerBound]
            var last = g
            while last + 1 < groups.count && data.stratum[groups[last + 1].lowerBound] == stratum { last += 1 }
            var atRisk = 0.0
            for k in g...last { for i in groups[k] { atRisk += data.weight[i] } }
            // Weight of the stratum's rows whose start is ≥ t, walked up the start order.
            var late = data.entry == nil ? 0 : atRisk
            var entering = groups[g].lowerBound
            let stratumEnd = groups[last].upperBound
            for k in g...last {
                if let entry = data.entry, let byStart = data.byStart {
                    let t = data.time[groups[k].lowerBound]
                    while entering < stratumEnd, entry[Int(byStart[entering])] < t {
                        late -= data.weight[Int(byStart[entering])]
                        entering += 1
                    }
                }
                result[k] = atRisk - late
                var leaving = 0.0
                for i in groups[k] { leaving += data.weight[i] }
                atRisk -= leaving
            }
            g = last + 1
        }
        return result
    }
}
