import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaStore

/// Every template, concept and choice list of `data/`, loaded and checked
/// together; nothing is returned while any file has a problem.
public struct TemplateCatalog: Sendable {
    public let templates: [String: ReportTemplate]
    public let concepts: [String: Concept]
    public let choiceLists: [String: [Choice]]
    /// The declared ways from one form to a newer one (`data/templates/migrations/`).
    public internal(set) var migrations: [TemplateMigration] = []
    /// The facts reports must agree on across conventions (`data/checks/`, docs/checks.md).
    public internal(set) var crossConventionChecks: [CrossConventionCheck] = []
    /// The units series and targets are stated in (`data/units.yaml`); without
    /// the file, a value converts only to its own unit.
    public var units: UnitTable = .identityOnly
    /// Goal, target and indicator titles in every language of the framework files.
    public var frameworkTitles = FrameworkTitles([])

    public init(templates: [ReportTemplate], concepts: [Concept], choiceLists: [String: [Choice]]) {
        self.templates = Dictionary(uniqueKeysWithValues: templates.map { ($0.id, $0) })
        self.concepts = Dictionary(uniqueKeysWithValues: concepts.map { ($0.id, $0) })
        self.choiceLists = choiceLists
    }

    public func template(_ id: String) throws(DomainError) -> ReportTemplate {
        guard let template = templates[id] else {
            throw .notFound("unknown template '\(id)'; available: \(templates.keys.sorted().joined(separator: ", "))")
        }
        return template
    }

    /// Loads `data/templates/` and `data/concepts/`, checking codes against `reference`.
    public static func load(dataDirectory: URL, reference: ReferenceSet) throws -> TemplateCatalog {
        var problems: [DataFileProblem] = []
        let files = DataFiles(directory: dataDirectory)
        var choiceLists: [String: [Choice]] = [:]
        let listsURL = dataDirectory.appendingPathComponent("templates/choice-lists.yaml")
        if let doc = files.document(listsURL, problems: &problems), let file = files.decode(ChoiceListsFile.self, doc, problems: &problems) {
            for (index, list) in file.lists.enumerated() {
                if choiceLists[list.id] != nil { problems.append(doc.problem(at: ["lists", .index(index), "id"], "choice list '\(list.id)' is defined twice")) }
                choiceLists[list.id] = list.choices
            }
        }

        var concepts: [Concept] = []
        for url in files.yamlFiles("concepts") {
            guard let doc = files.document(url, problems: &problems), let file = files.decode(ConceptsFile.self, doc, problems: &problems) else { continue }
            for (index, entry) in file.concepts.enumerated() {
                let path: [YAMLDocument.PathElement] = ["concepts", .index(index)]
                guard let type = QuestionType(rawValue: entry.type), type != .repeatGroup else {
                    problems.append(doc.problem(at: path + ["type"], "type '\(entry.type)' is not a question type a concept can have"))
                    continue
                }
                if let list = entry.choice_list, choiceLists[list] == nil {
                    problems.append(doc.problem(at: path + ["choice_list"], "choice_list '\(list)' is not in data/templates/choice-lists.yaml"))
                }
                if concepts.contains(where: { $0.id == entry.id }) {
                    problems.append(doc.problem(at: path + ["id"], "concept '\(entry.id)' is defined twice"))
                }
                concepts.append(Concept(id: entry.id, label: entry.label, type: type, unit: entry.unit, choiceList: entry.choice_list,
                                        seriesIndicator: entry.series.map { Code.canonical($0.indicator) },
                                        seriesDisaggregation: entry.series?.disaggregation ?? ""))
            }
        }

        var knownCodes: Set<String> = []
        for content in reference.frameworks {
            knownCodes.formUnion(content.goals.map(\.code))
            knownCodes.formUnion(content.targets.map(\.code))
            knownCodes.formUnion(content.indicators.map(\.code))
        }
        let conventions = Set(reference.conventions.map(\.code))
        let conceptsByID = Dictionary(concepts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var templates: [ReportTemplate] = []
        for url in files.yamlFiles("templates") where url.lastPathComponent != "choice-lists.yaml" {
            guard let doc = files.document(url, problems: &problems), let file = files.decode(TemplateFile.self, doc, problems: &problems) else { continue }
            var compiler = TemplateCompiler(document: doc, choiceLists: choiceLists, concepts: conceptsByID, knownCodes: knownCodes, conventions: conventions)
            let template = compiler.compile(file)
            problems += compiler.problems
            if templates.contains(where: { $0.id == template.id }) {
                problems.append(doc.problem(at: ["template", "id"], "template id '\(template.id)' is used by another file"))
            }
            templates.append(template)
        }
        let migrations = TemplateMigrationFile.loadAll(dataDirectory: dataDirectory, templates: templates, problems: &problems)
        let checks = CrossConventionChecksFile.load(dataDirectory: dataDirectory, templates: Dictionary(templates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
                                                    indicators: Set(reference.frameworks.flatMap { $0.indicators.map(\.code) }), problems: &problems)
        var units = UnitTable.identityOnly
        do { units = try UnitsFile.load(dataDirectory: dataDirectory) } catch let error as DataFileError { problems += error.problems }
        guard problems.isEmpty else { throw DataFileError(problems) }
        var catalog = TemplateCatalog(templates: templates, concepts: concepts, choiceLists: choiceLists)
        catalog.migrations = migrations
        catalog.crossConventionChecks = checks
        catalog.units = units
        catalog.frameworkTitles = FrameworkTitles(reference)
        return catalog
    }
}
