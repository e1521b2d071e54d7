import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// Exports in a secretariat's own shape (ORT document and downloads, the generic keyed
/// document) and their import back into another workspace's report.
@Suite struct SecretariatExportTests {
    static let binarySections: [TemplateSection] = {
        let template = try! ReportFixture.sharedCatalog.template("cbd-7nr")
        return template.allSections.first { $0.section.id == "s4_binary" }!.section.sections
    }()

    /// An answer to every binary question: the second option of each list (the first for a
    /// list of checkboxes, plus "other" with its text where the tool takes one), the country not landlocked.
    static func everyBinaryAnswer() -> [AnswerEdit] {
        binarySections.flatMap(\.questions).map { question in
            let value: AnswerValue
            switch question.type {
            case .multipleChoice:
                var selected: [AnswerValue] = [.string(question.choices[0].value)]
                var members: [String: AnswerValue] = [:]
                if question.allowsOther {
                    selected.append(.string("other"))
                    members["other"] = .string("Rural cooperatives")
                }
                members["selected"] = .list(selected)
                value = .object(members)
            case .text:
                value = .text("Described in the national biodiversity strategy")
            default:
                value = .string(question.id == "bin_1" ? "no" : question.choices[min(1, question.choices.count - 1)].value)
            }
            return AnswerEdit(key: AnswerKey(question: question.id), value: value, expectedVersion: nil)
        }
    }

    static func json(_ data: Data) throws -> AnswerValue { try JSONDecoder().decode(AnswerValue.self, from: data) }

    /// The stored answers of a report, by key, without their versions and provenance.
    static func values(_ store: SQLStore, _ reportID: Int64) async throws -> [String: AnswerValue] {
        Dictionary(uniqueKeysWithValues: try await store.answers(reportID: reportID).filter { $0.value != .null }.map { ($0.key.description, $0.value) })
    }

    @Test(arguments: TestDatabase.kinds)
    func everyBinaryAnswerTravelsThroughTheORTDocumentIntoAnotherWorkspace(kind: DatabaseKind) async throws {
        let (exported, answered) = try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            _ = try await f.service.answer(reportID: report.id, Self.everyBinaryAnswer(), actor: f.focalPoint)
            let data = try await f.service.exportORTJSON(reportID: report.id)
            let binaryIDs = Set(Self.binarySections.flatMap(\.questions).map(\.id))
            let hidden = try await f.service.view(reportID: report.id).evaluation.hidden
            return (data, try await Self.values(store, report.id).filter { binaryIDs.contains($0.key) && !hidden.contains(AnswerKey(question: $0.key)) })
        }
        let document = try Self.json(exported)
        #expect(document["header"]["schema"] == .string("nationalReport7"))
        #expect(document["government"] == .object(["identifier": .string("ke")]))
        #expect(document["binaryResponseGoalB"]["indicator"]["identifier"] == .string("KMGBF-INDICATOR-BIN-B"))
        #expect(document["binaryResponseGoalB"]["responses"]["b_1"] == .string("underDevelopment"))
        #expect(document["binaryResponseTarget1"]["responses"]["1"] == .string("no"))
        #expect(document["binaryResponseTarget1"]["responses"]["1_2"] == .list([.string("forTerrestrialPlanning")]))
        #expect(document["binaryResponseTarget20"]["responses"]["20_2"] == .list([.string("womenGirls"), .string("other")]))
        #expect(document["binaryResponseTarget20"]["responses"]["20_2_1"] == .string("Rural cooperatives"))
        // The tool answers Goal C and Target 13 once and files the answers under both.
        #expect(document["binaryResponseTarget13"] == document["binaryResponseGoalC"])
        #expect(document["binaryResponseTarget13"]["responses"]["13_1"] == .string("underDevelopment"))
        let groups = Self.binarySections.count + 1
        guard case .object(let body) = document else { Issue.record("not an object"); return }
        #expect(body.keys.filter { $0.hasPrefix("binaryResponse") }.count == groups)
        try SchemaCheck.validate(exported, against: "docs/schemas/ort-national-report-7.schema.json")

