internal import Foundation
import SurvivalAnalysis
internal import Yams

/// The result of one shard (`simulate --shard i/n`): the plan, the run settings, and the exact
/// outcomes of the shard's replicates, so ``merge(_:)`` rebuilds exactly the outcomes — and so
/// the summary and report — of one run over all replicates.
///
/// The file is JSON: the plan's numbers in shortest round-trip form, and each outcome field as
/// base64 of its little-endian values (`u8` flags, `i32` counts, `f64` times and statistics,
/// NaN bit patterns kept), which is exact and about 45 bytes per replicate.
///
/// Format 3 adds the plan's cure fractions and further tests (`simulate --test`) and each
/// test's rejection counts over the shard's replicates under the scenario and the null, which
/// merging sums (the reports show only those counts).
///
/// Integrity (format 2 on): the file records the survkit version that wrote it and ends with
/// `"sha256"`, the SHA-256 of every byte before that member's line. Merging recomputes it, so a
/// truncated, corrupted or naively edited file is refused; the digest is not a signature and
/// does not stop a determined forger, who can recompute it. Values are also range-checked
/// against the plan (events within the patients, finite times), whatever the digest says.
public struct SimulationPartial: Sendable {
    /// The simulated trial.
    public let plan: SimulationPlan
    /// Replicates and seed of the whole simulation.
    public let settings: MonteCarloSettings
    /// Which shard these replicates are.
    public let shard: Shard
    /// The shard's outcomes, replicates `shard.range(replicates:)` in order.
    public let outcomes: [ReplicateOutcome]
    /// The further tests' rejection counts over the shard's replicates, in the plan's test order.
    public let tests: [TestSummary]

    /// Marks the file as a survkit shard.
    public static let kind = "survkit-simulate-shard"
    /// 3: cure fractions, further tests and their rejection counts added (2: survkit version
    /// and SHA-256 digest); older formats are refused.
    public static let formatVersion = 3
    /// The line that starts the digest member; the digest covers every byte before it.
    public static let digestMarker = "\n  \"sha256\": \""
    /// The version of survkit that wrote the file.
    public var survkitVersion: String { SurvKitVersion.current }

    /// A shard's outcomes, to be merged with the other shards' (`survkit merge`).
    /// - Parameters:
    ///   - plan: the simulated trial.
    ///   - settings: replicates and seed of the whole run.
    ///   - shard: which part of the run.
    ///   - outcomes: the shard's outcomes, in replicate order.
    ///   - tests: the further tests' counts over these replicates (one per test of `plan`).
    public init(plan: SimulationPlan, settings: MonteCarloSettings, shard: Shard, outcomes: [ReplicateOutcome],
                tests: [TestSummary] = []) {
        precondition(outcomes.count == shard.range(replicates: settings.replicates).count, "outcomes do not fill the shard")
        precondition(tests.map(\.test) == plan.tests && tests.allSatisfy { $0.replicates == outcomes.count }, "one count per test")
        self.plan = plan
        self.settings = settings
        self.shard = shard
        self.outcomes = outcomes
        self.tests = tests
    }

    // MARK: Writing (the file is written by SurvivalReports' JSON writer)

    /// The outcome fields as the file stores them: each field's little-endian values, by name
    /// (the file holds them in base64).
    /// - Complexity: O(outcomes).
    public func outcomeColumns() -> [(name: String, bytes: [UInt8])] {
        var columns: [(name: String, bytes: [UInt8])] = [
            ("reached_cut", bytes(outcomes.map { $0.reachedCut ? UInt8(1) : 0 })),
            ("analysis_time", bytes(outcomes.map { $0.analysisTime.bitPattern.littleEndian })),
            ("patients", bytes(outcomes.map { $0.patients.littleEndian })),
            ("events", bytes(outcomes.map { $0.events.littleEndian })),
            ("events_treatment", bytes(outcomes.map { $0.eventsTreatment.littleEndian })),
            ("dropouts", bytes(outcomes.map { $0.dropouts.littleEndian })),
            ("z", bytes(outcomes.map { $0.z.bitPattern.littleEndian })),
        ]
        if plan.cox { columns.append(("cox_log_hazard_ratio", bytes(outcomes.map { $0.coxLogHazardRatio.bitPattern.littleEndian }))) }
        if plan.looks != nil {
            columns.append(("look", bytes(outcomes.map { $0.look.littleEndian })))
            columns.append(("decision", bytes(outcomes.map { $0.decision.rawValue })))
        }
        return columns
    }

