import Foundation
import SynergiaGeoBindings

/// Pixel areas (docs/methods/land-degradation-sdg-15-3-1.md §Areas). Geographic grids: area between two
/// parallels on the WGS84 ellipsoid, so a pixel's area depends on its row only.
/// Equal-area grids: the true cell area. Areas are summed as integers (cm²) so
/// that totals do not depend on summation order, i.e. on threads or block size;
/// Int64 cm² holds 9.2e8 km², more than the Earth's surface.
public enum LandPixelArea {
    static let a = 6378137.0
    static let b = 6356752.3142
    static let e = (1 - (b * b) / (a * a)).squareRoot()

    /// Area (m²) between the equator and latitude phi (degrees), full 360° band.
    public static func zoneArea(latitude phi: Double) -> Double {
        let s = sin(phi * .pi / 180)
        return .pi * b * b * (atanh(e * s) / e + s / (1 - e * e * s * s))
    }

    /// Area (m²) of a geographic cell between two latitudes, `widthDegrees` wide.
    public static func cellArea(top: Double, bottom: Double, widthDegrees: Double) -> Double {
        abs(zoneArea(latitude: top) - zoneArea(latitude: bottom)) * abs(widthDegrees) / 360
    }

    /// Per-row cell area in cm² for a grid, or an error for unsupported projections.
    public static func rowAreaFunction(for grid: RasterGrid) throws -> @Sendable (Int) -> Int64 {
        switch RasterCRS.kind(grid.crsWKT) {
        case .geographic:
            let g = grid
            return { row in
                let top = g.rowTop(row), bottom = g.rowTop(row + 1)
                return Int64((cellArea(top: top, bottom: bottom, widthDegrees: g.pixelWidth) * 1e4).rounded())
            }
        case let .equalArea(unit):
            let area = Int64((abs(grid.pixelWidth * grid.pixelHeight) * unit * unit * 1e4).rounded())
            return { _ in area }
        case let .other(name):
            throw GeoError.unsupportedProjection(name)
        }
    }
}
