import Foundation
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct IntegrationGridTests {
    static let exact = Tolerance(relative: 1e-12, absolute: 1e-14)

    @Test func simpsonIsExactForCubicsOnAFiniteInterval() {
        let grid = IntegrationGrid(mean: 0.4, lower: -1.3, upper: 2.2, gridSize: 8)
        #expect(grid.points.count % 2 == 1)
        #expect(grid.points.first == -1.3 && grid.points.last == 2.2)
        #expect(zip(grid.points, grid.points.dropFirst()).allSatisfy { $0 < $1 })
        let length = grid.weights.reduce(0, +)
        #expect(Self.exact.accepts(length, 3.5))
        var cubic = 0.0
        for (x, w) in zip(grid.points, grid.weights) { cubic += w * (x * x * x - 2 * x) }
        let a = -1.3, b = 2.2
        let quartic: Double = (b * b * b * b - a * a * a * a) / 4
        let expected: Double = quartic - (b * b - a * a)
        #expect(Self.exact.accepts(cubic, expected))
    }

    /// Simpson's error is O(h⁴): doubling r cuts it about 16-fold; r = 32 leaves about 2e-8.
    @Test func normalDensityIntegratesToOne() {
        var errors: [Double] = []
        for r in [16, 32] {
            let grid = IntegrationGrid(mean: 1.5, lower: -.infinity, upper: .infinity, gridSize: r)
            #expect(grid.points.count == 2 * (6 * r - 1) - 1)
            var total = 0.0
            for (x, w) in zip(grid.points, grid.weights) {
                total += w * exp(-0.5 * (x - 1.5) * (x - 1.5)) / (2 * Double.pi).squareRoot()
            }
            errors.append(abs(total - 1))
        }
        #expect(errors[1] < 5e-8)
        #expect(errors[0] / errors[1] > 10)
    }

    @Test func infiniteEndsStopAtTheTailsOfTheBaseGrid() {
        let r = 32
        let grid = IntegrationGrid(mean: 0, lower: -.infinity, upper: 1, gridSize: r)
        #expect(Self.exact.accepts(grid.points.first!, -3 - 4 * log(Double(r))))
        #expect(grid.points.last == 1)
    }

    @Test func anEmptyIntervalHasNoPoints() {
        #expect(IntegrationGrid(mean: 0, lower: 2, upper: 2, gridSize: 16).isEmpty)
        #expect(IntegrationGrid(mean: 0, lower: 3, upper: 1, gridSize: 16).isEmpty)
        #expect(IntegrationGrid(mean: 0, lower: 40, upper: .infinity, gridSize: 16).isEmpty)
    }
}
