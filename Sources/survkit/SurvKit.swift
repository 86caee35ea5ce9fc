import ArgumentParser
import SurvivalAnalysis
import SurvivalReports

/// The root command. Exit status: 0 success, 2 bad input or usage, 1 an internal failure.
@main
struct SurvKit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survkit",
        abstract: "Survival analysis and time-to-event trial design, matched to R's survival and rpact.",
        version: "0.1.0",
        subcommands: [
            Cox.self,
        ])

    static func main() {
        Interrupts.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(reporting: error)
        }
    }

    /// One line on stderr and the contract's exit status.
    static func exit(reporting error: Error) -> Never {
        switch error {
        case let input as InputError: Terminal.fail(input.description, status: 2)
        case let usage as UsageError: Terminal.fail(usage.message, status: 2)
        case let write as AtomicFile.Failure: Terminal.fail(write.description, status: 2)
        default:
            let code = exitCode(for: error)
            if code == .success || code == .validationFailure {
                let message = fullMessage(for: error)
                if code == .success {
                    print(message)
                    Terminal.exit(0)
                }
                Terminal.fail(message, status: 2)
            }
            if let cleanExit = error as? ExitCode { Terminal.exit(cleanExit.rawValue) }
            Terminal.fail("internal error: \(error)", status: 1)
        }
    }
}

/// An option combination that cannot work, found after parsing (exit 2).
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
