import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// Decision tracking per workspace from the command line.
@Suite struct KnowledgeTrackCLITests {
    let cli = CLITests()

    @Test(arguments: TestDatabase.kinds)
    func aParagraphIsTrackedAndListed(kind: DatabaseKind) async throws {
        try await TestDatabase.withDatabaseURL(kind) { db in
            #expect(try cli.run(["seed", "--demo"], database: db).status == 0)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-kb-track-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let decision = folder.appendingPathComponent("d.txt")
            try Data("1. Urges Parties to restore at least 30 per cent of degraded ecosystems.\n".utf8).write(to: decision)
            #expect(try cli.run(["kb", "import", decision.path, "--language", "en", "--symbol", "CBD/COP/DEC/15/4"], database: db).status == 0)
            let fp = "focal.point@demo.synergia.example"
            let first = try cli.run(["kb", "track", "--workspace", "KEN", "--paragraph", "1", "--status", "in_progress", "--as", fp,
                                     "--responsible", "Ministry of Environment", "--target", "T1"], database: db)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout == "Paragraph 1 in KEN: in_progress (version 1).\n")
            let second = try cli.run(["kb", "track", "--workspace", "KEN", "--paragraph", "1", "--status", "done", "--as", fp], database: db)
            #expect(second.stdout == "Paragraph 1 in KEN: done (version 2).\n", "\(second.stderr)")
            let list = try cli.run(["kb", "track", "--workspace", "KEN", "--json"], database: db)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 1 && rows[0]["status"] as? String == "done" && rows[0]["responsible"] as? String == "Ministry of Environment")
            #expect(rows[0]["nationalTargets"] as? [String] == ["KEN-T1"], "kept from the first call")
            let table = try cli.run(["kb", "track", "--workspace", "KEN"], database: db)
            #expect(table.stdout.contains("not_started 0, in_progress 0, done 1, not_applicable 0"))
            for (arguments, message) in [
                (["--paragraph", "1", "--status", "finished", "--as", fp], "is not one of not_started, in_progress, done, not_applicable"),
                (["--paragraph", "1", "--status", "done", "--as", fp, "--target", "T99"], "national target KEN-T99 does not exist"),
                (["--paragraph", "7", "--status", "done", "--as", fp], "paragraph 7 does not exist"),
                (["--paragraph", "1", "--status", "done", "--as", "nobody@example.org"], "no user with the e-mail nobody@example.org"),
            ] {
                let refused = try cli.run(["kb", "track", "--workspace", "KEN"] + arguments, database: db)
                #expect(refused.status != 0 && refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
            }
            let unchanged = try cli.run(["kb", "track", "--workspace", "KEN", "--json"], database: db)
            #expect(unchanged.stdout.contains("\"version\" : 2"))
            // The demo's CBD report (report 1) cites the paragraph in one of its answers.
            let refusedAnswer = try cli.run(["kb", "track", "--workspace", "KEN", "--paragraph", "1", "--status", "done", "--as", fp,
                                             "--answer", "1:no_such_question"], database: db)
            #expect(refusedAnswer.status != 0 && refusedAnswer.stderr.contains("names no question of report 1 (cbd-7nr)"), "\(refusedAnswer.stderr)")
            let cited = try cli.run(["kb", "track", "--workspace", "KEN", "--paragraph", "1", "--status", "done", "--as", fp,
                                     "--answer", "1:report_process", "--json"], database: db)
            let saved = try #require(try JSONSerialization.jsonObject(with: Data(cited.stdout.utf8)) as? [String: Any], "\(cited.stderr)")
            #expect(saved["reportAnswers"] as? [String] == ["1:report_process"] && saved["version"] as? Int == 3)
        }
    }
}
