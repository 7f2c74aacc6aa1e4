// swift-tools-version: 6.2
import PackageDescription

/// Compiler settings shared by every target (STYLE.md rule 22).
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "revenue",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "revenue", targets: ["RevenueCLI"]),
        .library(name: "Money", targets: ["Money"]),
        .library(name: "Expressions", targets: ["Expressions"]),
        .library(name: "Definitions", targets: ["Definitions"]),
        .library(name: "Catalog", targets: ["Catalog"]),
        .library(name: "Pricing", targets: ["Pricing"]),
        .library(name: "Rating", targets: ["Rating"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "StorageSQLite", targets: ["StorageSQLite"]),
        .library(name: "StoragePostgres", targets: ["StoragePostgres"]),
        .library(name: "Publishing", targets: ["Publishing"]),
        .library(name: "Quoting", targets: ["Quoting"]),
        .library(name: "Metering", targets: ["Metering"]),
        .library(name: "RevenueServer", targets: ["RevenueServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The HTTP server; its swift-configuration support is not used, so its traits are off.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "Money", swiftSettings: settings),
        /// The allocator setting behind HeapPolicy (glibc's mallopt is not in the Glibc module).
        .target(name: "CPlatform"),
        .target(name: "Expressions", dependencies: ["Money"], swiftSettings: settings),
        .target(
            name: "Definitions",
            dependencies: ["Money", "Expressions", .product(name: "Yams", package: "Yams")],
            swiftSettings: settings
        ),
        .target(name: "Catalog", dependencies: ["Money", "Expressions", "Definitions"], swiftSettings: settings),
        .target(
            name: "Pricing", dependencies: ["Money", "Expressions", "Definitions", "Catalog", "CPlatform"], swiftSettings: settings
        ),
        .target(
            name: "Rating", dependencies: ["Money", "Expressions", "Definitions", "Catalog", "Pricing", "CPlatform"],
            swiftSettings: settings
        ),
        .target(
            name: "Storage",
            dependencies: ["Definitions", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: settings
        ),
        .target(
            name: "StorageSQLite",
            dependencies: [
                "Storage", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "StoragePostgres",
            dependencies: [
                "Storage", "Money",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "Publishing",
            dependencies: ["Definitions", "Catalog", "Pricing", "Rating", "Storage"],
            swiftSettings: settings
        ),
        .target(
            name: "Quoting",
            dependencies: ["Money", "Definitions", "Pricing", "Storage", "Publishing"],
            swiftSettings: settings
        ),
        .target(
            name: "Metering",
            dependencies: ["Money", "Definitions", "Rating", "Storage", "Publishing"],
            swiftSettings: settings
        ),
        .target(
            name: "RevenueServer",
            dependencies: [
                "Money", "Expressions", "Definitions", "Catalog", "Pricing", "Rating", "Storage", "Publishing", "Quoting", "Metering",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("OpenAPI/openapi.yaml")],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "RevenueCLI",
            dependencies: [
                "Money", "Expressions", "Definitions", "Catalog", "Pricing", "Rating", "Storage", "StorageSQLite", "StoragePostgres", "Publishing", "Quoting", "Metering", "RevenueServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "MoneyTests",
            dependencies: ["Money", .product(name: "BigInt", package: "BigInt")],
            swiftSettings: settings
        ),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions"], swiftSettings: settings),
        .testTarget(name: "DefinitionsTests", dependencies: ["Definitions"], swiftSettings: settings),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog"], swiftSettings: settings),
        .testTarget(name: "PricingTests", dependencies: ["Pricing"], swiftSettings: settings),
        .testTarget(name: "RatingTests", dependencies: ["Rating"], swiftSettings: settings),
        .testTarget(
            name: "StorageTests", dependencies: ["Money", "Definitions", "Catalog", "Pricing", "Storage", "StorageSQLite", "StoragePostgres", "Publishing", "Quoting", "RevenueTestSupport"], swiftSettings: settings
        ),
        .target(name: "RevenueTestSupport", path: "Tests/RevenueTestSupport", swiftSettings: settings),
        .testTarget(name: "RevenueServerTests", dependencies: ["RevenueServer", "Definitions"], swiftSettings: settings),
        .testTarget(
            name: "RevenueCLITests", dependencies: ["RevenueCLI", "Storage", "StorageSQLite", "StoragePostgres", "RevenueTestSupport"], swiftSettings: settings
        ),
    ]
)
