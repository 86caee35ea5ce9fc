import GSLSupport
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct EntryScheduleTests {
    static let closedForm = Tolerance(relative: 1e-12)

    /// Uniform accrual over A: patient i enters at i·A/N, as rpact's getSimulationSurvival.
    @Test func evenUniformEntries() throws {
        let entries = EntrySchedule(accrual: try .uniform(duration: 18), patients: 56).evenEntries()
        #expect(entries.count == 56)
        for (k, u) in entries.enumerated() { #expect(Self.closedForm.accepts(u, Double(k + 1) * 18 / 56)) }
        #expect(entries.last == 18)
    }

    /// Intensity 1 on [0, 6) and 2 on [6, 18), 50 patients: Λ(6) = 50·6/30 = 10, so 10 enter
    /// by month 6 and 40 after, twice as densely.
    @Test func evenPiecewiseEntries() throws {
        let entries = EntrySchedule(accrual: try Accrual(times: [0, 6, 18], rates: [1, 2]), patients: 50).evenEntries()
        #expect(entries.filter { $0 <= 6 }.count == 10)
        #expect(Self.closedForm.accepts(entries[0], 0.6))
        #expect(Self.closedForm.accepts(entries[10], 6 + 0.3))
        #expect(entries.last == 18)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// Open accrual at 4 patients a month: patient i enters at i/4.
    @Test func evenOpenEntries() throws {
        let entries = EntrySchedule(accrual: try Accrual.constantRate(4), patients: 10).evenEntries()
        #expect(entries.map { $0 * 4 } == (1...10).map(Double.init))
    }

    /// Poisson entries: increasing, and the mean number enrolled by t is Λ(t) (checked at
    /// 4 Poisson standard errors over many trials, fixed seed).
    @Test func poissonEntriesFollowTheIntensity() throws {
        let schedule = EntrySchedule(accrual: try Accrual(times: [0, 6, 18], rates: [1, 2]), patients: 50)
        var stream = RandomStream(seed: 3, stream: 0).taus2
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 50)
        defer { buffer.deallocate() }
        var byMonth6 = 0.0, byMonth12 = 0.0
        let trials = 20_000
        for _ in 0..<trials {
            schedule.poissonEntries(into: buffer, stream: &stream)
            #expect(zip(buffer, buffer.dropFirst()).allSatisfy { $0 < $1 })
            byMonth6 += Double(buffer.filter { $0 <= 6 }.count)
            byMonth12 += Double(buffer.filter { $0 <= 12 }.count)
        }
        // Λ(6) = 10, Λ(12) = 10 + 2·6·(50/30) = 30 (below 50, so not truncated by the cap).
        #expect(abs(byMonth6 / Double(trials) - 10) <= 4 * (10.0 / Double(trials)).squareRoot())
        #expect(abs(byMonth12 / Double(trials) - 30) <= 4 * (30.0 / Double(trials)).squareRoot())
    }

    /// Uniform entries: N independent draws from the accrual distribution, so the number
    /// enrolled by t is Binomial(N, Λ(t)/N) (checked at 4 binomial standard errors over many
    /// trials, fixed seed), increasing, and all inside the accrual.
    @Test func uniformEntriesAreIndependentDrawsFromTheAccrual() throws {
        let schedule = EntrySchedule(accrual: try Accrual(times: [0, 6, 18], rates: [1, 2]), patients: 50)
        var stream = RandomStream(seed: 5, stream: 0).taus2
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 50)
        defer { buffer.deallocate() }
        var byMonth6 = 0.0, byMonth12 = 0.0, byMonth6Squared = 0.0
        let trials = 20_000
        for _ in 0..<trials {
            schedule.uniformEntries(into: buffer, stream: &stream)
            #expect(zip(buffer, buffer.dropFirst()).allSatisfy { $0 < $1 })
            #expect(buffer[0] > 0 && buffer[49] < 18)
            let six = Double(buffer.filter { $0 <= 6 }.count)
            byMonth6 += six
            byMonth6Squared += six * six
            byMonth12 += Double(buffer.filter { $0 <= 12 }.count)
        }
        let n = Double(trials)
        // p(6) = 10/50 (variance 50·0.2·0.8 = 8), p(12) = 30/50 (variance 12).
        #expect(abs(byMonth6 / n - 10) <= 4 * (8 / n).squareRoot())
        #expect(abs(byMonth12 / n - 30) <= 4 * (12 / n).squareRoot())
        // The binomial spread (8), not the Poisson one (10) nor even spacing's 0.
        let variance = byMonth6Squared / n - (byMonth6 / n) * (byMonth6 / n)
        #expect(abs(variance - 8) <= 0.4)
    }
}