    private func bytes<T>(_ values: [T]) -> [UInt8] { values.withUnsafeBytes { Array($0) } }

    // MARK: Reading

    /// Reads a shard file; anything missing, malformed or inconsistent is an `InputError`
    /// naming the file (and the line and column where the parser knows them).
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: its name, for messages.
    ///   - verifyingDigest: false only for the fuzzer (Fuzz/FuzzShard), so that it can
    ///     reach the checks behind the digest; every command verifies it.
    /// - Complexity: O(size of the file).
    public static func decode(_ text: String, file: String, verifyingDigest: Bool = true) throws(InputError) -> SimulationPartial {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw InputError(file: file, message: "not a survkit shard file (not JSON)")
        }
        guard let root, let top = root.mapping, top["survkit"]?.scalar?.string == kind else {
            throw InputError(file: file, message: "not a survkit shard file (write one with survkit simulate --shard i/n)")
        }
        let reader = Reader(file: file)
        let format = try reader.int(top, "format")
        guard format == formatVersion else {
            let age = format < formatVersion ? "an older" : "a newer"
            throw InputError(file: file, message: "shard file format \(format) was written by \(age) survkit (this one reads format \(formatVersion)): run the shard again with this version")
        }
        let version = try reader.text(top, "survkit_version")
        guard version == SurvKitVersion.current else {
            throw InputError(file: file, message: "shard written by survkit \(version), not by this survkit \(SurvKitVersion.current): run the shard again with this version")
        }
        if verifyingDigest { try checkDigest(text, top: top, reader: reader) }
        let plan: SimulationPlan
        let settings: MonteCarloSettings
        let shard: Shard
        do {
            plan = try reader.plan(reader.mapping(top, "plan"))
            settings = try MonteCarloSettings(replicates: reader.int(top, "replicates"), seed: reader.unsigned(top, "seed"))
            shard = try Shard(index: reader.int(top, "shard"), count: reader.int(top, "shards"))
        } catch let error as DesignError {
            throw InputError(file: file, message: "inconsistent shard file: \(error.message)")
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: file, message: "\(error)")
        }
        let range = shard.range(replicates: settings.replicates)
        guard try reader.int(top, "first_replicate") == range.lowerBound, try reader.int(top, "count") == range.count else {
            throw InputError(file: file, message: "the replicates do not match shard \(shard.description) of \(settings.replicates)")
        }
        let outcomes = try reader.outcomes(reader.mapping(top, "outcomes"), count: range.count, plan: plan)
        let tests = try reader.testCounts(top, plan: plan, count: range.count)
        return SimulationPartial(plan: plan, settings: settings, shard: shard, outcomes: outcomes, tests: tests)
    }

    /// Recomputes the SHA-256 of the bytes before the digest member and compares.
    private static func checkDigest(_ text: String, top: Node.Mapping, reader: Reader) throws(InputError) {
        let stated = try reader.text(top, "sha256")
        let bytes = Array(text.utf8)
        let marker = Array(digestMarker.utf8)
        // The last occurrence: the digest member is the file's last.
        var at: Int? = nil
        var i = bytes.count - marker.count
        while i >= 0 {
            if bytes[i] == marker[0], Array(bytes[i..<i + marker.count]) == marker { at = i; break }
            i -= 1
        }
        guard let at, SHA256.hex(bytes[...at]) == stated.lowercased() else {
            throw InputError(file: reader.file, message: "the shard file's SHA-256 digest does not match its content: the file was changed or damaged after survkit wrote it")
        }
    }

    /// The outcomes of all replicates from the shards of one run (in any order).
    /// - Throws: `InputError` naming a file whose run differs from the first file's (plan,
    ///   seed, replicates, number of shards), a shard given twice, or the shards missing.
    /// - Complexity: O(total outcomes).
    public static func merge(_ parts: [(file: String, partial: SimulationPartial)]) throws(InputError) -> (
        plan: SimulationPlan, settings: MonteCarloSettings, outcomes: [ReplicateOutcome], tests: [TestSummary]
    ) {
        guard let first = parts.first else { throw InputError(file: "-", message: "no shard files to merge") }
        var byIndex: [Int: Int] = [:]
        for (k, part) in parts.enumerated() {
            let p = part.partial
            guard p.plan == first.partial.plan, p.settings == first.partial.settings, p.shard.count == first.partial.shard.count else {
                throw InputError(file: part.file, message: "shard of another run than \(first.file) (plan, seed, replicates or number of shards differ)")
            }
            if let earlier = byIndex[p.shard.index] {
                throw InputError(file: part.file, message: "shard \(p.shard.description) is also in \(parts[earlier].file)")
            }
            byIndex[p.shard.index] = k
        }
        let count = first.partial.shard.count
        let missing = (1...count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.prefix(10).map { "\($0)/\(count)" }.joined(separator: ", ")
            throw InputError(file: first.file, message: "shards missing: \(list)\(missing.count > 10 ? ", ..." : "")")
        }
        var outcomes: [ReplicateOutcome] = []
        outcomes.reserveCapacity(first.partial.settings.replicates)
        for index in 1...count { outcomes += parts[byIndex[index]!].partial.outcomes }
        // Counts add up over disjoint replicates: the sums are the whole run's counts.
        let tests = first.partial.plan.tests.enumerated().map { k, test in
            TestSummary(test: test, replicates: outcomes.count,
                        rejections: parts.reduce(0) { $0 + $1.partial.tests[k].rejections },
                        nullRejections: parts.reduce(0) { $0 + $1.partial.tests[k].nullRejections })
        }
        return (first.partial.plan, first.partial.settings, outcomes, tests)
    }
}

