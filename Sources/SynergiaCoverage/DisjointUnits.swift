import Foundation
import SynergiaGeoBindings

/// One piece (or the part of it inside a tile) with its area.
struct UnitMember {
    let piece: Int
    let geometry: Geometry
    let area: Double
}

/// Splits the pieces into units that share no area with each other: each
/// small overlap cluster is a unit, and a large cluster is cut into a grid of
/// tiles, each tile a unit. Any flattened area is then the sum over units of
/// the area of a union inside the unit, and every overlay stays as small as
/// one unit, however dense the country's network of sites is.
enum DisjointUnits {
    /// Clusters above this many pieces are tiled, aiming at this many pieces per tile.
    static let defaultPiecesPerTile = 40

    static func build(_ pieces: [Piece], areas: [Double], frame: WorkingFrame, context: GEOSContext,
                      piecesPerTile: Int = defaultPiecesPerTile) throws -> [[UnitMember]] {
        var units: [[UnitMember]] = []
        for cluster in try OverlapClusters.build(pieces, context: context) {
            // Tile edges are straight in the working frame; ellipsoidal areas
            // would measure them as geodesics, so lon/lat clusters stay whole.
            if cluster.count <= piecesPerTile || frame.method == .geodesic {
                units.append(cluster.map { UnitMember(piece: $0, geometry: pieces[$0].geometry, area: areas[$0]) })
            } else {
                units += try tiles(of: cluster, pieces: pieces, areas: areas, frame: frame, piecesPerTile: piecesPerTile)
            }
        }
        return units
    }

    private static func tiles(of cluster: [Int], pieces: [Piece], areas: [Double], frame: WorkingFrame, piecesPerTile: Int) throws -> [[UnitMember]] {
        let bounds = cluster.compactMap { pieces[$0].geometry.bounds() }
        guard bounds.count == cluster.count, let (minX, minY, maxX, maxY) = enclosing(bounds), maxX > minX, maxY > minY else {
            return [cluster.map { UnitMember(piece: $0, geometry: pieces[$0].geometry, area: areas[$0]) }]
        }
        // A square-ish grid with about piecesPerTile pieces per tile.
        let tileCount = Double(cluster.count) / Double(piecesPerTile)
        let aspect = (maxX - minX) / (maxY - minY)
        let nx = max(1, Int((tileCount * aspect).squareRoot().rounded())), ny = max(1, Int((tileCount / aspect).squareRoot().rounded()))
        let dx = (maxX - minX) / Double(nx), dy = (maxY - minY) / Double(ny)
        func column(_ x: Double) -> Int { min(nx - 1, max(0, Int((x - minX) / dx))) }
        func row(_ y: Double) -> Int { min(ny - 1, max(0, Int((y - minY) / dy))) }

        var members = Array(repeating: [UnitMember](), count: nx * ny)
        for (k, p) in cluster.enumerated() {
            let b = bounds[k]
            let (c0, c1, r0, r1) = (column(b.minX), column(b.maxX), row(b.minY), row(b.maxY))
            if c0 == c1 && r0 == r1 {
                members[r0 * nx + c0].append(UnitMember(piece: p, geometry: pieces[p].geometry, area: areas[p]))
                continue
            }
            for r in r0...r1 {
                for c in c0...c1 {
                    // The last row and column reach to the cluster's edge exactly, so nothing is lost to rounding.
                    let x0 = minX + Double(c) * dx, x1 = c == nx - 1 ? maxX : minX + Double(c + 1) * dx
                    let y0 = minY + Double(r) * dy, y1 = r == ny - 1 ? maxY : minY + Double(r + 1) * dy
                    let part = try PolygonRepair.polygonalParts(of: pieces[p].geometry.clip(minX: x0, minY: y0, maxX: x1, maxY: y1))
                    if part.isEmpty { continue }
                    members[r * nx + c].append(UnitMember(piece: p, geometry: part, area: try frame.area(part)))
                }
            }
        }
        return members.filter { !$0.isEmpty }
    }

    /// The rectangle around all the boxes; nil for none.
    static func enclosing(_ boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)])
        -> (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        guard let first = boxes.first else { return nil }
        return boxes.dropFirst().reduce(first) { (min($0.minX, $1.minX), min($0.minY, $1.minY), max($0.maxX, $1.maxX), max($0.maxY, $1.maxY)) }
    }
}
