// swift-tools-version: 6.2
// `notes`: publishes field notes about LLM agents whose listings really run.
// Dependencies point one way (ARCHITECTURE.md has the picture):
//   notes -> CLI -> {Project, Preview}; Project -> {Site, Runner}; Preview -> {Project, Site, Loopback};
//   Site -> {Render, Markdown, Records}; Render -> {Markdown, Records}; Markdown -> CCMark;
//   Runner -> {Transport, Records}; Transport -> {Loopback, Records}; Diagnostics under all.
// `NotesSite` links no networking: building a site never needs SwiftNIO.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "notes",
    // macOS 15: Synchronization's `Mutex`, which the output writer and the process layer use.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "notes", targets: ["notes"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The servers need only HummingbirdCore; no default traits (swift-configuration, full Foundation).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // MARK: - C interop (libcmark 0.30, Debian libcmark-dev)
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // MARK: - C interop for the engine leg (libcurl 7.68+, zlib; Debian libcurl4-openssl-dev, zlib1g-dev)
        // libcurl's headers only: it is opened at run time by record and live mode (CurlLibrary.swift), not linked.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Linux calls Swift's Glibc module leaves out (pipe2, prctl, renameat2), headers only.
        .systemLibrary(name: "CPlatform"),

        // MARK: - Pipeline stages
        // Shared by every stage: source locations, the `path:line:col: error:` format, the stage-error shape.
        .target(name: "NotesDiagnostics", swiftSettings: strict),
        // The records a run leaves (transcripts, stored runs, byte-faithful JSON) and what pages draw from them.
        .target(name: "NotesRecords", dependencies: ["NotesDiagnostics"], swiftSettings: strict),
        .target(
            name: "NotesMarkdown",
            dependencies: ["NotesDiagnostics", "CCMark", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "NotesRender",
            dependencies: [
                "NotesDiagnostics", "NotesMarkdown", "NotesRecords", .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NotesSite",
            dependencies: ["NotesDiagnostics", "NotesMarkdown", "NotesRender", "NotesRecords", "CPlatform"],
            swiftSettings: strict
        ),
        // One HTTP/1.1 server on loopback, for the transport and for `notes serve`.
        .target(
            name: "NotesLoopback",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NotesTransport",
            dependencies: [
                "NotesDiagnostics", "NotesRecords", "NotesLoopback", "CCurl", "CZlib",
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NotesRunner",
            dependencies: ["NotesDiagnostics", "NotesRecords", "NotesTransport", "CPlatform"],
            resources: [.embedInCode("Resources/sitecustomize.py")],
            swiftSettings: strict
        ),
        // What commands do to a whole project: find its listings, check it, run them in a batch.
        .target(
            name: "NotesProject",
            dependencies: [
                "NotesDiagnostics", "NotesMarkdown", "NotesRender", "NotesRecords", "NotesSite", "NotesRunner", "NotesTransport",
            ],
            swiftSettings: strict
        ),
        // `notes serve`: the site over loopback HTTP, rebuilt on change, with live reload and live runs.
        .target(
            name: "NotesPreview",
            dependencies: [
                "NotesDiagnostics", "NotesRecords", "NotesSite", "NotesLoopback", "NotesProject", "NotesRunner", "CPlatform",
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NotesCLI",
            dependencies: [
                "NotesDiagnostics", "NotesMarkdown", "NotesRecords", "NotesSite", "NotesTransport", "NotesRunner",
                "NotesProject", "NotesPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "notes", dependencies: ["NotesCLI"], swiftSettings: strict),

        // MARK: - Tests
        // Golden-file helpers shared by the test targets.
        .target(name: "NotesTestSupport", path: "Tests/NotesTestSupport", swiftSettings: strict),
        .testTarget(
            name: "NotesDiagnosticsTests", dependencies: ["NotesDiagnostics", "NotesTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "NotesRecordsTests", dependencies: ["NotesRecords", "NotesTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "NotesMarkdownTests", dependencies: ["NotesDiagnostics", "NotesMarkdown", "NotesTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "NotesRenderTests",
            dependencies: ["NotesDiagnostics", "NotesMarkdown", "NotesRecords", "NotesRender", "NotesTestSupport"],
            exclude: ["Fixtures", "Snapshots"], swiftSettings: strict),
        .testTarget(
            name: "NotesTransportTests",
            dependencies: ["NotesDiagnostics", "NotesRecords", "NotesTransport", "NotesRunner", "NotesTestSupport"],
            exclude: ["Fixtures", "Snapshots"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NotesRunnerTests",
            dependencies: ["NotesDiagnostics", "NotesRecords", "NotesRunner", "NotesTransport", "NotesTestSupport"],
            exclude: ["Fixtures", "Snapshots"], swiftSettings: strict),
        .testTarget(
            name: "NotesCLITests", dependencies: ["NotesRecords", "NotesRunner", "NotesTestSupport"], exclude: ["Snapshots"],
            swiftSettings: strict),
        .testTarget(
            name: "NotesPreviewTests", dependencies: ["NotesDiagnostics", "NotesPreview", "NotesRunner", "NotesSite", "NotesTestSupport"],
            exclude: ["Fixtures"], swiftSettings: strict),
        // Builds sites without linking SwiftNIO: a stored run is a record, not a process.
        .testTarget(
            name: "NotesSiteTests",
            dependencies: ["NotesDiagnostics", "NotesMarkdown", "NotesRecords", "NotesRender", "NotesSite", "NotesTestSupport"],
            exclude: ["Fixtures", "Snapshots"], swiftSettings: strict),
    ]
)
