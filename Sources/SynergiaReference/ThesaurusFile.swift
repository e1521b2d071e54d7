import Foundation
import SynergiaCore

/// `data/thesaurus/biodiversity.yaml` (the thesaurus) and
/// `data/thesaurus/labelled-paragraphs.yaml` (the hand-labelled set the tag
/// suggestions are measured on).
public enum ThesaurusFile {
    struct Terms: Decodable { var terms: [ThesaurusTerm] }

    public struct LabelledParagraph: Decodable, Sendable {
        public var id: String
        public var language: String
        public var convention: String
        public var text: String
        public var terms: [String]
    }

    struct Labelled: Decodable { var paragraphs: [LabelledParagraph] }

    /// The thesaurus; every goal or target a term names must exist in `knownTargets` when given.
    public static func load(dataDirectory: URL, knownTargets: Set<String>? = nil) throws -> Thesaurus {
        let url = dataDirectory.appendingPathComponent("thesaurus/biodiversity.yaml")
        let document = try YAMLDocument.load(url, displayName: "data/thesaurus/biodiversity.yaml")
        let file = try document.decode(Terms.self)
        if let knownTargets {
            for (index, term) in file.terms.enumerated() {
                for target in term.targets where !knownTargets.contains(target) {
                    throw DataFileError([document.problem(at: ["terms", .index(index), "targets"],
                                                          "term '\(term.id)' names target '\(target)', which is no goal or target of a framework in data/frameworks")])
                }
            }
        }
        do { return try Thesaurus(terms: file.terms) } catch {
            throw DataFileError([DataFileProblem(file: "data/thesaurus/biodiversity.yaml", line: nil, message: error.message)])
        }
    }

    public static func labelledParagraphs(dataDirectory: URL) throws -> [LabelledParagraph] {
        let url = dataDirectory.appendingPathComponent("thesaurus/labelled-paragraphs.yaml")
        return try YAMLDocument.load(url, displayName: "data/thesaurus/labelled-paragraphs.yaml").decode(Labelled.self).paragraphs
    }
}
