import ArgumentParser
import SurvivalAnalysis
import SurvivalReports
import TrialDesign

/// The root command. Exit status: 0 success, 2 bad input or usage, 1 an internal failure.
@main
struct SurvKit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survkit",
        abstract: "Survival analysis and time-to-event trial design, matched to R's survival and rpact.",
        version: "0.1.0",
        subcommands: [
            KaplanMeierCommand.self,
            LogRankCommand.self,
            RestrictedMeanCommand.self,
            CumulativeIncidenceCommand.self,
            Cox.self,
            Split.self,
            Survreg.self,
            Metrics.self,
            Design.self,
            Simulate.self,
            Merge.self,
            Boundaries.self,
            Interim.self,
            Predict.self,
            Report.self,
        ])

    static func main() {
        Interrupts.install()
        do {
            var command = try parseAsRoot()
            try command.run()
            // Every output of the run in place together, or none (a failing --plot included).
            try RunOutputs.commit()
        } catch {
            RunOutputs.rollBack()
            exit(reporting: error)
        }
    }

    /// One line on stderr and the contract's exit status.
    ///
    /// ArgumentParser wraps errors thrown from a command's `validate()`, so the survkit error
    /// types are looked for both as thrown and as the parser reports them.
    static func exit(reporting error: Error) -> Never {
        if let line = oneLine(error) { Terminal.fail(line, status: 2) }
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            Terminal.exit(0)
        }
        if code == .validationFailure {
            // The parser's own message (unknown option, bad value, a ValidationError) without the
            // usage block, so stderr holds one line; `--help` shows the usage.
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid usage"
            Terminal.fail(message + " (see 'survkit help')", status: 2)
        }
        if let cleanExit = error as? ExitCode { Terminal.exit(cleanExit.rawValue) }
        Terminal.fail("internal error: \(error)", status: 1)
    }

    /// The message of survkit's own bad-input errors, however the parser wrapped them.
    private static func oneLine(_ error: Error) -> String? {
        switch error {
        case let input as InputError: return input.description
        case let usage as UsageError: return usage.message
        // The libraries' domain errors, worded once here (settings named as flags).
        case let design as DesignError: return UsageError(design).message
        case let sequential as GroupSequentialError where sequential.isInputError: return UsageError(sequential).message
        case let write as AtomicFile.Failure: return InputError.oneLine(write.description)
        default:
            for child in Mirror(reflecting: error).children {
                if let inner = child.value as? Error, let found = oneLine(inner) { return found }
            }
            return nil
        }
    }
}

/// An option combination that cannot work, found after parsing (exit 2).
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
