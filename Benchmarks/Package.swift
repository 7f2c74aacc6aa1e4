// swift-tools-version: 6.2
import Foundation
import PackageDescription

/// A path dependency's identity is its directory name, which depends on where the repository is cloned.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "RevenueBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FoundationBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Money", package: root),
                .product(name: "Expressions", package: root),
                .product(name: "Definitions", package: root),
                .product(name: "Catalog", package: root),
            ],
            path: "Benchmarks/FoundationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .target(
            name: "BenchmarkFixtures",
            dependencies: [
                .product(name: "Money", package: root),
                .product(name: "Expressions", package: root),
                .product(name: "Definitions", package: root),
                .product(name: "Pricing", package: root),
            ],
            path: "Benchmarks/BenchmarkFixtures"
        ),
        .executableTarget(
            name: "PricingBenchmarks",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Money", package: root),
                .product(name: "Expressions", package: root),
                .product(name: "Definitions", package: root),
                .product(name: "Pricing", package: root),
            ],
            path: "Benchmarks/PricingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "StorageBenchmarks",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Pricing", package: root),
                .product(name: "Storage", package: root),
                .product(name: "StorageSQLite", package: root),
                .product(name: "StoragePostgres", package: root),
                .product(name: "Quoting", package: root),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/StorageBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
