import Foundation

/// The coordinate frame in which overlay happens and areas are measured
/// (method step 5). `.equalArea`: everything is projected once to the
/// equal-area CRS and measured planarly. `.geodesic`: overlay stays in lon/lat
/// and areas are ellipsoidal (Karney), so no projection distortion at all.
struct WorkingFrame {
    let method: CoverageOptions.AreaMethod
    private let transform: CoordinateTransformation?
    private let geodesic = Geodesic()

    init(options: CoverageOptions) throws {
        method = options.areaMethod
        if method == .equalArea {
            transform = try CoordinateTransformation(from: SpatialReference(SpatialReference.wgs84),
                                                     to: SpatialReference(options.equalAreaCRS))
        } else {
            transform = nil
        }
    }

    /// lon/lat → working coordinates.
    func project(_ g: Geometry) throws -> Geometry {
        guard let transform else { return g }
        return try transform.transform(g)
    }

    /// Area in m².
    func area(_ g: Geometry) throws -> Double {
        if g.isEmpty { return 0 }
        return method == .geodesic ? try geodesic.area(of: g) : try g.area()
    }

    /// A length in metres expressed in working units (degrees at the equator for lon/lat).
    func gridSize(meters: Double) -> Double {
        method == .geodesic ? meters / 111_320 : meters
    }
}
