// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Synergia",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "synergia", targets: ["synergia"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Already under Hummingbird, SQLKit and PostgresKit; named here because our own code imports them.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(name: "SynergiaCore"),
        // Knowledge-base search functions for SQLite's FTS5 (C: FTS5 calls them once per match).
        .target(name: "CSQLiteSearch", linkerSettings: [.linkedLibrary("m")]),
        .target(
            name: "SynergiaStore",
            dependencies: [
                "SynergiaCore",
                "CSQLiteSearch",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "SynergiaReference",
            dependencies: [
                "SynergiaCore", "SynergiaStore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // GEOS, GDAL and PROJ from Debian (libgeos-dev, libgdal-dev, libproj-dev).
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        // GEOS, GDAL and PROJ wrappers: the one GDAL set-up, the one way a user's file is opened,
        // vector and raster I/O, map layers and the one spatial error type (GeoError).
        .target(name: "SynergiaGeoBindings", dependencies: ["CGEOS", "CGDAL", "CPROJ"]),
        // The protected-area and KBA coverage engine on the country's own files.
        .target(name: "SynergiaCoverage", dependencies: ["SynergiaGeoBindings"]),
        // The SDG 15.3.1 land-degradation engine on the country's own rasters.
        .target(name: "SynergiaLand", dependencies: ["SynergiaGeoBindings", "SynergiaCore"]),
        // Generated demonstration inputs for both engines (the engines never depend on it).
        .target(name: "SynergiaDemoData", dependencies: ["SynergiaGeoBindings", "SynergiaCoverage", "SynergiaLand", "SynergiaCore"]),
        // Runs the engines for a workspace and stores runs and results as series.
        .target(
            name: "SynergiaComputations",
            dependencies: [
                "SynergiaCore", "SynergiaStore", "SynergiaGeoBindings", "SynergiaCoverage", "SynergiaLand", "SynergiaXLSX",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Office Open XML workbooks: no domain knowledge, used by reports and engine tables.
        .target(name: "SynergiaXLSX", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "SynergiaReporting",
            dependencies: [
                "SynergiaCore", "SynergiaStore", "SynergiaReference", "SynergiaXLSX",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The knowledge base's services (import, search, tagging, decision tracking) and importers
        // (text, HTML, DOCX, PDF through pdftotext, JSON interchange).
        .target(
            name: "SynergiaKnowledge",
            dependencies: [
                "SynergiaCore", "SynergiaStore", "SynergiaReporting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "SynergiaServer",
            dependencies: [
                "SynergiaKnowledge",
                "SynergiaCore", "SynergiaStore", "SynergiaReference", "SynergiaReporting", "SynergiaGeoBindings", "SynergiaCoverage", "SynergiaLand", "SynergiaComputations", "SynergiaXLSX",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Page templates and the stylesheet: served by Synergia itself, no CDN.
            resources: [.copy("Views"), .copy("Assets")]
        ),
        .executableTarget(
            name: "synergia",
            dependencies: [
                "SynergiaCore", "SynergiaStore", "SynergiaReference", "SynergiaReporting", "SynergiaServer", "SynergiaGeoBindings", "SynergiaCoverage", "SynergiaLand", "SynergiaDemoData", "SynergiaComputations",
                "SynergiaKnowledge", "SynergiaXLSX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Databases for tests: a SQLite file or a fresh PostgreSQL database each.
        .target(
            name: "SynergiaTestSupport",
            dependencies: ["SynergiaCore", "SynergiaStore", "SynergiaReference", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "SynergiaCoreTests", dependencies: ["SynergiaCore"]),
        .testTarget(name: "SynergiaStoreTests", dependencies: ["SynergiaStore", "SynergiaCore", "SynergiaTestSupport", .product(name: "SQLKit", package: "sql-kit"), .product(name: "NIOPosix", package: "swift-nio")]),
        .testTarget(name: "SynergiaReferenceTests", dependencies: ["SynergiaReference", "SynergiaStore", "SynergiaCore", "SynergiaTestSupport"]),
        .testTarget(
            name: "SynergiaServerTests",
            dependencies: [
                "SynergiaServer", "SynergiaStore", "SynergiaReference", "SynergiaReporting", "SynergiaTestSupport", "SynergiaGeoBindings", "SynergiaDemoData",
                "SynergiaCore", "SynergiaXLSX",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "SynergiaCLITests", dependencies: ["SynergiaTestSupport", "SynergiaStore", "SynergiaCore"]),
        .testTarget(name: "SynergiaXLSXTests", dependencies: ["SynergiaXLSX", "SynergiaCore", "SynergiaTestSupport"]),
        .testTarget(name: "SynergiaGeoTests", dependencies: ["SynergiaCoverage", "SynergiaGeoBindings", "SynergiaDemoData", "SynergiaCore"]),
        .testTarget(name: "SynergiaLandTests", dependencies: ["SynergiaLand", "SynergiaGeoBindings", "SynergiaDemoData", "SynergiaTestSupport"]),
        .testTarget(name: "SynergiaComputationsTests", dependencies: ["SynergiaComputations", "SynergiaCoverage", "SynergiaGeoBindings", "SynergiaDemoData", "SynergiaStore", "SynergiaCore", "SynergiaReference", "SynergiaTestSupport", "SynergiaXLSX"]),
        .testTarget(name: "SynergiaKnowledgeTests", dependencies: ["SynergiaKnowledge", "SynergiaStore", "SynergiaCore", "SynergiaTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "SynergiaReportingTests", dependencies: ["SynergiaReporting", "SynergiaStore", "SynergiaCore", "SynergiaReference", "SynergiaTestSupport", "SynergiaXLSX", .product(name: "Yams", package: "Yams")]),
    ]
)
