import Foundation
import SynergiaGeoBindings

/// docs/methods/protected-area-coverage.md §Cleaning step 4, "handle the antimeridian": a lon/lat polygon whose ring
/// jumps across ±180° (a Fiji site written 179.5 … -179.5) would otherwise be
/// read as a band around the globe. An edge spanning more than 180° of
/// longitude is taken to cross the antimeridian the short way (as RFC 7946
/// requires of GeoJSON); such polygons are unwrapped into one continuous
/// longitude range, cut at ±180° and the overflow shifted back, so each part
/// lies on its own side of the meridian.
enum Antimeridian {
    /// `g` with every crossing polygon split; geometries that do not cross are returned as they are.
    static func split(_ g: Geometry) throws -> Geometry {
        guard try crosses(g) else { return g }
        var parts: [Geometry] = []
        for polygon in try g.polygonRings() {
            guard let unwrapped = unwrap(polygon) else {
                // A ring circling a pole does not close when unwrapped; it is kept as written.
                parts.append(try g.context.polygon(shell: polygon.shell, holes: polygon.holes))
                continue
            }
            let whole = try g.context.polygon(shell: unwrapped.shell, holes: unwrapped.holes)
            parts += try cutAtAntimeridian(whole)
        }
        if parts.count == 1 { return parts[0] }
        return try g.context.collection(parts, type: .multiPolygon)
    }

    /// The parts of a polygon whose longitudes may run past ±180°, each shifted into -180…180.
    static func cutAtAntimeridian(_ polygon: Geometry) throws -> [Geometry] {
        guard let b = polygon.bounds(), b.minX < -180 || b.maxX > 180 else { return [polygon] }
        var parts: [Geometry] = []
        for shift in [360.0, 0, -360] {
            let part = try polygon.clip(minX: -180 - shift, minY: -90, maxX: 180 - shift, maxY: 90).polygonalParts()
            if part.isEmpty { continue }
            parts.append(shift == 0 ? part : try part.mapCoordinates { xy in
                for i in stride(from: 0, to: xy.count, by: 2) { xy[i] += shift }
            })
        }
        return parts
    }

    private static func crosses(_ g: Geometry) throws -> Bool {
        guard g.isPolygonal || g.type == .geometryCollection else { return false }
        return try g.polygonRings().contains { p in ([p.shell] + p.holes).contains(where: hasJump) }
    }

    private static func hasJump(_ ring: [Double]) -> Bool {
        stride(from: 2, to: ring.count, by: 2).contains { abs(ring[$0] - ring[$0 - 2]) > 180 }
    }

    /// Longitudes made continuous along each ring; holes are brought next to the shell.
    private static func unwrap(_ p: (shell: [Double], holes: [[Double]])) -> (shell: [Double], holes: [[Double]])? {
        guard let shell = unwrapRing(p.shell) else { return nil }
        let reference = shell[0]
        var holes: [[Double]] = []
        for hole in p.holes {
            guard var h = unwrapRing(hole) else { return nil }
            let offset = 360 * ((reference - h[0]) / 360).rounded()
            for i in stride(from: 0, to: h.count, by: 2) { h[i] += offset }
            holes.append(h)
        }
        return (shell, holes)
    }

    private static func unwrapRing(_ ring: [Double]) -> [Double]? {
        guard ring.count >= 2 else { return ring }
        var out = ring
        // Whole turns only, so longitudes that need no shift keep their exact value.
        for i in stride(from: 2, to: out.count, by: 2) {
            out[i] = ring[i] + 360 * ((out[i - 2] - ring[i]) / 360).rounded()
        }
        return abs(out[out.count - 2] - out[0]) < 1e-9 ? out : nil
    }
}
