import Foundation
import Testing
import TestSupport

/// Output safety (issue 17): inputs are never overwritten, non-regular targets are written
/// directly, modes and symbolic links are kept, the outputs of a run are committed together,
/// temporary files are exclusive and interrupted runs leave none.
@Suite struct OutputSafetyTests {
    static let lung = Fixtures.data("lung.csv").path
    static let km = ["km", "--time", "time", "--event", "status"]

    func copyOfLung(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("in.csv").path
        try FileManager.default.copyItem(atPath: Self.lung, toPath: path)
        return path
    }

    @Test func outputEqualToTheInputIsRefused() throws {
        let folder = try Survkit.temporaryDirectory()
        let input = try copyOfLung(in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        // The same file by another spelling and by a hard link: compared by device and inode.
        let link = folder.appendingPathComponent("hard.csv").path
        try FileManager.default.linkItem(atPath: input, toPath: link)
        for target in [input, folder.path + "/./in.csv", link] {
            try Reliability.expectRefused(["km", input, "--time", "time", "--event", "status", "--output", target],
                                          mentions: ["it is the input file"])
        }
        try Reliability.expectRefused(["cox", input, "--time", "time", "--event", "status", "--covariates", "age",
                                       "--residuals", input], mentions: ["it is the input file"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        #expect(try Reliability.listing(folder) == ["hard.csv", "in.csv"])
    }

    @Test func devStdoutIsWrittenDirectly() throws {
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--output", "/dev/stdout"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Call: survkit km"))
    }

    @Test func fifoIsWrittenDirectlyAndStaysAFifo() throws {
        let folder = try Survkit.temporaryDirectory()
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        // A plain open/read: the writer's open blocks until a reader has the FIFO open.
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)
            guard fd >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                received.append(contentsOf: buffer[0..<n])
            }
            close(fd)
        }
        reader.start()
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--output", fifo])
        #expect(r.status == 0, "\(r.stderr)")
        while !reader.isFinished { usleep(10_000) }
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("Call: survkit km"))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(try Reliability.listing(folder) == ["pipe"])
    }

    @Test func modeOfAReplacedFileIsKept() throws {
        let folder = try Survkit.temporaryDirectory()
        let out = folder.appendingPathComponent("out.txt").path
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: out)
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("Call: survkit km"))
    }

    /// The replacing file gets the old file's owner and group (fchown before the rename). As root
    /// (CI, containers) any owner is kept; an ordinary user can only keep a group of their own,
    /// so then the test gives the file one of the user's other groups, if there is one.
    @Test func ownerAndGroupOfAReplacedFileAreKept() throws {
        let folder = try Survkit.temporaryDirectory()
        let out = folder.appendingPathComponent("owned.txt").path
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        let wanted: (uid: uid_t, gid: gid_t)
        if geteuid() == 0 {
            wanted = (12_345, 23_456)
        } else {
            var groups = [gid_t](repeating: 0, count: 64)
            let n = Int(getgroups(Int32(groups.count), &groups))
            wanted = (geteuid(), groups.prefix(max(n, 0)).first { $0 != getegid() } ?? getegid())
        }
        try #require(chown(out, wanted.uid, wanted.gid) == 0, "chown: \(String(cString: strerror(errno)))")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: out)
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        var info = stat()
        #expect(stat(out, &info) == 0)
        #expect(info.st_uid == wanted.uid)
        #expect(info.st_gid == wanted.gid)
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("Call: survkit km"))
        #expect(try Reliability.listing(folder) == ["owned.txt"])
    }

    @Test func symbolicLinkIsFollowedAndKept() throws {
        let folder = try Survkit.temporaryDirectory()
        let target = folder.appendingPathComponent("real.txt").path
        let link = folder.appendingPathComponent("link.txt").path
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.txt")
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--output", link])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.txt")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("Call: survkit km"))
        #expect(try Reliability.listing(folder) == ["link.txt", "real.txt"])
    }

    @Test func sideFileIsNotLeftWhenTheOutputFails() throws {
        let folder = try Survkit.temporaryDirectory()
        let residuals = folder.appendingPathComponent("res.csv").path
        try Reliability.expectRefused(["cox", Self.lung, "--time", "time", "--event", "status", "--covariates", "age",
                                       "--residuals", residuals, "--output", folder.path + "/missing/out.json"],
                                      mentions: ["missing/out.json", "cannot write the output"])
        #expect(try Reliability.listing(folder) == [])
    }

    /// A figure is one of the run's outputs: a `--plot` that cannot be written leaves no
    /// `--output` and prints no report (it used to be written after the report was in place).
    @Test func outputIsNotLeftWhenThePlotFails() throws {
        let folder = try Survkit.temporaryDirectory()
        let output = folder.appendingPathComponent("km.csv").path
        try Reliability.expectRefused(["km", Self.lung, "--time", "time", "--event", "status", "--format", "csv",
                                       "--output", output, "--plot", folder.path + "/missing/km.svg"],
                                      mentions: ["missing/km.svg", "cannot write the output"])
        #expect(try Reliability.listing(folder) == [])
        let toStandardOutput = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status",
                                                "--plot", folder.path + "/missing/km.svg"])
        #expect(toStandardOutput.status == 2)
        #expect(toStandardOutput.stdout.isEmpty, "a failed run printed its report")
    }

    /// And the other way round: a report that cannot be written leaves no figure.
    @Test func plotIsNotLeftWhenTheOutputFails() throws {
        let folder = try Survkit.temporaryDirectory()
        try Reliability.expectRefused(["km", Self.lung, "--time", "time", "--event", "status",
                                       "--plot", folder.path + "/km.svg", "--output", folder.path + "/missing/km.txt"],
                                      mentions: ["missing/km.txt", "cannot write the output"])
        #expect(try Reliability.listing(folder) == [])
    }

    /// A figure written over the data file is refused like any output.
    @Test func plotOverTheInputIsRefused() throws {
        let folder = try Survkit.temporaryDirectory()
        // A CSV named .svg, so the figure's extension is accepted and only the identity check refuses.
        let input = folder.appendingPathComponent("in.svg").path
        try FileManager.default.copyItem(atPath: Self.lung, toPath: input)
        try Reliability.expectRefused(["km", input, "--time", "time", "--event", "status", "--plot", input],
                                      mentions: ["it is the input file"])
    }

    @Test func concurrentRunsOnOneTargetNeverMix() throws {
        let folder = try Survkit.temporaryDirectory()
        let out = folder.appendingPathComponent("out.json").path
        let arguments = ["km", Self.lung, "--time", "time", "--event", "status", "--format", "json", "--output", out]
        nonisolated(unsafe) var statuses = [Int32](repeating: -1, count: 6)
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            statuses[i] = (try? Survkit.run(arguments).status) ?? -1
        }
        #expect(statuses.allSatisfy { $0 == 0 })
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect((try? JSONSerialization.jsonObject(with: data)) != nil)
        #expect(try Reliability.listing(folder) == ["out.json"])
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func interruptLeavesNoFile(signal: Int32, status: Int32) throws {
        let folder = try Survkit.temporaryDirectory()
        let process = Process()
        process.executableURL = Survkit.executable
        process.arguments = SimulateCommandTests.seedTrial + ["--replicates", "50000000", "--threads", "1",
                                                             "--output", folder.appendingPathComponent("sim.json").path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(700_000)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == status,
                "\(process.terminationReason.rawValue) \(process.terminationStatus)")
        #expect(try Reliability.listing(folder) == [])
    }
}
