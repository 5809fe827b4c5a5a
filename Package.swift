// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "h20q",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "h20q", targets: ["h20q"]),
        .library(name: "H20QCore", targets: ["H20QCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
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
        .target(
            name: "H20QCore",
            dependencies: [
                "CLibXML2",
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "h20q",
            dependencies: [
                "H20QCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "h20q-bench",
            dependencies: [
                "H20QCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "H20QCoreTests",
            dependencies: ["H20QCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "h20qTests",
            dependencies: ["h20q"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
