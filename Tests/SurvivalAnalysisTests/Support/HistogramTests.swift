import Testing
@testable import SurvivalAnalysis

/// Bins as R's hist(x, breaks, right = FALSE, include.lowest = TRUE): [a, b) with the last closed.
@Suite struct HistogramTests {
    @Test func binsAreLeftClosedAndTheLastIsClosed() {
        // R: hist(c(0, 0.5, 1, 1, 2, 3), breaks = 0:3, right = FALSE, include.lowest = TRUE)$counts = 2 2 2
        let h = Histogram([0, 0.5, 1, 1, 2, 3, -1, 4, .nan], edges: [0, 1, 2, 3])
        #expect(h.counts == [2, 2, 2])
        #expect(h.outside == 2 && h.missing == 1)
    }
}
