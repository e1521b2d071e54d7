import Foundation
import SynergiaGeoBindings

/// docs/methods/protected-area-coverage.md §Cleaning step 4 for every polygon layer that enters the overlay (sites,
/// land, EEZ, KBAs), so they are all repaired by the same rules before their
/// areas are compared.
enum PolygonRepair {
    struct Repaired {
        let geometry: Geometry
        /// The polygon jumped across ±180° and was cut into parts on either side.
        let splitAtAntimeridian: Bool
        /// GEOS found it invalid; it was rebuilt with make-valid (structure method).
        let madeValid: Bool
    }

    /// The polygonal content of a lon/lat geometry, split at the antimeridian
    /// first (the crossing polygon is valid as written, only wrong) and then made valid.
    static func lonLat(_ g: Geometry) throws -> Repaired {
        let split = try Antimeridian.split(g)
        let splitAtAntimeridian = split !== g
        if split.isValid { return Repaired(geometry: try split.polygonalParts(), splitAtAntimeridian: splitAtAntimeridian, madeValid: false) }
        return Repaired(geometry: try split.makeValid().polygonalParts(), splitAtAntimeridian: splitAtAntimeridian, madeValid: true)
    }

    /// The polygonal parts of an overlay's output (a clip, an intersection),
    /// repaired if the overlay left them invalid.
    static func polygonalParts(of overlay: Geometry) throws -> Geometry {
        let parts = try overlay.polygonalParts()
        return parts.isEmpty || parts.isValid ? parts : try parts.makeValid().polygonalParts()
    }

    /// Into the working frame; re-projection can in rare cases make a ring self-touch, so it is repaired once more.
    static func project(_ g: Geometry, frame: WorkingFrame) throws -> Geometry {
        let projected = try frame.project(g)
        return projected.isValid ? projected : try projected.makeValid().polygonalParts()
    }
}
