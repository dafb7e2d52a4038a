import Foundation
import NotesTestSupport
import Testing

/// Seeded fuzzing of the seed note through the real binary: every mutant is written into a throwaway
/// project that already has a good site/, then `notes build` and `notes check --no-replay` run on it.
///
/// A case fails when a command dies by a signal or hangs, exits with anything but 0 or 1, exits 1
/// with nothing on stderr or no `error:` line, or when a failed build changes site/ (or check changes
/// anything), or when an error has no `help:` line under it or shows raw error text (a `DecodingError`,
/// an errno string): the promise is a located error that says what to do.
///
/// `NOTES_FUZZ_CASES` (default 300) and `NOTES_FUZZ_SEED` (default 0x5EED2026) choose the cases; case
/// `i` mutates with seed `NOTES_FUZZ_SEED + i`, so `NOTES_FUZZ_SEED=<printed seed> NOTES_FUZZ_CASES=1`
/// replays one failing case. `bench/fuzz N [SEED]` runs more and prints the figures.
@Suite struct FuzzTests {
    static let defaultSeed: UInt64 = 0x5EED_2026
    static let defaultCases = 300

    static var configuration: (cases: Int, seed: UInt64) {
        let environment = ProcessInfo.processInfo.environment
        let cases = environment["NOTES_FUZZ_CASES"].flatMap { Int($0) } ?? defaultCases
        let seed =
            environment["NOTES_FUZZ_SEED"].flatMap { text in
                text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
            } ?? defaultSeed
        return (cases, seed)
    }

    @Test func theSameSeedGivesTheSameMutant() throws {
        let mutator = try SeedNoteMutator(repository: repositoryRoot())
        for seed: UInt64 in [0, 1, Self.defaultSeed, .max] {
            let first = mutator.mutant(seed: seed)
            let second = mutator.mutant(seed: seed)
            #expect(first.note == second.note && first.listing == second.listing && first.steps == second.steps)
        }
        #expect(mutator.mutant(seed: 1).note != mutator.mutant(seed: 2).note)
    }

    @Test func mutatedSeedNotesNeverCrashOrLoseTheSite() async throws {
        let (cases, seed) = Self.configuration
        let mutator = try SeedNoteMutator(repository: repositoryRoot())
        let clock = ContinuousClock()
        let start = clock.now
        var results: [FuzzResult] = []
        try await withThrowingTaskGroup(of: FuzzResult.self) { group in
            let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
            var next = 0
            func add() {
                let caseSeed = seed &+ UInt64(next)
                next += 1
                group.addTask { try await Self.run(mutator.mutant(seed: caseSeed), seed: caseSeed) }
            }
            while next < min(width, cases) { add() }
            while let result = try await group.next() {
                results.append(result)
                if next < cases { add() }
            }
        }
        results.sort { $0.seed < $1.seed }
        let crashes = results.filter(\.crashed)
        let failures = results.filter { !$0.crashed && !$0.failures.isEmpty }
        let messages = results.filter { !$0.messageFindings.isEmpty }
        for result in crashes + failures {
            Issue.record(
                """
                fuzz case failed: seed \(hex(result.seed)) (replay: NOTES_FUZZ_SEED=\(hex(result.seed)) NOTES_FUZZ_CASES=1)
                mutations: \(result.steps.joined(separator: "; "))
                \(result.failures.joined(separator: "\n"))
                project kept at \(result.keptAt ?? "-")
                """)
        }
        for result in messages {
            Issue.record(
                """
                fuzz case gave an error without help or with raw text: seed \(hex(result.seed)) \
                (replay: NOTES_FUZZ_SEED=\(hex(result.seed)) NOTES_FUZZ_CASES=1)
                mutations: \(result.steps.joined(separator: "; "))
                \(result.messageFindings.joined(separator: "\n"))
                """)
        }
        let seconds = Double((clock.now - start).components.seconds)
        print(
            """
            fuzz: seed \(hex(seed)), \(results.count) cases, \(results.count * 2) commands in \(String(format: "%.1f", seconds)) s
            fuzz: builds that failed (exit 1): \(results.filter { $0.buildStatus == 1 }.count); checks that failed: \(results.filter { $0.checkStatus == 1 }.count)
            fuzz: crashes (signal or hang): \(crashes.count)
            fuzz: other failures: \(failures.count)
            fuzz: cases with a diagnostic lacking `help:` or with raw error text: \(messages.count)
            fuzz: failing seeds: \(Set((crashes + failures + messages).map(\.seed)).sorted().map(hex).joined(separator: " "))
            """)
        for result in messages.prefix(20) {
            print("fuzz: message finding \(hex(result.seed)): \(result.messageFindings.first ?? "")")
        }
        var distinct: [String: UInt64] = [:]
        for result in messages {
            for finding in result.messageFindings {
                let key = Self.shape(of: finding)
                if distinct[key] == nil { distinct[key] = result.seed }
            }
        }
        for (key, seed) in distinct.sorted(by: { $0.key < $1.key }) { print("fuzz: message kind \(hex(seed)): \(key)") }
    }

