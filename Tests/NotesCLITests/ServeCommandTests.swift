import Foundation
import NotesTestSupport
import Testing

/// `notes serve` as an author starts and stops it.
@Suite struct ServeCommandTests {
    /// `notes serve --port 0` on the fixture, its standard output and error going to files.
    func startServe(in fixture: CLIFixture) throws -> (process: Process, output: URL, errors: URL) {
        let output = fixture.project.root.appendingPathComponent("serve.stdout")
        let errors = fixture.project.root.appendingPathComponent("serve.stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = try notesBinary()
        process.arguments = ["serve", "--port", "0", "-C", fixture.project.root.path]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": fixture.project.root.path, "NO_COLOR": "1"]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output, errors)
    }

    @Test func serveSaysWhereItListensServesThePreviewAndStopsOnControlC() async throws {
        let fixture = try await CLIFixture.make()
        defer { fixture.remove() }
        let (process, output, errors) = try startServe(in: fixture)
        defer { if process.isRunning { process.terminate() } }

        var url: String?
        for _ in 0..<300 where url == nil {
            try await Task.sleep(for: .milliseconds(100))
            let text = try String(contentsOf: output, encoding: .utf8)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Serving ") }) {
                url = line.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init)
                #expect(line.hasSuffix("(drafts included); rebuilding on every change. Ctrl-C stops."), "\(line)")
            }
        }
        // It listens before it builds: the page is there once the first build is.
        for _ in 0..<300 where !((try? String(contentsOf: output, encoding: .utf8)) ?? "").contains(" built ") {
            try await Task.sleep(for: .milliseconds(100))
        }
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let address = try #require(url, "no Serving line: \(printed)")
        let page = try await runTestProcess(
            ["/usr/bin/curl", "-sS", address + "notes/03-do-it-all-at-once/"], environment: ["PATH": "/usr/bin:/bin"],
            directory: fixture.project.root)
        #expect(page.stdout.contains("<h1>Do it all at once"))
        #expect(page.stdout.contains("notes-live-reload"))

        kill(process.processIdentifier, SIGINT)
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "notes serve did not stop on SIGINT")
        let complaints = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(complaints)")
        #expect(!fixture.project.exists("site"), "a preview must not write site/")
    }

    /// The terminal says what the pages show when the first build fails, and a port in use is
    /// reported before anything is built, without NIO's wrapping.
    @Test func aFirstBuildThatFailsAndAPortInUseAreSaidPlainly() async throws {
        let fixture = try await CLIFixture.make()
        defer { fixture.remove() }
        let note = "content/03-do-it-all-at-once/note.md"
        try fixture.project.write(
            note, try fixture.project.read(note).replacingOccurrences(of: "search     0.30-0.80", with: "search     0.80-0.30"))
        let (process, output, errors) = try startServe(in: fixture)
        defer { if process.isRunning { process.terminate() } }
        var complaints = ""
        for _ in 0..<300 where !complaints.contains("build failed") {
            try await Task.sleep(for: .milliseconds(100))
            complaints = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        }
        #expect(complaints.contains("build failed with 1 error; pages show the errors until a build succeeds"), "\(complaints)")
        #expect(!complaints.contains("still serving the previous build"))

        // A second serve on the same port.
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let port = try #require(
            printed.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }
                .flatMap { Int($0.dropFirst("http://127.0.0.1:".count).prefix { $0.isNumber }) }, "\(printed)")
        let second = try await runTestProcess(
            [try notesBinary().path, "serve", "--port", String(port), "-C", fixture.project.root.path],
            environment: ["PATH": "/usr/bin:/bin", "HOME": fixture.project.root.path, "NO_COLOR": "1"], directory: fixture.project.root)
        #expect(second.status == 1)
        #expect(second.stderr.contains("error: cannot listen on 127.0.0.1:\(port)"), "\(second.stderr)")
        #expect(second.stderr.contains("Reason: Address already in use (errno 98)"), "\(second.stderr)")
        #expect(!second.stderr.contains("build failed") && !second.stdout.contains("built"), "it built before finding out")
        kill(process.processIdentifier, SIGINT)
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
    }
}
