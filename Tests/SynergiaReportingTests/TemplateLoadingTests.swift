import Foundation
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaTestSupport

@Suite struct TemplateLoadingTests {
    static func catalog(dataDirectory: URL = TestDatabase.dataDirectory) throws -> TemplateCatalog {
        try TemplateCatalog.load(dataDirectory: dataDirectory, reference: try TestDatabase.referenceSet())
    }

    @Test func shippedTemplatesLoad() throws {
        let catalog = try Self.catalog()
        #expect(Set(catalog.templates.keys).isSuperset(of: ["cbd-7nr", "ramsar-cop15", "cms-cop15", "unccd-prais-so1"]))
        let cbd = try catalog.template("cbd-7nr")
        #expect(cbd.convention == "CBD")
        #expect(cbd.questions.contains { $0.question.repeatSource == .nationalTargets })
        #expect(cbd.questions.contains { $0.question.repeatSource == .goals(framework: "GBF") })
    }

    @Test func atLeastTwelveConceptsAreSharedAcrossTemplates() throws {
        let catalog = try Self.catalog()
        var templatesByConcept: [String: Set<String>] = [:]
        for template in catalog.templates.values {
            for (question, _) in template.questions { if let concept = question.concept { templatesByConcept[concept, default: []].insert(template.id) } }
        }
        let shared = templatesByConcept.filter { $0.value.count >= 2 }
        #expect(shared.count >= 12, "shared: \(shared.keys.sorted())")
    }

    /// A copy of data/ with one template replaced by `text`.
    func problems(_ text: String) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: TestDatabase.dataDirectory, to: folder)
        try text.write(to: folder.appendingPathComponent("templates/test.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try Self.catalog(dataDirectory: folder)
            return []
        } catch let error as DataFileError {
            return error.problems.map(\.description)
        }
    }

    let header = """
    template:
      id: test
      convention: CBD
      cycle: "2026"
      version: 1
      languages: [en]
      title: {en: Test}
      source: test
    sections:
      - id: t1
        title: {en: One}
        questions:

    """

    @Test func onlyEarlierVersionsCanBeOpened() throws {
        let text = header.replacingOccurrences(of: "  version: 1\n", with: "  version: 2\n  opens_versions: [1, 2]\n")
            + "      - {id: a, type: text, label: {en: A}}\n"
        let found = try problems(text)
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix("opens_versions lists 2; only earlier versions (1 to 1) can be opened") == true)
    }

    @Test func unknownReferenceInAnExpressionIsNamedWithItsLine() throws {
        let body = header + """
              - id: has_plan
                type: yes_no
                label: {en: Has a plan}
              - id: plan_date
                type: date
                label: {en: Date}
                relevant: "${has_plna} = true"
        """
        let found = try problems(body)
        #expect(found == ["data/templates/test.yaml:19: relevant refers to ${has_plna}, which is no question this one can see"])
    }

    @Test func expressionSyntaxErrorIsNamed() throws {
        let body = header + "      - {id: share, type: number, unit: percent, label: {en: Share}, constraint: \". >= 0 and\"}\n"
        let found = try problems(body)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("data/templates/test.yaml:13: expression '. >= 0 and' at character") == true)
    }

    @Test func typeFieldsConceptsAndDuplicatesAreChecked() throws {
        let body = header + """
              - {id: a, type: decimal, label: {en: A}}
              - {id: b, type: number, label: {en: B}}
              - {id: b, type: text, label: {fr: B}}
              - {id: c, type: single_choice, label: {en: C}, choice_list: nothing}
              - {id: d, type: text, label: {en: D}, concept: pa_coverage_land}
              - {id: e, type: text, label: {en: E}, tags: [GBF-99]}
        """
        let found = try problems(body)
        #expect(found.contains { $0.contains("data/templates/test.yaml:13: type 'decimal' is not one of") })
        #expect(found.contains { $0.contains("data/templates/test.yaml:14: a number question needs a unit") })
        #expect(found.contains { $0.contains("data/templates/test.yaml:15: question id 'b' is already used at line 14") })
        #expect(found.contains { $0.contains("data/templates/test.yaml:15: the English text is missing") })
        #expect(found.contains { $0.contains("data/templates/test.yaml:16: choice_list 'nothing' is not in data/templates/choice-lists.yaml") })
        #expect(found.contains { $0.contains("data/templates/test.yaml:17: question type text differs from concept pa_coverage_land's type number") })
        #expect(found.contains { $0.contains("data/templates/test.yaml:18: tag 'GBF-99' is no goal, target or indicator of any framework") })
    }
}
