import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

@Suite struct ExportTests {
    @Test(arguments: TestDatabase.kinds)
    func jsonHTMLAndCSVCarryTheAnswersEscaped(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            _ = try await f.service.answer(reportID: report.id, [
                AnswerEdit(key: AnswerKey(question: "report_process"), value: .text("<script>alert(1)</script> & \"quotes\""), expectedVersion: nil),
            ], actor: f.focalPoint)

            let json = try JSONDecoder.iso8601.decode(ReportDocument.self, from: try await f.service.exportJSON(reportID: report.id))
            #expect(json.schema == "synergia.report/1")
            #expect(json.report.country == "KEN")
            #expect(json.sections.map(\.id).prefix(5) == ["s1", "s2", "s3", "s4", "s4_indicators"])
            let item = try #require(json.sections.flatMap(\.items).first { $0.key == "report_process" })
            #expect(item.value == .text("<script>alert(1)</script> & \"quotes\""))
            #expect(json.sections.flatMap(\.items).contains { $0.key == "target_progress[KEN-T1].target_progress_level" })

            let html = try await f.service.exportHTML(reportID: report.id)
            #expect(!html.contains("<script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
            #expect(html.contains("<svg"))
            #expect(html.contains("prefilled from national target KEN-T1"))

            let csv = try await f.service.exportCSV(reportID: report.id)
            let lines = csv.split(separator: "\n")
            #expect(lines.first == "section,key,question,type,label,answer,unit,concept,to_confirm,provenance,version,value_json")
            #expect(csv.contains("\"<script>alert(1)</script> & \"\"quotes\"\"\""))
        }
    }

    @Test func pdfIsPrintedByChromium() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let pdf = try await f.service.exportPDF(reportID: report.id)
            #expect(pdf.starts(with: Data("%PDF".utf8)))
            #expect(pdf.count > 10_000)
        }
    }

    @Test func missingChromiumIsAClearError() {
        let error = #expect(throws: DomainError.self) {
            try PDFRenderer.render(html: "<p>x</p>", environment: ["PATH": "/nonexistent"])
        }
        #expect(error?.message.contains("install Debian's chromium package") == true)
    }

    @Test(arguments: TestDatabase.kinds)
    func theSecretariatAggregatesSubmittedReportsOnly(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ReportFixture.miniCatalog)
            let france = try await store.createWorkspace(country: "FRA", name: nil, conventions: ["CBD"])
            try await store.setRole(workspaceID: france.id, userID: f.focalPoint.userID!, role: .focalPoint)
            let french = ReportActor(userID: f.focalPoint.userID, role: .focalPoint, channel: .api)
            for (workspace, actor, share) in [(f.workspace, f.focalPoint, 30.0), (france, french, 12.5)] {
                var report = try await f.service.create(workspace: workspace, templateID: "mini", actor: actor)
                _ = try await f.service.answer(reportID: report.id, [
                    AnswerEdit(key: AnswerKey(question: "contact"), value: .text("FP \(workspace.country)"), expectedVersion: nil),
                    AnswerEdit(key: AnswerKey(question: "share"), value: .number(share), expectedVersion: nil),
                ], actor: actor)
                for step in [ReportTransition.submitForReview, .approve, .submit] {
                    report = try await f.service.transition(reportID: report.id, step, expectedVersion: report.version, reason: nil, actor: actor)
                }
            }
            // A draft is not seen by the secretariat.
            _ = try await f.service.create(workspace: f.workspace, templateID: "mini", actor: f.focalPoint)
            let values = try await f.service.secretariatCSV(templateID: "mini", counts: false)
            let rows = values.split(separator: "\n").map(String.init)
            #expect(rows.count == 5)
            #expect(rows[1].hasPrefix("FRA,"))
            #expect(rows.contains { $0.hasPrefix("KEN,") && $0.contains(",share,30,percent,30") })
            #expect(rows.contains { $0.hasPrefix("FRA,") && $0.contains(",share,12.5,percent,12.5") })
        }
    }
}
