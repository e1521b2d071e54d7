import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// Every registered route × every persona × own and other workspace: the
/// status must say allowed exactly when the rule below allows. A route
/// added to the server without an entry here (or without a rule there) fails.
@Suite struct AuthorizationMatrixTests {
    static let expected: [String: AccessRule] = [
        "GET /health": .anyone,
        "GET /ready": .anyone,
        "GET /assets/{name}": .anyone,
        "GET /login": .anyone,
        "POST /login": .anyone,
        "GET /set-password": .anyone,
        "POST /set-password": .anyone,
        "POST /logout": .signedIn,
        "POST /logout-everywhere": .signedIn,
        "GET /": .signedIn,
        "GET /api/countries": .signedIn,
        "GET /api/conventions": .signedIn,
        "GET /api/frameworks": .signedIn,
        "GET /api/frameworks/{code}": .signedIn,
        "GET /api/targets/{code}": .signedIn,
        "GET /api/templates": .signedIn,
        "GET /api/workspaces": .signedIn,
        "GET /api/workspaces/{country}": .workspace(.viewer),
        "GET /api/workspaces/{country}/national-targets": .workspace(.viewer),
        "GET /api/workspaces/{country}/national-targets/{code}": .workspace(.viewer),
        "GET /api/workspaces/{country}/series": .workspace(.viewer),
        "GET /api/workspaces/{country}/history": .workspace(.viewer),
        "POST /api/workspaces/{country}/history/{change}/restore": .workspace(.contributor),
        "GET /api/workspaces/{country}/progress": .workspace(.viewer),
        "GET /api/workspaces/{country}/reports": .workspace(.viewer),
        "POST /api/workspaces/{country}/reports": .workspace(.contributor),
        "GET /api/workspaces/{country}/conflicts": .workspace(.viewer),
        "GET /api/workspaces/{country}/facts": .workspace(.viewer),
        "PUT /api/workspaces/{country}/facts/{fact}": .workspace(.contributor),
        "GET /api/workspaces/{country}/facts/{fact}/history": .workspace(.viewer),
        "POST /api/reports/{id}/fact-notices": .report(.contributor, secretariatReads: false),
        "GET /w/{country}/facts": .workspace(.viewer),
        "POST /w/{country}/facts": .workspace(.contributor),
        "POST /reports/{id}/fact-notice": .report(.contributor, secretariatReads: false),
        "GET /api/reports/{id}": .report(.viewer, secretariatReads: true),
        "PUT /api/reports/{id}/answers/{key}": .report(.contributor, secretariatReads: false),
        "POST /api/reports/{id}/transitions": .report(.contributor, secretariatReads: false),
        "POST /api/reports/{id}/prefill": .report(.contributor, secretariatReads: false),
        "GET /api/reports/{id}/comments": .report(.viewer, secretariatReads: false),
        "POST /api/reports/{id}/comments": .report(.contributor, secretariatReads: false),
        "GET /api/reports/{id}/audit": .report(.viewer, secretariatReads: false),
        "GET /api/reports/{id}/checks": .report(.viewer, secretariatReads: false),
        "GET /api/reports/{id}/export/{format}": .report(.viewer, secretariatReads: true),
        "GET /api/reports/{id}/evidence": .report(.viewer, secretariatReads: true),
        "POST /api/reports/{id}/import-xlsx": .report(.contributor, secretariatReads: false),
        "GET /api/reports/{id}/attachments": .report(.viewer, secretariatReads: true),
        "POST /api/reports/{id}/answers/{key}/attachments": .report(.contributor, secretariatReads: false),
        "GET /api/reports/{id}/attachments/{attachment}": .report(.viewer, secretariatReads: true),
        "DELETE /api/reports/{id}/attachments/{attachment}": .report(.contributor, secretariatReads: false),
        "POST /reports/{id}/attachments": .report(.contributor, secretariatReads: false),
        "GET /reports/{id}/attachments/{attachment}": .report(.viewer, secretariatReads: true),
        "POST /reports/{id}/attachments/{attachment}/delete": .report(.contributor, secretariatReads: false),
        "POST /api/reports/{id}/import-secretariat": .report(.contributor, secretariatReads: false),
        "GET /api/templates/{id}/secretariat.csv": .secretariat,
        "GET /w/{country}": .workspace(.viewer),
        "GET /w/{country}/members": .workspaceManager,
        "POST /w/{country}/members/invite": .workspaceManager,
        "POST /w/{country}/members/role": .workspaceManager,
        "GET /w/{country}/security-log": .workspaceManager,
        "GET /w/{country}/reports": .workspace(.viewer),
        "POST /w/{country}/reports": .workspace(.contributor),
        "GET /reports/{id}": .report(.viewer, secretariatReads: true),
        "POST /reports/{id}/answer": .report(.contributor, secretariatReads: false),
        "POST /reports/{id}/transition": .report(.contributor, secretariatReads: false),
        "POST /reports/{id}/comment": .report(.contributor, secretariatReads: false),
        "POST /reports/{id}/prefill": .report(.contributor, secretariatReads: false),
        "POST /reports/{id}/assign": .report(.focalPoint, secretariatReads: false),
        "GET /reports/{id}/audit": .report(.viewer, secretariatReads: false),
        "GET /reports/{id}/snapshots/{number}": .report(.viewer, secretariatReads: true),
        "POST /reports/{id}/workbook": .report(.contributor, secretariatReads: false),
        "POST /reports/{id}/workbook/apply": .report(.contributor, secretariatReads: false),
        "GET /reports/{id}/migrate": .report(.viewer, secretariatReads: false),
        "POST /reports/{id}/migrate": .report(.focalPoint, secretariatReads: false),
        "GET /api/reports/{id}/migration": .report(.viewer, secretariatReads: false),
        "POST /api/reports/{id}/migration": .report(.focalPoint, secretariatReads: false),
        "GET /frameworks": .signedIn,
        "GET /targets/{code}": .signedIn,
        "GET /w/{country}/targets/{code}": .workspace(.viewer),
        "POST /w/{country}/series/import": .workspace(.contributor),
        "POST /w/{country}/history/{change}/restore": .workspace(.contributor),
        "GET /w/{country}/runs": .workspace(.viewer),
        "GET /w/{country}/runs/{run}": .workspace(.viewer),
        "GET /w/{country}/computations": .workspace(.viewer),
        "GET /w/{country}/decisions": .workspace(.viewer),
        "POST /w/{country}/decisions": .workspace(.contributor),
        "GET /kb": .signedIn,
        "GET /kb/documents/{id}": .signedIn,
        "GET /api/kb/search": .signedIn,
        "POST /kb/documents/{id}/tags": .knowledgeCurator,
        "POST /kb/documents/{id}/suggestions": .knowledgeCurator,
        "GET /w/{country}/national-targets/new": .workspace(.focalPoint),
        "POST /w/{country}/national-targets": .workspace(.focalPoint),
        "GET /w/{country}/targets/{code}/edit": .workspace(.focalPoint),
        "POST /w/{country}/targets/{code}/edit": .workspace(.focalPoint),
        "POST /w/{country}/computations/coverage": .workspace(.contributor),
        "POST /w/{country}/computations/land": .workspace(.contributor),
        "GET /w/{country}/jobs/{job}": .workspace(.viewer),
        "GET /w/{country}/jobs/{job}/progress": .workspace(.viewer),
        "GET /w/{country}/jobs/{job}/map.geojson": .workspace(.viewer),
        "GET /w/{country}/jobs/{job}/overlay.png": .workspace(.viewer),
        "GET /w/{country}/jobs/{job}/files/{name}": .workspace(.viewer),
        "GET /vendor/leaflet/{name}": .anyone,
        "GET /vendor/leaflet/images/{name}": .anyone,
        "GET /admin": .systemAdministrator,
        "POST /admin/workspaces": .systemAdministrator,
        "POST /admin/users/{user}/password-link": .systemAdministrator,
    ]

