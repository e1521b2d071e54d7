import Foundation
import SynergiaGeoBindings

/// Computes protected/conserved-area coverage for one country following
/// docs/methods/protected-area-coverage.md (implementation: docs/coverage.md). Stateless and Sendable: each
/// `run` creates its own GEOS context, so countries can run in parallel on
/// different threads.
public struct CoverageEngine: Sendable {
    public var options: CoverageOptions
    /// Tiling of dense overlap clusters; changes speed, never the areas (tested).
    var piecesPerTile = DisjointUnits.defaultPiecesPerTile
    /// Threads measuring the overlap units of one country. 1 when countries
    /// already run side by side (`--all-countries`); the figures are the same on any number.
    public var threads = 1

    public init(options: CoverageOptions = CoverageOptions()) { self.options = options }

    /// - Parameters:
    ///   - sites: imported records (any countries; those of `country` are selected).
    ///   - land, eez: the country's land and EEZ polygons as WKB in EPSG:4326
    ///     (see `TerritoryReader`). Both nil: no land/marine split, no percentages.
    ///   - country: ISO3 code.
    ///   - kbas: Key Biodiversity Areas (see `KBAReader`); nil: no KBA coverage in the result.
    public func run(sites: [WDPARecord], land: [Data]?, eez: [Data]?, country: String, kbas: [KBARecord]? = nil,
                    progress: (CoverageProgress) -> Void = { _ in }) throws -> CoverageResult {
        try compute(sites: sites, land: land, eez: eez, country: country, kbas: kbas, withLayers: false, progress: progress).result
    }

    /// `run`, plus the flattened coverage and the KBAs as geometry for a GeoPackage (an extra union per realm).
    public func runWithLayers(sites: [WDPARecord], land: [Data]?, eez: [Data]?, country: String, kbas: [KBARecord]? = nil,
                              progress: (CoverageProgress) -> Void = { _ in }) throws -> (result: CoverageResult, layers: CoverageLayers) {
        let out = try compute(sites: sites, land: land, eez: eez, country: country, kbas: kbas, withLayers: true, progress: progress)
        return (out.result, out.layers!)
    }

