import Foundation
import SynergiaGeoBindings

/// Checks, before a run, that a coded raster (LPD classes, climate zones) holds
/// only the codes its convention defines: a raster in another coding would
/// otherwise be read silently as a wrong answer.
enum LandCodedRasterCheck {
    /// Values of the whole raster that are neither accepted nor no data, with their pixel counts.
    static func unexpectedValues(_ ref: LandLayerRef, accepted: (Int32) -> Bool) throws -> [Int: Int] {
        let dataset = try ref.open()
        let layout = RasterBlockLayout(width: dataset.grid.width, height: dataset.grid.height, blockSize: 1024)
        var counts: [Int: Int] = [:]
        var values: [Int32] = []
        for window in layout.windows {
            try dataset.readInt32(band: ref.band, window: window, into: &values)
            for v in values where v != LandCodes.noData && !accepted(v) { counts[Int(v), default: 0] += 1 }
        }
        return counts
    }

    /// "13: 2 pixels, 200: 1 pixel"
    static func describe(_ counts: [Int: Int]) -> String {
        counts.keys.sorted().map { "\($0): \(counts[$0]!) pixel\(counts[$0]! == 1 ? "" : "s")" }.joined(separator: ", ")
    }

    /// LPD rasters: 1–5, and the no-data codes Trends.Earth writes or reads as no data
    /// (-32768, -32767 outside its area, 0 and 15 in the UNCCD default data).
    static let lpdNoData: Set<Int32> = [0, 15, -32767]

    static func checkLPD(_ ref: LandLayerRef) throws {
        let found = try unexpectedValues(ref) { (1...5).contains($0) || lpdNoData.contains($0) }
        guard found.isEmpty else {
            throw GeoError.invalidInput("\(ref.label) raster \(ref.displayName) has values that are not LPD classes: \(describe(found)); "
                + "an LPD raster holds 1 declining, 2 moderate decline, 3 stressed, 4 stable, 5 increasing, and no data as -32768, 0 or its declared no-data value. "
                + "Give the 5-class LPD layer (for Trends.Earth, the band \"Land Productivity Dynamics (from JRC)\", \"(from FAO-WOCAT)\" or \"(from Trends.Earth)\"), or set the file's no-data value to the code it uses for no data")
        }
    }

    /// Climate rasters: the codes of the table; 0 and the no-data value are no data (the national zone applies).
    static func checkClimate(_ ref: LandLayerRef, codes: LandClimateCodes) throws {
        let found = try unexpectedValues(ref) { $0 == 0 || codes.zones[Int($0)] != nil }
        guard found.isEmpty else {
            let hint = codes.name == LandClimateCodes.ipcc12.name
                ? "if the raster uses Synergia's former codes 1–5, say so with climate codes synergia5; for any other coding give a code,factor table"
                : "give a table that lists every code of the raster"
            throw GeoError.invalidInput("climate raster \(ref.displayName) has values outside the climate table \(codes.name): \(describe(found)); "
                + "the table expected is \(codes.described); \(hint)")
        }
    }
}
