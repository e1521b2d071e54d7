import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// The register of facts: one value per fact, the reports that follow it, the
/// notice in reports under review, values kept for one report, and the first filling.
@Suite struct FactRegisterTests {
    let contact = AnswerKey(question: "contact")
    let focal = FactKey(concept: "focal_point_contact")

    /// A report of the mini template (its `contact` is bound to focal_point_contact) moved to `state` by the store.
    static func report(_ f: ReportFixture, _ state: ReportState) async throws -> Report {
        let report = try await f.service.create(workspace: f.workspace, templateID: "mini", actor: f.focalPoint)
        guard state != .draft else { return report }
        return try await f.store.transition(reportID: report.id, action: "test", to: state, expectedVersion: report.version, note: nil, snapshot: nil,
                                            context: ChangeContext(userID: f.focalPoint.userID, channel: .api))
    }

    func value(_ f: ReportFixture, _ reportID: Int64, _ key: AnswerKey) async throws -> Answer? {
        try await f.store.answers(reportID: reportID).first { $0.key == key }
    }

    @Test(arguments: TestDatabase.kinds)
    func aFactSavedInOneReportReachesOpenReportsAndReviewedOnesGetTheNotice(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ReportFixture.miniCatalog)
            let register = FactRegister(service: f.service)
            let source = try await Self.report(f, .draft), open = try await Self.report(f, .draft)
            let reviewed = try await Self.report(f, .inReview), submitted = try await Self.report(f, .submitted)
            let submittedTrail = try await store.audit(reportID: submitted.id)

            _ = try await f.service.answer(reportID: source.id, [AnswerEdit(key: contact, value: .text("Jane Doe"), expectedVersion: nil)], actor: f.focalPoint)

            let followed = try #require(try await value(f, open.id, contact))
            #expect(followed.value == .text("Jane Doe"))
            #expect(followed.provenance.origin == .register)
            #expect(followed.provenance.sourceReportID == source.id)
            let trail = try await store.audit(reportID: open.id).last
            #expect(trail?.action == "fact")
            #expect(trail?.note == "from the fact register: focal_point_contact, saved in report \(source.id) (mini)")
            #expect(trail?.newValue == .text("Jane Doe"))

            #expect(try await value(f, reviewed.id, contact) == nil)
            #expect(try await store.factMarks(reportID: reviewed.id) == [contact: .changed])
            #expect(try await store.audit(reportID: reviewed.id).last?.action == "fact_changed")
            let notice = try #require(try await register.notices(for: try await f.service.view(reportID: reviewed.id))[contact])
            #expect(notice.mark == .changed)
            #expect(notice.fact?.value == .text("Jane Doe"))

            #expect(try await value(f, submitted.id, contact) == nil)
            #expect(try await store.factMarks(reportID: submitted.id).isEmpty)
            #expect(try await store.audit(reportID: submitted.id) == submittedTrail)

            let fact = try #require(try await store.fact(workspaceID: f.workspace.id, key: focal))
            #expect(fact.value == .text("Jane Doe"))
            #expect(fact.version == 1)
            #expect(fact.provenance.sourceReportID == source.id)
            let history = try await store.factHistory(workspaceID: f.workspace.id, key: focal)
            #expect(history.map(\.action) == [.set])
            #expect(history.first?.oldValue == nil)
            #expect(history.first?.userID == f.focalPoint.userID)
            #expect(history.first?.sourceReportID == source.id)

