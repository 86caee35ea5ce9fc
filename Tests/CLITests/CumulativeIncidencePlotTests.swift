import Foundation
import Testing
import TestSupport

/// `survkit cif --plot`: one curve per cause and group, deterministic bytes, the legend's final
/// incidence equal to the JSON's (the figure only draws what the library computed).
@Suite struct CumulativeIncidencePlotTests {
    static let mgus2 = Fixtures.url("competing/data/mgus2.csv").path

    @Test func drawsEachCauseAndGroupDeterministically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cif-plot-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.svg").path, b = directory.appendingPathComponent("b.svg").path
        let arguments = ["cif", Self.mgus2, "--time", "etime", "--status", "event", "--censor-value", "censor",
                         "--group", "sex", "--conf-band", "--format", "json"]
        let first = try Survkit.run(arguments + ["--plot", a])
        let second = try Survkit.run(arguments + ["--plot", b])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)")
        let svg = try String(contentsOfFile: a, encoding: .utf8)
        #expect(svg == (try String(contentsOfFile: b, encoding: .utf8)))
        #expect(svg.components(separatedBy: "class=\"cif-curve\"").count - 1 == 4)
        #expect(svg.components(separatedBy: "class=\"cif-band\"").count - 1 == 4)
        #expect(svg.contains("Gray&apos;s test, death: p =") || svg.contains("Gray's test, death: p ="))
        // The legend's final incidence is the JSON's last row, to 3 significant digits.
        let object = try #require(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let causes = try #require(object["causes"] as? [[String: Any]])
        var count = 0
        for cause in causes {
            for group in try #require(cause["groups"] as? [[String: Any]]) {
                let rows = try #require(group["table"] as? [[String: Any]])
                let last = try #require(rows.last?["cif"] as? Double)
                #expect(svg.contains(": \(String(format: "%.3g", last)) at"), "\(last)")
                count += 1
            }
        }
        #expect(count == 4)
    }

    @Test func figureFlagsWithoutPlotExitTwo() throws {
        let r = try Survkit.run(["cif", Self.mgus2, "--time", "etime", "--status", "event", "--censor-value", "censor", "--conf-band"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--plot"))
    }
}
