import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
@testable import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// What the pages show, for people who are allowed to see them.
@Suite struct PageTests {
    func get(_ client: some TestClientProtocol, _ uri: String, as session: (cookie: String, csrf: String)?) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: session.map { [.cookie: $0.cookie] } ?? [:])
        return (response.status, String(buffer: response.body))
    }

    @Test(arguments: TestDatabase.kinds)
    func aGlobalTargetShowsItsCrosswalkAndTheAlignedNationalTargets(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let (status, html) = try await get(client, "/targets/GBF-3", as: try await app.session(.viewer))
            #expect(status == .ok)
            #expect(html.contains("href=\"/targets/AICHI-11\""))
            #expect(html.contains("SDG-14.5"))
            #expect(html.contains("<strong>KEN-T1</strong>"))
            // Secretariat staff are members of no workspace: the crosswalk, no national target.
            let (_, staff) = try await get(client, "/targets/GBF-3", as: try await app.session(.secretariat))
            #expect(staff.contains("AICHI-11") && !staff.contains("KEN-T1"))
            let (missing, page) = try await get(client, "/targets/GBF-99", as: try await app.session(.viewer))
            #expect(missing == .notFound)
            #expect(page.contains("unknown target &#39;GBF-99&#39;") && page.contains("<html lang=\"en\">"), "escaped, on an HTML page")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theDashboardShowsProgressWithSparklines(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let (status, html) = try await get(client, "/w/KEN", as: try await app.session(.viewer))
            #expect(status == .ok)
            #expect(html.contains("status-achieved\">Target achieved</span>"))
            #expect(html.components(separatedBy: "<svg class=\"sparkline\"").count - 1 == 7, "every target with a series but KEN-T6")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func secretariatStaffSeeSubmittedReportsOnly(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.secretariat)
            let (_, home) = try await get(client, "/", as: session)
            #expect(home.contains("href=\"/reports/\(app.fraReport)\""))
            #expect(!home.contains("href=\"/reports/\(app.kenReport)\""))
            #expect(!home.contains("href=\"/w/"), "no workspace to enter")
            let (status, report) = try await get(client, "/reports/\(app.fraReport)", as: session)
            #expect(status == .ok)
            #expect(!report.contains("<form method=\"post\" action=\"/reports/"), "read only: no answer form, no workflow button")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aCSVWithOneBadRowImportsNothingAndNamesTheRow(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let before = try await app.store.series(workspaceID: try #require(try await app.store.workspace(country: "KEN")).id)
            let bad = "indicator,year,value,unit,source\nKEN-I1,2024,12,count,survey\nKEN-I1,20x5,13,count,survey\n"
            let (h1, b1) = form(session, ["target": "KEN-T3", "csv": bad])
            let refused = try await client.execute(uri: "/w/KEN/series/import", method: .post, headers: h1, body: b1)
            #expect(refused.status == .unprocessableContent)
            let page = String(buffer: refused.body)
            #expect(page.contains("line 3"))
            #expect(page.contains("20x5"), "the text typed stays in the form")
            let after = try await app.store.series(workspaceID: try #require(try await app.store.workspace(country: "KEN")).id)
            #expect(after == before)
            let good = "indicator,year,value,unit,source\nKEN-I1,2025,12,count,survey\n"
            let (h2, b2) = form(session, ["target": "KEN-T3", "csv": good])
            let imported = try await client.execute(uri: "/w/KEN/series/import", method: .post, headers: h2, body: b2)
            #expect(imported.status == .ok)
            #expect(String(buffer: imported.body).contains("Imported: 1 added, 0 replaced, 0 unchanged."))
            #expect(String(buffer: imported.body).contains("<svg"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func commentsChangeRequestsAssignmentAndTheAuditTrail(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let uri = "/reports/\(app.kenReport)"
            let contributor = try await app.session(.contributor), reviewer = try await app.session(.reviewer), focal = try await app.session(.focalPoint)
            let (h1, b1) = form(contributor, ["key": "report_process", "body": "Who wrote this?", "section": "s1"])
            #expect(try await client.execute(uri: uri + "/comment", method: .post, headers: h1, body: b1).status == .seeOther)
            let (h2, b2) = form(contributor, ["key": "report_process", "body": "Change it", "change": "1"])
            let refused = try await client.execute(uri: uri + "/comment", method: .post, headers: h2, body: b2)
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("requesting changes needs the role reviewer"))
            let (h3, b3) = form(reviewer, ["key": "report_process", "body": "Please cite the committee decision.", "change": "1"])
            #expect(try await client.execute(uri: uri + "/comment", method: .post, headers: h3, body: b3).status == .seeOther)
            let contributorID = app.users[.contributor]!.id
            let (h4, b4) = form(focal, ["section": "s1", "user": String(contributorID)])
            #expect(try await client.execute(uri: uri + "/assign", method: .post, headers: h4, body: b4).status == .seeOther)
            let (h5, b5) = form(contributor, ["section": "s1", "user": String(contributorID)])
            #expect(try await client.execute(uri: uri + "/assign", method: .post, headers: h5, body: b5).status == .forbidden)
            let (_, page) = try await get(client, uri + "?section=s1", as: try await app.session(.viewer))
            #expect(page.contains("Who wrote this?"))
            #expect(page.contains("class=\"comment change\""))
            #expect(page.contains("Assigned to: <strong>Demo contributor</strong>"))
            #expect(!page.contains("action=\"/reports/\(app.kenReport)/comment\""), "a viewer does not comment")
            let (_, audit) = try await get(client, uri + "/audit", as: try await app.session(.viewer))
            #expect(audit.contains("Please cite the committee decision.") || audit.contains("comment"))
            #expect(audit.contains("assign"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func tableAndLinkQuestionsAreAnsweredInTheForm(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let contributor = try await app.session(.contributor)
            let (h0, b0) = form(contributor, ["template": "unccd-prais-so1"])
            let created = try await client.execute(uri: "/w/KEN/reports", method: .post, headers: h0, body: b0)
            let uri = try #require(created.headers[.location])
            let id = try #require(Int64(uri.split(separator: "/").last.map(String.init) ?? ""))
            let (_, page) = try await get(client, uri + "?section=so1_1", as: contributor)
            #expect(page.contains("name=\"cell.tree_covered.baseline_area\"") && page.contains("name=\"cell.water_bodies.latest_area\""))
            let (h1, b1) = form(contributor, ["key": "so1_1_land_cover", "section": "so1_1", "version": "0",
                                              "cell.tree_covered.baseline_area": "1 234,5", "cell.tree_covered.latest_area": "1200",
                                              "cell.cropland.latest_area": "77"])
            let saved = try await client.execute(uri: uri + "/answer", method: .post, headers: h1, body: b1)
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(300))")
            let answer = try #require(try await app.store.answers(reportID: id).first { $0.key.description == "so1_1_land_cover" })
            #expect(answer.value == .object(["tree_covered": .object(["baseline_area": .number(1234.5), "latest_area": .number(1200)]),
                                             "cropland": .object(["latest_area": .number(77)])]))
            let (_, again) = try await get(client, uri + "?section=so1_1", as: contributor)
            #expect(again.contains("value=\"1234.5\""))
            // A cell that is not a number names its row and column; nothing is stored.
            let (h2, b2) = form(contributor, ["key": "so1_1_land_cover", "section": "so1_1", "version": String(answer.version), "cell.grassland.baseline_area": "lots"])
            let bad = try await client.execute(uri: uri + "/answer", method: .post, headers: h2, body: b2)
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("Grasslands, Baseline area (km²): &#39;lots&#39; is not a number"), "\(String(buffer: bad.body).components(separatedBy: "role=\"alert\"").dropFirst().first?.prefix(200) ?? "")")
            #expect(try await app.store.answers(reportID: id).first { $0.key.description == "so1_1_land_cover" }?.value == answer.value)
            // A link question of the KEN report.
            let (h3, b3) = form(contributor, ["key": "nbsap_document", "section": "s2", "version": "0",
                                              "url": "https://example.org/nbsap.pdf", "title": "Revised NBSAP"])
            #expect(try await client.execute(uri: "/reports/\(app.kenReport)/answer", method: .post, headers: h3, body: b3).status == .seeOther)
            let link = try #require(try await app.store.answers(reportID: app.kenReport).first { $0.key.description == "nbsap_document" })
            #expect(link.value == .object(["url": .string("https://example.org/nbsap.pdf"), "title": .string("Revised NBSAP")]))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theFocalPointCreatesAndEditsANationalTarget(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.session(.focalPoint)
            let (_, blank) = try await get(client, "/w/KEN/national-targets/new", as: focal)
            #expect(blank.contains("<optgroup") && blank.contains("value=\"GBF-3\""))
            let (h1, b1) = form(focal, ["code": "t9", "title": "Restore 5 million hectares", "unit": "Mha",
                                        "baseline_year": "2020", "baseline_value": "0", "target_year": "2030", "target_value": "5",
                                        "indicators": "GBF-2.1", "alignment_0": "GBF-2", "degree_0": "high", "alignment_1": "", "degree_1": ""])
            let created = try await client.execute(uri: "/w/KEN/national-targets", method: .post, headers: h1, body: b1)
            #expect(created.status == .seeOther && created.headers[.location] == "/w/KEN/targets/KEN-T9", "\(String(buffer: created.body).prefix(300))")
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let target = try #require(try await app.store.nationalTarget(workspaceID: ken.id, code: "KEN-T9"))
            #expect(target.alignments == [TargetAlignment(globalTarget: "GBF-2", degree: .high)])
            #expect(target.baseline == YearValue(year: 2020, value: 0) && target.target == YearValue(year: 2030, value: 5))
            // Edit: a second alignment; an edit on the old version is refused and changes nothing.
            let (h2, b2) = form(focal, ["version": String(target.version), "title": "Restore 5 million hectares of degraded land", "unit": "Mha",
                                        "baseline_year": "2020", "baseline_value": "0", "target_year": "2030", "target_value": "5", "indicators": "GBF-2.1",
                                        "alignment_0": "GBF-2", "degree_0": "high", "alignment_1": "SDG-15.3", "degree_1": "medium"])
            #expect(try await client.execute(uri: "/w/KEN/targets/KEN-T9/edit", method: .post, headers: h2, body: b2).status == .seeOther)
            let edited = try #require(try await app.store.nationalTarget(workspaceID: ken.id, code: "KEN-T9"))
            #expect(edited.alignments.count == 2 && edited.title.hasSuffix("degraded land") && edited.version == target.version + 1)
            let stale = try await client.execute(uri: "/w/KEN/targets/KEN-T9/edit", method: .post, headers: h2, body: b2)
            #expect(stale.status == .conflict && String(buffer: stale.body).contains("changed by someone else"))
            // A bad year names the field; nothing changes.
            let (h3, b3) = form(focal, ["version": String(edited.version), "title": "X", "baseline_year": "20x0", "baseline_value": "1",
                                        "target_year": "2030", "target_value": "5"])
            let bad = try await client.execute(uri: "/w/KEN/targets/KEN-T9/edit", method: .post, headers: h3, body: b3)
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("baseline: the year"))
            #expect(try await app.store.nationalTarget(workspaceID: ken.id, code: "KEN-T9") == edited)
            // A contributor may not edit targets.
            let (h4, b4) = form(try await app.session(.contributor), ["version": String(edited.version), "title": "Mine"])
            #expect(try await client.execute(uri: "/w/KEN/targets/KEN-T9/edit", method: .post, headers: h4, body: b4).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theAuditTrailFiltersByPersonAndDayAndSnapshotsDownload(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let uri = "/reports/\(app.kenReport)"
            let contributor = try await app.session(.contributor), focal = try await app.session(.focalPoint)
            let (h1, b1) = form(contributor, ["key": "report_process", "body": "By the contributor", "section": "s1"])
            #expect(try await client.execute(uri: uri + "/comment", method: .post, headers: h1, body: b1).status == .seeOther)
            let (h2, b2) = form(focal, ["key": "report_process", "body": "By the focal point", "section": "s1"])
            #expect(try await client.execute(uri: uri + "/comment", method: .post, headers: h2, body: b2).status == .seeOther)
            let contributorID = app.users[.contributor]!.id
            let (_, mine) = try await get(client, uri + "/audit?user=\(contributorID)", as: focal)
            #expect(mine.contains("By the contributor") && !mine.contains("By the focal point"))
            let today = Date().formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
            let tomorrow = Date().addingTimeInterval(86_400).formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
            let (_, todays) = try await get(client, uri + "/audit?from=\(today)&to=\(today)", as: focal)
            #expect(todays.contains("By the contributor") && todays.contains("By the focal point"))
            let (_, none) = try await get(client, uri + "/audit?from=\(tomorrow)", as: focal)
            #expect(!none.contains("By the contributor") && none.contains(">0 "))
            let (status, bad) = try await get(client, uri + "/audit?from=yesterday", as: focal)
            #expect(status == .unprocessableContent && bad.contains("YYYY-MM-DD"))

            // Submitted (the report's answers are incomplete, so the store stands in for the
            // submission): the snapshot is listed and downloads as the stored JSON.
            for (persona, action) in [(Persona.contributor, "submit_for_review"), (.focalPoint, "approve")] {
                let version = try #require(try await app.store.report(id: app.kenReport)).version
                let (h, b) = form(try await app.session(persona), ["action": action, "version": String(version)])
                let moved = try await client.execute(uri: uri + "/transition", method: .post, headers: h, body: b)
                #expect(moved.status == .seeOther, "\(action): \(String(buffer: moved.body).prefix(300))")
            }
            let approved = try #require(try await app.store.report(id: app.kenReport))
            _ = try await app.store.transition(reportID: app.kenReport, action: "submit", to: .submitted, expectedVersion: approved.version, note: nil,
                                               snapshot: Data(#"{"report":"snapshot one"}"#.utf8),
                                               context: ChangeContext(userID: app.users[.focalPoint]!.id, channel: .web))
            let (_, page) = try await get(client, uri, as: focal)
            #expect(page.contains("href=\"\(uri)/snapshots/1\""))
            var headers = HTTPFields(); headers[.cookie] = focal!.cookie
            let snapshot = try await client.execute(uri: uri + "/snapshots/1", method: .get, headers: headers)
            #expect(snapshot.status == .ok)
            let stored = try #require(try await app.store.snapshot(reportID: app.kenReport, number: 1))
            #expect(Data(buffer: snapshot.body) == stored)
            #expect(try await client.execute(uri: uri + "/snapshots/2", method: .get, headers: headers).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aMultipleChoiceWithOtherIsStoredInItsShapeAndShownAgain(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.session(.focalPoint)
            let (h0, b0) = form(focal, ["template": "cms-cop15"])
            let uri = try #require(try await client.execute(uri: "/w/KEN/reports", method: .post, headers: h0, body: b0).headers[.location])
            let id = try #require(Int64(uri.split(separator: "/").last.map(String.init) ?? ""))
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.cookie] = focal!.cookie
            let body = "csrf=\(focal!.csrf)&key=threats_main&section=s3&value=bycatch&value=other&other=Invasive%20predators"
            let saved = try await client.execute(uri: uri + "/answer", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(saved.status == .seeOther)
            let answer = try #require(try await app.store.answers(reportID: id).first { $0.key.description == "threats_main" })
            #expect(answer.value == .object(["selected": .list([.string("bycatch"), .string("other")]), "other": .string("Invasive predators")]))
            let (_, page) = try await get(client, uri + "?section=s3", as: focal)
            #expect(page.contains("value=\"bycatch\" checked") && page.contains("value=\"Invasive predators\""))
            #expect(!page.contains("expects a list of selected choices"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func entriesOfARepeatGroupAreAddedFromTheForm(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.session(.focalPoint)
            let (h0, b0) = form(focal, ["template": "cms-cop15"])
            let uri = try #require(try await client.execute(uri: "/w/KEN/reports", method: .post, headers: h0, body: b0).headers[.location])
            let id = try #require(Int64(uri.split(separator: "/").last.map(String.init) ?? ""))
            let (_, empty) = try await get(client, uri + "?section=s2", as: focal)
            #expect(empty.contains("name=\"key\" value=\"listed_species[1].species_name\""))
            for (n, name) in [(1, "Ciconia ciconia"), (2, "Chelonia mydas")] {
                let (h, b) = form(focal, ["key": "listed_species[\(n)].species_name", "section": "s2", "version": "0", "value": name])
                #expect(try await client.execute(uri: uri + "/answer", method: .post, headers: h, body: b).status == .seeOther)
            }
            let (_, page) = try await get(client, uri + "?section=s2", as: focal)
            #expect(page.contains("value=\"listed_species[2].species_appendix\"") && page.contains("value=\"listed_species[3].species_name\""))
            let names = try await app.store.answers(reportID: id).filter { $0.key.question == "species_name" }.map(\.key.description).sorted()
            #expect(names == ["listed_species[1].species_name", "listed_species[2].species_name"])
            // A viewer is offered no new entry.
            let (_, viewer) = try await get(client, uri + "?section=s2", as: try await app.session(.viewer))
            #expect(!viewer.contains("listed_species[3]"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func indicatorDataIsEnteredAsRowsOfASeries(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let contributor = try await app.session(.contributor)
            let uri = "/reports/\(app.kenReport)"
            let (_, page) = try await get(client, uri + "?section=s3", as: contributor)
            let key = try #require(page.firstMatch(of: /name="key" value="(target_progress\[[^\]]+\]\.target_indicator_data)"/)?.1).description
            #expect(page.contains("name=\"row.0.year\""))
            let prefilled = try await app.store.answers(reportID: app.kenReport).first { $0.key.description == key }?.version ?? 0
            let (h, b) = form(contributor, ["key": key, "section": "s3", "version": String(prefilled),
                                            "row.0.year": "2020", "row.0.value": "12,5", "row.0.unit": "percent", "row.0.source": "NBS",
                                            "row.1.year": "2024", "row.1.value": "14", "row.1.unit": "percent",
                                            "row.2.year": "", "row.2.value": ""])
            let saved = try await client.execute(uri: uri + "/answer", method: .post, headers: h, body: b)
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(300))")
            let answer = try #require(try await app.store.answers(reportID: app.kenReport).first { $0.key.description == key })
            #expect(answer.value == .list([.object(["year": .number(2020), "value": .number(12.5), "unit": .string("percent"), "source": .string("NBS")]),
                                           .object(["year": .number(2024), "value": .number(14), "unit": .string("percent")])]))
            // The same year twice is refused by the shape's rule; nothing changes.
            let (h2, b2) = form(contributor, ["key": key, "section": "s3", "version": String(answer.version),
                                              "row.0.year": "2020", "row.0.value": "1", "row.0.unit": "percent",
                                              "row.1.year": "2020", "row.1.value": "2", "row.1.unit": "percent"])
            let twice = try await client.execute(uri: uri + "/answer", method: .post, headers: h2, body: b2)
            #expect(twice.status == .unprocessableContent && String(buffer: twice.body).contains("2020 appears twice"))
        }
    }

    func multipart(_ session: (cookie: String, csrf: String), file: Data) -> (HTTPFields, ByteBuffer) {
        let boundary = "----synergia-test-boundary"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(session.csrf)\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return ([.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: session.cookie], ByteBuffer(bytes: body))
    }

    @Test(arguments: TestDatabase.kinds)
    func aWorkbookIsCheckedBeforeItsSignedPlanIsApplied(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try #require(try await app.session(.focalPoint))
            let exported = try await client.execute(uri: "/api/reports/\(app.kenReport)/export/xlsx", method: .get, headers: [.cookie: session.cookie])
            #expect(exported.status == .ok)
            let (h1, b1) = multipart(session, file: Data(exported.body.readableBytesView))
            let checked = try await client.execute(uri: "/reports/\(app.kenReport)/workbook", method: .post, headers: h1, body: b1)
            #expect(checked.status == .ok)
            #expect(String(buffer: checked.body).contains("The workbook changes nothing."))
            let (h2, b2) = multipart(session, file: Data("not a workbook".utf8))
            let bad = try await client.execute(uri: "/reports/\(app.kenReport)/workbook", method: .post, headers: h2, body: b2)
            #expect(bad.status.code >= 400 && bad.status.code < 500)
            // A plan with a change, signed with the session's token, applies; the same plan altered does not.
            let plan = #"{"changes":[{"key":"report_process","location":"s1","old":null,"new":{"en":"From the workbook"}}],"conflicts":[],"fileSHA256":"ab","reportID":\#(app.kenReport)}"#
            let signature = WorkbookPages.sign(plan, key: session.csrf)
            let tampered = plan.replacingOccurrences(of: "From the workbook", with: "Forged")
            let (h3, b3) = form(session, ["plan": Data(tampered.utf8).base64EncodedString(), "signature": signature])
            #expect(try await client.execute(uri: "/reports/\(app.kenReport)/workbook/apply", method: .post, headers: h3, body: b3).status == .unprocessableContent)
            let (h4, b4) = form(session, ["plan": Data(plan.utf8).base64EncodedString(), "signature": signature])
            #expect(try await client.execute(uri: "/reports/\(app.kenReport)/workbook/apply", method: .post, headers: h4, body: b4).status == .seeOther)
            let answer = try #require(try await app.store.answers(reportID: app.kenReport).first { $0.key.description == "report_process" })
            #expect(answer.value == .object(["en": .string("From the workbook")]))
            #expect(answer.provenance.channel == .xlsx)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aRunPageShowsItsInputsAndTheValuesItWrote(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let run = try await app.store.recordRun(
                ComputationRun(workspaceID: ken.id, engine: "coverage", inputs: [.init(role: "wdpa", fileName: "WDPA_KEN.gpkg", sha256: String(repeating: "ab", count: 32), bytes: 1234)],
                               options: ["areaMethod": "equalArea"], softwareVersion: "SynergiaGeo coverage 1.0", startedAt: Date(), durationMilliseconds: 2500, warnings: ["3 sites without geometry"]),
                results: [2019, 2024].map { year in
                    ObservationInput(indicator: "GBF-3.1", unit: "percent", disaggregation: "land",
                                     observation: Observation(year: year, value: year == 2019 ? 11.25 : 12.5, source: "coverage run", provenance: .entered(userID: nil), recordedAt: Date()))
                })
            let (status, page) = try await get(client, "/w/KEN/runs/\(run.id)", as: try await app.session(.viewer))
            #expect(status == .ok)
            for text in ["WDPA_KEN.gpkg", "3 sites without geometry", "12.5", "11.25", "<svg"] { #expect(page.contains(text), "\(text)") }
            let (other, _) = try await get(client, "/w/FRA/runs/\(run.id)", as: try await app.session(.administrator))
            #expect(other == .forbidden)
            let (list, _) = try await get(client, "/w/KEN/runs/999999", as: try await app.session(.viewer))
            #expect(list == .notFound)
        }
    }
}
