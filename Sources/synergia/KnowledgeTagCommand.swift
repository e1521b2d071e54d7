import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaStore

extension KnowledgeCommand {
    struct Tag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tag paragraphs with thesaurus terms: suggested for a whole document, or one by hand.",
            discussion: "Terms are the ids of data/thesaurus/biodiversity.yaml. A tag given by hand is never replaced by a suggestion.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Suggest tags for every paragraph of this document and store them, each with its reason.")
        var document: Int64?
        @Option(help: "The paragraph to tag by hand (its id, from search --json or show).")
        var paragraph: Int64?
        @Option(help: "The thesaurus term to add to (or remove from) --paragraph.")
        var term: String?
        @Flag(help: "Remove --term from --paragraph instead of adding it.")
        var remove = false
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if (document == nil) == (paragraph == nil) { throw ValidationError("give --document ID (suggestions) or --paragraph ID --term TERM") }
            if paragraph != nil && term == nil { throw ValidationError("--paragraph needs --term") }
        }

        func run() async throws {
            try await userFacing {
                let thesaurus = try ThesaurusFile.load(dataDirectory: store.settings.dataDirectory)
                try await store.withStore { store in
                    if let paragraph, let typed = term {
                        let term = try thesaurus.requireTerm(typed).id
                        if remove {
                            try await store.removeTag(paragraphID: paragraph, term: term)
                            print("Removed \(term) from paragraph \(paragraph).")
                        } else {
                            try await store.addTags([KnowledgeTag(paragraphID: paragraph, term: term, source: .manual, reason: "given by hand")])
                            print("Tagged paragraph \(paragraph) with \(term).")
                        }
                        return
                    }
                    guard let document, let stored = try await store.knowledgeDocument(id: document) else {
                        throw DomainError.notFound("no knowledge-base document \(document ?? 0); list them with `synergia kb search`")
                    }
                    let tags = TagSuggester(thesaurus: thesaurus).tags(try await store.knowledgeParagraphs(documentID: stored.id))
                    let added = try await store.addTags(tags)
                    if output.json { return try printJSON(tags) }
                    printTable(["paragraph", "term", "reason"], tags.map { [String($0.paragraphID), $0.term, $0.reason] })
                    print("\(tags.count) suggestion(s) for document \(stored.id), \(added) new.")
                }
            }
        }
    }
}
