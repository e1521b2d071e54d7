import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaCoverage
@testable import SynergiaDemoData

/// The statistics as sums over the faces of each unit (`UnitPartition`):
/// hand-computed figures on squares in the equal-area frame, where every face
/// is a rectangle with whole-kilometre corners and every area is exact, and the
/// faces against the unions they replace on the generated data.
@Suite struct FacePartitionTests {
    let context = GEOSContext()

    /// A rectangle in the working frame, corners in km.
    func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) throws -> Geometry {
        try context.polygon(shell: [x0, y0, x1, y0, x1, y1, x0, y1].map { $0 * 1000 })
    }

    func statistics(_ sites: [(record: WDPARecord, geometry: Geometry)], byFaces: Bool = true,
                    facesUpTo: Int = Statistics.facesUpTo) throws -> Statistics {
        try Statistics(sites: sites.map { CleanSite(record: $0.record, geometry: $0.geometry) },
                       pieces: sites.indices.map { Piece(site: $0, realm: .whole, geometry: sites[$0].geometry) },
                       frame: try WorkingFrame(options: CoverageOptions()), context: context, territory: nil, regions: nil,
                       piecesPerTile: DisjointUnits.defaultPiecesPerTile, byFaces: byFaces, facesUpTo: facesUpTo, progress: { _ in })
    }

    /// A: 0–10 × 0–10 km (2000, PA, Ia, State), B: 5–15 × 0–10 (1990, OECM, II, Private),
    /// C: 2–12 × 6–16 (year unknown, PA, Ib, State). A∩B 50 km², A∩C 32, B∩C 28, A∩B∩C 20:
    /// union 300 − 50 − 32 − 28 + 20 = 210.
    func threeSquares() throws -> [(record: WDPARecord, geometry: Geometry)] {
        [(record(1, year: 2000, iucn: .ia, governance: "State"), try square(0, 0, 10, 10)),
         (record(2, year: 1990, type: .oecm, iucn: .ii, governance: "Private"), try square(5, 0, 15, 10)),
         (record(3, year: 0, iucn: .ib, governance: "State"), try square(2, 6, 12, 16))]
    }

    /// By faces; with unions (as a failed partition is measured); with unions for a unit above the size limit.
    @Test(arguments: [(true, Statistics.facesUpTo), (false, Statistics.facesUpTo), (true, 2)])
    func threeOverlappingSquaresGiveTheHandComputedFigures(byFaces: Bool, facesUpTo: Int) throws {
        let stats = try statistics(try threeSquares(), byFaces: byFaces, facesUpTo: facesUpTo)
        #expect(stats.failedPartitions.isEmpty)
        let (series, total, unknown) = try stats.timeSeries()
        #expect(total.totalKm2 == 210)
        // 1990: B alone; 2000: A ∪ B = 150; C adds 100 − 40 (its part in A ∪ B) with its year unknown.
        #expect(series.map(\.year) == [1990, 2000])
        #expect(series.map(\.covered.totalKm2) == [100, 150])
        #expect(unknown.totalKm2 == 60)

        let types = try stats.groups(order: SiteType.allCases, key: { $0.siteType }, label: { $0.rawValue }, exclusive: true)
        // PA = A ∪ C = 200 − 32; OECM adds B less its parts in A and C: 210 − 168.
        #expect(types.map(\.key) == ["PA", "OECM"])
        #expect(types.map(\.sites) == [2, 1])
        #expect(types.map(\.covered.totalKm2) == [168, 100])
        #expect(types.map { $0.exclusive!.totalKm2 } == [168, 42])

        let iucn = try stats.groups(order: IUCNCategory.allCases, key: { $0.iucnCategory }, label: { $0.rawValue }, exclusive: true)
        // Ia first (A, 100), Ib adds C − A∩C = 68, II adds B − the rest = 42.
        #expect(iucn.map(\.key) == ["Ia", "Ib", "II"])
        #expect(iucn.map(\.covered.totalKm2) == [100, 100, 100])
        #expect(iucn.map { $0.exclusive!.totalKm2 } == [100, 68, 42])

        let governance = try stats.groups(order: ["Private", "State"], key: { $0.governanceType }, label: { $0 }, exclusive: false)
        #expect(governance.map(\.key) == ["Private", "State"])
        #expect(governance.map(\.covered.totalKm2) == [100, 168])
        #expect(governance.allSatisfy { $0.exclusive == nil })
    }

    /// A ring (0–10 with a 2–8 hole) and a square 1–9 over its hole: the hole is a face of
    /// its own, covered by the square only; the same polygon given twice counts once.
    @Test func holesAndDuplicatesCountOnce() throws {
        let ring = try context.polygon(shell: [0, 0, 10_000, 0, 10_000, 10_000, 0, 10_000],
                                       holes: [[2000, 2000, 8000, 2000, 8000, 8000, 2000, 8000]])
        let sites = [(record(1, year: 1995, iucn: .ia), ring), (record(2, year: 2005, iucn: .ii), try square(1, 1, 9, 9)),
                     (record(3, year: 2005, iucn: .iii), try square(1, 1, 9, 9))]
        let stats = try statistics(sites)
        #expect(stats.failedPartitions.isEmpty)
        let (series, total, unknown) = try stats.timeSeries()
        #expect(total.totalKm2 == 100)
        #expect(series.map(\.covered.totalKm2) == [64, 100])
        #expect(unknown.totalKm2 == 0)
        let iucn = try stats.groups(order: IUCNCategory.allCases, key: { $0.iucnCategory }, label: { $0.rawValue }, exclusive: true)
        // The ring and the square share the band 1–9 less the hole: 64 − 36 = 28.
        #expect(iucn.map(\.covered.totalKm2) == [64, 64, 64])
        #expect(iucn.map { $0.exclusive!.totalKm2 } == [64, 36, 0])
    }

    /// A unit across the coastline: the land boundary is noded with the pieces, so
    /// each face lies on one side. A: 0–10 × 0–10 km, B: 5–15 × 0–10, land below y = 4.
    @Test func unitAcrossTheCoastlineIsSplitExactly() throws {
        let a = try square(0, 0, 10, 10), b = try square(5, 0, 15, 10), land = try square(-5, -5, 20, 4)
        let partition = try #require(try UnitPartition.build(members: [a, b], realm: nil, land: [land], context: context))
        let cells = partition.cells.map { "\($0.realm) \($0.members) \($0.area / 1e6)" }.sorted()
        #expect(cells == ["land [0, 1] 20.0", "land [0] 20.0", "land [1] 20.0",
                          "marine [0, 1] 30.0", "marine [0] 30.0", "marine [1] 30.0"])
        let added = partition.contributions(groups: [0, 1], groupCount: 2, accumulate: true)
        let figures = added.map { "\($0.group) \($0.realm) own \($0.own / 1e6) added \($0.added! / 1e6)" }
        #expect(figures == ["0 land own 40.0 added 40.0", "0 marine own 60.0 added 60.0",
                            "1 land own 40.0 added 20.0", "1 marine own 60.0 added 30.0"])
        // Group 1 not counted (nil): group 0 alone, nothing added by anyone else.
        let alone = partition.contributions(groups: [0, nil], groupCount: 1, accumulate: false)
        #expect(alone.map { "\($0.group) \($0.realm) \($0.own / 1e6) \($0.added == nil)" } == ["0 land 40.0 true", "0 marine 60.0 true"])
    }

    /// Faces that do not add up to a piece's area are refused, so the unit is measured with
    /// unions: an invalid bow-tie, whose signed halves cancel to an area of 0 while its faces cover 50 km².
    @Test func aPartitionThatDoesNotAccountForEveryPieceIsRefused() throws {
        let a = try square(0, 0, 10, 10)
        let bowTie = try context.polygon(shell: [0, 0, 10_000, 10_000, 10_000, 0, 0, 10_000])
        let partition = try? UnitPartition.build(members: [a, bowTie], realm: .land, land: [], context: context)
        #expect(partition == nil)
        #expect(try UnitPartition.build(members: [a, try square(0, 0, 5, 10)], realm: .land, land: [], context: context) != nil)
    }
}

