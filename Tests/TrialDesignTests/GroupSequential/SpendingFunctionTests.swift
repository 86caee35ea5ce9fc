import Foundation
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct SpendingFunctionTests {
    static let exact = Tolerance(relative: 1e-13)

    /// rpact: getDesignGroupSequential(kMax = 2, typeOfDesign = "asOF")$alphaSpent[1]
    /// = 2 * (1 - pnorm(qnorm(1 - 0.025 / 2) / sqrt(0.5))) = 0.0015253227579890005.
    @Test func obrienFlemingMatchesLanDeMets() {
        #expect(Self.exact.accepts(SpendingFunction.obrienFleming.spent(0.025, at: 0.5), 0.0015253227579890005))
        // Two-sided: α/2 per side, so the total is twice the one-sided spending of α/2.
        for t in [0.1, 0.37, 0.8] {
            #expect(Self.exact.accepts(SpendingFunction.obrienFleming.spent(0.05, at: t, sides: 2),
                                       2 * SpendingFunction.obrienFleming.spent(0.025, at: t, sides: 1)))
        }
    }

    @Test func closedFormsOfTheOtherFamilies() {
        let t = 0.4, alpha = 0.025
        #expect(Self.exact.accepts(SpendingFunction.pocock.spent(alpha, at: t), alpha * log(1 + (M_E - 1) * t)))
        #expect(Self.exact.accepts(SpendingFunction.hwangShihDeCani(gamma: -4).spent(alpha, at: t),
                                   alpha * (1 - exp(4 * t)) / (1 - exp(4.0))))
        #expect(Self.exact.accepts(SpendingFunction.hwangShihDeCani(gamma: 0).spent(alpha, at: t), alpha * t))
        #expect(Self.exact.accepts(SpendingFunction.kimDeMets(rho: 3).spent(alpha, at: t), alpha * t * t * t))
    }

    @Test func spendsNothingAtZeroAndEverythingAtOne() {
        for f: SpendingFunction in [.obrienFleming, .pocock, .hwangShihDeCani(gamma: 1), .kimDeMets(rho: 0.5)] {
            #expect(f.spent(0.05, at: 0) == 0)
            #expect(f.spent(0.05, at: 1) == 0.05)
            #expect(f.spent(0.05, at: 1.3) == 0.05, "an over-running look spends the total")
            var previous = 0.0
            for k in 1...20 {
                let value = f.spent(0.05, at: Double(k) / 20)
                #expect(value > previous, "\(f) increases")
                previous = value
            }
        }
    }

    @Test func parametersAreRequiredExactlyWhereTheyApply() throws {
        #expect(try SpendingFunction(family: .hwangShihDeCani, gamma: -2) == .hwangShihDeCani(gamma: -2))
        #expect(try SpendingFunction(family: .kimDeMets, rho: 2) == .kimDeMets(rho: 2))
        #expect(try SpendingFunction(family: .pocock) == .pocock)
        #expect(throws: GroupSequentialError.invalidParameter("gamma is required for Hwang-Shih-DeCani spending")) {
            try SpendingFunction(family: .hwangShihDeCani)
        }
        #expect(throws: GroupSequentialError.self) { try SpendingFunction(family: .kimDeMets) }
        #expect(throws: GroupSequentialError.self) { try SpendingFunction(family: .obrienFleming, gamma: 1) }
        #expect(throws: GroupSequentialError.self) { try SpendingFunction(family: .pocock, rho: 1) }
        #expect(throws: GroupSequentialError.self) { try SpendingFunction(family: .hwangShihDeCani, gamma: 6) }
        #expect(throws: GroupSequentialError.self) { try SpendingFunction(family: .kimDeMets, rho: 0.2) }
        #expect(throws: GroupSequentialError.self) { try SpendingFunction(family: .hwangShihDeCani, gamma: .nan) }
    }

    @Test func messagesUseTheCallersNames() {
        #expect(throws: GroupSequentialError.invalidParameter("--futility-rho is required for Kim-DeMets spending")) {
            try SpendingFunction(family: .kimDeMets, names: ("--futility-gamma", "--futility-rho"))
        }
    }

    @Test func familiesKeepTheirCommandLineNames() {
        #expect(SpendingFamily.allCases.map(\.rawValue) == ["obrien-fleming", "pocock", "hsd", "kim-demets"])
        #expect(SpendingFunction.kimDeMets(rho: 2).family == .kimDeMets)
        #expect(SpendingFunction.kimDeMets(rho: 2).parameter == 2)
        #expect(SpendingFunction.pocock.parameter == nil)
    }
}
