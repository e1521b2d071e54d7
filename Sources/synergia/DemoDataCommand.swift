import ArgumentParser
import Foundation
import SynergiaCoverage
import SynergiaDemoData

struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data", abstract: "Generate realistic test and demo data (never real data).", subcommands: [ProtectedAreas.self, Land.self])

    struct ProtectedAreas: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "protected-areas",
            abstract: "Write a WDPA-like GeoPackage: nested and overlapping sites, points with REP_AREA, invalid geometries, every STATUS, transboundary sites, with land and EEZ layers.")
        @Option(help: "Output file (.gpkg).") var out: String
        @Option(help: "Sites per country.") var sites = 200
        @Option(help: "Random seed: the same seed writes the same file.") var seed: UInt64 = 1
        @Option(help: "Comma-separated ISO3 codes, laid out west to east along one coast.") var countries = "AAA,BBB"
        @Option(help: "legacy (until Oct 2025) or 2025 (from Nov 2025) attribute names.") var schema = "legacy"

        func run() async throws {
            try await userFacing {
                let version: WDPASchemaVersion = schema == "2025" ? .nov2025 : .legacy
                try FileManager.default.createDirectory(at: URL(fileURLWithPath: out).deletingLastPathComponent(), withIntermediateDirectories: true)
                if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
                let summary = try geoErrorsSync {
                    try ProtectedAreaGenerator(seed: seed).write(to: out, sites: sites, countries: countries.split(separator: ",").map { String($0).uppercased() }, schema: version)
                }
                print("Wrote \(summary.path): \(summary.polygons) polygons, \(summary.points) points for \(summary.countries.joined(separator: ", ")); layers \(summary.layers.joined(separator: ", ")).")
            }
        }
    }

    struct Land: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write consistent, spatially structured rasters (land cover years, annual NDVI with trends, SOC) and an AOI polygon, plus inputs.json for `synergia land run --inputs`.")
        @Option(help: "Raster size as WIDTHxHEIGHT (square), e.g. 1000x1000.") var size = "1000x1000"
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Output folder.") var out: String

        func run() async throws {
            try await userFacing {
                let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2, parts[0] == parts[1], parts[0] >= 16 else { throw ValidationError("--size must be NxN with N ≥ 16, e.g. 1000x1000") }
                let folder = URL(fileURLWithPath: out)
                let written = try geoLand { try LandDataGenerator(seed: seed, size: parts[0]).write(to: folder) }
                print("Wrote \(size) rasters to \(out). Run: synergia land run --inputs \(out)/inputs.json --aoi \(written.aoi) --out OUTPUT")
            }
        }
    }
}
