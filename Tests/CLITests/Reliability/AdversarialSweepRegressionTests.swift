import Foundation
import Testing
import TestSupport

/// Inputs found by `scripts/adversarial-sweep.py` that ended in a signal: each now exits 0 with a
/// finite result or 2 with one line naming the problem.
@Suite struct AdversarialSweepRegressionTests {
    /// One column in a number role and a label role (`--group time`) was decoded once and the second
    /// role trapped on the wrong kind (SIGILL in SurvivalData).
    @Test(arguments: [["--group", "time"], ["--group", "sex", "--strata", "time"], ["--group", "sex", "--id", "time"],
                      ["--group", "status"]])
    func oneColumnAsNumberAndLabelIsRefused(extra: [String]) throws {
        try Reliability.expectRefused(["km", "notebooks-data/lung.csv", "--time", "time", "--event", "status"] + extra,
                                      in: Self.root, mentions: ["lung.csv", "is used both as a number", "and as a label"])
    }

    @Test func coxCovariateAlsoAStratumIsRefused() throws {
        try Reliability.expectRefused(["cox", "notebooks-data/lung.csv", "--time", "time", "--event", "status",
                                       "--covariates", "age", "--strata", "age"],
                                      in: Self.root, mentions: ["column 4 'age'", "is used both as a number"])
    }

