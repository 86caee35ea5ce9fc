internal import Foundation
import TrialDesign

extension SimulationPartial {
    /// The shard file's text (`simulate --shard i/n`), read back by
    /// `SimulationPartial.decode(_:file:verifyingDigest:)` (TrialDesign): the run, the plan's numbers in shortest round-trip
    /// form and each outcome field in base64. Written by the one JSON writer (``JSONValue``);
    /// the last member, `sha256`, is the SHA-256 of every byte before its line (format 2), which
    /// the reader recomputes.
    /// - Complexity: O(outcomes).
    public func encoded() -> String {
        let range = shard.range(replicates: settings.replicates)
        let outcomes: [(String, JSONValue)] = outcomeColumns().map { ($0.name, .string(Data($0.bytes).base64EncodedString())) }
        let text = JSONValue.object([
            ("survkit", .string(Self.kind)),
            ("format", .int(Self.formatVersion)),
            ("survkit_version", .string(survkitVersion)),
            ("shard", .int(shard.index)),
            ("shards", .int(shard.count)),
            ("replicates", .int(settings.replicates)),
            ("seed", .int(Int(settings.seed))),
            ("first_replicate", .int(range.lowerBound)),
            ("count", .int(range.count)),
            ("plan", .object(planMembers())),
            ("outcomes", .object(outcomes)),
            ("test_rejections", .array(tests.map { .array([.int($0.rejections), .int($0.nullRejections)]) })),
        ]).rendered()
        // The payload is the object without its closing brace; the digest member closes it.
        guard let close = text.range(of: "\n}", options: .backwards) else { preconditionFailure("an object ends with }") }
        let payload = text[..<close.lowerBound] + ","
        let digest = SHA256.hex(Array(payload.utf8) + [UInt8(ascii: "\n")])
        return payload + Self.digestMarker + digest + "\"\n}\n"
    }

    private func planMembers() -> [(String, JSONValue)] {
        let p = plan
        func numbers(_ xs: [Double]) -> JSONValue { .array(xs.map(JSONValue.number)) }
        var members: [(String, JSONValue)] = [
            ("patients", .int(p.patients)),
            ("accrual_times", numbers(p.accrual.times)),
            ("accrual_rates", numbers(p.accrual.rates)),
            ("arrivals", .string(p.arrivals.rawValue)),
            ("allocation", numbers([p.allocation.treatment, p.allocation.control])),
            ("randomisation", .string(p.randomisation.scheme.rawValue)),
            ("block_size", .int(p.randomisation.blockSize)),
            ("hazard_times", numbers(p.survival.times)),
            ("hazards_treatment", numbers(p.survival.treatment.hazards)),
            ("hazards_control", numbers(p.survival.control.hazards)),
            ("cure_treatment", .number(p.survival.cureTreatment)),
            ("cure_control", .number(p.survival.cureControl)),
            ("dropout_rate_treatment", .number(p.dropout.probabilityTreatment)),
            ("dropout_rate_control", .number(p.dropout.probabilityControl)),
            ("dropout_time", .number(p.dropout.time)),
        ]
        switch p.cut {
        case .events(let d): members.append(("events", .int(d)))
        case .followUp(let f): members.append(("follow_up", .number(f)))
        }
        members += [
            ("alpha", .number(p.alpha)), ("sides", .int(p.sides)), ("cox", .bool(p.cox)),
            ("notes", .array(p.notes.map { JSONValue.string($0.flagSpelled) })),
            ("tests", .array(p.tests.map { JSONValue.string($0.description) })),
        ]
        // Only with looks, so a fixed design's shard file is as before.
        if let looks = p.looks {
            members += [
                ("information_rates", numbers(looks.informationRates)),
                ("critical_values", numbers(looks.criticalValues)),
                ("futility_bounds", looks.futilityBounds.map(numbers) ?? .null),
            ]
        }
        return members
    }
}
