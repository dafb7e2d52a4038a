// swift-tools-version: 6.2
// `notes`: publishes field notes about LLM agents whose listings really run.
// Dependencies point one way: CLI -> {Preview, Site, Runner}; Preview -> Site -> Render -> Markdown -> CCMark; Runner -> Transport.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "notes",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "notes", targets: ["notes"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // MARK: - C interop (libcmark 0.30, Debian libcmark-dev)
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),

        // MARK: - Pipeline stages
        // Shared by every stage: source locations and the `path:line:col: error:` format.
        .target(name: "NotesDiagnostics", swiftSettings: strict),
        .target(
            name: "NotesMarkdown",
            dependencies: ["NotesDiagnostics", "CCMark", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "NotesRender",
            dependencies: ["NotesDiagnostics", "NotesMarkdown", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        .target(
            name: "NotesTransport",
            dependencies: [
                "NotesDiagnostics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NotesRunner",
            dependencies: ["NotesTransport"],
            swiftSettings: strict
        ),
        .target(
            name: "NotesSite",
            dependencies: ["NotesDiagnostics", "NotesMarkdown", "NotesRender", "NotesRunner"],
            swiftSettings: strict
        ),
        // `notes serve`: the site over loopback HTTP, rebuilt on change, with live reload.
        .target(
            name: "NotesPreview",
            dependencies: [
                "NotesSite",
                "NotesRender",
                "NotesTransport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NotesCLI",
            dependencies: [
                "NotesSite",
                "NotesPreview",
                "NotesRunner",
                "NotesTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "notes", dependencies: ["NotesCLI"], swiftSettings: strict),

        // MARK: - Tests
        // Golden-file helpers shared by the test targets.
        .target(name: "NotesTestSupport", path: "Tests/NotesTestSupport", swiftSettings: strict),
        .testTarget(name: "NotesDiagnosticsTests", dependencies: ["NotesDiagnostics", "NotesTestSupport"], swiftSettings: strict),
        .testTarget(name: "NotesMarkdownTests", dependencies: ["NotesMarkdown", "NotesTestSupport"], swiftSettings: strict),
        .testTarget(name: "NotesRenderTests", dependencies: ["NotesRender", "NotesTestSupport"], exclude: ["Fixtures", "Snapshots"], swiftSettings: strict),
        .testTarget(
            name: "NotesTransportTests",
            dependencies: ["NotesTransport", "NotesRunner", "NotesTestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            exclude: ["Fixtures", "Snapshots"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NotesRunnerTests", dependencies: ["NotesRunner", "NotesTransport", "NotesTestSupport"], exclude: ["Fixtures", "Snapshots"],
            swiftSettings: strict),
        .testTarget(
            name: "NotesCLITests", dependencies: ["NotesRunner", "NotesTestSupport"], exclude: ["Snapshots"], swiftSettings: strict),
        .testTarget(name: "NotesPreviewTests", dependencies: ["NotesPreview", "NotesTestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "NotesSiteTests", dependencies: ["NotesSite", "NotesRunner", "NotesTestSupport"], exclude: ["Fixtures", "Snapshots"], swiftSettings: strict),
    ]
)