private func record(_ id: Int64, year: Int, type: SiteType = .protectedArea, iucn: IUCNCategory,
                    governance: String = "State") -> WDPARecord {
    var record = site(id, Data(), year: year, type: type, iucn: iucn)
    record.governanceType = governance
    return record
}

/// On the generated data (dense clusters cut into tiles, units across the coastline):
/// the faces give the figures the unions give, and the method's invariants hold.
@Suite(.serialized) struct FacePartitionGeneratedDataTests {
    /// The engine's steps up to the statistics, so the test holds the `Statistics` itself.
    func statistics(_ method: CoverageOptions.AreaMethod, threads: Int = 1, byFaces: Bool = true)
        throws -> (stats: Statistics, pieces: [Geometry], frame: WorkingFrame) {
        var options = CoverageOptions(); options.areaMethod = method
        let context = GEOSContext(), frame = try WorkingFrame(options: options)
        let records = try WDPAReader.read(path: GeneratedDataTests.path).records
        let land = try TerritoryReader.read(path: GeneratedDataTests.path, layer: "land", country: "AAA")
        let eez = try TerritoryReader.read(path: GeneratedDataTests.path, layer: "eez", country: "AAA")
        let regions = try TerritoryRegions(land: land, eez: eez, context: context, frame: frame, options: options)
        let cleaned = SiteCleaner(options: options, context: context, frame: frame).clean(records, country: "AAA", progress: { _ in })
        var pieces: [Piece] = []
        for (i, s) in cleaned.sites.enumerated() {
            pieces += try regions.pieces(of: s.geometry, frame: frame).pieces.map { Piece(site: i, realm: $0.realm, geometry: $0.geometry) }
        }
        let stats = try Statistics(sites: cleaned.sites, pieces: pieces, frame: frame, context: context,
                                   territory: TerritoryArea(landKm2: regions.land.area / 1e6, marineKm2: regions.marine.area / 1e6),
                                   regions: regions, piecesPerTile: 8, threads: threads, byFaces: byFaces, progress: { _ in })
        return (stats, pieces.map(\.geometry), frame)
    }

