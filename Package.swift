// swift-tools-version: 6.0
import PackageDescription

/// `warehouse`: audience segmentation on SQLite.
///
/// Module map (each folder one role; only `Storage` sees the C API):
/// - `CSQLite`: the system libsqlite3, reached only from `Storage`.
/// - `Storage`: a thin wrapper over the SQLite C API (connection, statement, transaction, migrator).
/// - `WarehouseSchema`: the ordered SQL migrations in `migrations/`, embedded in the binary.
/// - `Randomness`: small seedable generators shared by the generator and the analysis.
/// - `Population`: the synthetic population generator (pure, no SQLite).
/// - `Analysis`: numeric kernels: standardisation, PCA, k-means, silhouette, knee, ARI (pure).
/// - `Charts`: SVG charts (pure).
/// - `WarehouseSupport`: small shared helpers (prefetching, printable text, sorted merges, SHA-256).
/// - `WarehouseTables`: the store (opening rules, transactions, errors), every table's SQL, the
///   typed, range-checked rows and the values stored in them. The only module that uses `Storage`.
/// - `WarehouseKit`: the jobs, one per command, that connect the tables with the generator, the
///   analysis and the charts. It cannot reach a connection or write SQL.
/// - `warehouse`: the command-line interface, a thin layer over `WarehouseKit`.
let package = Package(
    name: "warehouse",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "warehouse", targets: ["warehouse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "Storage", dependencies: ["CSQLite"]),
        .target(
            name: "WarehouseSchema",
            dependencies: ["Storage"],
            path: "migrations",
            sources: ["Migrations.swift"],
            resources: [
                .embedInCode("0001_core.sql"),
                .embedInCode("0002_segmentation.sql"),
                .embedInCode("0003_targeting.sql"),
                .embedInCode("0004_exchange.sql"),
                .embedInCode("0005_latent_class.sql"),
                .embedInCode("0006_campaigns.sql"),
                .embedInCode("0007_latent_class_covariates.sql"),
                .embedInCode("0008_import.sql"),
                .embedInCode("0009_interactions.sql"),
                .embedInCode("0010_evaluations.sql"),
                .embedInCode("0011_demographics.sql"),
                .embedInCode("0012_one_lift.sql"),
                .embedInCode("0013_latest_segments_names.sql"),
                .embedInCode("0014_interaction_packs.sql"),
            ]
        ),
        .target(name: "Randomness"),
        .target(name: "Population", dependencies: ["Randomness"]),
        .target(name: "Analysis", dependencies: ["Randomness"]),
        .target(name: "Charts"),
        .target(name: "WarehouseSupport"),
        .target(
            name: "WarehouseTables",
            dependencies: ["Storage", "WarehouseSchema", "WarehouseSupport", "Population", "Analysis"]
        ),
        .target(
            name: "WarehouseKit",
            dependencies: ["WarehouseTables", "WarehouseSupport", "Randomness", "Population", "Analysis", "Charts"]
        ),
        .executableTarget(
            name: "warehouse",
            dependencies: [
                "WarehouseKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"]),
        .testTarget(name: "PopulationTests", dependencies: ["Population"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Population", "Randomness"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "WarehouseKitTests", dependencies: ["WarehouseKit", "WarehouseTables", "WarehouseSupport", "Storage", "WarehouseSchema", "Randomness", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["warehouse", "WarehouseTables", "Storage", "TestSupport"]),
        .testTarget(name: "ReportBrowserTests", dependencies: ["WarehouseKit", "WarehouseTables", "Storage", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
