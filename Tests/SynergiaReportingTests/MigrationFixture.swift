import Foundation
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// A copy of data/ with a hand-built template `trial` at version 2 and the migration from its
/// version 1: a question renamed (and a repeat group with its children), choice codes recoded
/// (in a question and in a table column), a table's row and column renamed, a question removed and
/// a required question added.
enum MigrationFixture {
    static let templateV2 = """
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
          - id: contact
            type: text
            label: {en: Contact}
          - id: nbsap_status
            type: single_choice
            label: {en: Status of the NBSAP}
            choices:
              - {value: adopted, label: {en: Adopted}}
              - {value: under_revision, label: {en: Under revision}}
              - {value: not_started, label: {en: Not started}}
          - id: actions
            type: repeat
            label: {en: Actions}
            repeat: {over: entries}
            questions:
              - id: action_name
                type: text
                label: {en: Name}
              - id: action_kind
                type: single_choice
                label: {en: Kind}
                choices:
                  - {value: legal, label: {en: Legal}}
                  - {value: policy, label: {en: Policy}}
          - id: species_table
            type: table
            label: {en: Species}
            rows:
              - {id: mammals, label: {en: Mammals}}
              - {id: birds_all, label: {en: Birds}}
            columns:
              - {id: count, label: {en: Count}, type: integer}
              - id: trend_status
                label: {en: Trend}
                type: single_choice
                choices:
                  - {value: increasing, label: {en: Increasing}}
                  - {value: decreasing, label: {en: Decreasing}}
                  - {value: stable, label: {en: Stable}}
          - id: funding_total
            type: number
            unit: USD
            required: true
            label: {en: Total funding}

    """

    static let migrationV2 = """
    migration:
      from: {template: trial, version: 1}
      to: {template: trial, version: 2}
    questions:
      renamed: {status: nbsap_status, measures: actions, measure_name: action_name, measure_kind: action_kind}
      removed: [old_note]
      added: [funding_total]
    choices:
      - question: nbsap_status
        codes: {yes_adopted: adopted, in_progress: under_revision, none: not_started}
      - question: species_table
        column: trend_status
        codes: {up: increasing, down: decreasing}
    tables:
      - question: species_table
        rows: {birds: birds_all}
        columns: {trend: trend_status}

    """

    /// A mapping with two faults: a rename to a question version 2 does not have, and a code with no target.
    static let faultyMigrationV2 = """
    migration:
      from: {template: trial, version: 1}
      to: {template: trial, version: 2}
    questions:
      renamed: {status: nbsap_state, measures: actions, measure_name: action_name, measure_kind: action_kind}
      removed: [old_note]
    tables:
      - question: species_table
        rows: {birds: birds_all}
        columns: {trend: trend_status}

    """

    static let migrationFile = "data/templates/migrations/trial-v2.yaml"

    /// The answers of the version 1 report, by key.
    static let answersV1: [(String, AnswerValue)] = [
        ("contact", .object(["en": .string("Jane Doe")])),
        ("status", .string("in_progress")),
        ("old_note", .object(["en": .string("Only version 1 asked this")])),
        ("measures[1].measure_name", .object(["en": .string("Wetland act")])),
        ("measures[1].measure_kind", .string("legal")),
        ("species_table", .object(["mammals": .object(["count": .number(12), "trend": .string("up")]),
                                   "birds": .object(["count": .number(40), "trend": .string("stable")])])),
    ]

    /// A copy of data/ holding the trial template and `migration`; removed by the caller.
    static func dataDirectory(migration: String = migrationV2) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-migration-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestDatabase.dataDirectory, to: folder)
        try templateV2.write(to: folder.appendingPathComponent("templates/trial.yaml"), atomically: true, encoding: .utf8)
        let migrations = folder.appendingPathComponent("templates/migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        try migration.write(to: migrations.appendingPathComponent("trial-v2.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    static func catalog(migration: String = migrationV2) throws -> TemplateCatalog {
        let folder = try dataDirectory(migration: migration)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try TemplateCatalog.load(dataDirectory: folder, reference: try TestDatabase.referenceSet())
    }

    /// A report of trial version 1 with `answersV1`, saved as people answered them (confirmed).
    static func reportV1(_ fixture: ReportFixture) async throws -> Report {
        let context = ChangeContext(userID: fixture.focalPoint.userID, channel: .api, at: Date())
        let report = try await fixture.store.createReport(workspaceID: fixture.workspace.id, templateID: "trial", templateVersion: 1,
                                                          prefilled: [], context: context)
        _ = try await fixture.store.saveAnswers(reportID: report.id, answersV1.map {
            AnswerChange(key: AnswerKey($0.0)!, concept: nil, value: $0.1, expectedVersion: nil)
        }, context: context)
        return report
    }
}
