import Foundation
import SynergiaCore
import SynergiaReference

/// The YAML shape of `data/templates/migrations/*.yaml` (docs/templates.md, "Moving a report to a
/// newer version"): how the answers of one form become answers of a newer one.
struct TemplateMigrationFile: Decodable {
    struct Form: Decodable {
        var template: String
        var version: Int
    }

    struct Header: Decodable {
        var from: Form
        var to: Form
    }

    struct Questions: Decodable {
        var renamed: [String: String]?
        var removed: [String]?
        var added: [String]?
    }

    struct Recoding: Decodable {
        var question: String
        var column: String?
        var codes: [String: String]
    }

    struct Table: Decodable {
        var question: String
        var rows: [String: String]?
        var columns: [String: String]?
    }

    var migration: Header
    var questions: Questions?
    var choices: [Recoding]?
    var tables: [Table]?

    /// Every migration file, checked for what a file alone can say: identifiers, a forward
    /// direction, a target no newer than the installed template. Whether the keys it names exist
    /// is checked when a report is planned against the installed form (`MigrationPlanner`).
    static func loadAll(dataDirectory: URL, templates: [ReportTemplate], problems: inout [DataFileProblem]) -> [TemplateMigration] {
        let files = DataFiles(directory: dataDirectory)
        let installed = Dictionary(templates.map { ($0.id, $0.version) }, uniquingKeysWith: { first, _ in first })
        var migrations: [TemplateMigration] = []
        for url in files.yamlFiles("templates/migrations") {
            guard let doc = files.document(url, problems: &problems), let file = files.decode(Self.self, doc, problems: &problems) else { continue }
            let before = problems.count
            file.check(doc, installed: installed, problems: &problems)
            let migration = file.migration(named: doc.file)
            if migrations.contains(where: { $0.from == migration.from && $0.to == migration.to }) {
                problems.append(doc.problem(at: ["migration"], "a migration from \(migration.from) to \(migration.to) is declared by another file"))
            }
            if problems.count == before { migrations.append(migration) }
        }
        return migrations
    }

    func migration(named file: String) -> TemplateMigration {
        TemplateMigration(
            from: .init(templateID: migration.from.template, version: migration.from.version),
            to: .init(templateID: migration.to.template, version: migration.to.version),
            renamedQuestions: questions?.renamed ?? [:], removedQuestions: Set(questions?.removed ?? []),
            addedQuestions: questions?.added ?? [],
            recodings: (choices ?? []).map { .init(question: $0.question, column: $0.column, codes: $0.codes) },
            tables: (tables ?? []).map { .init(question: $0.question, rows: $0.rows ?? [:], columns: $0.columns ?? [:]) },
            file: file)
    }

    private func check(_ doc: YAMLDocument, installed: [String: Int], problems: inout [DataFileProblem]) {
        let from = migration.from, to = migration.to
        for (name, form) in [("from", from), ("to", to)] {
            if !TemplateCompiler.isIdentifier(form.template, allowDash: true) {
                problems.append(doc.problem(at: ["migration", .key(name), "template"], "template id '\(form.template)' must be lower case letters, digits and '-'"))
            }
            if form.version < 1 { problems.append(doc.problem(at: ["migration", .key(name), "version"], "version must be 1 or more")) }
        }
        if from.template == to.template, to.version <= from.version {
            problems.append(doc.problem(at: ["migration", "to", "version"], "a migration goes to a newer version: \(from.template) version \(to.version) is not after version \(from.version)"))
        }
        if let version = installed[to.template], to.version > version {
            problems.append(doc.problem(at: ["migration", "to", "version"], "\(to.template) version \(to.version) is not installed (the installed version is \(version))"))
        }
        if installed[to.template] == nil {
            problems.append(doc.problem(at: ["migration", "to", "template"], "template '\(to.template)' is not in data/templates/"))
        }
        let renamed = questions?.renamed ?? [:]
        let named = renamed.keys.map { ("renamed", $0) } + renamed.values.map { ("renamed", $0) }
            + (questions?.removed ?? []).map { ("removed", $0) } + (questions?.added ?? []).map { ("added", $0) }
        for (field, id) in named where !TemplateCompiler.isIdentifier(id, allowDash: false) {
            problems.append(doc.problem(at: ["questions", .key(field)], "'\(id)' is no question id (a-z, 0-9 and _, starting with a letter)"))
        }
        for id in Set(renamed.keys).intersection(questions?.removed ?? []).sorted() {
            problems.append(doc.problem(at: ["questions", "removed"], "\(id) is both renamed and removed; keep one"))
        }
        let targets = Dictionary(grouping: renamed, by: \.value).filter { $0.value.count > 1 }
        for (target, sources) in targets.sorted(by: { $0.key < $1.key }) {
            problems.append(doc.problem(at: ["questions", "renamed"], "\(sources.map(\.key).sorted().joined(separator: " and ")) are both renamed to \(target); one answer per question"))
        }
    }
}
