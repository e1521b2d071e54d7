import SynergiaCore

/// The knowledge base: documents stored whole with their paragraphs, and full-text
/// search over the paragraphs in the six UN languages, on either database.
public protocol KnowledgeRepository: Sendable {
    /// Stores the document and every paragraph in one transaction, or reports the
    /// document already stored with the same content hash and stores nothing.
    func importKnowledgeDocument(_ document: NewKnowledgeDocument) async throws -> KnowledgeImportOutcome
    /// After a bulk import: rewrites the search index compactly, so a search
    /// walks one list per word instead of one per batch of imports.
    func compactKnowledgeIndex() async throws
    func knowledgeDocument(id: Int64) async throws -> KnowledgeDocument?
    func knowledgeDocument(contentSHA256: String) async throws -> KnowledgeDocument?
    func knowledgeDocuments() async throws -> [KnowledgeDocument]
    func knowledgeParagraphs(documentID: Int64) async throws -> [KnowledgeParagraph]
    func meeting(id: Int64) async throws -> Meeting?
    func searchKnowledge(_ request: KnowledgeSearchRequest) async throws -> KnowledgeSearchResults
}
