import Foundation
import SynergiaGeoBindings

/// The coordinate frame in which overlay happens and areas are measured
/// (docs/methods/protected-area-coverage.md §Cleaning step 5). `.equalArea`: everything is projected once to the
/// equal-area CRS and measured planarly. `.geodesic`: overlay stays in lon/lat
/// and areas are ellipsoidal (Karney), so no projection distortion at all.
struct WorkingFrame {
    let method: CoverageOptions.AreaMethod
    private let transform: CoordinateTransformation?
    private let inverse: CoordinateTransformation?
    /// How areas are measured; Sendable, so threads with their own GEOS context can measure too.
    var measure: AreaMeasure { AreaMeasure(method: method) }

    init(options: CoverageOptions) throws {
        method = options.areaMethod
        if method == .equalArea {
            let wgs84 = try SpatialReference(SpatialReference.wgs84), equalArea = try SpatialReference(options.equalAreaCRS)
            transform = try CoordinateTransformation(from: wgs84, to: equalArea)
            inverse = try CoordinateTransformation(from: equalArea, to: wgs84)
        } else {
            transform = nil
            inverse = nil
        }
    }

    /// lon/lat → working coordinates.
    func project(_ g: Geometry) throws -> Geometry {
        guard let transform else { return g }
        return try transform.transform(g)
    }

    /// Working coordinates → lon/lat, for writing results a GIS opens anywhere.
    /// A vertex the antimeridian cut put on ±180° lies on the projection's edge,
    /// and in Mollweide about 4 in 10 such vertices come back a rounding error
    /// outside the inverse's domain (measured): they are retried 1e-12 of their x
    /// inwards, and every longitude within 1e-9° of ±180° is set to ±180° exactly.
    func unproject(_ g: Geometry) throws -> Geometry {
        guard let inverse else { return g }
        return try g.mapCoordinates { xy in
            let projected = xy
            let succeeded = inverse.transformEach(&xy)
            for (i, ok) in succeeded.enumerated() where !ok {
                var inwards = [projected[2 * i] * (1 - 1e-12), projected[2 * i + 1]]
                try inverse.transform(&inwards)
                guard abs(abs(inwards[0]) - 180) < 1e-6 else {
                    throw GeoError.proj(operation: "inverse projection", message: "(\(projected[2 * i]), \(projected[2 * i + 1])) is outside the projection")
                }
                xy[2 * i] = inwards[0]; xy[2 * i + 1] = inwards[1]
            }
            for i in stride(from: 0, to: xy.count, by: 2) where abs(abs(xy[i]) - 180) < 1e-9 { xy[i] = xy[i] < 0 ? -180 : 180 }
        }
    }

    /// Area in m².
    func area(_ g: Geometry) throws -> Double { try measure.area(g) }

    /// A length in metres expressed in working units (degrees at the equator for lon/lat).
    func gridSize(meters: Double) -> Double {
        method == .geodesic ? meters / 111_320 : meters
    }
}

/// Area in m² of a geometry in a working frame: planar in the equal-area CRS,
/// ellipsoidal in lon/lat.
struct AreaMeasure: Sendable {
    let method: CoverageOptions.AreaMethod
    private let geodesic = Geodesic()

    init(method: CoverageOptions.AreaMethod) { self.method = method }

    func area(_ g: Geometry) throws -> Double {
        if g.isEmpty { return 0 }
        return method == .geodesic ? try geodesic.area(of: g) : try g.area()
    }
}
