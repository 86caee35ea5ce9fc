import Foundation
import Testing
import TestSupport

/// Every command's JSON (and a shard file) is read by the strict parser, JSONSerialization,
/// whatever the command writes into it: one writer, one layout, one escaping.
@Suite struct AllJSONParsesTests {
    static let lung = Fixtures.data("lung.csv").path
    static let design = Fixtures.data("nct07363356.yaml").path
    static let gsDesign = Fixtures.data("nct07363356-gs.yaml").path
    static let interimData = Fixtures.data("nct07363356-interim.csv").path
    static let separation = Fixtures.url("cox/data/separation.csv").path
    static let simulation = ["simulate", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18",
                             "--patients", "56", "--events", "27", "--replicates", "200"]

    static let commands: [[String]] = [
        ["km", lung, "--time", "time", "--event", "status", "--group", "sex", "--times", "100,365", "--quantiles", "0.25,0.5"],
        ["km", lung, "--time", "time", "--event", "status", "--estimator", "nelson-aalen"],
        ["logrank", lung, "--time", "time", "--event", "status", "--group", "sex"],
        ["cox", lung, "--time", "time", "--event", "status", "--covariates", "age,sex", "--factors", "ph.ecog"],
        ["cox", separation, "--time", "time", "--event", "status", "--covariates", "x"],
        ["design", "--file", design, "--accrual-time", "18", "--follow-up", "12"],
        ["design", "--file", design, "--patients", "56", "--grid", "accrual=12:24:6,follow-up=6:12:6"],
        ["design", "--file", design, "--accrual-time", "18", "--follow-up", "12", "--looks", "2"],
        simulation,
        simulation + ["--looks", "2", "--cox"],
        ["boundaries", "--looks", "3", "--spending", "obrien-fleming", "--futility-spending", "obrien-fleming", "--sides", "1",
         "--alpha", "0.025"],
        ["interim", interimData, "--time", "time", "--event", "status", "--group", "arm", "--entry", "entry", "--cut", "16.2",
         "--design", gsDesign],
    ]

    @Test(arguments: commands)
    func parses(_ arguments: [String]) throws {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        #expect(object is [String: Any])
    }

    /// A shard file, and the merge of shards, parse too.
    @Test func shardAndMergeParse() throws {
        let folder = try Survkit.temporaryDirectory()
        var parts: [String] = []
        for i in 1...2 {
            let path = folder.appendingPathComponent("part-\(i).json").path
            let r = try Survkit.run(Self.simulation + ["--shard", "\(i)/2", "--output", path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) is [String: Any])
            parts.append(path)
        }
        let merged = try Survkit.run(["merge"] + parts + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(merged.stdout.utf8)) is [String: Any])
    }
}
