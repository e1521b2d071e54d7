import Foundation
import SynergiaCore
import SynergiaLand
import SynergiaStore

/// A land-degradation result as a stored run: SDG 15.3.1 (% of land degraded)
/// for the baseline and each reporting period (recorded at the period's last
/// land-cover year), and the share of land degraded, stable and improved for
/// the indicator and each sub-indicator as disaggregations of the same indicator.
struct LandRunRecord {
    var options: LandOptions
    var inputs: LandInputs
    var aoi: String?
    var output: URL

    func record(_ result: LandResult, into recording: RunRecording, started: Date) async throws -> ComputationRun {
        var files: [ComputationRun.Input] = []
        for (year, path) in inputs.landCover.sorted(by: { $0.key < $1.key }) { files.append(try FileFingerprint.input(role: "land_cover_\(year)", path: path)) }
        switch inputs.productivity {
        case .lpd(let byPeriod): for (period, path) in byPeriod.sorted(by: { $0.key < $1.key }) { files.append(try FileFingerprint.input(role: "lpd_\(period)", path: path)) }
        case .ndvi(.multiband(let path, _)): files.append(try FileFingerprint.input(role: "ndvi", path: path))
        case .ndvi(.files(let byYear)): for (year, path) in byYear.sorted(by: { $0.key < $1.key }) { files.append(try FileFingerprint.input(role: "ndvi_\(year)", path: path)) }
        }
        if let soc = inputs.soc { files.append(try FileFingerprint.input(role: "soc", path: soc)) }
        for (year, path) in inputs.socStock.sorted(by: { $0.key < $1.key }) { files.append(try FileFingerprint.input(role: "soc_stock_\(year)", path: path)) }
        if let climate = inputs.climate { files.append(try FileFingerprint.input(role: "climate", path: climate)) }
        if let soil = inputs.soilType { files.append(try FileFingerprint.input(role: "soil_type", path: soil)) }
        if let aoi { files.append(try FileFingerprint.input(role: "aoi", path: aoi)) }

        let source = "Synergia land-degradation engine (\(result.method))"
        var results: [ObservationInput] = []
        func add(_ disaggregation: String, _ year: Int, _ value: Double) {
            results.append(ObservationInput(indicator: "SDG-15.3.1", unit: "percent", disaggregation: disaggregation,
                                            observation: Observation(year: year, value: (value * 10_000).rounded() / 10_000, source: source, provenance: .entered(userID: nil))))
        }
        for period in result.periods {
            let year = period.period.landCoverEnd
            add("", year, period.proportionDegradedPercent)
            for (component, table) in [("indicator", period.indicator), ("land_cover", period.landCover), ("productivity", period.productivity), ("soc", period.soc)] {
                for row in table.rows where row.code != nil {
                    add("component=\(component);class=\(row.label.lowercased().replacingOccurrences(of: " ", with: "_"))", year, row.percent)
                }
            }
        }
        let recorded = [
            "periods": options.periods.map { "\($0.name):\($0.landCoverStart)-\($0.landCoverEnd)" }.joined(separator: ","),
            "climate_zone": options.nationalClimateZone.rawValue + (options.climateZone == nil ? " (assumed)" : ""),
            "climate_factor": LandClimateCodes.format(options.nationalClimateZone.factor), "climate_codes": options.climateCodes.name,
            "soc_rule": result.so1.climateFactor, "denominator": result.denominatorDescription,
            "mann_kendall_alpha": String(options.mannKendallAlpha), "soc_threshold_percent": String(options.socThresholdPercent),
            "align": String(options.align), "legend": options.legend == .unccd ? "unccd" : "national",
            "transition_matrix": options.transitionMatrix == .unccdDefault ? "unccd" : "custom",
            // The folder's name only: the run page never shows a folder of the server.
            "output": output.lastPathComponent,
        ]
        let run = ComputationRun(workspaceID: recording.workspace.id, engine: "land-degradation", inputs: files, options: recorded,
                                 softwareVersion: LandPipeline.softwareVersion, startedAt: started,
                                 durationMilliseconds: Int64(Date().timeIntervalSince(started) * 1000), warnings: result.warnings)
        return try await recording.store.recordRun(run, results: results, tables: LandRunTables.tables(result))
    }
}
