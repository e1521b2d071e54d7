import Foundation

/// A paragraph's tag: a thesaurus term, given by hand or suggested (with the
/// reason it was suggested). Targets follow from the term's links, and from
/// them every framework through the crosswalks.
public struct KnowledgeTag: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Codable { case manual, suggested }

    public var paragraphID: Int64
    public var term: String
    public var source: Source
    public var reason: String
    public var createdAt: Date

    public init(paragraphID: Int64, term: String, source: Source, reason: String, createdAt: Date = Date()) {
        self.paragraphID = paragraphID; self.term = term; self.source = source; self.reason = reason; self.createdAt = createdAt
    }
}
