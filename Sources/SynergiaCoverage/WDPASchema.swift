import Foundation
import SynergiaGeoBindings

/// Field names of one WDPA schema version and the parsing of coded values
/// that both versions may store as numbers or as text.
struct WDPASchema {
    let version: WDPASchemaVersion
    let id, parcelID, siteType, name, realm, parentISO3: String
    let designation = "DESIG_ENG", designationType = "DESIG_TYPE", iucn = "IUCN_CAT"
    let repArea = "REP_AREA", repMarineArea = "REP_M_AREA", gisArea = "GIS_AREA", status = "STATUS", statusYear = "STATUS_YR"
    let governance = "GOV_TYPE", iso3 = "ISO3"

    static let legacy = WDPASchema(version: .legacy, id: "WDPAID", parcelID: "WDPA_PID", siteType: "PA_DEF",
                                   name: "NAME", realm: "MARINE", parentISO3: "PARENT_ISO3")
    static let nov2025 = WDPASchema(version: .nov2025, id: "SITE_ID", parcelID: "SITE_PID", siteType: "SITE_TYPE",
                                    name: "NAME_ENG", realm: "REALM", parentISO3: "PRNT_ISO3")

    /// Fields without which a layer cannot be interpreted at all.
    var required: [String] { [id, siteType, status, iso3] }

    /// Detects the schema from field names (upper-cased); nil = not a WDPA layer.
    static func detect(fields: Set<String>) -> WDPASchema? {
        if fields.contains("SITE_ID") { return .nov2025 }
        if fields.contains("WDPAID") { return .legacy }
        return nil
    }

    /// The Nov 2025 schema keeps the original-language name in NAME.
    func nameFields() -> [String] { version == .nov2025 ? ["NAME_ENG", "NAME"] : ["NAME", "ORIG_NAME"] }

    static func parseSiteType(_ s: String) -> SiteType? {
        switch s.trimmedSpaces.lowercased() {
        case "1", "pa", "protected area", "true": return .protectedArea
        case "0", "oecm", "false": return .oecm
        default: return nil
        }
    }

    static func parseRealm(_ s: String) -> Realm? {
        switch s.trimmedSpaces.lowercased() {
        case "0", "terrestrial": return .terrestrial
        case "1", "coastal": return .coastal
        case "2", "marine": return .marine
        default: return nil
        }
    }

    private static let statusByName = Dictionary(uniqueKeysWithValues: SiteStatus.allCases.map { ($0.rawValue.lowercased(), $0) })
    private static let iucnByName = Dictionary(uniqueKeysWithValues: IUCNCategory.allCases.map { ($0.rawValue.lowercased(), $0) })

    static func parseStatus(_ s: String) -> SiteStatus? {
        statusByName[s.trimmedSpaces.lowercased()]
    }

    static func parseIUCN(_ s: String) -> IUCNCategory? {
        iucnByName[s.trimmedSpaces.lowercased()]
    }

    static func parseISO3List(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == ";" || $0 == "," })
            .map { String($0).trimmedSpaces.uppercased() }
            .filter { !$0.isEmpty }
    }

    /// Geometry kind from the ISO WKB header (byte order, then type code).
    static func wkbKind(_ wkb: Data) -> GeometryKind? {
        guard wkb.count >= 5 else { return nil }
        let b = [UInt8](wkb.prefix(5))
        let t = b[0] == 1 ? UInt32(b[1]) | UInt32(b[2]) << 8 | UInt32(b[3]) << 16 | UInt32(b[4]) << 24
                          : UInt32(b[4]) | UInt32(b[3]) << 8 | UInt32(b[2]) << 16 | UInt32(b[1]) << 24
        switch t % 1000 {
        case 3, 6, 7: return .polygonal  // collections: polygonal parts kept by cleaning
        case 1, 4: return .point
        default: return nil
        }
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, which bridges to NSString, called
    /// only when an end of the text is a space, a tab or not ASCII: reading a
    /// WDPA release trims millions of values that have nothing to trim.
    var trimmedSpaces: String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        return plain(first) && plain(last) ? self : trimmingCharacters(in: .whitespaces)
    }
}
