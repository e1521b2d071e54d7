import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import Testing

/// "Prefill what is still empty" from the report page and the API: the same
/// service the CLI's `report prefill` calls, answers already given untouched.
@Suite struct PrefillPageTests {
    @Test(arguments: TestDatabase.kinds)
    func aNewNationalTargetIsPrefilledFromThePageAndTheAPIAddsNothingTwice(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            _ = try await app.store.addNationalTarget(
                NationalTarget(code: "KEN-T99", title: "Restore 5 % of degraded wetlands", unit: "percent",
                               baseline: YearValue(year: 2020, value: 0), target: YearValue(year: 2030, value: 5),
                               alignments: [TargetAlignment(globalTarget: "GBF-2", degree: .high)], indicators: ["GBF-2.1"]),
                workspaceID: ken.id, context: ChangeContext(userID: nil, channel: .cli))
            let before = try await app.store.answers(reportID: app.kenReport)
            #expect(!before.contains { $0.key.entry == "KEN-T99" })

            let contributor = try await app.session(.contributor)
            let (headers, body) = form(contributor, ["section": "s3"])
            try await client.execute(uri: "/reports/\(app.kenReport)/prefill", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther)
                let location = try #require(response.headers[.location])
                #expect(location.hasPrefix("/reports/\(app.kenReport)?section=s3&prefilled="))
                let added = try #require(Int(location.split(separator: "=").last ?? ""))
                let after = try await app.store.answers(reportID: app.kenReport)
                let newOnes = after.filter { $0.key.entry == "KEN-T99" }
                #expect(newOnes.count == added)
                #expect(added > 0)
                #expect(newOnes.allSatisfy { $0.provenance.kind == .prefilled })
                // Answers given before are the same, version for version.
                let earlier = Dictionary(uniqueKeysWithValues: before.map { ($0.key, $0) })
                #expect(after.filter { earlier[$0.key] != nil }.allSatisfy { earlier[$0.key] == $0 })
                var cookie = HTTPFields(); cookie[.cookie] = contributor!.cookie
                try await client.execute(uri: location, method: .get, headers: cookie) { page in
                    #expect(String(buffer: page.body).contains("\(added) answer(s) prefilled."))
                }
            }
            let token = try await app.token(.contributor)
            try await client.execute(uri: "/api/reports/\(app.kenReport)/prefill", method: .post, headers: bearer(token)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).replacingOccurrences(of: " ", with: "") == #"{"added":0,"filled":[],"gaps":[]}"#)
            }
        }
    }
}
