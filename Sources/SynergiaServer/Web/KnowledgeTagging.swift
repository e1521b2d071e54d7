import Foundation
import Hummingbird
import SynergiaCore
import SynergiaStore

/// Tags of the shared knowledge base edited in the browser by its curators
/// (secretariat staff, system administrators): a term added to or removed
/// from a paragraph, a suggestion confirmed, a whole document's suggestions
/// stored. Tags are shared by every workspace, hence not a workspace role.
enum KnowledgeTagging {
    static func add(to routes: SecuredRoutes, thesaurus: Thesaurus?) {
        let store = routes.store

        routes.post("/kb/documents/{id}/tags", .knowledgeCurator) { request, context, _ in
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await FormFields.read(request)
            let thesaurus = try loaded(thesaurus)
            let paragraphs = try await documentParagraphs(id, store: store)
            guard let paragraph = form["paragraph"].flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }),
                  paragraphs.contains(where: { $0.id == paragraph }) else {
                throw DomainError.notFound("paragraph '\(form["paragraph"] ?? "")' is not in document \(id); tag a paragraph shown on its page")
            }
            let term = try thesaurus.requireTerm(form["term"] ?? "").id
            if form["action"] == "remove" {
                try await store.removeTag(paragraphID: paragraph, term: term)
            } else {
                try await store.addTags([KnowledgeTag(paragraphID: paragraph, term: term, source: .manual, reason: "given by hand")])
            }
            return Views.redirect("/kb/documents/\(id)#p-\(paragraph)")
        }

        routes.post("/kb/documents/{id}/suggestions", .knowledgeCurator) { request, context, _ in
            let id = try context.parameters.require("id", as: Int64.self)
            _ = try await FormFields.read(request)
            let thesaurus = try loaded(thesaurus)
            let paragraphs = try await documentParagraphs(id, store: store)
            try await store.addTags(TagSuggester(thesaurus: thesaurus).tags(paragraphs))
            return Views.redirect("/kb/documents/\(id)")
        }
    }

    static func loaded(_ thesaurus: Thesaurus?) throws -> Thesaurus {
        guard let thesaurus else {
            throw DomainError.invalid("no thesaurus is loaded; put data/thesaurus/biodiversity.yaml in the data directory and restart the server")
        }
        return thesaurus
    }

    static func documentParagraphs(_ id: Int64, store: SQLStore) async throws -> [KnowledgeParagraph] {
        guard try await store.knowledgeDocument(id: id) != nil else { throw DomainError.notFound("no document \(id) in the knowledge base") }
        return try await store.knowledgeParagraphs(documentID: id)
    }
}
