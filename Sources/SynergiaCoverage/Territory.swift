import Foundation
import SynergiaGeoBindings

/// Reads the land or EEZ polygons of one country from a user-supplied layer
/// (docs/methods/protected-area-coverage.md §Cleaning step 7). Returned as WKB in EPSG:4326, ready for `CoverageEngine`.
public enum TerritoryReader {
    /// - Parameters:
    ///   - iso3Field: the attribute holding the country code(s) (';'-separated allowed).
    ///   - country: ISO3 code, or nil to take every feature of the layer.
    public static func read(path: String, layer: String, iso3Field: String = "ISO3", country: String?) throws -> [Data] {
        let ds = try VectorDataset(path: path)
        let l = try ds.layer(named: layer)
        let wgs84 = try SpatialReference(SpatialReference.wgs84)
        var transform: CoordinateTransformation?
        if let srs = l.spatialReference, !srs.isSame(as: wgs84) { transform = try CoordinateTransformation(from: srs, to: wgs84) }
        let field = l.fieldIndex[iso3Field.uppercased()]
        if country != nil, field == nil {
            throw GeoError.invalidInput("the layer '\(layer)' of \(UserFile.displayName(path)) has no field \(iso3Field); its fields are \(l.fieldNames.joined(separator: ", "))")
        }
        var out: [Data] = []
        try l.forEachFeature { f in
            if let country, let field {
                guard WDPASchema.parseISO3List(f.string(field) ?? "").contains(country.uppercased()) else { return }
            }
            if let wkb = try f.geometryWKB(transform: transform) { out.append(wkb) }
        }
        return out
    }
}

extension TerritoryReader {
    /// How many features each country code has in the layer: what a refusal
    /// names when the country asked for is not there.
    public static func countryCodes(path: String, layer: String, iso3Field: String) throws -> [String: Int] {
        let l = try VectorDataset(path: path).layer(named: layer)
        guard let field = l.fieldIndex[iso3Field.uppercased()] else { return [:] }
        var counts: [String: Int] = [:]
        try l.forEachFeature { f in
            for code in WDPASchema.parseISO3List(f.string(field) ?? "") { counts[code, default: 0] += 1 }
        }
        return counts
    }

    /// "KEN 12, TZA 3": codes by count, the most frequent first, at most `limit`.
    public static func describe(_ counts: [String: Int], limit: Int = 12) -> String {
        guard !counts.isEmpty else { return "none" }
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let shown = sorted.prefix(limit).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return sorted.count > limit ? shown + " and \(sorted.count - limit) more" : shown
    }
}

/// A region (a country's land, or its marine area) cut into small tiles held
/// in an STRtree, with prepared geometries for the containment fast path.
/// Clipping a site then touches only the few tiles under it.
final class RegionTiles {
    let area: Double
    private let tiles: [PreparedGeometry]
    private let index: SpatialIndex

    init(region: Geometry, maxVertices: Int, frame: WorkingFrame) throws {
        area = try frame.area(region)
        var pieces: [Geometry] = []
        for part in try region.parts() where !part.isEmpty {
            try Self.subdivide(part, maxVertices: max(maxVertices, 16), depth: 0, into: &pieces)
        }
        tiles = try pieces.map { try PreparedGeometry($0) }
        index = try SpatialIndex(pieces, context: region.context)
    }

    /// Recursive halving along the longer side until tiles are small (like PostGIS ST_Subdivide).
    private static func subdivide(_ g: Geometry, maxVertices: Int, depth: Int, into out: inout [Geometry]) throws {
        guard g.numCoordinates > maxVertices, depth < 24, let b = g.bounds() else { out.append(g); return }
        let halves: [(Double, Double, Double, Double)] = (b.maxX - b.minX) >= (b.maxY - b.minY)
            ? [(b.minX, b.minY, (b.minX + b.maxX) / 2, b.maxY), ((b.minX + b.maxX) / 2, b.minY, b.maxX, b.maxY)]
            : [(b.minX, b.minY, b.maxX, (b.minY + b.maxY) / 2), (b.minX, (b.minY + b.maxY) / 2, b.maxX, b.maxY)]
        for (x0, y0, x1, y1) in halves {
            let rect = try g.context.polygon(shell: [x0, y0, x1, y0, x1, y1, x0, y1])
            let piece = try g.intersection(rect).polygonalParts()
            if !piece.isEmpty { try subdivide(piece, maxVertices: maxVertices, depth: depth + 1, into: &out) }
        }
    }

