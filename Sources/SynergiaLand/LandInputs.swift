import Foundation
import SynergiaGeoBindings

/// An annual NDVI series: one band per year in a multi-band raster, or one file per year.
public enum LandNDVISeries: Sendable, Equatable {
    case multiband(path: String, firstYear: Int)
    case files([Int: String])
}

/// Where productivity comes from (docs/methods/land-degradation-sdg-15-3-1.md §Inputs).
public enum LandProductivitySource: Sendable, Equatable {
    /// A 5-class LPD raster per period name.
    case lpd([String: String])
    case ndvi(LandNDVISeries)
}

/// Paths of the input rasters (self-contained GeoTIFFs: see `UserFile`).
/// Written and read as the rasters part of inputs.json (`LandInputsFile`).
public struct LandInputs: Sendable, Equatable {
    /// Land cover by year (national legend or the 7 classes). Every year a period
    /// names must be present; extra years refine the SOC propagation.
    public var landCover: [Int: String]
    public var productivity: LandProductivitySource
    /// Reference SOC stock 0-30 cm (t/ha) at the first land-cover year, propagated by the land-use factors.
    public var soc: String?
    /// The country's own SOC stock maps (t/ha) by year, instead of `soc`: a period's SOC
    /// sub-indicator is then the change between the stocks of its land-cover years.
    public var socStock: [Int: String]
    /// Optional climate zone raster (codes of `LandOptions.climateCodes`); else the national zone option.
    public var climate: String?
    /// Optional soil type raster: land units for performance are soil type x land cover.
    public var soilType: String?

    public init(landCover: [Int: String], productivity: LandProductivitySource, soc: String?,
                socStock: [Int: String] = [:], climate: String? = nil, soilType: String? = nil) {
        self.landCover = landCover; self.productivity = productivity; self.soc = soc; self.socStock = socStock
        self.climate = climate; self.soilType = soilType
    }
}

/// Progress of a run: blocks done out of the total (over all passes) and bytes moved.
public struct LandProgress: Sendable {
    public var pass: String
    public var blocksDone: Int
    public var blocksTotal: Int
    public var bytesRead: Int64
    public var bytesWritten: Int64
}

extension LandInputs {
    /// The same inputs with every file looked up by name in `folder` (an
    /// uploaded ZIP unpacked there); a name not found there is refused.
    public func relocated(to folder: URL) throws -> LandInputs {
        func move(_ path: String) throws -> String {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let target = folder.appendingPathComponent(name)
            guard !name.isEmpty, name != "..", FileManager.default.fileExists(atPath: target.path) else {
                throw GeoError.missingInput("inputs.json names \(name), which is not in the uploaded ZIP; put every raster it names beside it")
            }
            return target.path
        }
        var copy = self
        copy.landCover = try landCover.mapValues(move)
        switch productivity {
        case .lpd(let byPeriod): copy.productivity = .lpd(try byPeriod.mapValues(move))
        case .ndvi(.multiband(let path, let first)): copy.productivity = .ndvi(.multiband(path: try move(path), firstYear: first))
        case .ndvi(.files(let byYear)): copy.productivity = .ndvi(.files(try byYear.mapValues(move)))
        }
        copy.soc = try soc.map(move)
        copy.socStock = try socStock.mapValues(move)
        copy.climate = try climate.map(move)
        copy.soilType = try soilType.map(move)
        return copy
    }
}
