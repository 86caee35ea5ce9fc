import Foundation
import Testing
import TestSupport
@testable import TrialDesign

/// The event-time MLE checked by a second code path: the log-likelihood evaluated directly,
/// its gradient (zero at the maximum) and Hessian (the inverse covariance) by finite differences.
@Suite struct EventModelFitTests {
    static let times: [Double] = [0.8, 1.9, 2.4, 3.1, 3.3, 4.7, 5.0, 6.2, 7.7, 8.1, 9.9, 12.4, 0, 2.2, 6.6, 11.0]
    static let events: [Bool] = [true, true, false, true, true, true, false, true, false, true, true, false, false, true, false, false]
    /// Finite differences of step 1e-4 on a smooth log-likelihood: error about 1e-7 relative.
    static let finiteDifference = Tolerance(relative: 1e-5, absolute: 1e-6)

    static func logLikelihood(_ a: Double, _ c: Double) -> Double {
        let k = exp(c)
        var ll = 0.0
        for (t, e) in zip(times, events) where t > 0 {
            let z = a + log(t)
            if e { ll += c + k * z - log(t) }
            ll -= exp(k * z)
        }
        return ll
    }

    @Test func exponentialIsEventsOverExposure() throws {
        let fit = try EventModelFit.fit(.exponential, times: Self.times, events: Self.events)
        let d = Double(Self.events.filter { $0 }.count), exposure = Self.times.reduce(0, +)
        #expect(Tolerance(relative: 1e-15).accepts(fit.rate, d / exposure))
        #expect(Tolerance(relative: 1e-15).accepts(fit.covariance[0], 1 / d))
        #expect(fit.shape == 1)
    }

    @Test func weibullIsAMaximumWithTheInverseHessianAsCovariance() throws {
        let fit = try EventModelFit.fit(.weibull, times: Self.times, events: Self.events)
        let h = 1e-4, a = fit.logRate, c = fit.logShape
        let f = Self.logLikelihood
        #expect(Tolerance(relative: 1e-12).accepts(fit.logLikelihood, f(a, c)))
        #expect(abs((f(a + h, c) - f(a - h, c)) / (2 * h)) < 1e-6)
        #expect(abs((f(a, c + h) - f(a, c - h)) / (2 * h)) < 1e-6)
        let faa = (f(a + h, c) - 2 * f(a, c) + f(a - h, c)) / (h * h)
        let fcc = (f(a, c + h) - 2 * f(a, c) + f(a, c - h)) / (h * h)
        let fac = (f(a + h, c + h) - f(a + h, c - h) - f(a - h, c + h) + f(a - h, c - h)) / (4 * h * h)
        let det = faa * fcc - fac * fac
        let t = Self.finiteDifference
        #expect(t.accepts(fit.covariance[0], -fcc / det))
        #expect(t.accepts(fit.covariance[1], fac / det))
        #expect(t.accepts(fit.covariance[2], -faa / det))
    }

    @Test func weibullRefusesAnEventAtTimeZeroAndNoEvents() {
        #expect(throws: PredictionError.eventAtTimeZero(arm: "A")) {
            try EventModelFit.fit(.weibull, times: [0, 1, 2], events: [true, true, false], arm: "A")
        }
        #expect(throws: PredictionError.noEvents(arm: nil)) {
            try EventModelFit.fit(.exponential, times: [1, 2], events: [false, false])
        }
    }

    @Test func quantileIsRType7AndInfiniteAtTheTop() {
        #expect(ReplicateQuantile.of([1, 2, 3, 4], 0.5) == 2.5)
        #expect(ReplicateQuantile.of([1, 2, 3, 4], 0.1) == 1.3)
        #expect(ReplicateQuantile.of([1, 2, 3, .infinity], 0.9) == .infinity)
        #expect(ReplicateQuantile.of([1, 2, 3, .infinity], 0.5) == 2.5)
    }
}
