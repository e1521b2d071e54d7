import Foundation
import Hummingbird
import SynergiaCore
import SynergiaKnowledge
import SynergiaStore

/// Tags of the shared knowledge base edited in the browser by its curators
/// (secretariat staff, system administrators): a term added to or removed
/// from a paragraph, a suggestion confirmed, a whole document's suggestions
/// stored, all through `KnowledgeTaggingService`. Tags are shared by every
/// workspace, hence not a workspace role.
enum KnowledgeTagging {
    static func add(to routes: SecuredRoutes, thesaurus: Thesaurus?) {
        let service = KnowledgeTaggingService(store: routes.store, thesaurus: thesaurus)

        routes.post("/kb/documents/{id}/tags", .knowledgeCurator) { request, context, _ in
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await FormFields.read(request)
            guard let paragraph = form["paragraph"].flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }) else {
                throw DomainError.notFound("paragraph '\(form["paragraph"] ?? "")' is not in document \(id); tag a paragraph shown on its page")
            }
            if form["action"] == "remove" {
                try await service.untag(paragraphID: paragraph, term: form["term"] ?? "", inDocument: id)
            } else {
                try await service.tag(paragraphID: paragraph, term: form["term"] ?? "", inDocument: id)
            }
            return Views.redirect("/kb/documents/\(id)#p-\(paragraph)")
        }

        routes.post("/kb/documents/{id}/suggestions", .knowledgeCurator) { request, context, _ in
            let id = try context.parameters.require("id", as: Int64.self)
            _ = try await FormFields.read(request)
            _ = try await service.suggest(documentID: id)
            return Views.redirect("/kb/documents/\(id)")
        }
    }
}
