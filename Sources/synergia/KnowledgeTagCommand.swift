import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaKnowledge
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
                    let service = KnowledgeTaggingService(store: store, thesaurus: thesaurus)
                    if let paragraph, let term {
                        if remove {
                            print("Removed \(try await service.untag(paragraphID: paragraph, term: term)) from paragraph \(paragraph).")
                        } else {
                            print("Tagged paragraph \(paragraph) with \(try await service.tag(paragraphID: paragraph, term: term)).")
                        }
                        return
                    }
                    guard let document else { return }
                    let suggestions = try await service.suggest(documentID: document)
                    if output.json { return try printJSON(suggestions.tags) }
                    printTable(["paragraph", "term", "reason"], suggestions.tags.map { [String($0.paragraphID), $0.term, $0.reason] })
                    print("\(suggestions.tags.count) suggestion(s) for document \(document), \(suggestions.added) new.")
                }
            }
        }
    }
}
