import Foundation

/// Method step 6 and the statistics: overlaps are flattened by unioning the
/// pieces of each group (GEOS cascaded unary union: STRtree-driven, no
/// per-pair loop), per realm, so every square metre counts once.
struct Statistics {
    let sites: [CleanSite]
    let pieces: [Piece]
    let frame: WorkingFrame
    let context: GEOSContext
    let territory: TerritoryArea?
    let progress: (CoverageProgress) -> Void
    private var unionsDone = 0

    init(sites: [CleanSite], pieces: [Piece], frame: WorkingFrame, context: GEOSContext,
         territory: TerritoryArea?, progress: @escaping (CoverageProgress) -> Void) {
        self.sites = sites; self.pieces = pieces; self.frame = frame; self.context = context
        self.territory = territory; self.progress = progress
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

    /// Flattened union of each group's pieces, per realm.
    private mutating func unions<K: Hashable>(key: (WDPARecord) -> K) throws -> [K: [PieceRealm: Geometry]] {
        var buckets: [K: [PieceRealm: [Geometry]]] = [:]
        for p in pieces {
            buckets[key(sites[p.site].record), default: [:]][p.realm, default: []].append(try p.geometry.clone())
        }
        var out: [K: [PieceRealm: Geometry]] = [:]
        for (k, byRealm) in buckets {
            for (r, geoms) in byRealm {
                out[k, default: [:]][r] = try context.unaryUnion(geoms)
                unionsDone += geoms.count
                progress(.init(stage: .unioning, done: unionsDone, total: nil))
            }
        }
        return out
    }

    private func areas(_ g: [PieceRealm: Geometry]?) throws -> [PieceRealm: Double] {
        var a: [PieceRealm: Double] = [:]
        for r in realms { a[r] = try g?[r].map { try frame.area($0) } ?? 0 }
        return a
    }

    /// Adds `next` into the running union per realm and returns the new areas.
    private func accumulate(_ running: inout [PieceRealm: Geometry], _ next: [PieceRealm: Geometry]?) throws -> [PieceRealm: Double] {
        for r in realms {
            guard let n = next?[r] else { continue }
            running[r] = try running[r].map { try $0.union(n) } ?? n.clone()
        }
        return try areas(running)
    }

    /// Cumulative series by STATUS_YR: a piece counts from the earliest year
    /// of the sites covering it (method step 6), which is exactly the area of
    /// the union of sites designated up to that year. Year 0 (unknown) is
    /// added last so the series ends at the total minus unknown-year-only area.
    mutating func timeSeries() throws -> (series: [SeriesPoint], total: AreaSplit, unknown: AreaSplit) {
        let byYear = try unions { $0.statusYear }
        var running: [PieceRealm: Geometry] = [:]
        var series: [SeriesPoint] = []
        var lastKnown: [PieceRealm: Double] = Dictionary(uniqueKeysWithValues: realms.map { ($0, 0) })
        for year in byYear.keys.filter({ $0 > 0 }).sorted() {
            lastKnown = try accumulate(&running, byYear[year])
            series.append(SeriesPoint(year: year, covered: split(lastKnown)))
        }
        let total = try accumulate(&running, byYear[0])
        let unknown = Dictionary(uniqueKeysWithValues: realms.map { ($0, max(0, total[$0, default: 0] - lastKnown[$0, default: 0])) })
        return (series, split(total), split(unknown))
    }

    /// Coverage per group; with `exclusive`, groups are also accumulated in
    /// `order` so each reports the area it adds beyond the groups before it.
    mutating func groups<K: Hashable>(order: [K], key: @escaping (WDPARecord) -> K, label: (K) -> String,
                                      exclusive: Bool) throws -> [GroupCoverage] {
        let u = try unions(key: key)
        var counts: [K: Int] = [:]
        for s in sites { counts[key(s.record), default: 0] += 1 }
        var running: [PieceRealm: Geometry] = [:]
        var previous: [PieceRealm: Double] = Dictionary(uniqueKeysWithValues: realms.map { ($0, 0) })
        var out: [GroupCoverage] = []
        for k in order where counts[k, default: 0] > 0 {
            var g = GroupCoverage(key: label(k), sites: counts[k]!, covered: split(try areas(u[k])), exclusive: nil)
            if exclusive {
                let now = try accumulate(&running, u[k])
                g.exclusive = split(Dictionary(uniqueKeysWithValues: realms.map { ($0, max(0, now[$0]! - previous[$0]!)) }))
                previous = now
            }
            out.append(g)
        }
        return out
    }
}