    private func compute(sites: [WDPARecord], land: [Data]?, eez: [Data]?, country: String, kbas: [KBARecord]?, withLayers: Bool,
                         progress: (CoverageProgress) -> Void) throws -> (result: CoverageResult, layers: CoverageLayers?) {
        let context = GEOSContext()
        let frame = try WorkingFrame(options: options)
        let country = country.uppercased()
        // Canonical order: the result must not depend on input order.
        let records = sites.sorted { ($0.siteID, $0.parcelID, $0.source.layer, $0.source.featureID)
                                   < ($1.siteID, $1.parcelID, $1.source.layer, $1.source.featureID) }

        var regions: TerritoryRegions?
        if land != nil || eez != nil {
            progress(.init(stage: .territory, done: 0, total: 1))
            regions = try TerritoryRegions(land: land ?? [], eez: eez ?? [], context: context, frame: frame, options: options)
            progress(.init(stage: .territory, done: 1, total: 1))
        }

        let cleaned = SiteCleaner(options: options, context: context, frame: frame).clean(records, country: country, progress: progress)

        // Step 7/8: split each site into its land and marine parts of this country.
        var pieces: [Piece] = []
        var outside = 0.0
        // The per-site table (only with layers): each used site's own area and its part in the territory.
        var siteRows: [(row: SiteRow, geometry: Geometry?)] = []
        for (i, site) in cleaned.sites.enumerated() {
            if i % 200 == 0 { progress(.init(stage: .clipping, done: i, total: cleaned.sites.count)) }
            let whole = regions != nil || withLayers ? try frame.area(site.geometry) : 0
            guard let regions else {
                pieces.append(Piece(site: i, realm: .whole, geometry: site.geometry))
                if withLayers { siteRows.append((SiteRow(record: site.record, computedAreaKm2: whole / 1e6, insideKm2: nil, insideLandKm2: nil,
                                                         insideMarineKm2: nil, excluded: nil), site.geometry)) }
                continue
            }
            let inside = try regions.pieces(of: site.geometry, frame: frame)
            pieces += inside.pieces.map { Piece(site: i, realm: $0.realm, geometry: $0.geometry) }
            outside += max(0, whole - inside.kept)
            if withLayers {
                let land = try SiteRow.landArea(of: site.geometry, pieces: inside.pieces, kept: inside.kept, regions: regions, frame: frame)
                siteRows.append((SiteRow(record: site.record, computedAreaKm2: whole / 1e6, insideKm2: inside.kept / 1e6, insideLandKm2: land / 1e6,
                                         insideMarineKm2: max(0, inside.kept - land) / 1e6,
                                         excluded: inside.kept > 0 ? nil : SiteRow.outsideTerritory), site.geometry))
            }
        }
        if withLayers {
            siteRows += cleaned.excludedRecords.map { (SiteRow(record: $0.record, computedAreaKm2: nil, insideKm2: nil, insideLandKm2: nil,
                                                               insideMarineKm2: nil, excluded: $0.reason.rawValue), nil) }
            siteRows.sort { ($0.row.siteID, $0.row.parcelID, $0.row.source.layer, $0.row.source.featureID)
                          < ($1.row.siteID, $1.row.parcelID, $1.row.source.layer, $1.row.source.featureID) }
        }
        progress(.init(stage: .clipping, done: cleaned.sites.count, total: cleaned.sites.count))

        let territory = regions.map { TerritoryArea(landKm2: $0.land.area / 1e6, marineKm2: $0.marine.area / 1e6) }
        // Statistics keeps the callback for the duration of this call only.
        return try withoutActuallyEscaping(progress) { progress in
            let stats = try Statistics(sites: cleaned.sites, pieces: pieces, frame: frame, context: context,
                                   territory: territory, regions: regions, piecesPerTile: piecesPerTile, threads: threads, progress: progress)
            let (series, total, unknown) = try stats.timeSeries()
            let flattened = kbas != nil || withLayers ? try stats.flattened() : []
            let kba = try kbas.map { try KBAStatistics(options: options, context: context, frame: frame)
                .measure($0, country: country, regions: regions, coverage: flattened.map(\.geometry)) }
            let result = CoverageResult(
                country: country, engineVersion: CoverageResult.engineVersion, options: options, territory: territory,
                coverage: total,
                bySiteType: try stats.groups(order: SiteType.allCases, key: { $0.siteType }, label: { $0.rawValue }, exclusive: true),
                byIUCNCategory: try stats.groups(order: IUCNCategory.allCases, key: { $0.iucnCategory }, label: { $0.rawValue }, exclusive: true),
                byGovernanceType: try stats.groups(order: Array(Set(cleaned.sites.map { $0.record.governanceType })).sorted(),
                                                   key: { $0.governanceType }, label: { $0 }, exclusive: false),
                timeSeries: series, unknownYear: unknown,
                target: TargetGap(targetPercent: options.targetPercent,
                                  landGapPercent: total.landPercent.map { max(0, options.targetPercent - $0) },
                                  marineGapPercent: total.marinePercent.map { max(0, options.targetPercent - $0) }),
                input: InputSummary(recordsGiven: sites.count, sitesUsed: cleaned.sites.count,
                                    excluded: Dictionary(uniqueKeysWithValues: cleaned.excluded.map { ($0.key.rawValue, $0.value) }),
                                    geometriesRepaired: cleaned.repaired, antimeridianSplits: cleaned.splitAtAntimeridian, pointsBuffered: cleaned.pointsBuffered,
                                    geometryErrors: cleaned.geometryErrors,
                                    siteAreaOutsideTerritoryKm2: regions == nil ? nil : outside / 1e6),
                kba: kba?.0)
            let layers = withLayers ? try CoverageLayers(country: country, flattened: flattened, kbas: kba?.1, sites: siteRows,
                                                         frame: frame, context: context) : nil
            progress(.init(stage: .statistics, done: 1, total: 1))
            return (result, layers)
        }
    }
}

enum PieceRealm: CaseIterable { case land, marine, whole }

/// A site's part inside the territory.
struct Piece {
    let site: Int
    /// nil: the piece crosses the coastline; its land and marine areas are measured on the unions.
    let realm: PieceRealm?
    let geometry: Geometry
}
