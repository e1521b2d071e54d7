import Foundation
import SynergiaGeoBindings

/// Groups pieces that overlap, directly or through a chain of overlaps.
/// Pieces of different clusters share no area, so the flattened area of any
/// set of pieces is the sum over clusters of the area of their union inside
/// the cluster: every overlay stays as small as the cluster it belongs to.
enum OverlapClusters {
    /// Clusters of piece indexes, each ascending, ordered by first index.
    /// A land piece and a marine piece share no area, so they are not compared.
    static func build(_ pieces: [Piece], context: GEOSContext) throws -> [[Int]] {
        var parent = Array(0..<pieces.count)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        if pieces.count > 1 {
            let index = try SpatialIndex(pieces.map(\.geometry), context: context)
            for i in pieces.indices {
                for j in index.query(pieces[i].geometry) where j > i {
                    let (ri, rj) = (root(i), root(j))
                    guard ri != rj, Self.mayShareArea(pieces[i].realm, pieces[j].realm) else { continue }
                    if pieces[i].geometry.intersects(pieces[j].geometry) { parent[max(ri, rj)] = min(ri, rj) }
                }
            }
        }
        var clusters: [Int: [Int]] = [:]
        for i in pieces.indices { clusters[root(i), default: []].append(i) }
        return clusters.values.sorted { $0[0] < $1[0] }
    }

    /// nil is a piece across the coastline, which may share area with either.
    private static func mayShareArea(_ a: PieceRealm?, _ b: PieceRealm?) -> Bool {
        a == nil || b == nil || a == b
    }
}
