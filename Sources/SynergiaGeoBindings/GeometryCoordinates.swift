import Foundation
import CGEOS

/// Bulk coordinate access. Coordinates travel as interleaved x,y buffers so
/// that a whole ring is transformed in one call (one PROJ call per ring rather
/// than per point).
extension Geometry {
    private var h: GEOSContextHandle_t { context.handle }

    /// Interleaved x,y of a Point/LineString/LinearRing handle.
    fileprivate func coords(of g: OpaquePointer) throws -> [Double] {
        context.clearError()
        guard let seq = GEOSGeom_getCoordSeq_r(h, g) else { throw context.error("coordinate sequence") }
        var n: UInt32 = 0
        GEOSCoordSeq_getSize_r(h, seq, &n)
        var buf = [Double](repeating: 0, count: Int(n) * 2)
        if n > 0 {
            guard buf.withUnsafeMutableBufferPointer({ GEOSCoordSeq_copyToBuffer_r(h, seq, $0.baseAddress, 0, 0) }) == 1
            else { throw context.error("copy coordinates") }
        }
        return buf
    }

    private func sequence(_ xy: [Double]) throws -> OpaquePointer {
        context.clearError()
        guard let s = xy.withUnsafeBufferPointer({ GEOSCoordSeq_copyFromBuffer_r(h, $0.baseAddress, UInt32(xy.count / 2), 0, 0) })
        else { throw context.error("build coordinates") }
        return s
    }

    /// The rings of every polygon: `[(shell, holes)]`, each ring as interleaved x,y.
    public func polygonRings() throws -> [(shell: [Double], holes: [[Double]])] {
        switch type {
        case .polygon:
            if isEmpty { return [] }
            let shell = try coords(of: GEOSGetExteriorRing_r(h, handle))
            let n = GEOSGetNumInteriorRings_r(h, handle)
            let holes = try (0..<max(n, 0)).map { try coords(of: GEOSGetInteriorRingN_r(h, handle, $0)) }
            return [(shell, holes)]
        case .multiPolygon, .geometryCollection:
            return try parts().flatMap { try $0.polygonRings() }
        default:
            return []
        }
    }

    /// A copy with every coordinate passed through `transform`, which receives
    /// one ring/line/point at a time as an interleaved x,y buffer.
    public func mapCoordinates(_ transform: (inout [Double]) throws -> Void) throws -> Geometry {
        if isEmpty { return try clone() }
        switch type {
        case .point:
            var c = try coords(of: handle); try transform(&c)
            let s = try sequence(c)
            return try context.make("create point") { GEOSGeom_createPoint_r(h, s) }
        case .lineString, .linearRing:
            var c = try coords(of: handle); try transform(&c)
            let s = try sequence(c)
            let ring = type == .linearRing
            return try context.make("create line") { ring ? GEOSGeom_createLinearRing_r(h, s) : GEOSGeom_createLineString_r(h, s) }
        case .polygon:
            func ring(_ g: OpaquePointer?) throws -> OpaquePointer {
                guard let g else { throw context.error("polygon ring") }
                var c = try coords(of: g); try transform(&c)
                let s = try sequence(c)
                context.clearError()
                guard let r = GEOSGeom_createLinearRing_r(h, s) else { throw context.error("create ring") }
                return r
            }
            let shell = try ring(GEOSGetExteriorRing_r(h, handle))
            var holes: [OpaquePointer?] = []
            do {
                for i in 0..<GEOSGetNumInteriorRings_r(h, handle) { holes.append(try ring(GEOSGetInteriorRingN_r(h, handle, i))) }
            } catch {
                GEOSGeom_destroy_r(h, shell); holes.forEach { GEOSGeom_destroy_r(h, $0) }
                throw error
            }
            return try context.make("create polygon") {
                holes.withUnsafeMutableBufferPointer { GEOSGeom_createPolygon_r(h, shell, $0.baseAddress, UInt32($0.count)) }
            }
        case .multiPoint, .multiLineString, .multiPolygon, .geometryCollection:
            let mapped = try parts().map { try $0.mapCoordinates(transform) }
            return try context.collection(mapped, type: type)
        }
    }

    public var numCoordinates: Int { Int(GEOSGetNumCoordinates_r(h, handle)) }
}
