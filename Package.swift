// swift-tools-version: 6.2
// `notes`: publishes field notes about LLM agents whose listings really run.
// Dependencies point one way: CLI -> Site -> Render -> Markdown -> CCMark (Runner and Transport arrive with `notes run`).
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
            name: "NotesSite",
            dependencies: ["NotesDiagnostics", "NotesMarkdown", "NotesRender"],
            swiftSettings: strict
        ),
        .target(
            name: "NotesCLI",
            dependencies: [
                "NotesSite",
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
        .testTarget(name: "NotesSiteTests", dependencies: ["NotesSite", "NotesTestSupport"], exclude: ["Snapshots"], swiftSettings: strict),
    ]
)
