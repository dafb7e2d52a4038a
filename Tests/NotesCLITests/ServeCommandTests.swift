import Foundation
import NotesTestSupport
import Testing

/// `notes serve` as an author starts and stops it.
@Suite struct ServeCommandTests {
    @Test func serveSaysWhereItListensServesThePreviewAndStopsOnControlC() async throws {
        let fixture = try await CLIFixture.make()
        defer { fixture.remove() }
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
}
