import SynergiaCore

/// The shape of `data/crosswalks/*.yaml`.
struct CrosswalkFile: Decodable {
    struct Header: Decodable {
        var name: String
        var source: String
    }

    struct LinkEntry: Decodable {
        var from: String
        var to: String
        var relation: String
        var source: String?
        var note: String?
    }

    var crosswalk: Header
    var links: [LinkEntry]

    func links(in document: YAMLDocument, problems: inout [DataFileProblem]) -> [(link: CrosswalkLink, path: [YAMLDocument.PathElement])] {
        links.enumerated().compactMap { index, entry in
            guard let relation = CrosswalkRelation(rawValue: entry.relation) else {
                problems.append(document.problem(at: ["links", .index(index), "relation"], "relation '\(entry.relation)' is not one of \(CrosswalkRelation.allCases.map(\.rawValue).joined(separator: ", "))"))
                return nil
            }
            let link = CrosswalkLink(from: Code.canonical(entry.from), to: Code.canonical(entry.to), relation: relation,
                                     source: entry.source ?? crosswalk.source, note: entry.note)
            return (link, ["links", .index(index)])
        }
    }
}

/// The shape of `data/conventions.yaml`.
struct ConventionsFile: Decodable {
    struct Entry: Decodable {
        var code: String
        var name: String
        var kind: String
        var parent: String?
        var adoptedYear: Int?
        var inForceYear: Int?
        var source: String

        enum CodingKeys: String, CodingKey {
            case code, name, kind, parent, source
            case adoptedYear = "adopted_year", inForceYear = "in_force_year"
        }
    }

    var conventions: [Entry]

    func conventions(in document: YAMLDocument, problems: inout [DataFileProblem]) -> [Convention] {
        conventions.enumerated().compactMap { index, entry in
            guard let kind = Convention.Kind(rawValue: entry.kind) else {
                problems.append(document.problem(at: ["conventions", .index(index), "kind"], "kind '\(entry.kind)' is not one of convention, protocol, agreement"))
                return nil
            }
            return Convention(code: Code.canonical(entry.code), name: entry.name, kind: kind, parent: entry.parent.map(Code.canonical),
                              adoptedYear: entry.adoptedYear, inForceYear: entry.inForceYear, source: entry.source)
        }
    }
}
