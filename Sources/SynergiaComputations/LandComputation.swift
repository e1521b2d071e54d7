import Foundation
import SynergiaCore
import SynergiaGeo
import SynergiaStore

/// Runs the land-degradation engine and stores the run and its results in the
/// workspace: SDG 15.3.1 (% of land degraded) for the baseline and each
/// reporting period (recorded at the period's last land-cover year), and the
/// share of land degraded, stable and improved for the indicator and each
/// sub-indicator as disaggregations of the same indicator.
public struct LandComputation: Sendable {
    public static let softwareVersion = "synergia-land/1"

    public var options: LandOptions

    public init(options: LandOptions = LandOptions()) {
        self.options = options
    }

    public func run(inputs: LandInputs, aoi: String?, output: URL, workspace: Workspace?, store: SQLStore?,
                    progress: (@Sendable (LandProgress) -> Void)? = nil) async throws -> (LandResult, ComputationRun?) {
        let started = Date()
        let result = try LandDegradationEngine(options: options).run(inputs: inputs, aoi: aoi, output: output, progress: progress)
        guard let workspace, let store else { return (result, nil) }

        var files: [ComputationRun.Input] = []
        for (year, path) in inputs.landCover.sorted(by: { $0.key < $1.key }) { files.append(try FileFingerprint.input(role: "land_cover_\(year)", path: path)) }
        switch inputs.productivity {
        case .lpd(let byPeriod): for (period, path) in byPeriod.sorted(by: { $0.key < $1.key }) { files.append(try FileFingerprint.input(role: "lpd_\(period)", path: path)) }
        case .ndvi(.multiband(let path, _)): files.append(try FileFingerprint.input(role: "ndvi", path: path))
        case .ndvi(.files(let byYear)): for (year, path) in byYear.sorted(by: { $0.key < $1.key }) { files.append(try FileFingerprint.input(role: "ndvi_\(year)", path: path)) }
        }
        files.append(try FileFingerprint.input(role: "soc", path: inputs.soc))
        if let climate = inputs.climate { files.append(try FileFingerprint.input(role: "climate", path: climate)) }
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
        let options = [
            "periods": self.options.periods.map { "\($0.name):\($0.landCoverStart)-\($0.landCoverEnd)" }.joined(separator: ","),
            "climate_zone": "\(self.options.climateZone)", "denominator": result.denominatorDescription,
            "mann_kendall_alpha": String(self.options.mannKendallAlpha), "soc_threshold_percent": String(self.options.socThresholdPercent),
            "output": output.path,
        ]
        let run = ComputationRun(workspaceID: workspace.id, engine: "land-degradation", inputs: files, options: options,
                                 softwareVersion: Self.softwareVersion, startedAt: started,
                                 durationMilliseconds: Int64(Date().timeIntervalSince(started) * 1000), warnings: [])
        return (result, try await store.recordRun(run, results: results))
    }
}
