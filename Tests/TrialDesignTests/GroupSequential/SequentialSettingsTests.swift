import Testing
import TestSupport
@testable import TrialDesign

/// The group-sequential settings: design-file keys, flags over the file, validation, and the
/// previous looks of an interim.
@Suite struct SequentialSettingsTests {
    static let file = """
        median-control: 11
        median-treatment: 33
        looks: 3
        information-rates: [0.3, 0.6, 1]
        spending: hsd
        gamma: -4
        futility-spending: kim-demets
        futility-rho: 2
        previous-looks: ["40:1.2", "80:2.1"]

        """

    @Test func designFileReadsTheKeys() throws {
        let s = try DesignFile.parse(Self.file, file: "gs.yaml")
        #expect(s.sequential.looks == 3)
        #expect(s.sequential.informationRates == [0.3, 0.6, 1])
        #expect(s.sequential.spending == .hwangShihDeCani && s.sequential.gamma == -4)
        #expect(s.sequential.futilitySpending == .kimDeMets && s.sequential.futilityRho == 2)
        #expect(s.sequential.previousLooks == [PreviousLook(events: 40, z: 1.2), PreviousLook(events: 80, z: 2.1)])
        let one = try DesignFile.parse("median-control: 11\nlooks: 2\nprevious-looks: 10:-0.5\n", file: "x.yaml")
        #expect(one.sequential.previousLooks == [PreviousLook(events: 10, z: -0.5)])
    }

    /// Issue 12's keys: classical boundaries, user spending values, binding futility.
    @Test func designFileReadsBoundaryKeys() throws {
        let wt = try DesignFile.parse("looks: 3\nboundary-type: wang-tsiatis\ndelta: 0.25\n", file: "wt.yaml")
        #expect(wt.sequential.boundaryType == .wangTsiatis && wt.sequential.delta == 0.25)
        let design = try #require(try wt.sequential.design(alpha: 0.025, sides: 1, power: 0.8))
        #expect(design.efficacy == .classical(.wangTsiatis, delta: 0.25))
        let user = try DesignFile.parse(
            "looks: 3\nspending-values: [0.001, 0.01, 0.025]\nfutility-spending: obrien-fleming\nbinding-futility: true\n",
            file: "user.yaml")
        #expect(user.sequential.spendingValues == [0.001, 0.01, 0.025] && user.sequential.bindingFutility == true)
        let binding = try #require(try user.sequential.design(alpha: 0.025, sides: 1, power: 0.8))
        #expect(binding.bindingFutility && binding.efficacy == .userSpending([0.001, 0.01, 0.025]))
        // Echoed settings read back the same.
        #expect(user.echoed().map(\.name.rawValue).contains("binding-futility"))
        do {
            _ = try DesignFile.parse("binding-futility: maybe\n", file: "x.yaml")
            Issue.record("no error for binding-futility: maybe")
        } catch {
            #expect(error.description.contains("true or false"))
        }
    }

    @Test func designFileErrorsAreLocated() {
        for (text, fragment) in [
            ("looks: 2.5\n", "looks must be a whole number"),
            ("spending: lan-demets\n", "spending 'lan-demets' is not one of"),
            ("information-rates: [0.5, x]\n", "information-rates must be a list of finite numbers"),
            ("previous-looks: 10\n", "events:z"),
            ("gama: 1\n", "unknown key 'gama'"),
        ] {
            do {
                _ = try DesignFile.parse(text, file: "gs.yaml")
                Issue.record("no error for \(text)")
            } catch {
                #expect(error.line == 1, "\(text)")
                #expect(error.description.contains(fragment), "\(error.description)")
            }
        }
    }

    @Test func flagsReplaceLooksAndSpendingAsAWhole() throws {
        let base = try DesignFile.parse(Self.file, file: "gs.yaml")
        var flags = DesignSettings()
        flags.sequential.looks = 2
        flags.sequential.spending = .obrienFleming
        let s = base.overridden(by: flags).sequential
        #expect(s.looks == 2 && s.informationRates == nil)
        #expect(s.spending == .obrienFleming && s.gamma == nil)
        // Untouched settings stay.
        #expect(s.futilitySpending == .kimDeMets && s.futilityRho == 2 && s.previousLooks?.count == 2)
        var gammaOnly = DesignSettings()
        gammaOnly.sequential.gamma = -2
        #expect(base.overridden(by: gammaOnly).sequential.gamma == -2)
        #expect(base.overridden(by: gammaOnly).sequential.spending == .hwangShihDeCani)
    }

    @Test func designAtTheTrialsErrorRates() throws {
        var s = try DesignFile.parse(Self.file, file: "gs.yaml")
        s.alpha = 0.025
        s.sides = 1
        let design = try #require(try s.sequentialDesign())
        #expect(design.informationRates.values == [0.3, 0.6, 1])
        #expect(design.alpha == 0.025 && design.sides == 1 && design.power == 0.8)
        #expect(design.spending == .hwangShihDeCani(gamma: -4) && design.futilitySpending == .kimDeMets(rho: 2))
        // Two-sided (the design default) with futility spending is refused, as boundaries does.
        s.sides = nil
        #expect(throws: DesignError.self) { try s.sequentialDesign() }
        // No looks: a fixed design, and stray spending settings are an error.
        var fixed = DesignSettings()
        #expect(try fixed.sequentialDesign() == nil)
        fixed.sequential.spending = .pocock
        #expect(throws: DesignError.self) { try fixed.sequentialDesign() }
        var mismatch = SequentialSettings()
        mismatch.looks = 2
        mismatch.informationRates = [0.3, 0.6, 1]
        #expect(throws: DesignError.self) { try mismatch.rates() }
        #expect(try SequentialSettings().isSequential == false)
    }

    @Test func previousLooksParse() throws {
        #expect(try PreviousLook.parse("50:1.5, 100:-0.25") == [PreviousLook(events: 50, z: 1.5), PreviousLook(events: 100, z: -0.25)])
        for bad in ["50", "50:1:2", "0:1", "10.5:1", "50:inf", "50:1,40:2", "50:1,50:2", ""] {
            #expect(throws: DesignError.self, "\(bad)") { try PreviousLook.parse(bad) }
        }
    }
}
