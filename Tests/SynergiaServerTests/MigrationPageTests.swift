import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport
import Testing

/// The migration page, the API and `synergia report migrate` show one plan (the trial template of
/// version 2 and its migration from version 1, in a copy of data/); the report of version 1 opens
/// read-only with a notice, and the page's button creates the migrated report.
@Suite struct MigrationPageTests {
    static let template = """
    template:
      id: trial
      convention: CBD
      cycle: "2030"
      version: 2
      languages: [en]
      title: {en: Trial report}
      source: test
    sections:
      - id: t1
        title: {en: One}
        questions:
          - {id: contact, type: text, label: {en: Contact}}
          - id: nbsap_status
            type: single_choice
            label: {en: Status}
            choices:
              - {value: adopted, label: {en: Adopted}}
              - {value: under_revision, label: {en: Under revision}}
          - {id: funding_total, type: number, unit: USD, required: true, label: {en: Total funding}}

    """

    static let migration = """
    migration:
      from: {template: trial, version: 1}
      to: {template: trial, version: 2}
    questions:
      renamed: {status: nbsap_status}
      removed: [old_note]
      added: [funding_total]
    choices:
      - {question: nbsap_status, codes: {in_progress: under_revision}}

    """

    static func dataDirectory(migration: String = migration) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-migration-page-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestDatabase.dataDirectory, to: folder)
        try template.write(to: folder.appendingPathComponent("templates/trial.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates/migrations"), withIntermediateDirectories: true)
        try migration.write(to: folder.appendingPathComponent("templates/migrations/trial-v2.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func cli(_ arguments: [String], database: String, data: URL) throws -> SynergiaProcess.Run {
        try SynergiaProcess.run(arguments, database: database, environment: ["SYNERGIA_DATA_DIR": data.path])
    }

    @Test(arguments: TestDatabase.kinds)
    func pageAPIAndCommandShowOnePlanAndThePageCreatesTheMigratedReport(kind: DatabaseKind) async throws {
        let data = try Self.dataDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        try await TestDatabase.withDatabaseURL(kind) { url in
            try await withMigratedStore(url: url, logger: TestDatabase.logger) { store in
                let reference = try TestDatabase.referenceSet()
                _ = try await store.seedReference(reference)
                _ = try await DemoWorkspace.load(TestDatabase.dataDirectory.appendingPathComponent("demo/ken.yaml"), into: store)
                let service = ReportService(store: store, catalog: try TemplateCatalog.load(dataDirectory: data, reference: reference),
                                            messages: try Messages.load(dataDirectory: data))
                let ken = try #require(try await store.workspace(country: "KEN"))
                let focalPoint = try #require(try await store.user(email: "focal.point@demo.synergia.example"))
                let contributor = try #require(try await store.user(email: "contributor@demo.synergia.example"))
                let context = ChangeContext(userID: focalPoint.id, channel: .api, at: Date())
                let old = try await store.createReport(workspaceID: ken.id, templateID: "trial", templateVersion: 1, prefilled: [], context: context)
                _ = try await store.saveAnswers(reportID: old.id, [
                    AnswerChange(key: AnswerKey(question: "contact"), concept: nil, value: .object(["en": .string("Jane <Doe>")]), expectedVersion: nil),
                    AnswerChange(key: AnswerKey(question: "status"), concept: nil, value: .string("in_progress"), expectedVersion: nil),
                    AnswerChange(key: AnswerKey(question: "old_note"), concept: nil, value: .object(["en": .string("gone")]), expectedVersion: nil),
                ], context: context)

                let command = try cli(["report", "migrate", String(old.id), "--json"], database: url, data: data)
                #expect(command.status == 0)
                let text = try cli(["report", "migrate", String(old.id)], database: url, data: data)
                #expect(text.stdout.contains("Renamed (1):\n  status → nbsap_status = \"under_revision\"\n"), "\(text.stdout)")
                #expect(text.stdout.contains("Dropped (1):\n  old_note = {\"en\":\"gone\"} (removed by data/templates/migrations/trial-v2.yaml)\n"))
                #expect(text.stdout.contains("New questions to answer (1):\n  funding_total (required)\n"))

                var settings = WebSettings()
                settings.bcryptCost = 4
                settings.dataDirectory = data
                settings.jobsFolder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-test-jobs-\(UUID().uuidString)", isDirectory: true)
                let (router, _) = try await SynergiaServer.router(store: store, reports: service, settings: settings)
                let token = try await store.createSession(userID: focalPoint.id, address: nil, lifetime: 3600)
                let csrf = try #require(try await store.session(token: token, idleTimeout: 3600)).csrfToken
                let session = (cookie: "synergia_session=\(token)", csrf: csrf)
                let cookie: HTTPFields = {
                    var fields = HTTPFields()
                    fields[.cookie] = session.cookie
                    return fields
                }()
                let apiToken = try await store.createToken(userID: focalPoint.id, label: "test")
                let contributorToken = try await store.createToken(userID: contributor.id, label: "test")

                try await Application(router: router).test(.router) { client in
                    try await client.execute(uri: "/reports/\(old.id)", method: .get, headers: cookie) { response in
                        #expect(response.status == .ok)
                        let page = String(buffer: response.body)
                        #expect(page.contains("This report was made with version 1 of its template, which the installed version 2 does not open (it opens versions 2): the report is shown read-only."))
                        #expect(page.contains("href=\"/reports/\(old.id)/migrate\""))
                        #expect(!page.contains("action=\"/reports/\(old.id)/answer\""))
                    }
                    var apiPlan = ""
                    try await client.execute(uri: "/api/reports/\(old.id)/migration", method: .get, headers: bearer(apiToken)) { response in
                        #expect(response.status == .ok)
                        apiPlan = String(buffer: response.body)
                    }
                    struct Shown: Decodable, Equatable {
                        struct Row: Decodable, Equatable { var oldKey, newKey: String; var oldValue, newValue: AnswerValue }
                        struct Dropped: Decodable, Equatable { var key: String; var value: AnswerValue; var removedBy: String }
                        struct New: Decodable, Equatable { var id: String; var required: Bool }
                        var from, to: String; var carried, renamed, recoded: [Row]; var dropped: [Dropped]; var newQuestions: [New]; var refusals: [String]
                    }
                    struct CommandOutput: Decodable { var plan: Shown }
                    let fromAPI = try JSONCoding.decode(Shown.self, apiPlan)
                    let fromCommand = try JSONCoding.decode(CommandOutput.self, command.stdout).plan
                    #expect(fromAPI == fromCommand)
                    #expect(fromAPI.carried.map(\.oldKey) == ["contact"])
                    #expect(fromAPI.renamed.map { "\($0.oldKey) → \($0.newKey)" } == ["status → nbsap_status"])
                    #expect(fromAPI.recoded.map { "\($0.oldValue) → \($0.newValue)" } == ["\"in_progress\" → \"under_revision\""])

                    try await client.execute(uri: "/reports/\(old.id)/migrate", method: .get, headers: cookie) { response in
                        #expect(response.status == .ok)
                        let page = String(buffer: response.body)
                        for row in fromAPI.carried + fromAPI.renamed + fromAPI.recoded {
                            #expect(page.contains(HTML.escape(row.oldKey)) && page.contains(HTML.escape(row.newKey)) && page.contains(HTML.escape(row.newValue.description)))
                        }
                        for row in fromAPI.recoded { #expect(page.contains(HTML.escape(row.oldValue.description))) }
                        for row in fromAPI.dropped { #expect(page.contains(HTML.escape(row.value.description)) && page.contains(row.removedBy)) }
                        #expect(page.contains("funding_total (required)"))
                        #expect(page.contains("Carried as is (1)") && page.contains("Renamed (1)") && page.contains("Recoded (1)"))
                        #expect(page.contains("Not carried (the newer version no longer asks them) (1)") && page.contains("New questions to answer (1)"))
                        #expect(page.contains("action=\"/reports/\(old.id)/migrate\""))
                    }

                    try await client.execute(uri: "/api/reports/\(old.id)/migration", method: .post, headers: bearer(contributorToken),
                                             body: ByteBuffer(string: "{}")) { response in
                        #expect(response.status == .forbidden)
                    }
                    #expect(try await store.reports(templateID: "trial").count == 1)

                    let (headers, body) = form(session, ["template": "trial"])
                    try await client.execute(uri: "/reports/\(old.id)/migrate", method: .post, headers: headers, body: body) { response in
                        #expect(response.status == .seeOther)
                        let created = try #require(try await store.reports(templateID: "trial").last)
                        #expect(created.id != old.id)
                        #expect(created.templateVersion == 2)
                        #expect(response.headers[.location] == "/reports/\(created.id)")
                        let answers = try await store.answers(reportID: created.id)
                        #expect(Dictionary(uniqueKeysWithValues: answers.map { ($0.key.description, $0.value) }) == [
                            "contact": .object(["en": .string("Jane <Doe>")]), "nbsap_status": .string("under_revision"),
                        ])
                        #expect(answers.allSatisfy { $0.provenance.kind == .migrated && $0.provenance.channel == .web })
                    }
                }
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theCommandAppliesAPlanOnlyWhenNothingIsRefused(kind: DatabaseKind) async throws {
        let faulty = try Self.dataDirectory(migration: Self.migration.replacingOccurrences(of: "in_progress: under_revision", with: "in_progress: revising"))
        let data = try Self.dataDirectory()
        defer {
            try? FileManager.default.removeItem(at: faulty)
            try? FileManager.default.removeItem(at: data)
        }
        try await TestDatabase.withDatabaseURL(kind) { url in
            let old: Report = try await withMigratedStore(url: url, logger: TestDatabase.logger) { store in
                _ = try await store.seedReference(try TestDatabase.referenceSet())
                _ = try await DemoWorkspace.load(TestDatabase.dataDirectory.appendingPathComponent("demo/ken.yaml"), into: store)
                let ken = try #require(try await store.workspace(country: "KEN"))
                let context = ChangeContext(userID: nil, channel: .cli, at: Date())
                let old = try await store.createReport(workspaceID: ken.id, templateID: "trial", templateVersion: 1, prefilled: [], context: context)
                _ = try await store.saveAnswers(reportID: old.id, [
                    AnswerChange(key: AnswerKey(question: "status"), concept: nil, value: .string("in_progress"), expectedVersion: nil),
                    AnswerChange(key: AnswerKey(question: "old_note"), concept: nil, value: .object(["en": .string("gone")]), expectedVersion: nil),
                ], context: context)
                return old
            }
            let focalPoint = "focal.point@demo.synergia.example"
            let refused = try cli(["report", "migrate", String(old.id), "--apply", "--as", focalPoint], database: url, data: faulty)
            #expect(refused.status == 1)
            #expect(refused.stdout.hasSuffix("""
                Refused (2):
                  data/templates/migrations/trial-v2.yaml: choices of nbsap_status map 'in_progress' to 'revising', which is no choice of nbsap_status in trial version 2 (choices: adopted, under_revision)
                  answer status = "in_progress" does not fit nbsap_status (single_choice) of trial version 2: 'revising' is not a choice here; choose one of adopted, under_revision; recode it or list it under removed in data/templates/migrations/trial-v2.yaml

                """), "\(refused.stdout)")
            #expect(refused.stderr.contains("report \(old.id) cannot move to trial version 2: 2 refusal(s) listed above; nothing was stored"), "\(refused.stderr)")

            let withoutActor = try cli(["report", "migrate", String(old.id), "--apply"], database: url, data: data)
            #expect(withoutActor.status != 0)
            #expect(withoutActor.stderr.contains("--apply needs --as, the e-mail of the workspace's focal point"))

            let applied = try cli(["report", "migrate", String(old.id), "--apply", "--as", focalPoint], database: url, data: data)
            #expect(applied.status == 0, "\(applied.stderr)")
            try await withMigratedStore(url: url, logger: TestDatabase.logger) { store in
                let reports = try await store.reports(templateID: "trial")
                #expect(reports.count == 2)
                let created = try #require(reports.last)
                #expect(applied.stdout.hasSuffix("Created report \(created.id) (trial version 2) with 1 answer(s); report \(old.id) is unchanged.\n"))
                #expect(try await store.answers(reportID: created.id).map { "\($0.key) = \($0.value) \($0.provenance.channel)" } == ["nbsap_status = \"under_revision\" cli"])
                #expect(try await store.answers(reportID: old.id).count == 2)
            }
        }
    }
}
