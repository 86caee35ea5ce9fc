import ArgumentParser
import Foundation
import SurvivalAnalysis
import SurvivalReports
import TrialDesign

extension SurvKit {
    /// `survkit merge`: the shards of one `survkit simulate --shard i/n` run combined into the
    /// output the whole run gives (byte for byte).
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Combine the partial results of 'survkit simulate --shard i/n' into the result of the whole run.",
            discussion: "Every shard 1/n ... n/n of the same run must be given once, in any order.")

        @Argument(help: "Partial results (JSON) written by 'survkit simulate --shard i/n'.")
        var parts: [String]

        @Option(name: .customLong("replicates-csv"), help: "Also write one row per simulated trial to this CSV file.")
        var replicatesCSV: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !parts.isEmpty else { throw ValidationError("give the shard files to merge") }
        }

        func run() throws {
            var decoded: [(file: String, partial: SimulationPartial)] = []
            for path in parts {
                let text: String
                do {
                    text = try String(contentsOfFile: path, encoding: .utf8)
                } catch {
                    throw InputError(file: path, message: "cannot read the shard file")
                }
                decoded.append((path, try SimulationPartial.decode(text, file: path)))
            }
            let (plan, run, outcomes, tests) = try SimulationPartial.merge(decoded)
            let sideFiles = replicatesCSV.map { [(ReplicatesTable(plan: plan, firstReplicate: 0, outcomes: outcomes).csv(), $0)] } ?? []
            try output.emit(SimulationReport(plan: plan, settings: run, summary: SimulationSummary(plan: plan, outcomes: outcomes),
                                             tests: tests),
                            inputs: parts, sideFiles: sideFiles)
        }
    }
}
