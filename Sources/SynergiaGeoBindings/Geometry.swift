import Foundation
import CGEOS

public enum GeometryType: Int32, Sendable {
    case point = 0, lineString = 1, linearRing = 2, polygon = 3
    case multiPoint = 4, multiLineString = 5, multiPolygon = 6, geometryCollection = 7
}

/// An owned GEOS geometry. The wrapper destroys the GEOS object exactly once
/// in `deinit`, unless ownership was handed to GEOS (collections take
/// ownership of their parts), in which case `releaseOwnership()` disarms it.
/// Not `Sendable`: it is tied to its context's thread. Use `wkb()` to move it.
public final class Geometry {
    public let context: GEOSContext
    let handle: OpaquePointer
    private var owned = true

    init(owning handle: OpaquePointer, context: GEOSContext) {
        self.handle = handle
        self.context = context
    }

    deinit { if owned { GEOSGeom_destroy_r(context.handle, handle) } }

    func releaseOwnership() -> OpaquePointer {
        precondition(owned, "geometry ownership already transferred")
        owned = false
        return handle
    }

    private var h: GEOSContextHandle_t { context.handle }

    // MARK: properties

    public var type: GeometryType { GeometryType(rawValue: GEOSGeomTypeId_r(h, handle)) ?? .geometryCollection }
    public var isEmpty: Bool { GEOSisEmpty_r(h, handle) == 1 }
    public var isValid: Bool { GEOSisValid_r(h, handle) == 1 }
    public var isPolygonal: Bool { type == .polygon || type == .multiPolygon }
    public var numGeometries: Int { Int(GEOSGetNumGeometries_r(h, handle)) }

    /// GEOS's reason for invalidity, e.g. "Self-intersection[1 1]".
    public var invalidReason: String {
        guard let p = GEOSisValidReason_r(h, handle) else { return "" }
        defer { GEOSFree_r(h, p) }
        return String(cString: p)
    }

    /// Planar area in the units of the coordinates (m² in a projected CRS).
    public func area() throws -> Double {
        context.clearError()
        var a = 0.0
        guard GEOSArea_r(h, handle, &a) == 1 else { throw context.error("area") }
        return a
    }

    public func bounds() -> (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        if isEmpty { return nil }
        var a = 0.0, b = 0.0, c = 0.0, d = 0.0
        GEOSGeom_getXMin_r(h, handle, &a); GEOSGeom_getYMin_r(h, handle, &b)
        GEOSGeom_getXMax_r(h, handle, &c); GEOSGeom_getYMax_r(h, handle, &d)
        return (a, b, c, d)
    }

    public func wkb() throws -> Data { try context.wkb(of: self) }

    public func wkt() -> String {
        let w = GEOSWKTWriter_create_r(h)
        defer { GEOSWKTWriter_destroy_r(h, w) }
        GEOSWKTWriter_setTrim_r(h, w, 1)
        guard let p = GEOSWKTWriter_write_r(h, w, handle) else { return "" }
        defer { GEOSFree_r(h, p) }
        return String(cString: p)
    }

    /// Point coordinates (only for Point geometries).
    public func pointXY() throws -> (x: Double, y: Double) {
        var x = 0.0, y = 0.0
        context.clearError()
        guard GEOSGeomGetX_r(h, handle, &x) == 1, GEOSGeomGetY_r(h, handle, &y) == 1 else { throw context.error("point coordinates") }
        return (x, y)
    }

    // MARK: parts

    /// Copies of the direct children (a single geometry returns a copy of itself).
    public func parts() throws -> [Geometry] {
        let n = numGeometries
        return try (0..<n).map { i in
            try context.make("clone part") { GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, handle, Int32(i))) }
        }
    }

    public func clone() throws -> Geometry { try context.make("clone") { GEOSGeom_clone_r(h, handle) } }

    // MARK: operations (each returns a new owned geometry)

    public func union(_ other: Geometry) throws -> Geometry { try context.make("union") { GEOSUnion_r(h, handle, other.handle) } }
    public func intersection(_ other: Geometry) throws -> Geometry { try context.make("intersection") { GEOSIntersection_r(h, handle, other.handle) } }
    public func difference(_ other: Geometry) throws -> Geometry { try context.make("difference") { GEOSDifference_r(h, handle, other.handle) } }
    public func unaryUnion() throws -> Geometry { try context.make("unary union") { GEOSUnaryUnion_r(h, handle) } }
    /// Union of a collection whose members do not overlap (edges may match exactly): much faster.
    public func coverageUnion() throws -> Geometry { try context.make("coverage union") { GEOSCoverageUnion_r(h, handle) } }
    public func buffer(_ width: Double, quadrantSegments: Int32 = 16) throws -> Geometry {
        try context.make("buffer") { GEOSBuffer_r(h, handle, width, quadrantSegments) }
    }
    public func clip(minX: Double, minY: Double, maxX: Double, maxY: Double) throws -> Geometry {
        try context.make("clip by rectangle") { GEOSClipByRect_r(h, handle, minX, minY, maxX, maxY) }
    }

    /// Repairs invalid geometry with the "structure" method, which treats rings
    /// as area boundaries (a bow-tie becomes two triangles, nested shells are
    /// unioned) instead of keeping every line: what areal statistics need.
    public func makeValid() throws -> Geometry {
        let params = GEOSMakeValidParams_create_r(h)
        defer { GEOSMakeValidParams_destroy_r(h, params) }
        GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE)
        GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0)
        return try context.make("make valid") { GEOSMakeValidWithParams_r(h, handle, params) }
    }

    /// Snaps coordinates to a grid and rebuilds valid topology (GEOS precision reducer).
    public func snapped(toGrid size: Double) throws -> Geometry {
        try context.make("set precision") { GEOSGeom_setPrecision_r(h, handle, size, 0) }
    }

    /// Only the polygonal content: polygons from collections, lines and points
    /// dropped (make-valid or overlay can leave slivers as lines).
    public func polygonalParts() throws -> Geometry {
        switch type {
        case .polygon, .multiPolygon: return try clone()
        case .geometryCollection:
            var polys: [Geometry] = []
            for p in try parts() {
                let q = try p.polygonalParts()
                if q.isEmpty { continue }
                if q.type == .multiPolygon { polys += try q.parts() } else { polys.append(q) }
            }
            if polys.isEmpty { return context.emptyPolygon() }
            return try context.collection(polys, type: .multiPolygon)
        default: return context.emptyPolygon()
        }
    }

    // MARK: predicates

    public func intersects(_ other: Geometry) -> Bool { GEOSIntersects_r(h, handle, other.handle) == 1 }
    public func contains(_ other: Geometry) -> Bool { GEOSContains_r(h, handle, other.handle) == 1 }
}
