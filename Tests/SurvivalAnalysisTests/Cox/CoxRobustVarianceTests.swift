import Testing
@testable import SurvivalAnalysis
import TestSupport

@Suite struct CoxRobustVarianceTests {
    /// Clusters of one row each give the same sandwich as no cluster column (R's default for
    /// robust = TRUE), and the score residuals at β̂ sum to the score, which is 0 at the fit.
    @Test func singletonClustersEqualRowwiseSandwich() throws {
        let c = CoxFixtureCase.named("tied_weighted_efron")
        let model = try c.fit()
        let data = model.riskSets
        let rowwise = CoxRobustVariance(data: data, estimate: model.estimate, ties: .efron, cluster: nil,
                                        clusterCount: 0, tolerance: 1e-12)
        let singletons = CoxRobustVariance(data: data, estimate: model.estimate, ties: .efron,
                                           cluster: (0..<Int32(data.count)).map { $0 }, clusterCount: data.count,
                                           tolerance: 1e-12)
        for (a, b) in zip(rowwise.variance, singletons.variance) { #expect(abs(a - b) <= 1e-12 * abs(a)) }
        #expect(abs(rowwise.scoreTest - singletons.scoreTest) < 1e-12 * rowwise.scoreTest)

        let eta = data.linearPredictor(scaledBeta: model.estimate.scaledBeta)
        let residuals = CoxResiduals.scoreResiduals(data: data, eta: eta, ties: .efron)
        let p = data.columns
        for j in 0..<p {
            var total = 0.0
            for i in 0..<data.count { total += data.weight[i] * residuals[i * p + j] }
            #expect(abs(total) < 1e-8)
        }
    }
}
