import Foundation
import Testing
import TestSupport
import Yams

/// deploy/k8s/simulate-indexed-job.yaml: no Kubernetes schema validator (kubeconform, kubeval) is
/// packaged for Debian here, so this checks what such a validator would (valid YAML, the fields
/// batch/v1 Job requires) and what only survkit can: each completion index runs one shard, the
/// shards are exactly 1…completions, and the manifest's own commands — run here with a small
/// replicate count — merge into byte for byte the output of one unsharded run.
@Suite struct KubernetesManifestTests {
    static let manifest = Fixtures.root.appendingPathComponent("deploy/k8s/simulate-indexed-job.yaml")
    /// How the manifest writes the shard number (sh arithmetic on the completion index).
    static let shardExpression = "$((JOB_COMPLETION_INDEX + 1))"

    func jobs() throws -> [[String: Any]] {
        let text = try String(contentsOf: Self.manifest, encoding: .utf8)
        return try Yams.load_all(yaml: text).map { document in
            try #require(document as? [String: Any], "every document is a mapping")
        }
    }

    /// The single `sh -c` script of a Job's first container.
    func script(of job: [String: Any]) throws -> String {
        let spec = try #require(job["spec"] as? [String: Any])
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        #expect(container["command"] as? [String] == ["sh", "-c"])
        let args = try #require(container["args"] as? [String])
        #expect(args.count == 1)
        return try #require(args.first)
    }

    /// The survkit arguments of a script `exec survkit ARGS`: words, quotes removed (the manifest
    /// quotes only words without spaces), after the shell would have expanded the shard index.
    func survkitArguments(_ script: String, index: Int? = nil) throws -> [String] {
        var text = script
        if let index { text = text.replacingOccurrences(of: Self.shardExpression, with: String(index + 1)) }
        let words = text.split(whereSeparator: \.isWhitespace).map { $0.replacingOccurrences(of: "\"", with: "") }
        #expect(Array(words.prefix(2)) == ["exec", "survkit"])
        return Array(words.dropFirst(2))
    }

    @Test func everyDocumentIsAValidBatchJob() throws {
        let documents = try jobs()
        #expect(documents.count == 2)
        for job in documents {
            #expect(job["apiVersion"] as? String == "batch/v1")
            #expect(job["kind"] as? String == "Job")
            let name = try #require((job["metadata"] as? [String: Any])?["name"] as? String)
            // A Job name is a DNS-1123 label (≤ 63 characters, lower case, digits, '-').
            #expect(name.count <= 63 && name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
            let spec = try #require(job["spec"] as? [String: Any])
            let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
            // A Job's pods must not restart in place ("Always" is rejected by the API server).
            #expect(["Never", "OnFailure"].contains(pod["restartPolicy"] as? String ?? ""))
            let containers = try #require(pod["containers"] as? [[String: Any]])
            #expect(!containers.isEmpty)
            for container in containers {
                #expect(container["name"] is String)
                #expect(container["image"] is String)
            }
            let declared = Set(try #require(pod["volumes"] as? [[String: Any]]).compactMap { $0["name"] as? String })
            for container in containers {
                let mounts = (container["volumeMounts"] as? [[String: Any]]) ?? []
                for mount in mounts { #expect(declared.contains(mount["name"] as? String ?? ""), "mount of an undeclared volume") }
            }
        }
    }

    @Test func oneShardPerCompletionIndex() throws {
        let job = try #require(try jobs().first)
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect((spec["parallelism"] as? Int ?? 1) <= completions)
        let script = try script(of: job)
        #expect(script.contains("--shard \"\(Self.shardExpression)/\(completions)\""))
        var shards: [String] = []
        var outputs: Set<String> = []
        for index in 0..<completions {
            let arguments = try survkitArguments(script, index: index)
            #expect(arguments.first == "simulate")
            let shard = try #require(arguments.firstIndex(of: "--shard"))
            shards.append(arguments[shard + 1])
            let output = try #require(arguments.firstIndex(of: "--output"))
            outputs.insert(arguments[output + 1])
        }
        #expect(shards == (1...completions).map { "\($0)/\(completions)" })
        #expect(outputs.count == completions, "every shard writes its own part")
    }

    /// The manifest's simulate and merge commands, run as written except for the design file
    /// (the ConfigMap's trial.yaml is the shipped seed design), the results folder and a small
    /// replicate count, give the single run's JSON byte for byte.
    @Test func manifestCommandsMergeToTheSingleRun() throws {
        let documents = try jobs()
        let simulate = documents[0], merge = documents[1]
        let completions = try #require((simulate["spec"] as? [String: Any])?["completions"] as? Int)
        let folder = try Survkit.temporaryDirectory()
        let design = Fixtures.data("nct07363356.yaml").path
        func local(_ arguments: [String]) -> [String] {
            var result = arguments.map {
                $0.replacingOccurrences(of: "/config/trial.yaml", with: design)
                  .replacingOccurrences(of: "/results/", with: folder.path + "/")
            }
            if let replicates = result.firstIndex(of: "--replicates") { result[replicates + 1] = "640" }
            return result
        }
        let simulateScript = try script(of: simulate)
        for index in 0..<completions {
            let r = try Survkit.run(local(try survkitArguments(simulateScript, index: index)))
            #expect(r.status == 0, "shard \(index + 1): \(r.stderr)")
        }
        // The merge Job's glob, expanded as sh would (sorted names).
        var mergeArguments = local(try survkitArguments(try script(of: merge)))
        let glob = try #require(mergeArguments.firstIndex { $0.hasSuffix("part-*.json") })
        let parts = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("part-") && $0.hasSuffix(".json") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        #expect(parts.count == completions)
        mergeArguments.replaceSubrange(glob...glob, with: parts)
        let merged = try Survkit.run(mergeArguments)
        #expect(merged.status == 0, "\(merged.stderr)")

        // One run: the simulate command without --shard, to another file.
        var single = local(try survkitArguments(simulateScript, index: 0))
        let shard = try #require(single.firstIndex(of: "--shard"))
        single.removeSubrange(shard...(shard + 1))
        let output = try #require(single.firstIndex(of: "--output"))
        single[output + 1] = folder.appendingPathComponent("single.json").path
        let one = try Survkit.run(single)
        #expect(one.status == 0, "\(one.stderr)")
        let mergedBytes = try Data(contentsOf: folder.appendingPathComponent("result.json"))
        let singleBytes = try Data(contentsOf: folder.appendingPathComponent("single.json"))
        #expect(!singleBytes.isEmpty)
        #expect(mergedBytes == singleBytes)
    }
}
