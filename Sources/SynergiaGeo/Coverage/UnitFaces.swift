import Foundation

/// The faces of a disjoint unit: its members' boundaries noded into polygons
/// that share no area, each with its area and the members covering it. Every
/// flattened figure of the unit is then a sum of face areas: a group covers a
/// face if one of its members does, and a face counts for the first group (in
/// a given order) covering it. One overlay per unit answers the time series
/// and every grouping, where unions needed one per group and year.
struct UnitFace {
    let area: Double
    /// Indices into the unit's members.
    let members: [Int]
}

enum UnitFaces {
    /// nil when GEOS cannot node the unit's boundaries; unions are then used for it.
    static func build(_ unit: [UnitMember], frame: WorkingFrame, context: GEOSContext) -> [UnitFace]? {
        do {
            let lines = try context.collection(try unit.map { try $0.geometry.boundary() })
            let faces = try context.polygonize(try lines.unaryUnion())
            let bounds = unit.map { $0.geometry.bounds() }
            let prepared = try unit.map { try PreparedGeometry($0.geometry) }
            var result: [UnitFace] = []
            for face in try faces.parts() {
                let area = try frame.area(face)
                guard area > 0, let b = face.bounds() else { continue }
                // GEOS's interior point can fall in a hole too small for its scan line; then the unit uses unions.
                let inside = try face.pointOnSurface()
                guard face.contains(inside) else { return nil }
                let members = unit.indices.filter { k in
                    // Boxes that overlap, not contain: noding may move a face's corner by a rounding error.
                    guard let m = bounds[k], m.minX <= b.maxX, m.maxX >= b.minX, m.minY <= b.maxY, m.maxY >= b.minY else { return false }
                    return prepared[k].contains(inside)
                }
                if !members.isEmpty { result.append(UnitFace(area: area, members: members)) }
            }
            return result
        } catch {
            return nil
        }
    }
}