    @Test(arguments: TestDatabase.kinds)
    func everyRouteAnswersEveryRoleAsItsRuleSays(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, catalog, routes in
            #expect(Set(routes) == Set(Self.expected.keys), "routes registered vs rules expected by this test")
            #expect(catalog.rules == Self.expected)
            var checked = 0
            for route in routes.sorted() {
                guard let rule = Self.expected[route] else { continue }
                let parts = route.split(separator: " ", maxSplits: 1)
                let method = HTTPRequest.Method(String(parts[0]))!
                for own in [true, false] {
                    let uri = Self.fill(String(parts[1]), own: own, app: app)
                    for persona in Persona.allCases {
                        let session = try await app.session(persona)
                        var headers = HTTPFields()
                        if let session {
                            headers[.cookie] = session.cookie
                            headers[.init("X-CSRF-Token")!] = session.csrf
                        }
                        let response = try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer())
                        // A report one may not see answers as a missing one (404), so ids do not tell what exists.
                        let hidden = response.status == .notFound && String(buffer: response.body).contains("no report with this number")
                        let denied = response.status == .unauthorized || response.status == .forbidden || hidden
                            || (response.status == .seeOther && (response.headers[.location] ?? "").hasPrefix("/login?next="))
                        let user = app.users[persona]
                        let role = own ? persona.roleInKEN : nil
                        let allowed = rule.allows(user, role: role, reportSubmitted: !own)
                        #expect(denied == !allowed, "\(persona) \(method) \(uri) (\(rule)) answered \(response.status.code)")
                        #expect(response.status.code < 500, "\(persona) \(method) \(uri) answered \(response.status.code): \(String(buffer: response.body).prefix(200))")
                        checked += 1
                    }
                }
            }
            #expect(checked == Self.expected.count * 2 * Persona.allCases.count)
        }
    }

    /// A concrete URI: own = KEN and its draft report, other = FRA and its submitted report.
    static func fill(_ path: String, own: Bool, app: TestApp) -> String {
        path.replacingOccurrences(of: "{country}", with: own ? "KEN" : "FRA")
            .replacingOccurrences(of: "{id}", with: path.hasPrefix("/api/templates") ? "cbd-7nr" : String(own ? app.kenReport : app.fraReport))
            .replacingOccurrences(of: "{key}", with: "report_process")
            .replacingOccurrences(of: "{format}", with: "json")
            .replacingOccurrences(of: "{code}", with: path.contains("national-targets") || path.hasPrefix("/w/") ? "T1" : path.contains("frameworks") ? "gbf" : "GBF-3")
            .replacingOccurrences(of: "{name}", with: "synergia.css")
            .replacingOccurrences(of: "{run}", with: "1")
            .replacingOccurrences(of: "{job}", with: "1")
            .replacingOccurrences(of: "{number}", with: "1")
            .replacingOccurrences(of: "{attachment}", with: "1")
            .replacingOccurrences(of: "{fact}", with: "focal_point_contact")
            .replacingOccurrences(of: "{user}", with: String(app.users[.viewer]!.id))
    }
}
