import Foundation
import SynergiaGeoBindings

/// One disjoint unit cut into the faces its pieces' boundaries enclose
/// (docs/methods/protected-area-coverage.md §Cleaning step 6): every face lies
/// wholly inside or wholly outside each piece, so any flattened figure — a
/// group's coverage, what a group adds to the ones before it, the area designated
/// up to a year — is a sum of face areas, and one overlay per unit serves every
/// statistic instead of one union per group and per year.
struct UnitPartition: Sendable {
    /// The faces with the same covering members in the same realm, their areas
    /// summed in face order (the same order for the same input, so the same sums).
    struct Cell: Sendable {
        let realm: PieceRealm
        /// Positions in the unit's member list, ascending.
        let members: [Int]
        var area: Double
    }

    let cells: [Cell]

    /// The partition of one unit, or nil when it does not account for every
    /// piece's area (a face left out or given to the wrong piece by noding):
    /// the caller then measures the unit with unions.
    /// - Parameters:
    ///   - realm: the realm of all the members; nil when they are on both sides of the coastline,
    ///     in which case `land` (the land under the unit) is noded in too, so each face is on one side.
    /// Only in the equal-area frame, where areas are planar: in lon/lat a face's edges would be
    /// measured as geodesics, and splitting an edge at a node moves the area.
    static func build(members: [Geometry], realm: PieceRealm?, land: [Geometry], context: GEOSContext) throws -> UnitPartition? {
        let lines = try context.collection(try (members + land).map { try $0.boundary() })
        let faces = try context.polygonize(try lines.unaryUnion()).parts()
        let covering = try Coverers(members, context: context)
        let onLand = realm == nil ? try Coverers(land, context: context) : nil

        var cells: [Cell] = [], cellOf: [CellKey: Int] = [:]
        var accounted = [Double](repeating: 0, count: members.count)
        for face in faces {
            let faceArea = try face.area()
            if faceArea == 0 { continue }
            let point = try face.pointOnSurface()
            let covered = try covering.members(covering: face, at: point, faceArea: faceArea)
            if covered.isEmpty { continue }
            var faceRealm = PieceRealm.marine
            if let realm {
                faceRealm = realm
            } else if try !onLand!.members(covering: face, at: point, faceArea: faceArea).isEmpty {
                faceRealm = .land
            }
            for k in covered { accounted[k] += faceArea }
            let key = CellKey(realm: faceRealm, members: covered)
            if let c = cellOf[key] {
                cells[c].area += faceArea
            } else {
                cellOf[key] = cells.count
                cells.append(Cell(realm: faceRealm, members: covered, area: faceArea))
            }
        }
        // Each piece must be exactly the faces found inside it.
        let pieceAreas = try members.map { try $0.area() }
        let slack = 1e-12 * pieceAreas.reduce(0, +)
        for (k, a) in pieceAreas.enumerated() where abs(accounted[k] - a) > 1e-9 * a + slack { return nil }
        return UnitPartition(cells: cells)
    }

    /// What the unit adds to each group (`groups[k]`: member k's group position, nil: not counted):
    /// a cell counts once for each group among its members and, with `accumulate`,
    /// as added by the first group in order among them.
    func contributions(groups: [Int?], groupCount: Int, accumulate: Bool) -> [UnitContribution] {
        let realms = PieceRealm.allCases
        var own = [Double](repeating: 0, count: groupCount * realms.count), added = own
        var touched = [Bool](repeating: false, count: groupCount)
        var distinct: [Int] = []
        for cell in cells {
            distinct.removeAll(keepingCapacity: true)
            for k in cell.members { if let g = groups[k], !distinct.contains(g) { distinct.append(g) } }
            guard let first = distinct.min() else { continue }
            let r = realms.firstIndex(of: cell.realm)!
            for g in distinct { own[g * realms.count + r] += cell.area; touched[g] = true }
            if accumulate { added[first * realms.count + r] += cell.area }
        }
        var out: [UnitContribution] = []
        for g in 0..<groupCount where touched[g] {
            for (r, realm) in realms.enumerated() where own[g * realms.count + r] != 0 || added[g * realms.count + r] != 0 {
                out.append(UnitContribution(group: g, realm: realm, own: own[g * realms.count + r],
                                            added: accumulate ? added[g * realms.count + r] : nil))
            }
        }
        return out
    }
}

private struct CellKey: Hashable {
    let realm: PieceRealm
    let members: [Int]
}

/// Which of a few polygons cover a face: its interior point tested against
/// each polygon whose bounding box holds it, with prepared geometries. A point
/// on a polygon's boundary (a sliver face) is settled by the area of the face
/// inside the polygon instead.
private struct Coverers {
    let polygons: [Geometry]
    let prepared: [PreparedGeometry]
    let boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)?]

    init(_ polygons: [Geometry], context: GEOSContext) throws {
        self.polygons = polygons
        prepared = try polygons.map { try PreparedGeometry($0) }
        boxes = polygons.map { $0.bounds() }
    }

    func members(covering face: Geometry, at point: Geometry, faceArea: Double) throws -> [Int] {
        let (x, y) = try point.pointXY()
        var out: [Int] = []
        for (k, box) in boxes.enumerated() {
            guard let box, x >= box.minX, x <= box.maxX, y >= box.minY, y <= box.maxY else { continue }
            if prepared[k].contains(point) {
                out.append(k)
            } else if prepared[k].intersects(point), try face.intersection(polygons[k]).area() > faceArea / 2 {
                out.append(k)
            }
        }
        return out
    }
}
