import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// Checks across conventions through the API and on the report page: the
/// CBD report says 24.6 % land coverage, the CMS report 15 %.
@Suite struct CrossCheckRouteTests {
    /// A CMS report beside the test's CBD report, each keeping its own coverage figure.
    static func disagreeingCMS(_ app: TestApp) async throws -> Report {
        let service = ReportService(store: app.store, catalog: try TemplateCatalog.load(dataDirectory: TestDatabase.dataDirectory, reference: try TestDatabase.referenceSet()),
                                    messages: try Messages.load(dataDirectory: TestDatabase.dataDirectory))
        let ken = try #require(try await app.store.workspace(country: "KEN"))
        let actor = ReportActor(userID: app.users[.focalPoint]!.id, role: .focalPoint, channel: .api)
        let cms = try await service.create(workspace: ken, templateID: "cms-cop15", actor: actor)
        for (reportID, value) in [(app.kenReport, 24.6), (cms.id, 15.0)] {
            let key = AnswerKey(question: "pa_coverage_land")
            let current = try await app.store.answers(reportID: reportID).first { $0.key == key }
            _ = try await service.answer(reportID: reportID, [AnswerEdit(key: key, value: .number(value), expectedVersion: current?.version ?? 0, keepLocal: true)],
                                         actor: actor)
        }
        return cms
    }

    static let message = "Protected-area coverage on land is 24.6 % in the CBD national report but 15 % in the CMS national report."

    @Test(arguments: TestDatabase.kinds)
    func theAPIListsTheChecksAndAMoveToReviewReturnsTheWarnings(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let cms = try await Self.disagreeingCMS(app)
            let token = try await app.token(.focalPoint)
            let checks = try await client.execute(uri: "/api/reports/\(app.kenReport)/checks", method: .get, headers: bearer(token))
            #expect(checks.status == .ok)
            let outcomes = try JSONDecoder().decode([CrossCheckOutcome].self, from: Data(checks.body.readableBytesView))
            let coverage = try #require(outcomes.first { $0.check == "pa-coverage-land-cbd-cms" })
            #expect(coverage.result == .differs)
            #expect(coverage.message == Self.message)
            #expect(coverage.left.places.first?.reportID == app.kenReport)
            #expect(coverage.right.places.first?.reportID == cms.id)
            #expect(coverage.right.places.first?.key == "pa_coverage_land")

            let french = try await client.execute(uri: "/api/reports/\(app.kenReport)/checks?language=fr", method: .get, headers: bearer(token))
            #expect(String(buffer: french.body).contains("dans le rapport national à la CMS"))
            // Another workspace's member sees no such report.
            let outsider = try #require(try await app.store.user(email: "fp@france.example"))
            let refused = try await client.execute(uri: "/api/reports/\(app.kenReport)/checks", method: .get,
                                                   headers: bearer(try await app.store.createToken(userID: outsider.id, label: "test")))
            #expect(refused.status == .notFound)

            let version = try #require(try await app.store.report(id: app.kenReport)).version
            let moved = try await client.execute(uri: "/api/reports/\(app.kenReport)/transitions", method: .post, headers: bearer(token),
                                                 body: ByteBuffer(string: #"{"action":"submit_for_review","version":\#(version)}"#))
            #expect(moved.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(moved.body.readableBytesView)) as? [String: Any])
            #expect(json["state"] as? String == "in_review")
            let warnings = try #require(json["warnings"] as? [[String: Any]])
            #expect(warnings.compactMap { $0["check"] as? String }.contains("pa-coverage-land-cbd-cms"))
            #expect(warnings.allSatisfy { $0["result"] as? String == "differs" })
            #expect(try await app.store.report(id: app.kenReport)?.state == .inReview)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theReportPageShowsTheBlockWithLinksToBothPlacesOnlyOnceInReview(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let cms = try await Self.disagreeingCMS(app)
            let session = try #require(try await app.session(.focalPoint))
            var headers = HTTPFields()
            headers[.cookie] = session.cookie
            let draft = try await client.execute(uri: "/reports/\(app.kenReport)", method: .get, headers: headers)
            #expect(draft.status == .ok)
            #expect(!String(buffer: draft.body).contains("Checks across conventions"))

            let version = try #require(try await app.store.report(id: app.kenReport)).version
            let (formHeaders, body) = form(session, ["action": "submit_for_review", "version": String(version)])
            let moved = try await client.execute(uri: "/reports/\(app.kenReport)/transition", method: .post, headers: formHeaders, body: body)
            #expect(moved.status == .seeOther || moved.status == .found)
            #expect(moved.headers[.location] == "/reports/\(app.kenReport)#cross-checks")

            let page = String(buffer: try await client.execute(uri: "/reports/\(app.kenReport)", method: .get, headers: headers).body)
            #expect(page.contains("<h2 id=\"cross-checks-title\">Checks across conventions</h2>"))
            #expect(page.contains(Self.message))
            let section = try #require(try ReportFixtureSections.section(of: "pa_coverage_land", in: "cms-cop15"))
            #expect(page.contains("<a href=\"/reports/\(cms.id)?section=\(section)#q-pa_coverage_land\">"))
            #expect(page.contains("<a href=\"/reports/\(app.kenReport)?section=s4_indicators#q-pa_coverage_land\">"))
            // The series a check reads links to the workspace page.
            #expect(page.contains("<a href=\"/w/KEN\">Series GBF-3.1 [realm=land]</a>"))
        }
    }
}

/// Where a question stands in a shipped template, for the links the page writes.
enum ReportFixtureSections {
    static func section(of question: String, in template: String) throws -> String? {
        let catalog = try TemplateCatalog.load(dataDirectory: TestDatabase.dataDirectory, reference: try TestDatabase.referenceSet())
        return catalog.templates[template]?.questions.first { $0.question.id == question }?.section
    }
}
