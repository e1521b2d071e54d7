import Foundation
import SynergiaGeoBindings

/// docs/methods/protected-area-coverage.md §Cleaning step 6 and §Statistics users
/// expect: overlaps are flattened so every square
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
    /// The realm of each unit's pieces; nil when they are on both sides of the coastline.
    private let unitRealms: [PieceRealm?]
    /// For a unit on both sides, the land under its bounding box (disjoint parts), which splits its unions.
    private let unitLand: [[Geometry]]
    /// Units measured by overlay: several pieces, or land and sea to split.
    private let shared: [Int]
    /// With several threads, each shared unit's pieces and land as WKB (for the threads' own contexts), made once.
    private let unitsWKB: [[Data]]
    private let unitLandWKB: [[Data]]

    init(sites: [CleanSite], pieces: [Piece], frame: WorkingFrame, context: GEOSContext,
         territory: TerritoryArea?, regions: TerritoryRegions?, piecesPerTile: Int, threads: Int = 1,
         progress: @escaping (CoverageProgress) -> Void) throws {
        self.sites = sites; self.pieces = pieces; self.frame = frame; self.context = context
        self.territory = territory; self.progress = progress; self.threads = threads
        let units = try DisjointUnits.build(pieces, areas: try pieces.map { try frame.area($0.geometry) }, frame: frame, context: context,
                                            piecesPerTile: piecesPerTile)
        let realms: [PieceRealm?] = units.map { unit in
            let first = pieces[unit[0].piece].realm
            return unit.allSatisfy { pieces[$0.piece].realm == first } ? first : nil
        }
        unitLand = try units.indices.map { u in
            guard realms[u] == nil, let regions, let b = DisjointUnits.enclosing(units[u].compactMap { $0.geometry.bounds() }) else { return [] }
            return try regions.land.parts(minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY, context: context)
        }
        let shared = units.indices.filter { units[$0].count > 1 || realms[$0] == nil }
        self.units = units; unitRealms = realms; self.shared = shared
        var unitsWKB = [[Data]](repeating: [], count: units.count), unitLandWKB = unitsWKB
        if threads > 1 {
            for u in shared {
                unitsWKB[u] = try units[u].map { try $0.geometry.wkb() }
                unitLandWKB[u] = try unitLand[u].map { try $0.wkb() }
            }
        }
        self.unitsWKB = unitsWKB; self.unitLandWKB = unitLandWKB
    }

    /// m² per realm → km² and % of the territory.
    func split(_ a: [PieceRealm: Double]) -> AreaSplit {
        guard let t = territory else { return AreaSplit(totalKm2: (a[.whole] ?? 0) / 1e6) }
        let land = (a[.land] ?? 0) / 1e6, marine = (a[.marine] ?? 0) / 1e6
        func pct(_ v: Double, _ of: Double) -> Double? { of > 0 ? 100 * v / of : nil }
        let (landKm2, marineKm2) = (t.landKm2 ?? 0, t.marineKm2 ?? 0)
        return AreaSplit(totalKm2: land + marine, landKm2: land, marineKm2: marine,
                         totalPercent: pct(land + marine, landKm2 + marineKm2),
                         landPercent: pct(land, landKm2), marinePercent: pct(marine, marineKm2))
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
        let (shared, unitRealms) = (shared, unitRealms)
        var contributions = [[UnitContribution]](repeating: [], count: units.count)
        // In batches, so progress is reported between them (the callback stays on this thread).
        let batch = max(threads * 8, shared.count / 20)
        let measure = frame.measure
        for start in stride(from: 0, to: shared.count, by: batch) {
            progress(.init(stage: .unioning, done: start, total: shared.count))
            let slice = Array(shared[start..<min(start + batch, shared.count)])
            let areas = slice.map { u in units[u].map(\.area) }
            @Sendable func measured(_ k: Int, _ members: [Geometry], _ land: [Geometry], _ context: GEOSContext) throws -> [UnitContribution] {
                let split = RealmSplit(realm: unitRealms[slice[k]], land: land, area: measure.area)
                return try Self.contributions(members: members, areas: areas[k], groups: groupOf[slice[k]], split: split,
                                              accumulate: accumulate, context: context)
            }
            if threads > 1, slice.count > 1 {
                let encoded = slice.map { unitsWKB[$0] }, land = slice.map { unitLandWKB[$0] }
                let results = try UnitWorkers.measure(count: slice.count, threads: threads) { k, context in
                    try measured(k, try encoded[k].map { try context.geometry(wkb: $0) }, try land[k].map { try context.geometry(wkb: $0) }, context)
                }
                for (k, u) in slice.enumerated() { contributions[u] = results[k] }
            } else {
                for (k, u) in slice.enumerated() { contributions[u] = try measured(k, units[u].map(\.geometry), unitLand[u], context) }
            }
        }
        var own = Array(repeating: [PieceRealm: Double](), count: order.count)
        var added = own
        for (u, unit) in units.enumerated() {
            if unit.count == 1, let realm = unitRealms[u] {
                guard let i = groupOf[u][0] else { continue }
                own[i][realm, default: 0] += unit[0].area
                added[i][realm, default: 0] += unit[0].area
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

    /// What one unit adds to each group: one union per group, and with
    /// `accumulate` what it adds to the running union of the groups before it;
    /// each union's area split between the realms by `split`.
    private static func contributions(members: [Geometry], areas: [Double], groups: [Int?], split: RealmSplit, accumulate: Bool,
                                      context: GEOSContext) throws -> [UnitContribution] {
        var buckets: [Int: [Int]] = [:]
        for k in members.indices {
            guard let i = groups[k] else { continue }
            buckets[i, default: []].append(k)
        }
        var out: [UnitContribution] = []
        var running: (geometry: Geometry, areas: [PieceRealm: Double])?
        for i in buckets.keys.sorted() {
            let ks = buckets[i]!
            let union = ks.count == 1 ? members[ks[0]] : try context.unaryUnion(ks.map { try members[$0].clone() })
            let own = try split.areas(union, known: ks.count == 1 ? areas[ks[0]] : nil)
            guard accumulate else {
                out += own.map { UnitContribution(group: i, realm: $0.key, own: $0.value, added: nil) }
                continue
            }
            guard let before = running else {
                out += own.map { UnitContribution(group: i, realm: $0.key, own: $0.value, added: $0.value) }
                running = (union, own)
                continue
            }
            let merged = try before.geometry.union(union)
            let mergedAreas = try split.areas(merged, known: nil)
            for realm in PieceRealm.allCases where own[realm] != nil || mergedAreas[realm] != nil {
                out.append(UnitContribution(group: i, realm: realm, own: own[realm] ?? 0,
                                            added: max(0, (mergedAreas[realm] ?? 0) - (before.areas[realm] ?? 0))))
            }
            running = (merged, mergedAreas)
        }
        return out
    }

    private func sum(_ a: [PieceRealm: Double], _ b: [PieceRealm: Double]) -> [PieceRealm: Double] {
        a.merging(b, uniquingKeysWith: +)
    }

    /// Cumulative series by STATUS_YR: a piece counts from the earliest year
    /// of the sites covering it (docs/methods/protected-area-coverage.md §Cleaning step 6), which is exactly the area of
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
        for (u, unit) in units.enumerated() {
            let union = unit.count == 1 ? try unit[0].geometry.clone() : try context.unaryUnion(unit.map { try $0.geometry.clone() })
            if let realm = unitRealms[u] { out.append((realm, union)); continue }
            let land = try context.unaryUnion(unitLand[u].map { try union.intersection($0) })
            out.append((.land, land))
            out.append((.marine, try union.difference(land).polygonalParts()))
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

/// Splits a union's area between land and sea. A unit's pieces on one side
/// of the coastline give it all to that realm; for a unit on both sides the
/// land area is measured on the land under the unit, and the rest of the union
/// is marine (pieces never leave the territory, which is land plus marine).
struct RealmSplit {
    let realm: PieceRealm?
    let land: [Geometry]
    let area: (Geometry) throws -> Double

    func areas(_ union: Geometry, known: Double?) throws -> [PieceRealm: Double] {
        let total = try known ?? area(union)
        if let realm { return [realm: total] }
        let landArea = try land.reduce(0) { $0 + (try area(union.intersection($1))) }
        return [.land: landArea, .marine: max(0, total - landArea)]
    }
}
