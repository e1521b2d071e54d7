import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// A report keeps the template version it was made with; a newer version opens it only when it
/// lists that version in `opens_versions`, and the report's answers are kept by question id.
@Suite struct TemplateVersionTests {
    @Test(arguments: TestDatabase.kinds)
    func aReportOfAListedEarlierVersionOpensWithItsAnswers(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let installed = try ReportFixture.sharedCatalog.template("cbd-7nr")
            #expect(installed.version == 2)
            #expect(installed.opensVersions == [1])
            let context = ChangeContext(userID: f.focalPoint.userID, channel: .api, at: Date())
            let old = try await store.createReport(workspaceID: f.workspace.id, templateID: "cbd-7nr", templateVersion: 1,
                                                   prefilled: [], context: context)
            _ = try await f.service.answer(reportID: old.id, [
                AnswerEdit(key: AnswerKey(question: "focal_point_contact"), value: .text("Jane Doe"), expectedVersion: nil),
            ], actor: f.focalPoint)
            let view = try await f.service.view(reportID: old.id)
            #expect(view.report.templateVersion == 1)
            #expect(view.template.version == 2)
            #expect(view.answers[AnswerKey(question: "focal_point_contact")]?.value == .text("Jane Doe"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aReportOfAVersionNotListedIsRefusedNamingBoth(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let ramsar = try ReportFixture.sharedCatalog.template("ramsar-cop15")
            let context = ChangeContext(userID: f.focalPoint.userID, channel: .api, at: Date())
            let newer = try await store.createReport(workspaceID: f.workspace.id, templateID: "ramsar-cop15", templateVersion: ramsar.version + 1,
                                                     prefilled: [], context: context)
            let error = await #expect(throws: DomainError.self) { try await f.service.view(reportID: newer.id) }
            #expect(error?.message == "report \(newer.id) was made with ramsar-cop15 version \(ramsar.version + 1) but version \(ramsar.version) is installed, which does not open reports of version \(ramsar.version + 1)")
        }
    }
}