        let imported = try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let plan = try await f.service.planSecretariatImport(reportID: report.id, data: exported)
            #expect(plan.system == "ort")
            #expect(plan.conflicts.isEmpty)
            #expect(plan.changes.first { $0.key == "bin_b_1" }?.location == "binaryResponseGoalB.responses.b_1")
            // 8.7 and 22.1/22.3 offer "other" with no text field in the tool: the code cannot be stored alone.
            #expect(plan.notes == ["binaryResponseTarget22.responses.22_1_a", "binaryResponseTarget22.responses.22_1_d", "binaryResponseTarget22.responses.22_1_e",
                                   "binaryResponseTarget22.responses.22_3_a", "binaryResponseTarget8.responses.8_7"].map { place in
                let question = place.hasSuffix("8_7") ? "bin_8_7" : "bin_" + place.split(separator: ".").last!
                return "\(place): 'other' was left out: the ort form has no text for it; answer \(question)'s 'other' in Synergia with what it is"
            })
            let view = try await f.service.view(reportID: report.id)
            _ = try await f.service.applySecretariatImport(plan, in: view, overwrite: false, actor: f.focalPoint)
            let binaryIDs = Set(Self.binarySections.flatMap(\.questions).map(\.id))
            return try await Self.values(store, report.id).filter { binaryIDs.contains($0.key) }
        }
        // Every answer the relevance rules show travels, "other" without a field in the tool left out; 1.1 (c) is shown (not landlocked).
        var expected = answered
        for id in ["bin_8_7", "bin_22_1_a", "bin_22_1_d", "bin_22_1_e", "bin_22_3_a"] {
            let kept = (expected[id]?["selected"].listValue ?? []).filter { $0 != .string("other") }
            expected[id] = .object(["selected": .list(kept)])
        }
        #expect(imported == expected)
        #expect(answered["bin_1_1_c"] == .string("underDevelopment"))
        #expect(document["binaryResponseTarget8"]["responses"]["8_7"] == .list([.string("mitigation"), .string("other")]))
        #expect(answered.count > 60)
    }

    @Test(arguments: TestDatabase.kinds)
    func theDemoReportRoundTripsThroughTheSecretariatDocumentWithEveryAnswerIdentical(kind: DatabaseKind) async throws {
        let (exported, answers) = try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let ids = try await DemoReports.load(TestDatabase.dataDirectory.appendingPathComponent("demo/ken.yaml"), service: f.service)
            let reports = try await store.reports(workspaceID: f.workspace.id)
            let cbd = try #require(reports.first { $0.templateID == "cbd-7nr" && ids.contains($0.id) })
            _ = try await f.service.answer(reportID: cbd.id, Self.everyBinaryAnswer(), actor: f.focalPoint)
            let view = try await f.service.view(reportID: cbd.id)
            let shown = try await Self.values(store, cbd.id).filter { key, _ in !view.evaluation.hidden.contains(AnswerKey(key)!) }
            return (try await f.service.exportSecretariatJSON(reportID: cbd.id), shown)
        }
        let document = try Self.json(exported)
        #expect(document["schema"] == .string("synergia.secretariat/1"))
        #expect(document["system"] == .string("ort"))
        #expect(document["country"] == .string("KEN"))
        #expect(document["answers"]["b_1"] == .string("underDevelopment"))
        try SchemaCheck.validate(exported, against: "docs/schemas/secretariat-document.schema.json")

        let imported = try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let view = try await f.service.view(reportID: report.id)
            let plan = try await f.service.planSecretariatImport(in: view, data: exported)
            // The new report's prefill from the same demo workspace agrees with the file or is replaced by it.
            _ = try await f.service.applySecretariatImport(plan, in: view, overwrite: true, actor: f.focalPoint)
            let after = try await f.service.view(reportID: report.id)
            return try await Self.values(store, report.id).filter { key, _ in !after.evaluation.hidden.contains(AnswerKey(key)!) }
        }
        #expect(imported == answers)
        #expect(answers.count > Self.binarySections.flatMap(\.questions).count)
    }

    @Test(arguments: TestDatabase.kinds)
    func theBinaryDownloadHasTheToolsColumnsAndOneRowPerAnswerUnderEachGroup(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            _ = try await f.service.answer(reportID: report.id, [
                AnswerEdit(key: AnswerKey(question: "bin_b_1"), value: .string("partially"), expectedVersion: nil),
                AnswerEdit(key: AnswerKey(question: "bin_13_1"), value: .string("notApplicable"), expectedVersion: nil),
                AnswerEdit(key: AnswerKey(question: "bin_20_2"), value: .object(["selected": .list([.string("womenGirls"), .string("other")]),
                                                                                  "other": .string("Rural cooperatives")]), expectedVersion: nil),
            ], actor: f.focalPoint)
            let csv = try await f.service.exportORTBinaryCSV(reportID: report.id)
            let lines = csv.split(separator: "\n").map(String.init)
            #expect(lines[0] == "publishedOn,recordUrl,uniqueId,government,cbdRegion,targetType,target,indicator,indicatorCode,indicatorType,globalGoals,globalTargets,degreeOfAlignment,questionNumber,responseTitle,comments")
            #expect(lines.dropFirst() == [
                ",,,ke,,,GBF-GOAL-B,,KMGBF-INDICATOR-BIN-B,binaryIndicators,GBF-GOAL-B,,,b_1,partially,",
                ",,,ke,,,GBF-GOAL-C,,KMGBF-INDICATOR-BIN-C-13,binaryIndicators,GBF-GOAL-C,,,13_1,notApplicable,",
                ",,,ke,,,GBF-TARGET-13,,KMGBF-INDICATOR-BIN-C-13,binaryIndicators,,GBF-TARGET-13,,13_1,notApplicable,",
                ",,,ke,,,GBF-TARGET-20,,KMGBF-INDICATOR-BIN-20,binaryIndicators,,GBF-TARGET-20,,20_2,womenGirls; other,",
                ",,,ke,,,GBF-TARGET-20,,KMGBF-INDICATOR-BIN-20,binaryIndicators,,GBF-TARGET-20,,20_2_1,Rural cooperatives,",
            ])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theIndicatorDownloadHasOneRowPerValueOfTheReportsIndicatorData(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let key = AnswerKey(question: "target_indicator_data", group: "target_progress", entry: "KEN-T1")
            let rows = try #require(try await store.answers(reportID: report.id).first { $0.key == key }?.value.listValue)
            let csv = try await f.service.exportORTIndicatorCSV(reportID: report.id)
            let lines = csv.split(separator: "\n").map(String.init)
            #expect(lines[0] == "publishedOn,recordUrl,uniqueId,government,cbdRegion,targetType,target,indicator,indicatorCode,indicatorType,globalGoals,globalTargets,degreeOfAlignment,sourceOfData,sourceOfDataInfo,hasDisaggregation,disaggregationType,disaggregation,comments,year,value,unit,footnote")
            let t1 = lines.filter { $0.hasPrefix(",,,ke,,,KEN-T1,") }
            #expect(t1.count == rows.count)
            let first = rows[0]
            let code = try #require(first["indicator"].stringValue)
            #expect(code.hasPrefix("GBF-"))
            let cells = t1[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == 23)
            #expect(cells[8] == String(code.dropFirst(4)))
            #expect(cells[19] == AnswerShape.format(try #require(first["year"].numberValue)))
            #expect(cells[20] == AnswerShape.format(try #require(first["value"].numberValue)))
            #expect(cells[21] == first["unit"].stringValue)
        }
    }
}

/// Runs scripts/check-json-schema.py on a document.
enum SchemaCheck {
    static func validate(_ document: Data, against schema: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let repository = TestDatabase.dataDirectory.deletingLastPathComponent()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secretariat-\(UUID().uuidString).json")
        try document.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try Python.run([repository.appendingPathComponent("scripts/check-json-schema.py").path, repository.appendingPathComponent(schema).path, file.path])
        #expect(status == 0, "\(schema): \(output)", sourceLocation: sourceLocation)
    }
}
