extension ExpectedEventCurve {
    /// Expected events in one arm by calendar time: N · (arm's allocation fraction) · P(event
    /// observed by `time` in that arm). The two arms add up to ``events(at:)``.
    /// - Complexity: O(accrual pieces).
    public func events(at time: Double, arm: Arm) -> Double {
        let hazard = arm == .treatment ? hazardTreatment : hazardControl
        let p = EventProbability.arm(hazard: hazard, dropoutHazard: dropout.hazard(arm), pieces: pieces, at: time)
        return patients * allocation.fraction(arm) * p
    }
}
