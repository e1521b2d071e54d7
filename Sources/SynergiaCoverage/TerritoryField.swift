import Foundation
import SynergiaGeoBindings

/// The field of a land or EEZ layer that holds the country code, as the
/// boundary files people download name it (docs/coverage.md, "Natural Earth
/// and Marine Regions boundaries"). Each convention lists its fields in order
/// of preference; a layer is recognised when it has fields of one convention only.
public enum TerritoryField {
    public static let conventions: [(source: String, fields: [String])] = [
        // ne_10m_admin_0_countries: ISO_A3 is -99 where Natural Earth's unit is not ISO's (France, Norway).
        ("Natural Earth admin-0", ["ISO_A3", "ISO_A3_EH", "ADM0_A3", "SOV_A3"]),
        ("GADM", ["GID_0"]),
        // Marine Regions World EEZ v11/v12: the territory, then its sovereign.
        ("Marine Regions EEZ", ["ISO_TER1", "ISO_SOV1"]),
        ("WDPA-style", ["ISO3"]),
    ]

    /// Every field looked for, as a refusal lists them.
    public static var candidates: [String] { conventions.flatMap(\.fields) }

    /// The field to read: the one given (it must be in the layer), else the
    /// preferred field of the one convention the layer follows.
    /// - Returns: the field's name as the layer spells it.
    public static func resolve(path: String, layer: String, role: TerritoryRole, given: String?) throws -> String {
        let l = try VectorDataset(path: path).layer(named: layer)
        let file = UserFile.displayName(path)
        if let given {
            guard let i = l.fieldIndex[given.uppercased()] else {
                throw TerritoryReadError.fieldNotFound(file: file, layer: layer, role: role, given: given, found: l.fieldNames)
            }
            return l.fieldNames[Int(i)]
        }
        let present = conventions.compactMap { convention in convention.fields.first { l.fieldIndex[$0] != nil } }
        guard let chosen = present.first else {
            throw TerritoryReadError.fieldNotDetected(file: file, layer: layer, role: role, candidates: candidates, found: l.fieldNames)
        }
        guard present.count == 1 else {
            throw TerritoryReadError.fieldAmbiguous(file: file, layer: layer, role: role, matches: present.map { l.fieldNames[Int(l.fieldIndex[$0]!)] })
        }
        return l.fieldNames[Int(l.fieldIndex[chosen]!)]
    }

    /// Why a layer has no feature of the country: the codes it has in `field`,
    /// and another usual field that has the country, if one does.
    public static func missing(_ country: String, path: String, layer: String, role: TerritoryRole, field: String,
                               otherLayerGiven: Bool) throws -> TerritoryReadError {
        let l = try VectorDataset(path: path).layer(named: layer)
        let others = candidates.filter { $0 != field.uppercased() }.compactMap { name in l.fieldIndex[name].map { (name: l.fieldNames[Int($0)], index: $0) } }
        var codes: [String: Int] = [:], elsewhere: [String: Int] = [:]
        let index = l.fieldIndex[field.uppercased()]
        try l.forEachFeature { f in
            if let index { for code in WDPASchema.parseISO3List(f.string(index) ?? "") { codes[code, default: 0] += 1 } }
            for other in others where WDPASchema.parseISO3List(f.string(other.index) ?? "").contains(country) {
                elsewhere[other.name, default: 0] += 1
            }
        }
        let other = others.first { elsewhere[$0.name] != nil }.map { TerritoryReadError.OtherField(name: $0.name, features: elsewhere[$0.name]!) }
        return .countryNotFound(.init(file: UserFile.displayName(path), layer: layer, role: role, country: country, field: field,
                                      codes: codes, otherField: other, otherLayerGiven: otherLayerGiven))
    }
}