/// Reads the values of a shard file.
private struct Reader {
    let file: String

    func fail(_ node: Node?, _ message: String) -> InputError {
        InputError(file: file, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }

    func node(_ map: Node.Mapping, _ key: String) throws(InputError) -> Node {
        guard let value = map[key] else { throw fail(nil, "shard file has no '\(key)'") }
        return value
    }

    func mapping(_ map: Node.Mapping, _ key: String) throws(InputError) -> Node.Mapping {
        let n = try node(map, key)
        guard let m = n.mapping else { throw fail(n, "'\(key)' must be an object") }
        return m
    }

    func text(_ map: Node.Mapping, _ key: String) throws(InputError) -> String {
        let n = try node(map, key)
        guard let s = n.scalar?.string else { throw fail(n, "'\(key)' must be a value") }
        return s
    }

    func number(_ map: Node.Mapping, _ key: String) throws(InputError) -> Double {
        let n = try node(map, key)
        guard let s = n.scalar?.string, let x = Double(s), x.isFinite else { throw fail(n, "'\(key)' must be a finite number") }
        return x
    }

    func int(_ map: Node.Mapping, _ key: String) throws(InputError) -> Int {
        let n = try node(map, key)
        guard let s = n.scalar?.string, let x = Int(s) else { throw fail(n, "'\(key)' must be a whole number") }
        return x
    }

    func unsigned(_ map: Node.Mapping, _ key: String) throws(InputError) -> UInt64 {
        let n = try node(map, key)
        guard let s = n.scalar?.string, let x = UInt64(s) else { throw fail(n, "'\(key)' must be a whole number ≥ 0") }
        return x
    }

    func numbers(_ map: Node.Mapping, _ key: String) throws(InputError) -> [Double] {
        let n = try node(map, key)
        guard let items = n.sequence else { throw fail(n, "'\(key)' must be a list of numbers") }
        var values: [Double] = []
        for item in items {
            guard let s = item.scalar?.string, let x = Double(s), x.isFinite else { throw fail(item, "'\(key)' must hold finite numbers") }
            values.append(x)
        }
        return values
    }

    /// Boundaries: numbers, infinite ones (`-inf`, a futility bound never used) allowed.
    func bounds(_ map: Node.Mapping, _ key: String) throws(InputError) -> [Double] {
        let n = try node(map, key)
        guard let items = n.sequence else { throw fail(n, "'\(key)' must be a list of numbers") }
        var values: [Double] = []
        for item in items {
            guard let s = item.scalar?.string, let x = Double(s), !x.isNaN else { throw fail(item, "'\(key)' must hold numbers") }
            values.append(x)
        }
        return values
    }

    func looks(_ m: Node.Mapping) throws -> SimulationLooks? {
        guard m["information_rates"] != nil else { return nil }
        let futility: [Double]? = m["futility_bounds"]?.sequence == nil ? nil : try bounds(m, "futility_bounds")
        return try SimulationLooks(informationRates: numbers(m, "information_rates"),
                                   criticalValues: bounds(m, "critical_values"), futilityBounds: futility)
    }

    func plan(_ m: Node.Mapping) throws -> SimulationPlan {
        let allocationValues = try numbers(m, "allocation")
        guard allocationValues.count == 2 else { throw fail(m["allocation"], "'allocation' must be [treatment, control]") }
        let allocation = try Allocation(treatment: allocationValues[0], control: allocationValues[1])
        guard let scheme = RandomisationScheme(rawValue: try text(m, "randomisation")) else {
            throw fail(m["randomisation"], "unknown randomisation")
        }
        guard let arrivals = ArrivalPattern(rawValue: try text(m, "arrivals")) else { throw fail(m["arrivals"], "unknown arrivals") }
        let blockSize = try int(m, "block_size")
        let times = try numbers(m, "hazard_times")
        let cut: AnalysisCut = m["events"] != nil ? .events(try int(m, "events")) : .followUp(try number(m, "follow_up"))
        let dropoutTreatment = try number(m, "dropout_rate_treatment"), dropoutControl = try number(m, "dropout_rate_control")
        let notesNode = try node(m, "notes")
        guard let noteItems = notesNode.sequence else { throw fail(notesNode, "'notes' must be a list") }
        let notes = noteItems.compactMap { $0.scalar?.string }.map(SettingText.init(flagSpelled:))
        let dropout = try ExponentialDropout(probabilityTreatment: dropoutTreatment, probabilityControl: dropoutControl,
                                             time: number(m, "dropout_time"))
        guard let coxText = m["cox"]?.scalar?.string, coxText == "true" || coxText == "false" else {
            throw fail(m["cox"], "'cox' must be true or false")
        }
        var tests: [SimulationTest] = []
        let testsNode = try node(m, "tests")
        guard let testItems = testsNode.sequence else { throw fail(testsNode, "'tests' must be a list") }
        for item in testItems {
            guard let text = item.scalar?.string, let parsed = try? SimulationTest.parseList(text), parsed.count == 1 else {
                throw fail(item, "'tests' must hold tests such as logrank, fh:0,1, maxcombo or rmst:12")
            }
            tests.append(parsed[0])
        }
        return try SimulationPlan(
            patients: int(m, "patients"),
            accrual: Accrual(times: numbers(m, "accrual_times"), rates: numbers(m, "accrual_rates")),
            arrivals: arrivals, allocation: allocation,
            randomisation: Randomisation(scheme: scheme, allocation: allocation,
                                         blockSize: scheme == .permutedBlocks ? blockSize : nil),
            survival: ArmSurvival(treatment: PiecewiseExponential(times: times, hazards: numbers(m, "hazards_treatment")),
                                  control: PiecewiseExponential(times: times, hazards: numbers(m, "hazards_control")),
                                  cureTreatment: number(m, "cure_treatment"), cureControl: number(m, "cure_control")),
            dropout: dropout, cut: cut, alpha: number(m, "alpha"), sides: int(m, "sides"), cox: coxText == "true",
            notes: notes, looks: looks(m), tests: tests)
    }

    /// The further tests' counts (`test_rejections`, one [scenario, null] pair per test of the
    /// plan), each within 0...count.
    func testCounts(_ top: Node.Mapping, plan: SimulationPlan, count: Int) throws(InputError) -> [TestSummary] {
        let n = try node(top, "test_rejections")
        guard let pairs = n.sequence, pairs.count == plan.tests.count else {
            throw fail(n, "'test_rejections' must hold one pair of counts per test of the plan (\(plan.tests.count))")
        }
        var summaries: [TestSummary] = []
        for (test, pair) in zip(plan.tests, pairs) {
            guard let items = pair.sequence, items.count == 2,
                  let yesText = items[0].scalar?.string, let nullText = items[1].scalar?.string,
                  let yes = Int(yesText), let nullYes = Int(nullText),
                  (0...count).contains(yes), (0...count).contains(nullYes) else {
                throw fail(pair, "'test_rejections' of \(test) must be two counts from 0 to \(count)")
            }
            summaries.append(TestSummary(test: test, replicates: count, rejections: yes, nullRejections: nullYes))
        }
        return summaries
    }

    func outcomes(_ m: Node.Mapping, count: Int, plan: SimulationPlan) throws(InputError) -> [ReplicateOutcome] {
        let cox = plan.cox
        let looks = plan.looks?.count
        func column<T: FixedWidthInteger>(_ key: String, as: T.Type) throws(InputError) -> [T] {
            let n = try node(m, key)
            guard let s = n.scalar?.string, let data = Data(base64Encoded: s), data.count == count * MemoryLayout<T>.size else {
                throw fail(n, "'\(key)' must hold \(count) values (base64)")
            }
            return data.withUnsafeBytes { raw in
                (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) }
            }
        }
        let reached = try column("reached_cut", as: UInt8.self)
        let time = try column("analysis_time", as: UInt64.self)
        let patients = try column("patients", as: Int32.self)
        let events = try column("events", as: Int32.self)
        let eventsTreatment = try column("events_treatment", as: Int32.self)
        let dropouts = try column("dropouts", as: Int32.self)
        let z = try column("z", as: UInt64.self)
        let coxColumn = cox ? try column("cox_log_hazard_ratio", as: UInt64.self) : []
        let lookColumn = looks != nil ? try column("look", as: Int32.self) : []
        let decisionColumn = looks != nil ? try column("decision", as: UInt8.self) : []
        var decisions: [LookDecision] = []
        if let looks {
            for i in 0..<count {
                guard lookColumn[i] >= 1, lookColumn[i] <= looks, let d = LookDecision(rawValue: decisionColumn[i]) else {
                    throw fail(m["look"], "replicate \(i + 1) has an invalid look or decision")
                }
                decisions.append(d)
            }
        }
        // Range checks against the plan: a digest only stops accidents, and a value outside what
        // the plan can produce must never reach the summary.
        let maxPatients = Int32(clamping: plan.patients)
        for i in 0..<count {
            func bad(_ key: String, _ what: String) -> InputError {
                fail(m[key], "replicate \(i + 1) of the shard: \(what) (plan: \(plan.patients) patients)")
            }
            guard patients[i] >= 0, patients[i] <= maxPatients else { throw bad("patients", "\(patients[i]) patients") }
            guard events[i] >= 0, events[i] <= patients[i] else { throw bad("events", "\(events[i]) events among \(patients[i]) patients") }
            guard eventsTreatment[i] >= 0, eventsTreatment[i] <= events[i] else {
                throw bad("events_treatment", "\(eventsTreatment[i]) treatment events of \(events[i])")
            }
            guard dropouts[i] >= 0, dropouts[i] <= patients[i] else { throw bad("dropouts", "\(dropouts[i]) dropouts among \(patients[i]) patients") }
            let t = Double(bitPattern: time[i])
            guard t.isFinite, t >= 0 else { throw bad("analysis_time", "analysis time \(t)") }
            let zi = Double(bitPattern: z[i])
            guard !zi.isInfinite else { throw bad("z", "z statistic \(zi)") }
            if cox, Double(bitPattern: coxColumn[i]).isInfinite { throw bad("cox_log_hazard_ratio", "infinite log hazard ratio") }
        }
        return (0..<count).map { i in
            ReplicateOutcome(reachedCut: reached[i] != 0, analysisTime: Double(bitPattern: time[i]), patients: patients[i],
                             events: events[i], eventsTreatment: eventsTreatment[i], dropouts: dropouts[i],
                             z: Double(bitPattern: z[i]),
                             coxLogHazardRatio: cox ? Double(bitPattern: coxColumn[i]) : .nan,
                             look: looks != nil ? lookColumn[i] : 0, decision: looks != nil ? decisions[i] : .none)
        }
    }
}
