import Foundation

/// Groups pieces that overlap, directly or through a chain of overlaps.
/// Pieces of different clusters share no area, so the flattened area of any
/// set of pieces is the sum over clusters of the area of their union inside
/// the cluster: every overlay stays as small as the cluster it belongs to.
enum OverlapClusters {
    /// Clusters of piece indexes, each ascending, ordered by first index.
    /// Pieces are only compared within their realm.
    static func build(_ pieces: [Piece], context: GEOSContext) throws -> [[Int]] {
        var parent = Array(0..<pieces.count)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        let byRealm = Dictionary(grouping: pieces.indices, by: { pieces[$0].realm })
        for (_, members) in byRealm where members.count > 1 {
            let index = try SpatialIndex(members.map { pieces[$0].geometry }, context: context)
            for (a, i) in members.enumerated() {
                for b in index.query(pieces[i].geometry) where b > a {
                    let j = members[b]
                    let (ri, rj) = (root(i), root(j))
                    if ri != rj, pieces[i].geometry.intersects(pieces[j].geometry) { parent[max(ri, rj)] = min(ri, rj) }
                }
            }
        }
        var clusters: [Int: [Int]] = [:]
        for i in pieces.indices { clusters[root(i), default: []].append(i) }
        return clusters.values.sorted { $0[0] < $1[0] }
    }
}
