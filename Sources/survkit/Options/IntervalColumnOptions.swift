import ArgumentParser
import SurvivalAnalysis

/// The columns of the commands that write (start, stop] data (`split`, `tmerge`): the stop time,
/// the event or censoring indicator, the start of an interval that is already (start, stop], and
/// the name of the start column written when there is none — declared and checked once.
struct IntervalColumnOptions: ParsableArguments {
    @Option(help: "Member (data set) of a SAS transport library that holds several.")
    var member: String?

    @Option(help: "Column holding the follow-up (stop) time.")
    var time: String

    @Option(help: "Column holding the event indicator: 0/1, 1/2 or TRUE/FALSE.")
    var event: String?

    @Option(help: "Column holding a censoring indicator instead of --event (ADaM CNSR).")
    var censor: String?

    @Option(help: "Column holding the start of each row's interval (already (start, stop] data).")
    var start: String?

    @Option(name: .customLong("start-name"), help: "Name of the start column written when --start is not given.")
    var startName = "tstart"

    func validate() throws {
        switch (event, censor) {
        case (nil, nil): throw ValidationError("give --event COL or --censor COL")
        case (_?, _?): throw ValidationError("give --event or --censor, not both")
        default: break
        }
        // One column in two roles built a dictionary with a duplicate key (a trap).
        let named = [("--time", time), (event != nil ? "--event" : "--censor", event ?? censor ?? ""), ("--start", start ?? "")]
            .filter { !$0.1.isEmpty }
        for (i, a) in named.enumerated() {
            if let b = named[(i + 1)...].first(where: { $0.1 == a.1 }) {
                throw ValidationError("\(a.0) and \(b.0) both name the column '\(a.1)': give each its own column")
            }
        }
    }

    /// The event or censoring column (``validate()`` made sure exactly one is given).
    var eventColumn: String { event ?? censor! }

    /// How the time, event/censor and start columns are read.
    var roles: [String: DataRequest.Role] {
        var roles: [String: DataRequest.Role] = [time: .number, eventColumn: censor != nil ? .censor : .event]
        if let start { roles[start] = .number }
        return roles
    }
}
