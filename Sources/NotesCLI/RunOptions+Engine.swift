import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesRunner
import NotesTransport

extension RunOptions {
    /// Takes the engine's key (from the environment, else the project's `.env`) and any extra
    /// certificate authorities, for a mode that talks to the engine. Without a key, prints `missing`
    /// and exits 1: before anything is set up (a Python environment takes a while), not per listing.
    mutating func takeEngineCredentials(projectRoot: URL, orRefuseWith missing: Diagnostic) throws {
        let environment = ProcessInfo.processInfo.environment
        engineKey = EngineKey.find(environment: environment, dotEnvFolder: projectRoot)
        certificateAuthorities = EngineKey.certificateAuthorities(in: environment)
        guard engineKey == nil else { return }
        DiagnosticPrinter().print(missing)
        throw ExitCode(1)
    }
}
