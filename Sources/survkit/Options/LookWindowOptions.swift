import ArgumentParser
import TrialDesign

/// `--min-events-per-look`/`--max-events-per-look` on commands that read a design file
/// (`interim`, `report`): the window of events each look may fall at, overriding the file's keys
/// of the same name. The spelling is the settings table's (``SequentialSettings/Key``), and the
/// flags reach the design through ``DesignSettings/overridden(by:)`` like every other override.
struct LookWindowOptions: ParsableArguments {
    @Option(name: .customLong(SequentialSettings.Key.minEventsPerLook.rawValue),
            help: "The fewest cumulative events each look may fall at, one per look (overrides the design file's min-events-per-look).",
            transform: CommaList.doubles)
    var minEventsPerLook: [Double]?

    @Option(name: .customLong(SequentialSettings.Key.maxEventsPerLook.rawValue),
            help: "The most cumulative events each look may fall at, one per look (overrides the design file's max-events-per-look).",
            transform: CommaList.doubles)
    var maxEventsPerLook: [Double]?

    /// The design file's settings with the windows given here in place of its own.
    func applied(to settings: DesignSettings) -> DesignSettings {
        var flags = DesignSettings()
        flags.sequential.minEventsPerLook = minEventsPerLook
        flags.sequential.maxEventsPerLook = maxEventsPerLook
        return settings.overridden(by: flags)
    }
}