    /// Every figure of a result: the series, total, unknown year, and each group's covered and exclusive areas.
    func figures(_ stats: Statistics) throws -> [String: Double] {
        var out: [String: Double] = [:]
        func add(_ name: String, _ a: AreaSplit?) {
            guard let a else { return }
            out[name + " total"] = a.totalKm2; out[name + " land"] = a.landKm2; out[name + " marine"] = a.marineKm2
        }
        let (series, total, unknown) = try stats.timeSeries()
        for point in series { add("\(point.year)", point.covered) }
        add("all", total); add("unknown", unknown)
        for g in try stats.groups(order: SiteType.allCases, key: { $0.siteType }, label: { $0.rawValue }, exclusive: true)
            + (try stats.groups(order: IUCNCategory.allCases, key: { $0.iucnCategory }, label: { $0.rawValue }, exclusive: true)) {
            add(g.key, g.covered); add(g.key + " exclusive", g.exclusive)
        }
        let governance = Array(Set(stats.sites.map(\.record.governanceType))).sorted()
        for g in try stats.groups(order: governance, key: { $0.governanceType }, label: { $0 }, exclusive: false) { add(g.key, g.covered) }
        return out
    }

    @Test func facesGiveTheFiguresOfTheUnions() throws {
        let (byFaces, pieces, frame) = try statistics(.equalArea)
        let (byUnions, _, _) = try statistics(.equalArea, byFaces: false)
        #expect(byFaces.failedPartitions.isEmpty)
        let faces = try figures(byFaces), unions = try figures(byUnions)
        #expect(faces.count > 100)
        #expect(Set(faces.keys) == Set(unions.keys))
        let total = faces["all total"]!
        for (name, value) in faces {
            // Relative to the figure, or to the total for a figure near 0 (a sliver one way and none the other).
            #expect(abs(value - unions[name]!) <= 1e-9 * max(abs(value), 1e-6 * total), "\(name): \(value) by faces, \(unions[name]!) by unions")
        }
        // The total against one GEOS union of every piece.
        let union = try byFaces.context.unaryUnion(pieces.map { try $0.clone() })
        #expect(close(total, try frame.area(union) / 1e6, rel: 1e-9))
    }

    /// In lon/lat an edge is measured as a geodesic, so a face's nodes would move the areas:
    /// there every figure is still the area of a union, exactly as before.
    @Test func lonLatFiguresStayTheUnions() throws {
        let byFaces = try statistics(.geodesic).stats, byUnions = try statistics(.geodesic, byFaces: false).stats
        #expect(byFaces.failedPartitions.isEmpty)
        let figures = try figures(byFaces)
        #expect(figures.count > 100)
        #expect(figures == (try self.figures(byUnions)))
    }

    @Test func invariantsHoldOnTheFaces() throws {
        let (stats, _, _) = try statistics(.equalArea)
        let (series, total, unknown) = try stats.timeSeries()
        #expect(series.count > 10)
        #expect(zip(series, series.dropFirst()).allSatisfy { $0.covered.totalKm2 <= $1.covered.totalKm2 })
        #expect(close(series.last!.covered.totalKm2, total.totalKm2 - unknown.totalKm2, rel: 1e-9))
        #expect(total.landKm2! + total.marineKm2! == total.totalKm2)
        for exclusiveGroups in [try stats.groups(order: SiteType.allCases, key: { $0.siteType }, label: { $0.rawValue }, exclusive: true),
                                try stats.groups(order: IUCNCategory.allCases, key: { $0.iucnCategory }, label: { $0.rawValue }, exclusive: true)] {
            #expect(close(exclusiveGroups.reduce(0) { $0 + $1.exclusive!.totalKm2 }, total.totalKm2, rel: 1e-9))
            #expect(close(exclusiveGroups.reduce(0) { $0 + $1.exclusive!.landKm2! }, total.landKm2!, rel: 1e-9))
            #expect(exclusiveGroups.allSatisfy { $0.exclusive!.totalKm2 <= $0.covered.totalKm2 * (1 + 1e-12) })
        }
    }

    @Test func threadsGiveTheSameFacesBitForBit() throws {
        let one = try figures(try statistics(.equalArea, threads: 1).stats), three = try figures(try statistics(.equalArea, threads: 3).stats)
        #expect(one.count > 100)
        #expect(one == three)
    }
}
