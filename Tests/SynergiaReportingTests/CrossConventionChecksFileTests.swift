import Foundation
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaTestSupport

/// data/checks/cross-convention.yaml as shipped, and files refused with every
/// problem named by file, line, check and value.
@Suite struct CrossConventionChecksFileTests {
    let catalog = ReportFixture.sharedCatalog
    var indicators: Set<String> { Set(try! TestDatabase.referenceSet().frameworks.flatMap { $0.indicators.map(\.code) }) }

    func load(_ text: String) throws -> [CrossConventionCheck] {
        try CrossConventionChecksFile.load(text: text, file: "data/checks/cross-convention.yaml", templates: catalog.templates, indicators: indicators)
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try load(text)
            return []
        } catch let error as DataFileError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    static func check(id: String = "c", left: String = "answer('cbd-7nr', 'pa_coverage_land')", right: String = "answer('cms-cop15', 'pa_coverage_land')",
                      extra: String = "tolerance: 0.05", zh: String = "{left} {right}") -> String {
        """
        checks:
          - id: \(id)
            severity: warning
            left: "\(left)"
            right: "\(right)"
            \(extra)
            message: {en: "{left} and {right}", fr: "{left} et {right}", es: "{left} y {right}", zh: "\(zh)"}
            basis: {en: "The same concept."}
        """
    }

    @Test func theShippedChecksLoadWithTheCatalog() throws {
        #expect(catalog.crossConventionChecks.map(\.id) == [
            "pa-coverage-land-cbd-cms", "pa-coverage-marine-cbd-cms", "pa-coverage-land-cbd-series", "wetland-extent-ramsar-sdg-6-6-1",
            "wetland-extent-ramsar-cbd", "degraded-land-unccd-sdg-15-3-1", "degraded-land-unccd-cbd",
            "national-target-latest-value", "national-target-progress-level",
        ])
        let wetlands = try #require(catalog.crossConventionChecks.first { $0.id == "wetland-extent-ramsar-sdg-6-6-1" })
        #expect(wetlands.tolerance == 0.5)
        #expect(wetlands.unit == "km2")
        #expect(wetlands.questions == [CheckedQuestion(template: "ramsar-cop15", group: nil, question: "wetland_extent")])
        #expect(wetlands.concerns(templateID: "ramsar-cop15"))
        #expect(!wetlands.concerns(templateID: "cbd-7nr"))
        let level = try #require(catalog.crossConventionChecks.first { $0.id == "national-target-progress-level" })
        #expect(level.scope == .nationalTargets)
        #expect(level.tolerance == nil)
        #expect(level.questions == [CheckedQuestion(template: "cbd-7nr", group: "target_progress", question: "target_progress_level")])
        for check in catalog.crossConventionChecks {
            for language in ["en", "fr", "es", "zh"] {
                #expect(check.message.values[language]?.contains("{left}") == true, "\(check.id) \(language)")
            }
        }
    }

    @Test func aWellFormedCheckLoads() throws {
        let checks = try load(Self.check())
        #expect(checks.map(\.id) == ["c"])
        #expect(checks.first?.leftSource == "answer('cbd-7nr', 'pa_coverage_land')")
    }

    @Test func unknownTemplatesQuestionsAndIndicatorsAreRefusedNamingTheCheckAndTheValue() {
        #expect(problems(Self.check(id: "land", left: "answer('cbd-8nr', 'pa_coverage_land')")) == [
            "data/checks/cross-convention.yaml:4: check 'land', left: template 'cbd-8nr' is not installed; templates: cbd-7nr, cms-cop15, ramsar-cop15, unccd-prais-so1",
        ])
        #expect(problems(Self.check(id: "land", right: "answer('cms-cop15', 'pa_coverage')")) == [
            "data/checks/cross-convention.yaml:5: check 'land', right: question 'pa_coverage' is not in cms-cop15",
        ])
        #expect(problems(Self.check(id: "wet", right: "series_latest('SDG-6.6.9', 'ecosystem=wetlands')")) == [
            "data/checks/cross-convention.yaml:5: check 'wet', right: indicator 'SDG-6.6.9' is not an indicator of data/frameworks/",
        ])
        #expect(problems(Self.check(id: "t", right: "target_latest(${target})")) == [
            "data/checks/cross-convention.yaml:5: check 't', right: ${target} needs for_each: national_targets",
        ])
        #expect(problems(Self.check(id: "g", left: "answer('cbd-7nr', 'target_indicator_data')")) == [
            "data/checks/cross-convention.yaml:4: check 'g', left: question 'target_indicator_data' of cbd-7nr is inside the repeated group 'target_progress': write answer('cbd-7nr', 'target_progress', entry, 'target_indicator_data')",
        ])
        #expect(problems(Self.check(id: "txt", left: "answer('cbd-7nr', 'report_process')")) == [
            "data/checks/cross-convention.yaml:4: check 'txt', left: question 'report_process' of cbd-7nr is a text question; a tolerance compares numbers only",
        ])
    }

    @Test func aFileMissingATranslationSeverityOrExpressionIsRefusedWithEveryProblem() {
        #expect(problems(Self.check(zh: "")) == [
            "data/checks/cross-convention.yaml:7: check 'c', message: missing the text in zh (write {en: …, fr: …, es: …, zh: …})",
        ])
        #expect(problems(Self.check(zh: "{left}")) == [
            "data/checks/cross-convention.yaml:7: check 'c', message: the zh text must show both values: put {left} and {right} in it",
        ])
        #expect(problems(Self.check(left: "answer('cbd-7nr', 'pa_coverage_land') +", extra: "severity_level: high")) == [
            "data/checks/cross-convention.yaml:6: check 'c', severity_level: unknown key 'severity_level'; a check has basis, for_each, id, left, message, right, severity, tolerance, unit",
            "data/checks/cross-convention.yaml:4: check 'c', left: 'answer('cbd-7nr', 'pa_coverage_land') +' at character 39: expected a value after '+'",
        ])
        #expect(problems(Self.check(extra: "tolerance: -1")) == [
            "data/checks/cross-convention.yaml:6: check 'c', tolerance: '-1' is not a number of 0 or more (the largest difference that still agrees, in the check's unit)",
        ])
        #expect(problems(Self.check(left: "series_latest('SDG-6.6.1')", right: "series_latest('SDG-15.3.1')")) == [
            "data/checks/cross-convention.yaml:4: check 'c', left: neither side reads a report: one must call answer('template', 'question')",
        ])
        #expect(problems(Self.check().replacingOccurrences(of: "severity: warning", with: "severity: error")) == [
            "data/checks/cross-convention.yaml:3: check 'c', severity: 'error' is not a severity; checks across conventions only warn: severity: warning",
        ])
    }

    @Test func aCatalogWithABadChecksFileIsNotLoaded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-checks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: TestDatabase.dataDirectory, to: folder)
        try Self.check(id: "twice").appending("\n" + Self.check(id: "twice").replacingOccurrences(of: "checks:\n", with: ""))
            .write(to: folder.appendingPathComponent("checks/cross-convention.yaml"), atomically: true, encoding: .utf8)
        #expect {
            try TemplateCatalog.load(dataDirectory: folder, reference: try TestDatabase.referenceSet())
        } throws: { error in
            (error as? DataFileError)?.problems.map(\.description) == ["data/checks/cross-convention.yaml:9: check 'twice' is defined twice (first as check 1)"]
        }
    }
}
