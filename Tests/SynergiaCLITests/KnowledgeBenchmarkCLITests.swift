import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// The knowledge-base benchmark command on a tiny corpus: it indexes, times
/// every kind of query against its LIKE scan, and refuses a database in use.
@Suite struct KnowledgeBenchmarkCLITests {
    let cli = CLITests()

    @Test func aSmallRunPrintsEveryQueryAndRefusesToRunTwice() async throws {
        try await TestDatabase.withDatabaseURL(.sqlite) { db in
            let run = try cli.run(["kb", "benchmark", "--paragraphs", "1200", "--runs", "2"], database: db)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("Indexed 1200 paragraphs"))
            for query in ["single word", "phrase", "Chinese", "faceted"] { #expect(run.stdout.contains(query), "\(query)") }
            // The first document is English and CBD: the faceted query (CBD, English) finds paragraphs.
            let faceted = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("faceted") })
            #expect(Int(faceted.split(separator: " ", omittingEmptySubsequences: true)[1]).map { $0 > 0 } == true, "\(faceted)")
            let again = try cli.run(["kb", "benchmark", "--paragraphs", "1200", "--runs", "2"], database: db)
            #expect(again.status != 0 && again.stderr.contains("run the benchmark on an empty one"))
        }
    }
}
