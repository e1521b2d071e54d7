import ArgumentParser
import Foundation
import SQLKit
import SynergiaCore
import SynergiaKnowledge
import SynergiaStore

extension KnowledgeCommand {
    /// `make bench`: index a generated corpus, then time each kind of query
    /// against the same query as a plain LIKE scan in the same process.
    struct Benchmark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time knowledge-base indexing and search on a generated corpus (use an empty database).",
            discussion: "Figures and how to read them: docs/benchmarks.md (\"Knowledge base\").")
        @OptionGroup var store: StoreOptions
        @Option(help: "Paragraphs to generate.") var paragraphs = 200_000
        @Option(help: "Runs of each query.") var runs = 50
        @Flag(help: "Skip indexing: time the queries on the corpus an earlier run left in the database.") var searchOnly = false
        @Flag(help: "Run each query's searches back to back, then its LIKE scans (by default each search follows a LIKE scan, which leaves the caches cold).")
        var backToBack = false

        func run() async throws {
            try await userFacing {
                try await store.withStore { store in
                    if searchOnly {
                        guard try await !store.knowledgeDocuments().isEmpty else {
                            throw DomainError.invalid("the database holds no knowledge-base documents; run the benchmark once without --search-only")
                        }
                    } else {
                        try await index(store)
                    }
                    let queries: [(String, String, KnowledgeSearchFilters, String, String?)] = [
                        ("single word", "restoration", .init(), "%restoration%", nil),
                        ("phrase", "\"land degradation\"", .init(), "%land degradation%", nil),
                        ("Chinese", "退化", .init(), "%退化%", nil),
                        ("faceted", "wetlands", .init(convention: "CBD", language: .en), "%wetlands%", "CBD"),
                    ]
                    var rows: [[String]] = []
                    for (name, text, filters, pattern, convention) in queries {
                        let request = try KnowledgeSearchRequest(query: try SearchQuery.parse(text), filters: filters, limit: 20)
                        var ours: [Double] = [], reference: [Double] = []
                        var total = 0, scanned = 0
                        func search() async throws {
                            let started = Date()
                            total = try await store.searchKnowledge(request).total
                            ours.append(Date().timeIntervalSince(started) * 1000)
                        }
                        func scan() async throws {
                            let started = Date()
                            scanned = try await Self.likeScan(store, pattern: pattern, convention: convention, language: filters.language?.rawValue)
                            reference.append(Date().timeIntervalSince(started) * 1000)
                        }
                        if backToBack {
                            for _ in 0..<runs { try await search() }
                            for _ in 0..<runs { try await scan() }
                        } else {
                            for _ in 0..<runs {
                                try await search()
                                try await scan()
                            }
                        }
                        let (p50, p95) = Self.percentiles(ours), (r50, r95) = Self.percentiles(reference)
                        rows.append([name, String(total), String(scanned), String(format: "%.1f", p50), String(format: "%.1f", p95),
                                     String(format: "%.1f", r50), String(format: "%.1f", r95), String(format: "%.1f×", r50 / max(p50, 0.001))])
                    }
                    printTable(["query", "hits", "LIKE hits", "p50 ms", "p95 ms", "LIKE p50", "LIKE p95", "LIKE/ours"], rows)
                    print("Goal: p95 under 20 ms on SQLite. The LIKE scan counts rows containing the text, without stemming, ranking, snippets or facets.")
                }
            }
        }

        func index(_ store: SQLStore) async throws {
            guard try await store.knowledgeDocuments().isEmpty else {
                throw DomainError.invalid("the database already holds knowledge-base documents; run the benchmark on an empty one (--database sqlite:/tmp/bench.sqlite), or add --search-only")
            }
            let documents = KnowledgeBenchmarkCorpus(paragraphs: paragraphs).documents()
            let bar = ProgressBar()
            let started = Date()
            // As `kb import` takes a folder of files: a document per transaction, one per core at a time, then the index compacted.
            let results = await concurrentMap(documents, width: ProcessInfo.processInfo.activeProcessorCount, finished: { done in
                bar.update("indexing", done: min(done * 500, paragraphs), total: paragraphs)
            }) { document in try await store.importKnowledgeDocument(document) }
            for case .failure(let error) in results { throw error }
            bar.update("compacting", done: paragraphs, total: paragraphs)
            try await store.compactKnowledgeIndex()
            bar.finish()
            let seconds = Date().timeIntervalSince(started)
            print(String(format: "Indexed %d paragraphs in %.1f s: %.0f paragraphs/s (goal 5,000/s) on %@.",
                         paragraphs, seconds, Double(paragraphs) / seconds, store.provider.kind.rawValue))
        }

        /// The reference: the same search as a LIKE scan that counts the matches
        /// and fetches the first page, as an application without an index would.
        static func likeScan(_ store: SQLStore, pattern: String, convention: String?, language: String?) async throws -> Int {
            try await store.provider.withDatabase { db in
                var filter: SQLQueryString = "p.text LIKE \(bind: pattern)"
                if let convention { filter = filter + " AND d.convention = \(bind: convention)" }
                if let language { filter = filter + " AND p.language = \(bind: language)" }
                let count = try await db.raw("SELECT COUNT(*) AS n FROM kb_paragraphs p JOIN kb_documents d ON d.id = p.document_id WHERE " + filter).first()
                _ = try await db.raw("SELECT p.id, p.text FROM kb_paragraphs p JOIN kb_documents d ON d.id = p.document_id WHERE " + filter + " ORDER BY p.id LIMIT 20").all()
                return try count?.decode(column: "n", as: Int.self) ?? 0
            }
        }

        static func percentiles(_ values: [Double]) -> (Double, Double) {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return (0, 0) }
            return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))])
        }
    }
}
