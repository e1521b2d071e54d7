import Foundation
import CPROJ

/// Geodesic computations on the WGS84 ellipsoid (Karney's algorithms shipped
/// with PROJ). Value type holding only numbers, hence Sendable.
public struct Geodesic: Sendable {
    private let g: geod_geodesic

    public init(semiMajorAxis a: Double = 6378137, flattening f: Double = 1 / 298.257223563) {
        var g = geod_geodesic()
        geod_init(&g, a, f)
        self.g = g
    }

    /// Destination from (lon, lat) after `distance` metres along `azimuth` degrees.
    public func direct(lon: Double, lat: Double, azimuth: Double, distance: Double) -> (lon: Double, lat: Double) {
        var g = self.g
        var lat2 = 0.0, lon2 = 0.0, azi2 = 0.0
        geod_direct(&g, lat, lon, azimuth, distance, &lat2, &lon2, &azi2)
        return (lon2, lat2)
    }

    /// Absolute area (m²) of a ring given as interleaved lon,lat. Edges are geodesics.
    public func ringArea(_ lonlat: [Double]) -> Double {
        var n = lonlat.count / 2
        if n >= 2, lonlat[0] == lonlat[2 * n - 2], lonlat[1] == lonlat[2 * n - 1] { n -= 1 } // closing point is implicit
        if n < 3 { return 0 }
        var lats = [Double](repeating: 0, count: n), lons = lats
        for i in 0..<n { lons[i] = lonlat[2 * i]; lats[i] = lonlat[2 * i + 1] }
        var g = self.g
        var area = 0.0, perimeter = 0.0
        geod_polygonarea(&g, &lats, &lons, Int32(n), &area, &perimeter)
        return abs(area)
    }

    /// Ellipsoidal area (m²) of a polygonal geometry in lon,lat: shells minus holes.
    public func area(of geometry: Geometry) throws -> Double {
        try geometry.polygonRings().reduce(0) { acc, p in
            acc + ringArea(p.shell) - p.holes.reduce(0) { $0 + ringArea($1) }
        }
    }
}
