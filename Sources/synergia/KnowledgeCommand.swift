import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaKnowledge
import SynergiaReference
import SynergiaStore

struct KnowledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb", abstract: "The knowledge base: decisions and documents of the conventions, searchable in the six UN languages.",
        discussion: "Formats, the JSON interchange format and the query syntax: docs/knowledge-base.md.",
        subcommands: [Import.self, Search.self, Show.self, Tag.self, Track.self, Benchmark.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import documents: PDF, DOCX, HTML, plain text or JSON interchange.",
            discussion: """
                Each file is read and checked whole before anything of it is stored; the same file imported twice is reported \
                and skipped. Several files are imported side by side (--jobs); a refused file does not stop the others, and the \
                command then ends with an error naming each refused file.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The files; each one's format comes from its extension (.pdf .docx .html .txt .json), else from its first bytes.")
        var files: [String]
        @Option(help: "decision, resolution, recommendation, national_report, nbsap, information_document or other; default: from the symbol, else other.")
        var kind: String?
        @Option(help: "Symbol, e.g. CBD/COP/DEC/15/4 or XI/16.")
        var symbol: String?
        @Option(help: "Title; default: the file's title or first heading.")
        var title: String?
        @Option(help: "en, fr, es, ru, ar or zh; default: guessed from the text.")
        var language: String?
        @Option(help: "Encoding of a text or HTML file, e.g. gb18030 or utf-16; default: detected (UTF-8, UTF-16 with BOM, GB18030).")
        var encoding: String?
        @Option(help: "Convention code, e.g. CBD; default: from the symbol.")
        var convention: String?
        @Option(help: "Body, e.g. COP or SBSTTA; default: from the symbol.")
        var body: String?
        @Option(help: "Date of the document, YYYY-MM-DD.")
        var date: String?
        @Option(help: "Status, e.g. adopted, final, draft.")
        var status: String?
        @Option(help: "Where the file comes from (a URL).")
        var source: String?
        @Option(help: "text, html, docx, pdf or json, for a file whose extension does not say.")
        var format: String?
        @Option(name: .customLong("max-size"), help: ArgumentHelp("Largest file accepted.", valueName: "MB"))
        var maxSize = 50
        @Option(help: "Files imported at the same time (default: one per core).")
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        @OptionGroup var output: OutputOptions

        struct Report: Encodable {
            var file: String?
            var outcome: String
            var document: KnowledgeDocument?
            var error: String?
        }

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one file to import") }
            if files.count > 1 && (symbol != nil || title != nil) {
                throw ValidationError("--symbol and --title describe one document; import such files one at a time")
            }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() async throws {
            try await userFacing {
                let metadata = DocumentMetadata(
                    kind: try kind.map(DocumentKind.parse), symbol: symbol, title: title, date: date, status: status,
                    language: try language.map(KnowledgeLanguage.parse), source: source, convention: convention, body: body)
                let fileFormat = try format.map { name in
                    guard let known = KnowledgeFileFormat(rawValue: name.lowercased()) else {
                        throw DomainError.invalid("unknown format '\(name)'; use \(KnowledgeFileFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return known
                }
                let options = KnowledgeImportOptions(metadata: metadata, encoding: encoding, format: fileFormat,
                                                     maximumBytes: max(1, maxSize) * 1024 * 1024)
                let outcomes = try await store.withStore { store in
                    let importer = KnowledgeImporter(store: store)
                    let outcomes = await concurrentMap(files, width: jobs) { file in
                        try await importer.importFile(URL(fileURLWithPath: file), options: options)
                    }
                    // Several files make many small index segments; one compact index searches faster.
                    let imported = outcomes.filter { if case .success(.imported) = $0 { true } else { false } }.count
                    if imported > 1 { try await store.compactKnowledgeIndex() }
                    return outcomes
                }
                if files.count == 1, case .failure(let error) = outcomes[0] {
                    if let refusal = error as? KnowledgeImportError { throw CLIError(message: cliMessage(refusal)) }
                    throw error
                }
                var reports: [Report] = []
                for (file, result) in zip(files, outcomes) {
                    let prefix = files.count > 1 ? "\(file): " : ""
                    switch result {
                    case .success(.imported(let stored)):
                        reports.append(Report(file: file, outcome: "imported", document: stored))
                        if !output.json {
                            print("\(prefix)Imported document \(stored.id) (\(stored.symbol ?? stored.title)): \(stored.paragraphCount) paragraphs, \(stored.language.rawValue).")
                        }
                    case .success(.duplicate(let existing)):
                        reports.append(Report(file: file, outcome: "duplicate", document: existing))
                        if !output.json {
                            print("\(prefix)Skipped: the same file was already imported as document \(existing.id) (\(existing.symbol ?? existing.title)).")
                        }
                    case .failure(let error):
                        reports.append(Report(file: file, outcome: "refused", error: importMessage(error)))
                    }
                }
                if output.json {
                    if files.count == 1 { try printJSON(Report(outcome: reports[0].outcome, document: reports[0].document)) } else { try printJSON(reports) }
                }
                let refused = reports.filter { $0.outcome == "refused" }
                guard refused.isEmpty else {
                    throw DomainError.invalid("\(refused.count) of \(files.count) files refused, nothing of them stored:\n"
                                              + refused.map { "  \($0.file ?? ""): \($0.error ?? "")" }.joined(separator: "\n"))
                }
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search paragraphs in any of the six UN languages.",
            discussion: #"Every word must match; "quoted phrases" match as written. Nothing else is syntax."#)
        @OptionGroup var store: StoreOptions
        @Argument(help: #"Words and "quoted phrases"."#)
        var query: String
        @Option(help: "Only this convention, e.g. CBD.")
        var convention: String?
        @Option(help: "Only this body, e.g. COP.")
        var body: String?
        @Option(help: "Only paragraphs in this language (en, fr, es, ru, ar, zh).")
        var language: String?
        @Option(help: "Only this kind of document; repeat for several.")
        var kind: [String] = []
        @Option(name: .customLong("from-year"), help: "Only documents dated this year or later.")
        var fromYear: Int?
        @Option(name: .customLong("to-year"), help: "Only documents dated this year or earlier.")
        var toYear: Int?
        @Option(help: "Only paragraphs tagged with this thesaurus term or a narrower one, e.g. wetland.")
        var term: String?
        @Option(help: "Only paragraphs tagged with a term about this global target, e.g. GBF-2.")
        var target: String?
        @Option(help: "Results per page (1–200).")
        var limit = 20
        @Option(help: "Results to skip.")
        var offset = 0
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let thesaurus = try ThesaurusFile.load(dataDirectory: store.settings.dataDirectory)
                let input = KnowledgeSearchInput(query: query, convention: convention, body: body, kinds: kind, language: language,
                                                 fromYear: fromYear, toYear: toYear, term: term, target: target, limit: limit, offset: offset)
                let results = try await store.withStore { store in
                    try await KnowledgeSearchService(store: store, thesaurus: thesaurus).search(input)
                }
                if output.json { return try printJSON(results) }
                print("\(results.total) matching paragraph\(results.total == 1 ? "" : "s")")
                printTable(["score", "document", "¶", "lang", "text"], results.hits.map { hit in
                    [String(format: "%.3f", hit.score), hit.symbol ?? hit.title, hit.label ?? "#\(hit.ordinal)",
                     hit.language.rawValue, Self.bracketed(hit.snippet)]
                })
                if !results.tagged.isEmpty {
                    let named = results.taggedTerms.compactMap { thesaurus.term($0)?.label("en") }
                    print("\nAlso tagged \(named.joined(separator: ", ")), in any language: \(results.tagged.count)")
                    printTable(["document", "¶", "lang", "text"], results.tagged.map { hit in
                        [hit.symbol ?? hit.title, hit.label ?? "#\(hit.ordinal)", hit.language.rawValue, Self.bracketed(hit.snippet)]
                    })
                }
                for (name, counts) in [("convention", results.facets.convention), ("body", results.facets.body), ("year", results.facets.year),
                                       ("kind", results.facets.kind), ("language", results.facets.language),
                                       ("term", results.facets.term), ("target", results.facets.target)] where !counts.isEmpty {
                    print("\(name): " + counts.map { "\($0.value) \($0.count)" }.joined(separator: ", "))
                }
            }
        }

        /// A snippet for a terminal: each match in [brackets].
        static func bracketed(_ snippet: SearchSnippet) -> String {
            snippet.segments.map { $0.isMatch ? "[" + $0.text + "]" : String($0.text) }.joined()
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A document with its paragraphs, e.g. to read a search hit in context.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Document id, as printed by import and search --json.")
        var id: Int64
        @OptionGroup var output: OutputOptions

        struct Shown: Encodable {
            var document: KnowledgeDocument
            var paragraphs: [KnowledgeParagraph]
        }

        func run() async throws {
            try await userFacing {
                let shown = try await store.withStore { store in
                    guard let contents = try await KnowledgeSearchService(store: store, thesaurus: nil).document(id: id) else {
                        throw DomainError.notFound("no knowledge-base document \(id); search with `synergia kb search` to find one")
                    }
                    return Shown(document: contents.document, paragraphs: contents.paragraphs)
                }
                if output.json { return try printJSON(shown) }
                let document = shown.document
                print([document.symbol, document.title, document.date].compactMap { $0 }.joined(separator: " · "))
                for paragraph in shown.paragraphs {
                    let page = paragraph.page.map { "p. \($0) " } ?? ""
                    let label = paragraph.label.map { $0 + " " } ?? ""
                    print("[\(paragraph.ordinal)] \(page)\(paragraph.kind == .paragraph ? "" : paragraph.kind.rawValue + ": ")\(label)\(paragraph.text)")
                }
            }
        }
    }
}
