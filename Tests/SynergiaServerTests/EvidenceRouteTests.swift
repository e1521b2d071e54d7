import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport
import Testing

/// `GET /api/reports/{id}/evidence`: a submitted snapshot's signed bundle for whoever reads the
/// report's other exports; a draft refused; another workspace's report answers as a missing one.
@Suite struct EvidenceRouteTests {
    @Test(arguments: TestDatabase.kinds)
    func aSubmittedSnapshotDownloadsAsASignedBundle(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let uri = "/api/reports/\(app.kenReport)/evidence"
            let viewer = bearer(try await app.token(.viewer))

            let draft = try await client.execute(uri: uri, method: .get, headers: viewer)
            #expect(draft.status == .conflict)
            #expect(String(buffer: draft.body).contains("report \(app.kenReport) is draft and has no submitted snapshot: only a submitted report can be exported as evidence; submit it first"))

            // The store stands in for the submission (the report is not complete): the frozen JSON of the report.
            let export = try await client.execute(uri: "/api/reports/\(app.kenReport)/export/json", method: .get, headers: viewer)
            let current = try #require(try await app.store.report(id: app.kenReport))
            _ = try await app.store.transition(reportID: app.kenReport, action: "submit", to: .submitted, expectedVersion: current.version, note: nil,
                                               snapshot: Data(buffer: export.body), context: ChangeContext(userID: app.users[.focalPoint]!.id, channel: .web))

            let bundle = try await client.execute(uri: uri + "?snapshot=1", method: .get, headers: viewer)
            #expect(bundle.status == .ok)
            #expect(bundle.headers[.contentType] == "application/zip")
            #expect(bundle.headers[.contentDisposition] == "attachment; filename=\"report-\(app.kenReport)-snapshot-1-evidence.zip\"")
            let key = try await EvidenceSigningKey.installation(app.store).publicKey.fingerprint
            let verified = try EvidenceBundle.verify(Data(buffer: bundle.body), pinned: key)
            #expect(verified.manifest.report.id == app.kenReport && verified.manifest.report.snapshot == 1)
            #expect(verified.files["report.json"] == Data(buffer: export.body))

            let missing = try await client.execute(uri: uri + "?snapshot=2", method: .get, headers: viewer)
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains("report \(app.kenReport) has no snapshot 2; its submitted snapshots are 1"))
            let notANumber = try await client.execute(uri: uri + "?snapshot=latest", method: .get, headers: viewer)
            #expect(notANumber.status == .unprocessableContent)
            #expect(String(buffer: notANumber.body).contains("snapshot 'latest' is not a snapshot number (1, 2, …)"))

            // The report page links the bundle beside the snapshot.
            let focal = try #require(try await app.session(.focalPoint))
            var cookie = HTTPFields(); cookie[.cookie] = focal.cookie
            let page = try await client.execute(uri: "/reports/\(app.kenReport)", method: .get, headers: cookie)
            #expect(String(buffer: page.body).contains("<a href=\"/api/reports/\(app.kenReport)/evidence?snapshot=1\">signed evidence (ZIP)</a>"))

            // Nobody of KEN reads FRA's report: it answers as a missing one; nobody signed in: 401.
            let other = try await client.execute(uri: "/api/reports/\(app.fraReport)/evidence", method: .get, headers: viewer)
            #expect(other.status == .notFound)
            #expect(String(buffer: other.body).contains("no report with this number"))
            #expect(try await client.execute(uri: uri, method: .get, headers: HTTPFields()).status == .unauthorized)
        }
    }
}
