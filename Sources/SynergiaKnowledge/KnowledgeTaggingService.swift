import SynergiaCore
import SynergiaStore

/// Tagging paragraphs with thesaurus terms, the one path the document page's
/// curator forms and `synergia kb tag` share: a term given by hand (by its id
/// or a label in any language) added or removed, and a document's suggestions
/// (`TagSuggester`) stored. A tag given by hand is never replaced by a suggestion.
public struct KnowledgeTaggingService: Sendable {
    public let store: SQLStore
    /// Nil: no thesaurus file; every tagging is then refused.
    public let thesaurus: Thesaurus?

    public init(store: SQLStore, thesaurus: Thesaurus?) {
        self.store = store
        self.thesaurus = thesaurus
    }

    /// Adds the term by hand and returns its id. With `documentID`, the
    /// paragraph must be one of that document's (a page tags what it shows).
    @discardableResult
    public func tag(paragraphID: Int64, term: String, inDocument documentID: Int64? = nil) async throws -> String {
        let id = try await checkedTerm(term, paragraphID: paragraphID, documentID: documentID)
        try await store.addTags([KnowledgeTag(paragraphID: paragraphID, term: id, source: .manual, reason: "given by hand")])
        return id
    }

    /// Removes the term (given by hand or suggested) and returns its id.
    @discardableResult
    public func untag(paragraphID: Int64, term: String, inDocument documentID: Int64? = nil) async throws -> String {
        let id = try await checkedTerm(term, paragraphID: paragraphID, documentID: documentID)
        try await store.removeTag(paragraphID: paragraphID, term: id)
        return id
    }

    /// Suggests tags for every paragraph of the document and stores those not there yet.
    public func suggest(documentID: Int64) async throws -> TagSuggestions {
        let thesaurus = try KnowledgeSearchService.loaded(thesaurus)
        let tags = TagSuggester(thesaurus: thesaurus).tags(try await paragraphs(documentID))
        return TagSuggestions(documentID: documentID, tags: tags, added: try await store.addTags(tags))
    }

    private func checkedTerm(_ term: String, paragraphID: Int64, documentID: Int64?) async throws -> String {
        let thesaurus = try KnowledgeSearchService.loaded(thesaurus)
        if let documentID, try await !paragraphs(documentID).contains(where: { $0.id == paragraphID }) {
            throw DomainError.notFound("paragraph \(paragraphID) is not in document \(documentID); tag a paragraph shown on its page")
        }
        return try thesaurus.requireTerm(term).id
    }

    private func paragraphs(_ documentID: Int64) async throws -> [KnowledgeParagraph] {
        guard try await store.knowledgeDocument(id: documentID) != nil else {
            throw DomainError.notFound("no document \(documentID) in the knowledge base")
        }
        return try await store.knowledgeParagraphs(documentID: documentID)
    }
}

/// The tags suggested for a document, and how many of them were new.
public struct TagSuggestions: Sendable {
    public var documentID: Int64
    public var tags: [KnowledgeTag]
    public var added: Int
}