    /// The region's parts inside a rectangle, one per tile it meets (disjoint).
    func parts(minX: Double, minY: Double, maxX: Double, maxY: Double, context: GEOSContext) throws -> [Geometry] {
        let rectangle = try context.polygon(shell: [minX, minY, maxX, minY, maxX, maxY, minX, maxY])
        return try index.query(rectangle).compactMap { i in
            let part = try PolygonRepair.polygonalParts(of: tiles[i].base.clip(minX: minX, minY: minY, maxX: maxX, maxY: maxY))
            return part.isEmpty ? nil : part
        }
    }

    /// The polygonal parts of `g` inside the region (tiles are disjoint, so the parts are too).
    func clip(_ g: Geometry) throws -> [Geometry] {
        var out: [Geometry] = []
        for i in index.query(g) {
            let tile = tiles[i]
            if tile.contains(g) { return [try g.clone()] }
            if tile.intersects(g) {
                let p = try g.intersection(tile.base).polygonalParts()
                if !p.isEmpty { out.append(p) }
            }
        }
        return out
    }
}

/// The two disjoint regions sites are split into. Marine = EEZ minus land, so
/// a coastal site's area is counted once and land + marine = total.
struct TerritoryRegions {
    let land: RegionTiles
    let marine: RegionTiles
    /// Land and marine as one geometry, for cutting a site only where it
    /// leaves the territory; nil in lon/lat, where sites are cut per realm.
    let whole: Geometry?

    init(land: [Data], eez: [Data], context: GEOSContext, frame: WorkingFrame, options: CoverageOptions) throws {
        func region(_ wkbs: [Data]) throws -> Geometry {
            let parts = try wkbs.map { wkb -> Geometry in
                let repaired = try PolygonRepair.lonLat(context.geometry(wkb: wkb)).geometry
                return try PolygonRepair.project(repaired, frame: frame).polygonalParts()
            }
            return try context.unaryUnion(parts)
        }
        let landRegion = try region(land)
        let marineRegion = try region(eez).difference(landRegion).polygonalParts()
        self.land = try RegionTiles(region: landRegion, maxVertices: options.maxTileVertices, frame: frame)
        self.marine = try RegionTiles(region: marineRegion, maxVertices: options.maxTileVertices, frame: frame)
        whole = frame.method == .geodesic ? nil : try landRegion.union(marineRegion).polygonalParts()
    }

    /// The site's pieces inside the territory and their realms (nil: both),
    /// with the site's area inside. In the equal-area frame a site is one
    /// piece, cut only where it leaves the territory: pieces of different sites
    /// cut by the coastline or a tile seam at different points would meet
    /// along edges a hair apart, where GEOS's overlay falls back to its slow
    /// snapping noder (docs/benchmarks.md, 2026-12-02); the land/marine split
    /// is then made on the unions (`Statistics`). In lon/lat (geodesic areas)
    /// a straight edge is measured as a geodesic, so where the coastline is cut
    /// would change the areas: there each realm's part is its own piece.
    func pieces(of site: Geometry, frame: WorkingFrame) throws -> (pieces: [(geometry: Geometry, realm: PieceRealm?)], kept: Double) {
        let l = try land.clip(site), m = try marine.clip(site)
        let parts = l + m
        let kept = try parts.reduce(0) { $0 + (try frame.area($1)) }
        guard let whole else { return (l.map { ($0, .land) } + m.map { ($0, .marine) }, kept) }
        let realm: PieceRealm? = m.isEmpty ? .land : l.isEmpty ? .marine : nil
        if parts.count <= 1 { return (parts.map { ($0, realm) }, kept) }
        let inside = try PolygonRepair.polygonalParts(of: site.intersection(whole))
        return (inside.isEmpty ? [] : [(inside, realm)], kept)
    }
}
