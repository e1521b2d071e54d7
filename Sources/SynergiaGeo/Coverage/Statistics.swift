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
    let threads: Int
    private let units: [[UnitMember]]
    /// With several threads, each unit's pieces as WKB (for the threads' own contexts), made once.
    private let unitsWKB: [[Data]]

    init(sites: [CleanSite], pieces: [Piece], frame: WorkingFrame, context: GEOSContext,
         territory: TerritoryArea?, piecesPerTile: Int, threads: Int = 1, progress: @escaping (CoverageProgress) -> Void) throws {
        self.sites = sites; self.pieces = pieces; self.frame = frame; self.context = context
        self.territory = territory; self.progress = progress; self.threads = threads
        units = try DisjointUnits.build(pieces, areas: try pieces.map { try frame.area($0.geometry) }, frame: frame, context: context,
                                     piecesPerTile: piecesPerTile)
        unitsWKB = threads > 1 ? try units.map { unit in unit.count > 1 ? try unit.map { try $0.geometry.wkb() } : [] } : []
    }

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
    /// in `order` are ignored. Units of several pieces are measured on
    /// `threads` threads; their contributions are added in unit order, so the
    /// sums are the same, bit for bit, on any number of threads.
    private func layered<K: Hashable>(order: [K], key: (WDPARecord) -> K, accumulate: Bool) throws
        -> (own: [[PieceRealm: Double]], added: [[PieceRealm: Double]]) {
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        // Each member's group position (nil: not counted), fixed before any thread starts.
        let groupOf: [[Int?]] = units.map { unit in unit.map { position[key(sites[pieces[$0.piece].site].record)] } }
        let realmOf: [[PieceRealm]] = units.map { unit in unit.map { pieces[$0.piece].realm } }
        let shared = units.indices.filter { units[$0].count > 1 }
        var contributions = [[UnitContribution]](repeating: [], count: units.count)
        // In batches, so progress is reported between them (the callback stays on this thread).
        let batch = max(threads * 8, shared.count / 20)
        let measure = frame.measure
        for start in stride(from: 0, to: shared.count, by: batch) {
            progress(.init(stage: .unioning, done: start, total: shared.count))
            let slice = Array(shared[start..<min(start + batch, shared.count)])
            let areas = slice.map { u in units[u].map(\.area) }
            @Sendable func measured(_ k: Int, _ members: [Geometry], _ context: GEOSContext) throws -> [UnitContribution] {
                try Self.contributions(members: members, areas: areas[k], groups: groupOf[slice[k]], realms: realmOf[slice[k]],
                                       accumulate: accumulate, context: context, area: measure.area)
            }
            if threads > 1, slice.count > 1 {
                let encoded = slice.map { unitsWKB[$0] }
                let results = try UnitWorkers.measure(count: slice.count, threads: threads) { k, context in
                    try measured(k, try encoded[k].map { try context.geometry(wkb: $0) }, context)
                }
                for (k, u) in slice.enumerated() { contributions[u] = results[k] }
            } else {
                for (k, u) in slice.enumerated() { contributions[u] = try measured(k, units[u].map(\.geometry), context) }
            }
        }
        var own = Array(repeating: [PieceRealm: Double](), count: order.count)
        var added = own
        for (u, unit) in units.enumerated() {
            if unit.count == 1 {
                guard let i = groupOf[u][0] else { continue }
                own[i][realmOf[u][0], default: 0] += unit[0].area
                added[i][realmOf[u][0], default: 0] += unit[0].area
                continue
            }
            for c in contributions[u] {
                own[c.group][c.realm, default: 0] += c.own
                if let a = c.added { added[c.group][c.realm, default: 0] += a }
            }
        }
        progress(.init(stage: .unioning, done: shared.count, total: shared.count))
        return (own, added)
    }

    /// What one unit adds to each group: one union per group (and realm), and
    /// with `accumulate` what it adds to the running union of the groups before it.
    private static func contributions(members: [Geometry], areas: [Double], groups: [Int?], realms: [PieceRealm], accumulate: Bool,
                                      context: GEOSContext, area measure: (Geometry) throws -> Double) throws -> [UnitContribution] {
        var buckets: [Int: [PieceRealm: [Int]]] = [:]
        for k in members.indices {
            guard let i = groups[k] else { continue }
            buckets[i, default: [:]][realms[k], default: []].append(k)
        }
        var out: [UnitContribution] = []
        var running: [PieceRealm: (geometry: Geometry, area: Double)] = [:]
        for i in buckets.keys.sorted() {
            for realm in PieceRealm.allCases {
                guard let ks = buckets[i]![realm] else { continue }
                let union = ks.count == 1 ? members[ks[0]] : try context.unaryUnion(ks.map { try members[$0].clone() })
                let area = ks.count == 1 ? areas[ks[0]] : try measure(union)
                guard accumulate else {
                    out.append(UnitContribution(group: i, realm: realm, own: area, added: nil))
                    continue
                }
                if let before = running[realm] {
                    let merged = try before.geometry.union(union)
                    let mergedArea = try measure(merged)
                    out.append(UnitContribution(group: i, realm: realm, own: area, added: max(0, mergedArea - before.area)))
                    running[realm] = (merged, mergedArea)
                } else {
                    out.append(UnitContribution(group: i, realm: realm, own: area, added: area))
                    running[realm] = (union, area)
                }
            }
        }
        return out
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
