import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// The register of facts on the web and the API: the facts page, a difference
/// resolved in one place, the report page's "changed since you reviewed" with
/// accept and keep, and the refusals (unknown concept, wrong type, stale version, no CSRF).
@Suite struct FactPageTests {
    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder.iso8601.decode(type, from: Data(response.body.readableBytesView))
    }

    func contact(_ app: TestApp, _ reportID: Int64) async throws -> Answer? {
        try await app.store.answers(reportID: reportID).first { $0.key == AnswerKey(question: "focal_point_contact") }
    }

    @Test(arguments: TestDatabase.kinds)
    func theRegisterIsReadAndSetOnThePageAndTheAPIAndReviewedReportsDecide(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.token(.focalPoint)
            let created = try await client.execute(uri: "/api/workspaces/KEN/reports", method: .post, headers: bearer(focal), body: ByteBuffer(string: #"{"template":"cms-cop15"}"#))
            let cms = try Self.decode(Report.self, created)
            let reviewed = try await app.store.transition(reportID: cms.id, action: "submit_for_review", to: .inReview, expectedVersion: cms.version, note: nil, snapshot: nil,
                                                          context: ChangeContext(userID: app.users[.focalPoint]!.id, channel: .api))
            #expect(reviewed.state == .inReview)

            // Saved in the CBD report through the API: the register holds it, the CMS report in review gets the notice.
            let version = try await contact(app, app.kenReport)?.version ?? 0
            let saved = try await client.execute(uri: "/api/reports/\(app.kenReport)/answers/focal_point_contact", method: .put, headers: bearer(focal),
                                                 body: ByteBuffer(string: #"{"value":{"en":"Jane Doe, NEMA"},"version":\#(version)}"#))
            #expect(saved.status == .ok)
            let listed = try await client.execute(uri: "/api/workspaces/KEN/facts", method: .get, headers: bearer(try await app.token(.viewer)))
            #expect(listed.status == .ok)
            let fact = try #require(try Self.decode([FactEntry].self, listed).first { $0.fact == FactKey(concept: "focal_point_contact") })
            #expect(fact.value == .object(["en": .string("Jane Doe, NEMA")]))
            #expect(fact.version == 1)
            #expect(fact.provenance?.sourceReportID == app.kenReport)
            #expect(fact.claims.map(\.reportID) == [app.kenReport, cms.id])
            #expect(fact.claims.map(\.mark) == [nil, .changed])

            // Refusals through the API change nothing.
            let stale = try await client.execute(uri: "/api/workspaces/KEN/facts/focal_point_contact", method: .put, headers: bearer(focal),
                                                 body: ByteBuffer(string: #"{"value":{"en":"From an old page"},"version":0}"#))
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains("fact focal_point_contact was changed by someone else (now version 1, your change was based on version 0); nothing was saved."))
            let unknown = try await client.execute(uri: "/api/workspaces/KEN/facts/focal_point_phone", method: .put, headers: bearer(focal),
                                                   body: ByteBuffer(string: #"{"value":{"en":"x"},"version":0}"#))
            #expect(unknown.status == .notFound)
            let wrongType = try await client.execute(uri: "/api/workspaces/KEN/facts/coordination_mechanism", method: .put, headers: bearer(focal),
                                                     body: ByteBuffer(string: #"{"value":"perhaps","version":0}"#))
            #expect(wrongType.status == .unprocessableContent)
            #expect(String(buffer: wrongType.body).contains("fact coordination_mechanism: expects yes or no"))
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            #expect(try await app.store.fact(workspaceID: ken.id, key: FactKey(concept: "focal_point_contact"))?.version == 1)
            #expect(try await app.store.facts(workspaceID: ken.id).map(\.key.concept).contains("coordination_mechanism") == false)
            #expect(try await contact(app, cms.id) == nil)

            // The page: a viewer reads it without a form; a contributor resolves the fact in one place.
            let viewerPage = try await client.execute(uri: "/w/KEN/facts", method: .get, headers: form(try await app.session(.viewer)).0)
            #expect(viewerPage.status == .ok)
            let viewerHTML = String(buffer: viewerPage.body)
            #expect(viewerHTML.contains("Register of facts"))
            #expect(viewerHTML.contains("Jane Doe, NEMA"))
            #expect(viewerHTML.contains("changed since reviewed"))
            #expect(!viewerHTML.contains("name=\"choice\""))
            let contributor = try await app.session(.contributor)
            let (noTokenHeaders, noTokenBody) = form(contributor, ["fact": "focal_point_contact", "version": "1", "value": "Forged"], includeToken: false)
            let forged = try await client.execute(uri: "/w/KEN/facts", method: .post, headers: noTokenHeaders, body: noTokenBody)
            #expect(forged.status == .forbidden)
            let (headers, body) = form(contributor, ["fact": "focal_point_contact", "version": "1", "value": "Ann Lee, Wetlands Office"])
            let set = try await client.execute(uri: "/w/KEN/facts", method: .post, headers: headers, body: body)
            #expect(set.status == .seeOther)
            #expect(try await contact(app, app.kenReport)?.value == .object(["en": .string("Ann Lee, Wetlands Office")]))
            let (staleHeaders, staleBody) = form(contributor, ["fact": "focal_point_contact", "version": "1", "value": "Old page"])
            let stalePage = try await client.execute(uri: "/w/KEN/facts", method: .post, headers: staleHeaders, body: staleBody)
            #expect(stalePage.status == .conflict)
            #expect(String(buffer: stalePage.body).contains("was changed by someone else (now version 2"))
            let (emptyHeaders, emptyBody) = form(contributor, ["fact": "focal_point_contact", "version": "2"])
            let empty = try await client.execute(uri: "/w/KEN/facts", method: .post, headers: emptyHeaders, body: emptyBody)
            #expect(empty.status == .unprocessableContent)
            #expect(String(buffer: empty.body).contains("Choose one of the values or type one."))

            // The CMS report page shows the notice; the reviewer accepts the version shown, audited.
            let reviewer = try await app.session(.reviewer)
            let reportPage = String(buffer: try await client.execute(uri: "/reports/\(cms.id)?section=s1", method: .get, headers: form(reviewer).0).body)
            #expect(reportPage.contains("Changed since you reviewed: the register of facts now holds <strong>Ann Lee, Wetlands Office</strong>"))
            #expect(reportPage.contains("value=\"accept\""))
            #expect(reportPage.contains("name=\"keep_local\""))
            let (oldHeaders, oldBody) = form(reviewer, ["key": "focal_point_contact", "decision": "accept", "version": "1", "section": "s1"])
            #expect(try await client.execute(uri: "/reports/\(cms.id)/fact-notice", method: .post, headers: oldHeaders, body: oldBody).status == .conflict)
            #expect(try await contact(app, cms.id) == nil)
            let (acceptHeaders, acceptBody) = form(reviewer, ["key": "focal_point_contact", "decision": "accept", "version": "2", "section": "s1"])
            #expect(try await client.execute(uri: "/reports/\(cms.id)/fact-notice", method: .post, headers: acceptHeaders, body: acceptBody).status == .seeOther)
            #expect(try await contact(app, cms.id)?.value == .object(["en": .string("Ann Lee, Wetlands Office")]))
            #expect(try await app.store.audit(reportID: cms.id).last?.action == "fact_accept")

            // Changed again; the API keeps the CMS report's value, and the next change passes it by.
            _ = try await client.execute(uri: "/api/workspaces/KEN/facts/focal_point_contact", method: .put, headers: bearer(focal),
                                         body: ByteBuffer(string: #"{"value":{"en":"Omar Said"},"version":2}"#))
            let kept = try await client.execute(uri: "/api/reports/\(cms.id)/fact-notices", method: .post, headers: bearer(focal),
                                                body: ByteBuffer(string: #"{"key":"focal_point_contact","decision":"keep"}"#))
            #expect(kept.status == .ok)
            #expect(try await app.store.factMarks(reportID: cms.id) == [AnswerKey(question: "focal_point_contact"): .local])
            _ = try await client.execute(uri: "/api/workspaces/KEN/facts/focal_point_contact", method: .put, headers: bearer(focal),
                                         body: ByteBuffer(string: #"{"value":{"en":"Later contact"},"version":3}"#))
            #expect(try await contact(app, cms.id)?.value == .object(["en": .string("Ann Lee, Wetlands Office")]))
            #expect(try await contact(app, app.kenReport)?.value == .object(["en": .string("Later contact")]))
            let dashboard = String(buffer: try await client.execute(uri: "/w/KEN", method: .get, headers: form(reviewer).0).body)
            #expect(dashboard.contains("<a href=\"/w/KEN/facts\">Conflicting answers between reports</a>: <strong>1</strong>"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theHistoryOfAFactIsShownNewestFirstOnThePageAndTheAPI(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.token(.focalPoint)
            let version = try await contact(app, app.kenReport)?.version ?? 0
            let saved = try await client.execute(uri: "/api/reports/\(app.kenReport)/answers/focal_point_contact", method: .put, headers: bearer(focal),
                                                 body: ByteBuffer(string: #"{"value":{"en":"Jane Doe, NEMA"},"version":\#(version)}"#))
            #expect(saved.status == .ok)
            let (headers, body) = form(try await app.session(.contributor), ["fact": "focal_point_contact", "version": "1", "value": "Ann Lee, Wetlands Office"])
            #expect(try await client.execute(uri: "/w/KEN/facts", method: .post, headers: headers, body: body).status == .seeOther)

            let listed = try await client.execute(uri: "/api/workspaces/KEN/facts/focal_point_contact/history", method: .get, headers: bearer(try await app.token(.viewer)))
            #expect(listed.status == .ok)
            let history = try Self.decode([FactChange].self, listed)
            #expect(history.map(\.newValue) == [.object(["en": .string("Ann Lee, Wetlands Office")]), .object(["en": .string("Jane Doe, NEMA")])])
            #expect(history.map(\.oldValue) == [.object(["en": .string("Jane Doe, NEMA")]), nil])
            #expect(history.map(\.channel) == [.web, .api])
            #expect(history.map(\.user) == ["contributor@demo.synergia.example", "focal.point@demo.synergia.example"])
            #expect(history.map(\.sourceReportID) == [nil, app.kenReport])

            let unknown = try await client.execute(uri: "/api/workspaces/KEN/facts/focal_point_phone/history", method: .get, headers: bearer(focal))
            #expect(unknown.status == .notFound)
            #expect(String(buffer: unknown.body).contains("concept 'focal_point_phone' is not a concept of this installation"))
            let other = try await client.execute(uri: "/api/workspaces/TZA/facts/focal_point_contact/history", method: .get, headers: bearer(focal))
            #expect(other.status == .forbidden || other.status == .notFound)

            let page = String(buffer: try await client.execute(uri: "/w/KEN/facts", method: .get, headers: form(try await app.session(.viewer)).0).body)
            #expect(page.contains("<summary>History (2 changes)</summary>"))
            #expect(page.contains("<td>contributor@demo.synergia.example</td><td>web page</td><td>Jane Doe, NEMA → Ann Lee, Wetlands Office</td><td></td>"))
            #expect(page.contains("<td>focal.point@demo.synergia.example</td><td>API</td><td>— → Jane Doe, NEMA</td><td><a href=\"/reports/\(app.kenReport)\">\(app.kenReport)</a></td>"))
        }
    }
}
