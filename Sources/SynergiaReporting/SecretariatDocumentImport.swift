import Crypto
import Foundation
import SynergiaCore
import SynergiaStore

/// What importing a document in a secretariat's shape would change, shown before anything is stored.
public struct SecretariatImportPlan: Sendable, Codable {
    public typealias Change = ImportChange

    /// An answer the report already holds with another value: left as it is unless the import overwrites.
    public struct Conflict: Sendable, Codable, Equatable {
        public var key: String
        public var location: String
        public var file: AnswerValue
        public var current: AnswerValue
        public var currentVersion: Int
    }

    public var reportID: Int64
    /// `ort` for the CBD Online Reporting Tool's document, else the generic document's system.
    public var system: String
    public var fileSHA256: String
    public var changes: [Change]
    public var conflicts: [Conflict]
    /// What the file says that the report cannot take as it stands, and was left out.
    public var notes: [String] = []
}

extension ReportService {
    /// Reads a document exported as `ort-json` or `secretariat-json` (of this or another
    /// workspace of the same country) and maps its keys and codes back to the report's
    /// questions. Every problem — not JSON, another template or country, an unknown key
    /// or code, a value of the wrong shape — refuses the whole file, each named by its place.
    public func planSecretariatImport(in view: ReportView, data: Data) async throws -> SecretariatImportPlan {
        let parsed: AnswerValue
        do { parsed = try JSONDecoder().decode(AnswerValue.self, from: data) } catch {
            throw DomainError.invalid("the file is not JSON; import a file exported as ort-json or secretariat-json")
        }
        let document: SecretariatDocument
        let keys: ExternalKeys
        var places: [String: String] = [:]
        if parsed["header"]["schema"].stringValue == ORTDocument.schemaName {
            keys = try ExternalKeys(template: view.template, system: "ort")
            guard let given = parsed["government"]["identifier"].stringValue else {
                throw DomainError.invalid("government.identifier is missing; the ORT document names its country there (such as \"ke\")")
            }
            let alpha2 = try await store.country(view.workspace.country)?.alpha2.lowercased()
            guard given.lowercased() == alpha2 else {
                throw DomainError.invalid("government.identifier is '\(given)' but report \(view.report.id) is \(view.workspace.country) ('\(alpha2 ?? "?")'); import the document into a report of that country")
            }
            (document, places) = try ORTDocument.read(parsed, keys: keys, country: view.workspace.country)
        } else if parsed["schema"].stringValue == "synergia.secretariat/1" {
            do { document = try JSONDecoder().decode(SecretariatDocument.self, from: data) } catch {
                throw DomainError.invalid("the file says synergia.secretariat/1 but does not have its shape (docs/schemas/secretariat-document.schema.json); export it again")
            }
            guard document.template.id == view.template.id else {
                throw DomainError.invalid("the document is for template \(document.template.id), but report \(view.report.id) uses \(view.template.id); import it into a \(document.template.id) report")
            }
            guard document.country == view.workspace.country else {
                throw DomainError.invalid("the document is \(document.country)'s, but report \(view.report.id) is \(view.workspace.country)'s; import it into a report of \(document.country)")
            }
            keys = try ExternalKeys(template: view.template, system: document.system)
        } else {
            throw DomainError.invalid("the file is neither an ORT nationalReport7 document (header.schema) nor a synergia.secretariat/1 document (schema); export it again as ort-json or secretariat-json")
        }
        let prefix = places.isEmpty && parsed["header"] == .null ? "answers." : ""
        var problems: [String] = []
        var notes: [String] = []
        var found: [(key: AnswerKey, location: String, value: AnswerValue)] = []
        for (name, written) in document.answers.sorted(by: { $0.key < $1.key }) {
            let location = places[name] ?? prefix + name
            if keys.otherTexts[name] != nil {
                guard written.stringValue != nil else { problems.append("\(location): the 'other' text must be text"); continue }
                continue
            }
            guard let place = keys.questions[name] else {
                problems.append("\(location): '\(name)' is no \(keys.system) key of \(view.template.id) version \(view.template.version); remove it or check the template's keys (docs/secretariat-exports.md)")
                continue
            }
            let otherKey = place.question.external[keys.system + "_other_text"]
            do {
                var value = try keys.read(written, for: place.question, otherText: otherKey.flatMap { document.answers[$0]?.stringValue }, place: location)
                if otherKey == nil, case .list(let selected) = value["selected"], selected.contains(.string("other")) {
                    // The system's form has no field for the "other" text Synergia asks with it: the code alone cannot be stored.
                    let kept = selected.filter { $0 != .string("other") }
                    value = kept.isEmpty ? .null : .object(["selected": .list(kept)])
                    notes.append("\(location): 'other' was left out: the \(keys.system) form has no text for it; answer \(place.question.id)'s 'other' in Synergia with what it is")
                }
                if value != .null { found.append((AnswerKey(question: place.question.id), location, value)) }
            } catch { problems.append(error.message) }
        }
        for (groupKey, entries) in document.groups.sorted(by: { $0.key < $1.key }) {
            guard keys.groups[groupKey] != nil else {
                problems.append("\(prefix.isEmpty ? "" : "groups.")\(groupKey): '\(groupKey)' is no \(keys.system) key of a repeat group of \(view.template.id)")
                continue
            }
            for (entry, members) in entries.sorted(by: { $0.key < $1.key }) {
                guard let group = keys.group(groupKey, entry: entry, entries: view.entries) else {
                    let known = (keys.groupsSharingKey[groupKey] ?? []).flatMap { view.entries[$0.id] ?? [] }
                    problems.append("\(prefix.isEmpty ? "" : "groups.")\(groupKey)[\(entry)]: '\(entry)' is no entry of this report under \(groupKey); entries: \(known.joined(separator: ", "))")
                    continue
                }
                for (name, written) in members.sorted(by: { $0.key < $1.key }) {
                    let location = places["\(groupKey)[\(entry)].\(name)"] ?? "groups.\(groupKey)[\(entry)].\(name)"
                    guard let child = keys.child(name, of: group) else {
                        problems.append("\(location): '\(name)' is no \(keys.system) key of a question of \(group.id)")
                        continue
                    }
                    do { found.append((AnswerKey(question: child.id, group: group.id, entry: entry), location, try keys.read(written, for: child, otherText: nil, place: location))) }
                    catch { problems.append(error.message) }
                }
            }
        }
        for (text, value) in document.unmapped.sorted(by: { $0.key < $1.key }) {
            guard let key = AnswerKey(text) else { problems.append("unmapped.\(text): not an answer key of Synergia (question or group[entry].question)"); continue }
            found.append((key, "unmapped.\(text)", value))
        }
        var changes: [SecretariatImportPlan.Change] = []
        var conflicts: [SecretariatImportPlan.Conflict] = []
        for (key, location, value) in found {
            let question: Question
            do { question = try locate(key, in: view).0 } catch {
                problems.append("\(location): \(error)")
                continue
            }
            let shape = AnswerShape.problems(value, for: question) + AnswerTextRules.problems(value, for: question)
            guard shape.isEmpty else { problems.append("\(location) (\(key)): \(shape.joined(separator: "; "))"); continue }
            let current = view.answers[key]
            let old = current?.value ?? .null
            guard value != old else { continue }
            if old.isAnswered {
                conflicts.append(.init(key: key.description, location: location, file: value, current: old, currentVersion: current?.version ?? 0))
            } else {
                changes.append(.init(key: key.description, location: location, old: old, new: value, expectedVersion: current?.version))
            }
        }
        guard problems.isEmpty else {
            throw ImportChange.refusal(problems, fix: "places in the file")
        }
        return SecretariatImportPlan(reportID: view.report.id, system: keys.system, fileSHA256: HexText.string(SHA256.hash(data: data)),
                                     changes: changes, conflicts: conflicts, notes: notes)
    }

    public func planSecretariatImport(reportID: Int64, data: Data) async throws -> SecretariatImportPlan {
        try await planSecretariatImport(in: try await view(reportID: reportID), data: data)
    }

    /// Stores a plan's changes in one transaction; with `overwrite`, its conflicts too (the file's
    /// value replaces the one the report holds). An answer changed since the plan refuses the whole import.
    public func applySecretariatImport(_ plan: SecretariatImportPlan, in view: ReportView, overwrite: Bool, actor: ReportActor) async throws -> [Answer] {
        guard plan.reportID == view.report.id else {
            throw DomainError.invalid("this import plan is for report \(plan.reportID), not report \(view.report.id)")
        }
        var edits = plan.changes.compactMap(\.edit)
        if overwrite {
            edits += plan.conflicts.compactMap { conflict in
                AnswerKey(conflict.key).map { AnswerEdit(key: $0, value: conflict.file, expectedVersion: conflict.currentVersion) }
            }
        }
        guard !edits.isEmpty else { return [] }
        return try await answer(in: view, edits, actor: actor, fileSHA256: plan.fileSHA256)
    }
}
