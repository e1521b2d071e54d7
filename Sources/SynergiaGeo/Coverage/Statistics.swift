import Foundation

/// Method step 6 and the statistics: overlaps are flattened so every square
/// metre counts once. Each figure is the area of a union of pieces (a group's
/// sites, or the sites of every group up to one in an order); it is computed
/// per disjoint unit (`DisjointUnits`) and summed, so a lone piece costs one
/// area and a running union never grows beyond its unit.
struct Statistics {
    let sites: [CleanSite]
    let pieces: [Piece]
    let frame: WorkingFrame
    let context: GEOSContext
    let territory: TerritoryArea?
    let progress: (CoverageProgress) -> Void
    private let units: [[UnitMember]]

    init(sites: [CleanSite], pieces: [Piece], frame: WorkingFrame, context: GEOSContext,
         territory: TerritoryArea?, piecesPerTile: Int, progress: @escaping (CoverageProgress) -> Void) throws {
        self.sites = sites; self.pieces = pieces; self.frame = frame; self.context = context
        self.territory = territory; self.progress = progress
        units = try DisjointUnits.build(pieces, areas: try pieces.map { try frame.area($0.geometry) }, frame: frame, context: context,
                                     piecesPerTile: piecesPerTile)
    }

    private var realms: [PieceRealm] { territory == nil ? [.whole] : [.land, .marine] }

    /// m² per realm → km² and % of the territory.
    func split(_ a: [PieceRealm: Double]) -> AreaSplit {
        guard let t = territory else { return AreaSplit(totalKm2: (a[.whole] ?? 0) / 1e6) }
        let land = (a[.land] ?? 0) / 1e6, marine = (a[.marine] ?? 0) / 1e6
        func pct(_ v: Double, _ of: Double) -> Double? { of > 0 ? 100 * v / of : nil }
        return AreaSplit(totalKm2: land + marine, landKm2: land, marineKm2: marine,
                         totalPercent: pct(land + marine, t.landKm2 + t.marineKm2),
                         landPercent: pct(land, t.landKm2), marinePercent: pct(marine, t.marineKm2))
    }

    /// Areas (m² per realm) for groups taken in `order`: `own[i]` is the
    /// flattened area of group i alone; `added[i]` the area group i adds to
    /// the union of the groups before it (only with `accumulate`). Keys not
    /// in `order` are ignored.
    private func layered<K: Hashable>(order: [K], key: (WDPARecord) -> K, accumulate: Bool) throws
        -> (own: [[PieceRealm: Double]], added: [[PieceRealm: Double]]) {
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var own = Array(repeating: [PieceRealm: Double](), count: order.count)
        var added = own
        for (u, unit) in units.enumerated() {
            if u % 500 == 0 { progress(.init(stage: .unioning, done: u, total: units.count)) }
            if unit.count == 1 {
                let m = unit[0], realm = pieces[m.piece].realm
                guard let i = position[key(sites[pieces[m.piece].site].record)] else { continue }
                own[i][realm, default: 0] += m.area
                added[i][realm, default: 0] += m.area
                continue
            }
            // Within the unit: one union per group (and realm), added in order.
            var buckets: [Int: [PieceRealm: [UnitMember]]] = [:]
            for m in unit {
                guard let i = position[key(sites[pieces[m.piece].site].record)] else { continue }
                buckets[i, default: [:]][pieces[m.piece].realm, default: []].append(m)
            }
            var running: [PieceRealm: (geometry: Geometry, area: Double)] = [:]
            for i in buckets.keys.sorted() {
                for (realm, members) in buckets[i]! {
                    let union = members.count == 1 ? members[0].geometry : try context.unaryUnion(members.map { try $0.geometry.clone() })
                    let area = members.count == 1 ? members[0].area : try frame.area(union)
                    own[i][realm, default: 0] += area
                    guard accumulate else { continue }
                    if let before = running[realm] {
                        let merged = try before.geometry.union(union)
                        let mergedArea = try frame.area(merged)
                        added[i][realm, default: 0] += max(0, mergedArea - before.area)
                        running[realm] = (merged, mergedArea)
                    } else {
                        added[i][realm, default: 0] += area
                        running[realm] = (union, area)
                    }
                }
            }
        }
        progress(.init(stage: .unioning, done: units.count, total: units.count))
        return (own, added)
    }

    private func sum(_ a: [PieceRealm: Double], _ b: [PieceRealm: Double]) -> [PieceRealm: Double] {
        a.merging(b, uniquingKeysWith: +)
    }

    /// Cumulative series by STATUS_YR: a piece counts from the earliest year
    /// of the sites covering it (method step 6), which is exactly the area of
    /// the union of sites designated up to that year. Year 0 (unknown) comes
    /// last, so the series ends at the total minus unknown-year-only area.
    func timeSeries() throws -> (series: [SeriesPoint], total: AreaSplit, unknown: AreaSplit) {
        let years = Set(sites.map(\.record.statusYear)).filter { $0 > 0 }.sorted() + [0]
        let added = try layered(order: years, key: { $0.statusYear }, accumulate: true).added
        var running: [PieceRealm: Double] = [:]
        var series: [SeriesPoint] = []
        for (i, year) in years.enumerated() where year > 0 {
            running = sum(running, added[i])
            series.append(SeriesPoint(year: year, covered: split(running)))
        }
        return (series, split(sum(running, added[years.count - 1])), split(added[years.count - 1]))
    }

    /// The flattened coverage as geometries sharing no area: the union of each
    /// unit's pieces, per realm. Seams between tiles of one cluster remain.
    func flattened() throws -> [(realm: PieceRealm, geometry: Geometry)] {
        var out: [(realm: PieceRealm, geometry: Geometry)] = []
        for unit in units {
            let byRealm = Dictionary(grouping: unit, by: { pieces[$0.piece].realm })
            for realm in PieceRealm.allCases {
                guard let members = byRealm[realm] else { continue }
                let union = members.count == 1 ? try members[0].geometry.clone() : try context.unaryUnion(members.map { try $0.geometry.clone() })
                out.append((realm, union))
            }
        }
        return out
    }

    /// Coverage per group; with `exclusive`, groups are also accumulated in
    /// `order` so each reports the area it adds beyond the groups before it.
    func groups<K: Hashable>(order: [K], key: @escaping (WDPARecord) -> K, label: (K) -> String,
                             exclusive: Bool) throws -> [GroupCoverage] {
        let (own, added) = try layered(order: order, key: key, accumulate: exclusive)
        var counts: [K: Int] = [:]
        for s in sites { counts[key(s.record), default: 0] += 1 }
        return order.enumerated().compactMap { i, k in
            guard let n = counts[k], n > 0 else { return nil }
            return GroupCoverage(key: label(k), sites: n, covered: split(own[i]), exclusive: exclusive ? split(added[i]) : nil)
        }
    }
}
