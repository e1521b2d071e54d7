import Foundation
import CGEOS

/// What a planar partition of overlapping polygons needs: their boundaries,
/// the faces those boundaries enclose once noded together, and a point inside
/// each face to tell which polygons cover it.
extension Geometry {
    /// The boundary (a polygon's rings as lines).
    public func boundary() throws -> Geometry {
        try context.make("boundary") { GEOSBoundary_r(context.handle, handle) }
    }

    /// A point guaranteed to lie in the interior of a polygon (not merely its
    /// centroid, which a crescent or a ring does not contain).
    public func pointOnSurface() throws -> Geometry {
        try context.make("point on surface") { GEOSPointOnSurface_r(context.handle, handle) }
    }
}

extension GEOSContext {
    /// Every face enclosed by noded linework, as a collection of polygons
    /// (holes of one face are faces of their own). The lines must already be
    /// noded (a unary union of lines nodes them); faces are in GEOS's order,
    /// the same for the same input.
    public func polygonize(_ lines: Geometry) throws -> Geometry {
        try make("polygonize") {
            let input: [OpaquePointer?] = [lines.handle]
            return input.withUnsafeBufferPointer { GEOSPolygonize_r(handle, $0.baseAddress, 1) }
        }
    }
}
