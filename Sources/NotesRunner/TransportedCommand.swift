import Dispatch
import Foundation
import NotesDiagnostics
import NotesTransport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Any command run against its own loopback Messages API (`notes exec`): the command gets
/// `ANTHROPIC_BASE_URL` and a per-run token, never the real key; its standard streams are ours.
///
/// SIGTERM and SIGHUP are passed on to the command; those or Ctrl-C mark the run as interrupted,
/// and an interrupted recording is not written, so the previous cassette stays intact.
package struct TransportedCommand: Sendable {
    /// The command and its arguments; the first is looked up on the command's PATH.
    package var argv: [String]
    package var directory: URL
    package var configuration: TransportConfiguration

    package init(argv: [String], directory: URL, configuration: TransportConfiguration) {
        self.argv = argv
        self.directory = directory
        self.configuration = configuration
    }

    /// How the command ended.
    package struct Outcome: Sendable {
        /// Its exit status, 128 + the signal when a signal ended it.
        package var status: Int32
        /// Ctrl-C, SIGTERM or SIGHUP arrived while it ran.
        package var interrupted: Bool
        /// What passed through the transport; nil when interrupted (nothing was written).
        package var report: TransportReport?
    }

    /// Starts the transport, runs the command with `environment` (credentials removed, the
    /// transport's variables added), waits for it, and stops the transport.
    package func run(inheriting environment: [String: String]) async throws -> Outcome {
        let session = try await TransportSession.start(configuration)
        let ended: (status: Int32, interrupted: Bool)
        do {
            ended = try await runChild(environment: session.environment(inheriting: environment))
        } catch {
            await session.cancel()
            throw error
        }
        if ended.interrupted {
            await session.cancel()
            return Outcome(status: ended.status, interrupted: true, report: nil)
        }
        return Outcome(status: ended.status, interrupted: false, report: try await session.stop())
    }

    private func runChild(environment: [String: String]) async throws -> (status: Int32, interrupted: Bool) {
        let executable = try ProcessSpec.resolve(
            argv[0], path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", directory: directory)
        let interrupted = Latch()
        // The command stays in our process group, so the terminal's Ctrl-C reaches it directly.
        let process = try SpawnedProcess.spawn(
            ProcessSpec(
                executable: executable, arguments: Array(argv.dropFirst()), environment: environment, directory: directory,
                streams: .inherit, newProcessGroup: false))
        let forwarded = [SIGINT, SIGTERM, SIGHUP]
        let signals = forwarded.map { number -> any DispatchSourceSignal in
            // A no-op handler rather than SIG_IGN, so the default action cannot end `notes` before
            // the child has ended and the session has been closed properly.
            signal(number) { _ in }
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler {
                interrupted.raise()
                // Ctrl-C already reaches the command through the terminal's process group; sending
                // it again would interrupt the command's own clean-up.
                if number != SIGINT { process.signalGroup(number) }
            }
            source.resume()
            return source
        }
        defer {
            for source in signals { source.cancel() }
            for number in forwarded { signal(number, SIG_DFL) }
        }
        let status = await process.wait().status
        let signalNumber = status & 0x7F
        if signalNumber != 0 {
            if forwarded.contains(signalNumber) { interrupted.raise() }
            return (128 + signalNumber, interrupted.isRaised)
        }
        return ((status >> 8) & 0xFF, interrupted.isRaised)
    }
}
