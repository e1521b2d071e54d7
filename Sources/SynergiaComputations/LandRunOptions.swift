import Foundation
import SynergiaGeoBindings
import SynergiaLand

/// Everything a land-degradation run is asked to do besides its rasters: the
/// method's options, with a national legend or transition matrix when given.
/// The one place the options of the CLI, the web form and inputs.json are read.
public struct LandRunOptions: Sendable {
    /// A CSV table as given: the file's name (for messages) and its text.
    public struct Table: Sendable {
        public var fileName: String
        public var text: String

        public init(fileName: String, text: String) {
            self.fileName = fileName
            self.text = text
        }

        /// A table named in inputs.json, read from the folder of inputs.json (by its name alone).
        static func beside(_ name: String, in folder: URL) throws -> Table {
            let file = URL(fileURLWithPath: name).lastPathComponent
            let url = folder.appendingPathComponent(file)
            guard !file.isEmpty, file != "..", let data = FileManager.default.contents(atPath: url.path) else {
                throw GeoError.missingInput("inputs.json names the table \(file), which is not beside it; put the CSV file in the same folder (or ZIP)")
            }
            guard data.count <= 1_000_000, let text = String(data: data, encoding: .utf8) else {
                throw GeoError.invalidOption("\(file) is not a CSV table of at most 1 MB in UTF-8")
            }
            return Table(fileName: file, text: text)
        }
    }

    public var engine: LandOptions

    public init(engine: LandOptions = LandOptions()) {
        self.engine = engine
    }

    /// - Parameters:
    ///   - align: warp inputs on another grid to the land-cover grid instead of refusing them.
    ///   - overwrite: replace an existing output folder.
    ///   - legend: a national legend nesting table; refused naming the file and line.
    ///   - matrix: a custom 7×7 transition matrix; refused naming the file and line.
    ///   - periods: `NAME=LCSTART:LCEND[:PRODSTART-PRODEND]`, the baseline first; none = inputs.json's, else the UNCCD 2026 cycle.
    ///   - climateZone: the national IPCC climate zone (`tropical_moist`, …).
    ///   - climateCodes: how the climate raster is coded (`ipcc12`, `synergia5`); or `climateTable`, code,factor rows.
    ///   - file: inputs.json as read, whose options apply first; its tables are read from `folder`. The other arguments override it.
    public init(align: Bool, overwrite: Bool = false, legend: Table? = nil, matrix: Table? = nil, periods: [String] = [],
                climateZone: String? = nil, climateCodes: String? = nil, climateTable: Table? = nil,
                file: LandInputsFile? = nil, folder: URL? = nil) throws {
        var engine = LandOptions()
        var legend = legend, matrix = matrix, climateTable = climateTable
        if let file {
            file.apply(to: &engine)
            let folder = folder ?? URL(fileURLWithPath: ".")
            if legend == nil { legend = try file.options.legend.map { try Table.beside($0, in: folder) } }
            if matrix == nil { matrix = try file.options.transitionMatrix.map { try Table.beside($0, in: folder) } }
            if climateTable == nil && climateCodes == nil { climateTable = try file.options.climateTable.map { try Table.beside($0, in: folder) } }
        }
        engine.align = engine.align || align
        engine.overwrite = overwrite
        if let legend { engine.legend = try LandLegend(csv: legend.text, file: legend.fileName) }
        if let matrix { engine.transitionMatrix = try LandTransitionMatrix(csv: matrix.text, file: matrix.fileName) }
        if !periods.isEmpty { engine.periods = try periods.map(LandPeriod.init(spec:)) }
        if let climateZone {
            guard let zone = LandClimateZone(rawValue: climateZone) else {
                throw GeoError.invalidOption("climate zone '\(climateZone)' is not an IPCC climate zone; write one of \(LandClimateZone.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            engine.climateZone = zone
        }
        if let climateCodes {
            guard let codes = LandClimateCodes.named[climateCodes] else {
                throw GeoError.invalidOption("climate codes '\(climateCodes)' are not known; write \(LandClimateCodes.named.keys.sorted().joined(separator: " or ")), or give a code,factor table")
            }
            guard climateTable == nil else { throw GeoError.invalidOption("give climate codes or a climate table, not both") }
            engine.climateCodes = codes
        }
        if let climateTable { engine.climateCodes = try LandClimateCodes(csv: climateTable.text, file: climateTable.fileName) }
        // Refused here, so the web answers before a job starts.
        try engine.validate()
        self.init(engine: engine)
    }
}