    /// Times near the largest double: the axis's last nice tick (2e308) was +inf and the risk table
    /// trapped on it; now the plot is drawn with finite coordinates.
    @Test(arguments: ["1.7e308", "1e308", "1e19"])
    func kaplanMeierPlotOfHugeTimes(huge: String) throws {
        let dir = try Survkit.temporaryDirectory()
        let data = try Reliability.file("huge.csv", "time,status,group\n\(huge),1,a\n5,1,b\n8,0,a\n\(huge),1,b\n", in: dir)
        let svg = dir.appendingPathComponent("km.svg").path
        let r = try Survkit.run(["km", data, "--time", "time", "--event", "status", "--group", "group",
                                 "--plot", svg, "--risk-table"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(!text.contains("nan") && !text.contains("inf"))
    }

    @Test func kaplanMeierPlotOfSubnormalTimes() throws {
        let dir = try Survkit.temporaryDirectory()
        let data = try Reliability.file("tiny.csv", "time,status,group\n5e-324,1,a\n1e-323,1,b\n1e-323,0,a\n", in: dir)
        let r = try Survkit.run(["km", data, "--time", "time", "--event", "status", "--group", "group",
                                 "--plot", dir.appendingPathComponent("km.svg").path, "--risk-table"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// Group-sequential alpha below rpact's 1e-6 ended in "internal error: drift search failed"
    /// (exit 1) for 1e-12 and 1e-16; now refused as rpact refuses it.
    @Test(arguments: ["1e-12", "1e-16", "5e-324"])
    func sequentialAlphaBelowRpactsRange(alpha: String) throws {
        try Reliability.expectRefused(["boundaries", "--looks", "3", "--alpha", alpha],
                                      mentions: ["--alpha must be in [1e-06, 0.5]", alpha])
        try Reliability.expectRefused(["design", "--median-control", "11", "--hazard-ratio", "0.5", "--accrual-time", "18",
                                       "--follow-up", "12", "--looks", "3", "--alpha", alpha, "--solve", "power", "--patients", "56"],
                                      mentions: ["alpha must be in [1e-06, 0.5]", alpha])
    }

    /// A --cumtdc running sum of 1e308 + 1e308 was written as Inf (exit 0): now refused naming the sum.
    @Test func tmergeCumulativeSumPastTheLargestDouble() throws {
        let dir = try Survkit.temporaryDirectory()
        let base = try Reliability.file("base.csv", "id,time,status\n1,10,1\n2,20,0\n", in: dir)
        let lab = try Reliability.file("lab.csv", "id,day,dose\n1,5,1e308\n1,6,1e308\n2,3,1\n", in: dir)
        try Reliability.expectRefused(["tmerge", base, "--id", "id", "--time", "time", "--event", "status",
                                       "--cumtdc", "d=\(lab):day:dose"],
                                      mentions: ["--cumtdc d", "column 'dose'", "passes the largest double", "id 1"])
        // One amount of 1e308 is a finite sum and is written as it is.
        let once = try Reliability.file("once.csv", "id,day,dose\n1,5,1e308\n", in: dir)
        let fine = try Survkit.run(["tmerge", base, "--id", "id", "--time", "time", "--event", "status",
                                    "--cumtdc", "d=\(once):day:dose"])
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(fine.stdout.contains("1e+308") && !fine.stdout.contains("inf"))
    }

    /// survreg gives each stratum its own scale: 20,000 strata (an identifier as --strata) asked for
    /// a 64 GB information matrix and aborted (SIGABRT). Refused before the allocation.
    @Test func survregWithAnIdentifierAsStrata() throws {
        var csv = "time,status,x,s\n"
        for i in 1...2000 { csv += "\(i % 97 + 1),\(i % 2),\(i % 7),s\(i)\n" }
        let path = try Reliability.file("strata.csv", csv)
        try Reliability.expectRefused(["survreg", path, "--time", "time", "--event", "status", "--covariates", "x", "--strata", "s"],
                                      mentions: ["strata.csv", "2000 scales", "at most 500 parameters"])
    }

    /// Gray's test with an identifier as --group: 20,000 groups took 7 GB and hours (its variance is
    /// O(K³) per event time). Refused past 100 groups, naming the column.
    @Test func cumulativeIncidenceWithAnIdentifierAsGroup() throws {
        var csv = "time,status,id\n"
        for i in 1...202 { csv += "\(i % 13 + 1),\(i % 3),p\(i % 101)\n" }
        let path = try Reliability.file("cr.csv", csv)
        try Reliability.expectRefused(["cif", path, "--time", "time", "--status", "status", "--group", "id"],
                                      mentions: ["cr.csv", "column 3 'id'", "101 levels", "at most 100 groups"])
    }

    /// A Kaplan–Meier plot's log-rank annotation used the k × k variance for any k (3 GB at 20,000
    /// groups); past the log-rank test's 1,000 groups the plot has no p, as `logrank` refuses them.
    @Test func kaplanMeierPlotOfMoreGroupsThanTheLogRankTestCompares() throws {
        let dir = try Survkit.temporaryDirectory()
        var csv = "time,status,id\n"
        for i in 1...1001 { csv += "\(i % 13 + 1),\(i % 2),p\(i)\n" }
        let path = try Reliability.file("many.csv", csv, in: dir)
        let svg = dir.appendingPathComponent("km.svg").path
        let r = try Survkit.run(["km", path, "--time", "time", "--event", "status", "--group", "id", "--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try !String(contentsOfFile: svg, encoding: .utf8).contains("Log-rank p"))
    }

    /// A design plot's power curve over hazard ratios up to 9.2e18: the tick label Int64(9.2e18)
    /// trapped (found by the sweep on the pre-fix binary; fixed by NiceTicks' exponent labels).
    @Test func designPlotOfAHugeHazardRatio() throws {
        let dir = try Survkit.temporaryDirectory()
        let r = try Survkit.run(["design", "--median-control", "11", "--hazard-ratio", "9223372036854775808", "--accrual-time", "18",
                                 "--follow-up", "12", "--plot", dir.appendingPathComponent("d.svg").path])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// One-sample designs whose Wu n is not finite trapped converting it to patients (SIGILL).
    @Test(arguments: [["--hazard-ratio", "1e308", "--follow-up", "12"], ["--hazard-ratio", "0.5", "--follow-up", "1e308"],
                      ["--hazard-ratio", "0.5", "--follow-up", "9223372036854775808"]])
    func oneSampleDesignWithoutAFiniteAnswer(extra: [String]) throws {
        try Reliability.expectRefused(["design", "--one-sample", "--median-historical", "11", "--accrual-time", "18"] + extra,
                                      mentions: ["is not a finite number under these assumptions"])
    }

    /// A historical median of 1e308 (almost no events expected) trapped the same way.
    @Test(arguments: ["1e308", "9223372036854775808"])
    func oneSampleDesignWithAHugeHistoricalMedian(median: String) throws {
        try Reliability.expectRefused(["design", "--one-sample", "--median-historical", median, "--hazard-ratio", "0.5",
                                       "--accrual-time", "18", "--follow-up", "12"],
                                      mentions: ["more than 10^12 patients", "too few events are expected"])
    }

    /// Milestone designs: a dropout of 0.9999999999999999 multiplied n = 1700 past Int (SIGILL),
    /// and rates 0.5 vs 0.5000000001 searched for minutes before saying no design exists.
    @Test func milestoneDesignWithExtremeDropoutOrEffect() throws {
        let base = ["design", "--one-sample", "--milestone", "12", "--rate-historical", "0.5"]
        try Reliability.expectRefused(base + ["--rate-treatment", "0.53", "--dropout", "0.9999999999999999"],
                                      mentions: ["with dropout 0.9999999999999999", "more than 10^12 patients to enrol"])
        let start = Date()
        try Reliability.expectRefused(base + ["--rate-treatment", "0.5000000001"],
                                      mentions: ["no exact design reaches the power with up to 100000 evaluable patients"])
        #expect(Date().timeIntervalSince(start) < 20)
    }

    /// No alpha spent at a look (`--spending-values 0,...`) gives the critical value Inf (as rpact);
    /// its plot trapped on the infinite axis and label position. Now the bound sits at the edge.
    @Test(arguments: ["0,0.01,0.025", "0,0,0.025"])
    func boundariesPlotWithAnInfiniteBound(values: String) throws {
        let dir = try Survkit.temporaryDirectory()
        let svg = dir.appendingPathComponent("b.svg").path
        let r = try Survkit.run(["boundaries", "--looks", "3", "--spending-values", values, "--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("Z ≥ Inf") && !text.lowercased().contains("nan"))
    }

    /// split/tmerge columns: --event naming the --time column built a dictionary with a duplicate
    /// key (SIGILL).
    @Test(arguments: [["--event", "time"], ["--event", "status", "--start", "time"]])
    func splitWithOneColumnInTwoRoles(extra: [String]) throws {
        try Reliability.expectRefused(["split", "notebooks-data/lung.csv", "--time", "time", "--cut", "100,200"] + extra,
                                      in: Self.root, mentions: ["both name the column 'time'"])
    }

    /// A previous look of 1e308 events trapped writing its count as an Int in the error message.
    @Test func interimWithAHugePreviousLook() throws {
        try Reliability.expectRefused(["interim", "notebooks-data/nct07363356-interim.csv", "--time", "time", "--event", "status",
                                       "--group", "arm", "--entry", "entry", "--cut", "16.2",
                                       "--design", "notebooks-data/nct07363356-gs.yaml", "--previous-looks", "1e308:1"],
                                      in: Self.root, mentions: ["previous look's 1e+308"])
    }

    /// predict --plot with --at/--horizon 1e308: an infinite x trapped the axis ticks.
    @Test(arguments: [["--at", "1e308"], ["--horizon", "9223372036854775808"]])
    func predictPlotFarBeyondTheData(extra: [String]) throws {
        let dir = try Survkit.temporaryDirectory()
        let r = try Survkit.run(["predict", "notebooks-data/nct07363356-interim.csv", "--time", "time", "--event", "status",
                                 "--entry", "entry", "--target-events", "60", "--patients-to-enrol", "10", "--accrual-rate", "2",
                                 "--replicates", "100", "--group", "arm", "--plot", dir.appendingPathComponent("p.svg").path] + extra,
                                in: Self.root)
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// predict --replicates 2^63 − 1 segfaulted allocating the replicates (10^11 aborted asking for 800 GB).
    @Test(arguments: ["9223372036854775807", "100000000000", "10000001"])
    func predictWithEndlessReplicates(replicates: String) throws {
        try Reliability.expectRefused(["predict", "notebooks-data/nct07363356-interim.csv", "--time", "time", "--event", "status",
                                       "--entry", "entry", "--target-events", "40", "--replicates", replicates],
                                      in: Self.root, mentions: ["--replicates must be from 1 to 10000000", replicates])
    }

    /// The package root (the tests run from it under `swift test`, but say so).
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}
