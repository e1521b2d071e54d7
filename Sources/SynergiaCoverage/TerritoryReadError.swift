import Foundation

/// Which boundary layer a refusal is about.
public enum TerritoryRole: String, Sendable, Equatable {
    case land, eez

    /// The layer as a sentence names it.
    public var label: String { self == .land ? "land" : "EEZ" }
}

/// A land or EEZ layer whose country field cannot be chosen, or that lacks the
/// country: a run on it would give a wrong figure without a word. It carries
/// the facts (file as uploaded, layer, fields, codes); the CLI names its flags,
/// the web its form fields.
public enum TerritoryReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field of the layer that has the country, and on how many features.
    public struct OtherField: Sendable, Equatable {
        public var name: String
        public var features: Int
        public init(name: String, features: Int) { self.name = name; self.features = features }
    }

    /// A country absent from a boundary layer, with what the layer does hold.
    public struct MissingCountry: Sendable, Equatable {
        public var file: String
        public var layer: String
        public var role: TerritoryRole
        public var country: String
        public var field: String
        /// Features by country code in `field`.
        public var codes: [String: Int]
        /// Another field of the layer that does hold the country (Natural Earth's
        /// ADM0_A3 when ISO_A3 is -99), with its number of features.
        public var otherField: OtherField?
        /// The run has the other boundary layer, so it can run without this one.
        public var otherLayerGiven: Bool

        public init(file: String, layer: String, role: TerritoryRole, country: String, field: String, codes: [String: Int],
                    otherField: OtherField? = nil, otherLayerGiven: Bool) {
            self.file = file; self.layer = layer; self.role = role; self.country = country; self.field = field
            self.codes = codes; self.otherField = otherField; self.otherLayerGiven = otherLayerGiven
        }
    }

    /// The field named is not in the layer.
    case fieldNotFound(file: String, layer: String, role: TerritoryRole, given: String, found: [String])
    /// No field named, and none of the usual country-code fields is in the layer.
    case fieldNotDetected(file: String, layer: String, role: TerritoryRole, candidates: [String], found: [String])
    /// No field named, and fields of several conventions are in the layer.
    case fieldAmbiguous(file: String, layer: String, role: TerritoryRole, matches: [String])
    case countryNotFound(MissingCountry)

    public var role: TerritoryRole {
        switch self {
        case .fieldNotFound(_, _, let role, _, _), .fieldNotDetected(_, _, let role, _, _), .fieldAmbiguous(_, _, let role, _): role
        case .countryNotFound(let missing): missing.role
        }
    }

    /// "the EEZ layer 'eez' of eez.shp": where the refusal is.
    public var place: String {
        switch self {
        case let .fieldNotFound(file, layer, role, _, _), let .fieldNotDetected(file, layer, role, _, _), let .fieldAmbiguous(file, layer, role, _):
            "the \(role.label) layer '\(layer)' of \(file)"
        case .countryNotFound(let m): "the \(m.role.label) layer '\(m.layer)' of \(m.file)"
        }
    }

    /// The refusal without the fix, for callers that add the option to use.
    public var facts: String {
        switch self {
        case let .fieldNotFound(_, _, _, given, found):
            "\(place) has no field \(given); its fields are \(found.joined(separator: ", "))"
        case let .fieldNotDetected(_, _, _, candidates, found):
            "\(place) has no field with a country code (looked for \(candidates.joined(separator: ", "))); its fields are \(found.joined(separator: ", "))"
        case let .fieldAmbiguous(_, _, _, matches):
            "\(place) has several fields that may hold the country code: \(matches.joined(separator: ", "))"
        case .countryNotFound(let m):
            "\(place) has no feature for \(m.country) in field \(m.field) (features by code: \(TerritoryReader.describe(m.codes)))"
                + (m.otherField.map { "; field \($0.name) has \($0.features) feature\($0.features == 1 ? "" : "s") for \(m.country)" } ?? "")
        }
    }

    public var description: String {
        switch self {
        case .countryNotFound(let m):
            if let other = m.otherField { return "\(facts): name the \(m.role.label) field \(other.name)" }
            return "\(facts); check the country code or the \(m.role.label) field"
                + (m.role == .eez && m.otherLayerGiven ? ", or run without the EEZ layer for a land-only run (a landlocked country)" : "")
        default:
            return "\(facts). Name the \(role.label) field."
        }
    }
}