            // Accept: a version the notice did not show is refused and nothing changes; the shown one is taken and audited.
            let stale = await #expect(throws: DomainError.self) {
                try await register.accept(reportID: reviewed.id, key: contact, factVersion: 0, actor: f.reviewer)
            }
            #expect(stale?.kind == .staleVersion)
            #expect(try await value(f, reviewed.id, contact) == nil)
            let accepted = try await register.accept(reportID: reviewed.id, key: contact, factVersion: 1, actor: f.contributor)
            #expect(accepted.value == .text("Jane Doe"))
            #expect(try await store.factMarks(reportID: reviewed.id).isEmpty)
            let acceptance = try await store.audit(reportID: reviewed.id).last
            #expect(acceptance?.action == "fact_accept")
            #expect(acceptance?.userID == f.contributor.userID)

            // A new value saved in the other draft: the source follows, the reviewed report is noticed again; keep holds its value.
            let janeVersion = try #require(try await value(f, open.id, contact)).version
            _ = try await f.service.answer(reportID: open.id, [AnswerEdit(key: contact, value: .text("John Roe"), expectedVersion: janeVersion)], actor: f.contributor)
            #expect(try await value(f, source.id, contact)?.value == .text("John Roe"))
            #expect(try await store.factMarks(reportID: reviewed.id) == [contact: .changed])
            try await register.keep(reportID: reviewed.id, key: contact, actor: f.focalPoint)
            #expect(try await store.factMarks(reportID: reviewed.id) == [contact: .local])
            #expect(try await store.audit(reportID: reviewed.id).last?.action == "fact_keep")
            #expect(try await value(f, reviewed.id, contact)?.value == .text("Jane Doe"))

            // Kept: the next change of the register passes the reviewed report by.
            let johnVersion = try #require(try await value(f, source.id, contact)).version
            _ = try await f.service.answer(reportID: source.id, [AnswerEdit(key: contact, value: .text("Ann Lee"), expectedVersion: johnVersion)], actor: f.focalPoint)
            #expect(try await value(f, reviewed.id, contact)?.value == .text("Jane Doe"))
            #expect(try await store.factMarks(reportID: reviewed.id) == [contact: .local])
            #expect(try await value(f, open.id, contact)?.value == .text("Ann Lee"))
            #expect(try await store.factHistory(workspaceID: f.workspace.id, key: focal).map(\.newValue) == [.text("Jane Doe"), .text("John Roe"), .text("Ann Lee")])
            #expect(try await value(f, submitted.id, contact) == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aValueKeptForOneReportStaysThereThroughLaterRegisterChanges(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ReportFixture.miniCatalog)
            let register = FactRegister(service: f.service)
            let first = try await Self.report(f, .draft), second = try await Self.report(f, .draft)
            _ = try await f.service.answer(reportID: first.id, [AnswerEdit(key: contact, value: .text("Shared contact"), expectedVersion: nil)], actor: f.focalPoint)
            let version = try #require(try await value(f, second.id, contact)).version
            _ = try await f.service.answer(reportID: second.id, [AnswerEdit(key: contact, value: .text("Wetlands office only"), expectedVersion: version, keepLocal: true)],
                                           actor: f.focalPoint)
            #expect(try await store.fact(workspaceID: f.workspace.id, key: focal)?.value == .text("Shared contact"))
            #expect(try await value(f, first.id, contact)?.value == .text("Shared contact"))
            #expect(try await store.factMarks(reportID: second.id) == [contact: .local])

            let fact = try await register.set(workspace: f.workspace, fact: focal, input: .text("Register contact"), language: "en", expectedVersion: 1, actor: f.focalPoint)
            #expect(fact.version == 2)
            #expect(fact.provenance.origin == .register)
            #expect(try await value(f, first.id, contact)?.value == .text("Register contact"))
            #expect(try await value(f, first.id, contact)?.provenance.sourceReportID == nil)
            #expect(try await store.audit(reportID: first.id).last?.note == "from the fact register: focal_point_contact, set in the register")
            #expect(try await value(f, second.id, contact)?.value == .text("Wetlands office only"))
            let listed = try #require(try await register.entries(workspaceID: f.workspace.id).first { $0.fact == focal })
            #expect(listed.value == .text("Register contact"))
            #expect(listed.claims.map(\.mark) == [nil, .local])
            #expect(listed.claims.map(\.differs) == [false, true])
            #expect(try await f.service.conflicts(workspaceID: f.workspace.id).map(\.concept) == ["focal_point_contact"])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anExistingDatabaseFillsTheRegisterFromApprovedReportsFirst(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ReportFixture.miniCatalog)
            let approved = try await Self.report(f, .draft), draft = try await Self.report(f, .draft)
            // Answers stored as before the register existed: no fact written.
            let context = ChangeContext(userID: f.focalPoint.userID, channel: .api)
            _ = try await store.saveAnswers(reportID: approved.id, [AnswerChange(key: contact, concept: "focal_point_contact", value: .text("Approved contact"), expectedVersion: nil)], context: context)
            _ = try await store.transition(reportID: approved.id, action: "test", to: .approved, expectedVersion: approved.version, note: nil, snapshot: nil, context: context)
            _ = try await store.saveAnswers(reportID: draft.id, [AnswerChange(key: contact, concept: "focal_point_contact", value: .text("Newer draft contact"), expectedVersion: nil)],
                                            context: ChangeContext(userID: f.focalPoint.userID, channel: .api, at: Date().addingTimeInterval(60)))
            #expect(try await store.facts(workspaceID: f.workspace.id).isEmpty)

            let listed = try #require(try await FactRegister(service: f.service).entries(workspaceID: f.workspace.id).first { $0.fact == focal })
            #expect(listed.value == .text("Approved contact"))
            #expect(listed.provenance?.sourceReportID == approved.id)
            #expect(listed.claims.map(\.differs) == [false, true])
            let history = try await store.factHistory(workspaceID: f.workspace.id, key: focal)
            #expect(history.map(\.action) == [.seeded])
            #expect(history.first?.sourceReportID == approved.id)
            // The draft is not changed by the filling; a new report is prefilled from the register.
            #expect(try await value(f, draft.id, contact)?.value == .text("Newer draft contact"))
            let created = try await f.service.create(workspace: f.workspace, templateID: "mini", actor: f.focalPoint)
            let prefilled = try #require(try await value(f, created.id, contact))
            #expect(prefilled.value == .text("Approved contact"))
            #expect(prefilled.provenance.sourceReportID == approved.id)
            #expect(prefilled.toConfirm)
            // Filling again adds nothing.
            #expect(try await store.seedFacts(workspaceID: f.workspace.id, [(focal, .text("Other"), prefilled.provenance)]) == 0)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func refusalsNameTheFactAndChangeNothing(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ReportFixture.miniCatalog)
            let register = FactRegister(service: f.service)
            let report = try await Self.report(f, .draft)
            _ = try await f.service.answer(reportID: report.id, [AnswerEdit(key: contact, value: .text("Jane Doe"), expectedVersion: nil)], actor: f.focalPoint)
            let before = try await store.answers(reportID: report.id)
            let trail = try await store.audit(reportID: report.id)

            let unknown = await #expect(throws: DomainError.self) {
                try await register.set(workspace: f.workspace, fact: FactKey(concept: "focal_point_phone"), input: .text("x"), language: "en", expectedVersion: 0, actor: f.focalPoint)
            }
            #expect(unknown?.kind == .notFound)
            #expect(unknown?.message == "concept 'focal_point_phone' is not a concept of this installation; the facts list shows the concepts and their entries")
            let wrongType = await #expect(throws: DomainError.self) {
                try await register.set(workspace: f.workspace, fact: FactKey(concept: "coordination_mechanism"), input: .value(.string("perhaps")), language: "en",
                                       expectedVersion: 0, actor: f.focalPoint)
            }
            #expect(wrongType?.kind == .invalid)
            #expect(wrongType?.message == "fact coordination_mechanism: expects yes or no")
            let stale = await #expect(throws: DomainError.self) {
                try await register.set(workspace: f.workspace, fact: focal, input: .text("Old page"), language: "en", expectedVersion: 0, actor: f.focalPoint)
            }
            #expect(stale?.kind == .staleVersion)
            #expect(stale?.message.hasPrefix("fact focal_point_contact was changed by someone else (now version 1, your change was based on version 0); nothing was saved.") == true)
            let entry = await #expect(throws: DomainError.self) {
                try await register.set(workspace: f.workspace, fact: FactKey(concept: "focal_point_contact", entry: "KEN-T1"), input: .text("x"), language: "en",
                                       expectedVersion: 0, actor: f.focalPoint)
            }
            #expect(entry?.message == "concept 'focal_point_contact' is asked once per report, not per entry; give no entry (not 'KEN-T1')")
            let viewer = ReportActor(userID: f.reviewer.userID, role: .viewer, channel: .api)
            let forbidden = await #expect(throws: DomainError.self) {
                try await register.set(workspace: f.workspace, fact: focal, input: .text("x"), language: "en", expectedVersion: 1, actor: viewer)
            }
            #expect(forbidden?.kind == .forbidden)

            #expect(try await store.fact(workspaceID: f.workspace.id, key: focal)?.version == 1)
            #expect(try await store.factHistory(workspaceID: f.workspace.id, key: focal).count == 1)
            #expect(try await store.answers(reportID: report.id) == before)
            #expect(try await store.audit(reportID: report.id) == trail)
        }
    }
}
