import Foundation
import NotesTestSupport
import Testing

/// One piece of bad input and what `notes` must do with it.
///
/// The promise: a clear error naming the file and line (`path:line:col: error: ...`) with a `help:`
/// line, never a crash, and nothing lost (a failed build leaves site/ byte-identical, a failed run
/// or check leaves every stored transcript and cassette byte-identical).
struct BadInputCase: Sendable, CustomTestStringConvertible {
    /// A short stable name, `area-what`.
    var name: String
    /// What to do to a copy of the seed project (which already has a good site/).
    var edits: [ProjectEdit]
    /// The command, without `-C`.
    var command: [String] = ["build"]
    /// The exit status the promise requires: 1 for findings, 0 where the input is legal (the test then
    /// only asks for no crash and well-formed warnings).
    var status: Int32 = 1
    /// Substrings stderr must contain, typically `content/01-x/note.md:7:1: error: ...`.
    var expect: [String] = []
    /// At least one of these must be in stderr (for a problem that may fairly be reported at either of two places).
    var oneOf: [String] = []
    /// Substrings stderr must not contain (misleading advice, for instance).
    var reject: [String] = []
    /// The product's current misbehaviour, when the case is a reported defect: its expectations still
    /// run, inside `withKnownIssue`, so a fix shows up as "known issue was not recorded".
    var knownIssue: String? = nil

    var testDescription: String { name }

    /// What is wrong with `outcome` for this case, as sentences (empty when it meets the promise).
    /// Crashes and lost files are checked by the test itself, never waived.
    func unmetExpectations(_ outcome: NotesOutcome) -> [String] {
        var unmet: [String] = []
        if outcome.status != status { unmet.append("exit status \(outcome.status), expected \(status)") }
        if status != 0 {
            if outcome.stderr.isEmpty { unmet.append("nothing on stderr") }
            if DiagnosticRules.errors(in: outcome.stderr).isEmpty { unmet.append("no `error:` line") }
        }
        for text in expect where !outcome.stderr.contains(text) { unmet.append("stderr lacks `\(text)`") }
        if !oneOf.isEmpty, !oneOf.contains(where: { outcome.stderr.contains($0) }) {
            unmet.append("stderr has none of \(oneOf.map { "`\($0)`" }.joined(separator: ", "))")
        }
        for text in reject where outcome.stderr.contains(text) { unmet.append("stderr has `\(text)`") }
        unmet += DiagnosticRules.problems(in: outcome.stderr)
        return unmet
    }
}

extension BadInputCase {
    /// Every case, in the order written; names are unique.
    static let all: [BadInputCase] =
        frontMatterCases + markdownCases + fenceCases + siteSettingsCases + templateCases + folderCases + runRecordCases
}

/// The bad-input corpus: every case runs the real `notes` binary on a throwaway copy of the project
/// that already has a good site/, and checks the exit status, the located error and its help, and that
/// nothing stored changed. Cases the product does not meet yet are marked with `knownIssue` and listed
/// in the hardening issue.
@Suite struct BadInputCorpusTests {
    @Test func caseNamesAreUniqueAndTheCorpusIsLargeEnough() {
        let names = BadInputCase.all.map(\.name)
        #expect(Set(names).count == names.count, "duplicate case names")
        #expect(names.count >= 100)
        print(
            "bad-input corpus: \(names.count) cases, \(BadInputCase.all.filter { $0.knownIssue != nil }.count) of them known product issues"
        )
    }

    @Test(arguments: BadInputCase.all)
    func badInput(_ badCase: BadInputCase) async throws {
        let scratch = try await ScratchProject.make()
        defer { scratch.remove() }
        try scratch.apply(badCase.edits)
        let before = try scratch.keptFiles()
        let outcome = try await scratch.notes(badCase.command)
        let after = try scratch.keptFiles()
        let report = "[\(badCase.name)]\n\(outcome.transcript)"

        // Never waived: no crash, no hang, no exit status outside 0/1 (2 is for usage errors only).
        #expect(!outcome.crashed, "\(report)")
        #expect(outcome.crashed || outcome.status == 0 || outcome.status == 1, "\(report)")

        // Nothing lost. A build that failed keeps site/; check never writes; a run that failed keeps its records.
        // A successful build replaces site/ and a successful run its records; nothing else writes either.
        let command = badCase.command.first ?? ""
        let changes = keptFileChanges(before: before, after: after).filter { change in
            if change.hasPrefix("site/") { return !(command == "build" && outcome.status == 0) }
            return !(command == "run" && outcome.status == 0)
        }
        #expect(changes.isEmpty, "files that must be kept changed: \(changes.prefix(10))\n\(report)")

        let unmet = badCase.unmetExpectations(outcome)
        if let knownIssue = badCase.knownIssue {
            withKnownIssue("\(badCase.name): \(knownIssue)") {
                for problem in unmet { Issue.record("\(problem)\n\(report)") }
            }
        } else {
            for problem in unmet { Issue.record("\(problem)\n\(report)") }
        }
    }
}
