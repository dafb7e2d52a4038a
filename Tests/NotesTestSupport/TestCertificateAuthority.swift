import Foundation

/// A throwaway certificate authority and a server certificate it signed for `127.0.0.1` and
/// `localhost`, made with the `openssl` command for one test: how a test reaches an HTTPS stand-in
/// without trusting anything the system does not already trust.
public struct TestCertificateAuthority: Sendable {
    /// The authority's certificate (PEM): what a client must be told to trust.
    public let certificate: URL
    /// The server's certificate and key (PEM), signed by the authority.
    public let serverCertificate: URL
    public let serverKey: URL

    /// Makes a new authority and server certificate in a temporary folder.
    public static func make() throws -> TestCertificateAuthority {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notes-test-ca-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        try Data("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n".utf8).write(
            to: folder.appendingPathComponent("server.ext"))
        try openssl([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=notes test CA",
            "-keyout", path("ca.key"), "-out", path("ca.pem"),
        ])
        try openssl([
            "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", path("server.key"), "-out", path("server.csr"),
        ])
        try openssl([
            "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-CAcreateserial",
            "-days", "2", "-extfile", path("server.ext"), "-out", path("server.pem"),
        ])
        return TestCertificateAuthority(
            certificate: folder.appendingPathComponent("ca.pem"), serverCertificate: folder.appendingPathComponent("server.pem"),
            serverKey: folder.appendingPathComponent("server.key"))
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StandInFailure(message: "openssl \(arguments.first ?? "") failed; is the openssl command installed?")
        }
    }
}