    /// A finding without its numbers and quoted values, to group message findings by kind.
    static func shape(of finding: String) -> String {
        var text = finding.replacingOccurrences(of: #"\d+"#, with: "N", options: .regularExpression)
        text = text.replacingOccurrences(of: #""[^"]*""#, with: "\"…\"", options: .regularExpression)
        text = text.replacingOccurrences(of: #"'[^']*'"#, with: "'…'", options: .regularExpression)
        return String(text.prefix(160))
    }

    static func run(_ mutant: Mutant, seed: UInt64) async throws -> FuzzResult {
        let scratch = try await ScratchProject.make()
        var result = FuzzResult(seed: seed, steps: mutant.steps)
        try mutant.note.write(to: scratch.url(Corpus.seed))
        if let listing = mutant.listing { try listing.write(to: scratch.url(Corpus.seedListing)) }

        let beforeBuild = try scratch.keptFiles()
        let build = try await scratch.notes(["build"])
        let afterBuild = try scratch.keptFiles()
        result.buildStatus = build.status
        result.judge(
            build,
            changes: keptFileChanges(before: beforeBuild, after: afterBuild).filter {
                !$0.hasPrefix("site/") || build.status != 0
            })

        let check = try await scratch.notes(["check", "--no-replay"])
        result.checkStatus = check.status
        result.judge(check, changes: keptFileChanges(before: afterBuild, after: try scratch.keptFiles()))

        if result.crashed || !result.failures.isEmpty {
            result.keptAt = scratch.root.path
        } else {
            scratch.remove()
        }
        return result
    }
}

struct FuzzResult: Sendable {
    var seed: UInt64
    var steps: [String]
    var buildStatus: Int32 = 0
    var checkStatus: Int32 = 0
    var crashed = false
    var failures: [String] = []
    var messageFindings: [String] = []
    var keptAt: String?

    mutating func judge(_ outcome: NotesOutcome, changes: [String]) {
        let command = "notes \(outcome.arguments.joined(separator: " "))"
        if outcome.crashed {
            crashed = true
            failures.append("\(command) crashed\n\(outcome.transcript)")
            return
        }
        if outcome.status != 0 && outcome.status != 1 {
            failures.append("\(command) exited \(outcome.status)\n\(outcome.transcript)")
        }
        if outcome.status == 1 {
            if outcome.stderr.isEmpty {
                failures.append("\(command) exited 1 with nothing on stderr\n\(outcome.transcript)")
            } else if DiagnosticRules.errors(in: outcome.stderr).isEmpty {
                failures.append("\(command) exited 1 with no `error:` line\n\(outcome.transcript)")
            }
        }
        if !changes.isEmpty {
            failures.append("\(command) (exit \(outcome.status)) changed files it must keep: \(changes.prefix(10))\n\(outcome.transcript)")
        }
        messageFindings += DiagnosticRules.problems(in: outcome.stderr).map { "\(command): \($0)" }
    }
}

func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
