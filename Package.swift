// swift-tools-version:6.1
import PackageDescription

// Modules by stage; every dependency points down:
//
//   h20q (CLI)              h20q-bench
//     |     \   \               |
//     |   H20QServer  \          |   (the daemon: QueryAPI over HTTP/1.1 on a Unix socket)
//     |     /          \         |
//   H20QSearch        H20QIngest -+
//          \           /
//           H20QStore        (all SQL; GRDB; CTokenReplay: recorded tokens handed to FTS5)
//             |
//         H20QInput        (readers, formats, dates, JSON; libxml2, zlib)
//             |
//         H20QDedup        (normalizer, shingles, MinHash, LSH, rule, matching: pure Swift)
let package = Package(
    name: "h20q",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "h20q", targets: ["h20q"]),
        .library(name: "H20QSearch", targets: ["H20QSearch"]),
        .library(name: "H20QIngest", targets: ["H20QIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // glibc's allocator settings (an ingest's large blocks given back when freed).
        .systemLibrary(name: "CMallocConfig"),
        .systemLibrary(
            name: "CSQLiteConfig",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The full-text insert's tokens, recorded once and replayed (TokenRecording).
        .target(name: "CTokenReplay", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "H20QDedup"),
        .target(name: "H20QInput", dependencies: ["H20QDedup", "CLibXML2", "CZlib"]),
        .target(
            name: "H20QStore",
            dependencies: [
                "H20QDedup", "H20QInput", "CSQLiteConfig", "CTokenReplay",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "H20QIngest", dependencies: ["H20QDedup", "H20QInput", "H20QStore", "CMallocConfig"]),
        .target(name: "H20QSearch", dependencies: ["H20QDedup", "H20QInput", "H20QStore"]),
        .target(
            name: "H20QServer",
            dependencies: [
                "H20QInput", "H20QStore", "H20QSearch",
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "h20q",
            dependencies: [
                "H20QIngest", "H20QSearch", "H20QServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "h20q-bench",
            dependencies: [
                "H20QIngest", "H20QSearch", "H20QServer", "H20QFixtures",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Deterministic text, seeded numbers and temporary folders for the tests and benchmarks.
        .target(name: "H20QFixtures", dependencies: ["H20QDedup"], path: "Tests/H20QFixtures"),
        .testTarget(
            name: "H20QTests",
            dependencies: [
                "H20QDedup", "H20QInput", "H20QStore", "H20QIngest", "H20QSearch", "H20QFixtures", "CSQLiteConfig",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "H20QServerTests",
            dependencies: ["H20QServer", "H20QSearch", "H20QStore", "H20QIngest", "H20QFixtures"]
        ),
        .testTarget(
            name: "h20qTests",
            dependencies: ["h20q", "H20QServer", "H20QFixtures"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
