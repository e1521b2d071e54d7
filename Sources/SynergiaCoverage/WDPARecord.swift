import Foundation
import SynergiaGeoBindings

/// Which WDPA attribute schema a layer uses (docs/methods/protected-area-coverage.md §Input).
public enum WDPASchemaVersion: String, Codable, Sendable {
    /// WDPAID, WDPA_PID, PA_DEF, MARINE, PARENT_ISO3… (releases until Oct 2025)
    case legacy = "until-2025-10"
    /// SITE_ID, SITE_PID, SITE_TYPE, REALM, PRNT_ISO3… (releases from Nov 2025)
    case nov2025 = "from-2025-11"
}

public enum SiteType: String, Codable, Sendable, CaseIterable {
    case protectedArea = "PA"
    case oecm = "OECM"
}

public enum SiteStatus: String, Codable, Sendable, CaseIterable {
    case designated = "Designated", inscribed = "Inscribed", adopted = "Adopted"
    case established = "Established", proposed = "Proposed", notReported = "Not Reported"
}

public enum Realm: Int, Codable, Sendable {
    case terrestrial = 0, coastal = 1, marine = 2
}

/// IUCN management categories, declared from strictest to least strict: the
/// order used to give each flattened piece a single ("strictest") category.
public enum IUCNCategory: String, Codable, Sendable, CaseIterable, Comparable {
    case ia = "Ia", ib = "Ib", ii = "II", iii = "III", iv = "IV", v = "V", vi = "VI"
    case notApplicable = "Not Applicable", notAssigned = "Not Assigned", notReported = "Not Reported"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum GeometryKind: String, Codable, Sendable { case polygonal, point }

/// Where a record came from, so every problem can be traced to a feature.
public struct RecordSource: Codable, Sendable, Hashable {
    public var layer: String
    public var featureID: Int64
    public init(layer: String, featureID: Int64) { self.layer = layer; self.featureID = featureID }
}

/// One WDPA / WD-OECM parcel, schema-independent. The geometry is ISO WKB in
/// EPSG:4326 (x = longitude) so records are Sendable and can be stored as-is.
public struct WDPARecord: Codable, Sendable, Hashable {
    public var siteID: Int64
    public var parcelID: String
    public var siteType: SiteType
    public var name: String
    public var designation: String          // DESIG_ENG
    public var designationType: String      // DESIG_TYPE
    public var iucnCategory: IUCNCategory
    public var realm: Realm
    public var reportedArea: Double?        // REP_AREA, km²
    public var reportedMarineArea: Double?  // REP_M_AREA, km²
    /// GIS_AREA, km²: the area UNEP-WCMC computed from the polygon (World Mollweide); nil when the file has none.
    public var gisArea: Double?
    public var status: SiteStatus
    public var statusYear: Int              // 0 = unknown
    public var governanceType: String
    public var iso3: [String]               // ';'-separated in the source
    public var parentISO3: [String]
    public var geometryKind: GeometryKind
    public var geometry: Data
    public var source: RecordSource

    public init(siteID: Int64, parcelID: String? = nil, siteType: SiteType = .protectedArea, name: String = "",
                designation: String = "", designationType: String = "National",
                iucnCategory: IUCNCategory = .notReported, realm: Realm = .terrestrial,
                reportedArea: Double? = nil, reportedMarineArea: Double? = nil, gisArea: Double? = nil,
                status: SiteStatus = .designated, statusYear: Int = 0, governanceType: String = "Not Reported",
                iso3: [String], parentISO3: [String]? = nil, geometryKind: GeometryKind = .polygonal,
                geometry: Data, source: RecordSource = RecordSource(layer: "", featureID: -1)) {
        self.siteID = siteID; self.parcelID = parcelID ?? String(siteID); self.siteType = siteType
        self.name = name; self.designation = designation; self.designationType = designationType
        self.iucnCategory = iucnCategory; self.realm = realm; self.reportedArea = reportedArea
        self.reportedMarineArea = reportedMarineArea; self.gisArea = gisArea; self.status = status; self.statusYear = statusYear
        self.governanceType = governanceType; self.iso3 = iso3; self.parentISO3 = parentISO3 ?? iso3
        self.geometryKind = geometryKind; self.geometry = geometry; self.source = source
    }

    public static let mabDesignation = "UNESCO-MAB Biosphere Reserve"
}

/// A record-level problem: enough to find and fix the source feature.
public struct ImportProblem: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable {
        /// The record cannot be used: it is skipped (or the import refused).
        case error
        /// The value was normalised (e.g. unknown IUCN_CAT → Not Reported); the record is kept.
        case warning
    }
    public var layer: String
    public var featureID: Int64
    public var field: String
    public var value: String
    public var message: String
    public var severity: Severity

    public var description: String {
        "\(severity.rawValue): layer \(layer) feature \(featureID) field \(field) = '\(value)': \(message)"
    }
}

public enum ImportPolicy: String, Codable, Sendable {
    /// Skip records with errors and report them.
    case skipInvalid
    /// Refuse the whole import if any record has an error (all problems are listed in the thrown error).
    case refuse
}

public struct LayerImportSummary: Codable, Sendable, Hashable {
    public var layer: String
    public var schema: WDPASchemaVersion
    public var featuresRead: Int
    public var recordsAccepted: Int
    public var recordsSkipped: Int
}

public struct WDPAImport: Codable, Sendable {
    public var records: [WDPARecord]
    public var problems: [ImportProblem]
    public var layers: [LayerImportSummary]
    /// Nil only if no layer was read.
    public var schema: WDPASchemaVersion? { layers.first?.schema }
    public var featuresRead: Int { layers.reduce(0) { $0 + $1.featuresRead } }
    public var recordsSkipped: Int { layers.reduce(0) { $0 + $1.recordsSkipped } }
}

public enum WDPAImportError: Error, Sendable, CustomStringConvertible {
    case refused(problems: [ImportProblem])
    case noWDPALayer(path: String, layers: [String])
    case missingFields(layer: String, fields: [String])

    public var description: String {
        switch self {
        case .refused(let p):
            let errors = p.filter { $0.severity == .error }
            return "import refused: \(errors.count) invalid record(s); first: \(errors.first?.description ?? "-")"
        case let .noWDPALayer(path, layers): return "no WDPA layer in \(UserFile.displayName(path)) (layers: \(layers.joined(separator: ", ")))"
        case let .missingFields(layer, fields): return "layer \(layer) lacks required field(s) \(fields.joined(separator: ", "))"
        }
    }
}
