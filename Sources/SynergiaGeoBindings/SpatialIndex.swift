import Foundation
import CGEOS

/// A prepared geometry caches indexes of its edges, making repeated
/// contains/intersects tests against the same polygon (a land tile) cheap.
public final class PreparedGeometry {
    public let base: Geometry          // kept alive: GEOS prepared geometries point into it
    private let handle: OpaquePointer

    public init(_ base: Geometry) throws {
        self.base = base
        base.context.clearError()
        guard let p = GEOSPrepare_r(base.context.handle, base.handle) else { throw base.context.error("prepare") }
        handle = p
    }
    deinit { GEOSPreparedGeom_destroy_r(base.context.handle, handle) }

    public func contains(_ g: Geometry) -> Bool { GEOSPreparedContains_r(base.context.handle, handle, g.handle) == 1 }
    public func intersects(_ g: Geometry) -> Bool { GEOSPreparedIntersects_r(base.context.handle, handle, g.handle) == 1 }
}

/// GEOS STRtree over envelope of geometries, returning indexes into the
/// array given at construction. Avoids per-pair loops for site × tile tests.
public final class SpatialIndex {
    private let context: GEOSContext
    private let tree: OpaquePointer
    private let items: [Geometry]      // kept alive for the tree's lifetime

    public init(_ geometries: [Geometry], context: GEOSContext) throws {
        self.context = context
        context.clearError()
        guard let t = GEOSSTRtree_create_r(context.handle, 10) else { throw context.error("STRtree create") }
        tree = t
        items = geometries
        for (i, g) in geometries.enumerated() {
            // Item payload = index + 1 (a NULL payload would be ambiguous).
            GEOSSTRtree_insert_r(context.handle, tree, g.handle, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
    }
    deinit { GEOSSTRtree_destroy_r(context.handle, tree) }

    /// Indexes of items whose envelope intersects the envelope of `g`, ascending.
    public func query(_ g: Geometry) -> [Int] {
        final class Hits { var v: [Int] = [] }
        let hits = Hits()
        withExtendedLifetime(hits) {
            GEOSSTRtree_query_r(context.handle, tree, g.handle, { item, user in
                guard let user, let item else { return }
                Unmanaged<Hits>.fromOpaque(user).takeUnretainedValue().v.append(Int(bitPattern: item) - 1)
            }, Unmanaged.passUnretained(hits).toOpaque())
        }
        return hits.v.sorted()
    }
}
