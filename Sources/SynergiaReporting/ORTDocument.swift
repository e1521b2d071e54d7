import Crypto
import Foundation
import SynergiaCore

/// The report as one document in the CBD Online Reporting Tool's shape for a seventh
/// national report (`nationalReport7`; schema docs/schemas/ort-national-report-7.schema.json):
/// `header` (identifier, schema, languages), `government` (the tool's lower-case ISO
/// alpha-2 identifier), then every container the template keys with `external.ort`:
/// a section's fields by their keys, a repeat group as a list of entries, and each binary
/// indicator group as the tool stores it (`indicator.identifier` and `responses`: question
/// key → option code, or a list of codes), copied to the group of `ort_copied_to` as the tool
/// does for Goal C and Target 13. Questions without an ORT key are not in this document
/// (the generic `SecretariatDocument` lists them under `unmapped`).
public enum ORTDocument {
    public static let schemaName = "nationalReport7"
    /// The key under which a repeat group's entry names the entry it answers (Synergia's entry key).
    public static let entryKey = "entry"

    /// The document for `view`; `alpha2` is the workspace country's ISO alpha-2 code.
    public static func build(view: ReportService.ReportView, alpha2: String, language: String) throws(DomainError) -> AnswerValue {
        let keys = try ExternalKeys(template: view.template, system: "ort")
        let generic = SecretariatDocument(view: view, keys: keys)
        let containers = containerKeys(view.template)
        var body: [String: AnswerValue] = [:]
        func put(_ value: AnswerValue, key: String, in container: String?) {
            guard let container else { body[key] = value; return }
            body[container] = AnswerReader.setting(body[container] ?? .object([:]), key, value)
        }
        var languages: Set<String> = [language]
        // A multiple choice whose "other" text the tool has no field for still gives the tool its codes ("other" among them).
        var answers = generic.answers
        for (text, value) in generic.unmapped {
            guard let key = AnswerKey(text), key.group == nil, let question = view.template.question(key.question),
                  let own = question.external["ort"], question.type == .multipleChoice else { continue }
            answers[own] = keys.written(value, for: question)
        }
        for (key, value) in answers {
            if case .object(let texts) = value, texts.values.allSatisfy({ $0.stringValue != nil }) { languages.formUnion(texts.keys) }
            let question = keys.questions[key]?.question ?? keys.otherTexts[key]
            let section = question.flatMap { q in view.template.questions.first { $0.question.id == q.id }?.section }
            let container = section.flatMap { containers[$0] }
            if let container, let group = container.indicator {
                // The tool's binary answers take plain text, not a text per language: the export's language, else the first written.
                var value = value
                if question?.type == .text, case .object(let texts) = value {
                    value = texts[language] ?? texts.sorted(by: { $0.key < $1.key }).first?.value ?? .null
                }
                let responses = AnswerReader.setting(body[container.key]?["responses"] ?? .object([:]), key, value)
                body[container.key] = .object(["indicator": .object(["identifier": .string(group)]), "responses": responses])
            } else {
                put(value, key: key, in: container?.key)
            }
        }
        for (groupKey, groups) in keys.groupsSharingKey {
            var items: [AnswerValue] = []
            for group in groups {
                for entry in view.entries[group.id] ?? [] {
                    guard var members = generic.groups[groupKey]?[entry], keys.group(groupKey, entry: entry, entries: view.entries) == group else { continue }
                    if let field = group.external["ort_entry"] {
                        let identifier = group.repeatSource.map { ORTDownloadCSV.ortItem(entry, source: $0) } ?? entry
                        members[field] = .object(["identifier": .string(identifier)])
                    } else {
                        members[entryKey] = .string(entry)
                    }
                    if let type = group.external["ort_target_type"] { members["targetType"] = .string(type) }
                    items.append(.object(members))
                }
            }
            let section = view.template.questions.first { $0.question.id == groups[0].id }?.section
            if !items.isEmpty { put(.list(items), key: groupKey, in: section.flatMap { containers[$0] }?.key) }
        }
        // Where Synergia asks in two questions what the tool asks in one (`ort_joined_into`), the second text follows the first.
        for (question, section) in view.template.questions {
            let key = AnswerKey(question: question.id)
            guard let target = question.external["ort_joined_into"], !view.evaluation.hidden.contains(key),
                  case .object(let texts)? = view.answers[key]?.value, let container = containers[section]?.key ?? keys.questions[target].flatMap({ containers[$0.section]?.key }) else { continue }
            var joined = body[container]?[target] ?? .null
            for (language, text) in texts.sorted(by: { $0.key < $1.key }) {
                guard let text = text.stringValue, !text.isEmpty else { continue }
                let first = joined[language].stringValue ?? ""
                joined = AnswerReader.setting(joined, language, .string(first.isEmpty ? text : first + "\n\n" + text))
                languages.insert(language)
            }
            body[container] = AnswerReader.setting(body[container] ?? .object([:]), target, joined)
        }
        for container in Set(containers.values.compactMap { $0.copiedTo == nil ? nil : $0 }) {
            if let answered = body[container.key], let copy = container.copiedTo { body[copy] = answered }
        }
        body["header"] = .object(["identifier": .string(identifier(view)), "schema": .string(schemaName),
                                  "languages": .list(languages.sorted().map(AnswerValue.string))])
        body["government"] = .object(["identifier": .string(alpha2.lowercased())])
        return .object(body)
    }

    /// The ORT container of each section: its own `external.ort` or its nearest keyed parent's.
    struct Container: Hashable {
        var key: String
        var indicator: String?
        var copiedTo: String?
    }

    static func containerKeys(_ template: ReportTemplate) -> [String: Container] {
        var result: [String: Container] = [:]
        func walk(_ sections: [TemplateSection], inherited: Container?) {
            for section in sections {
                let own = section.external["ort"].map {
                    Container(key: $0, indicator: section.external["ort_indicator"], copiedTo: section.external["ort_copied_to"])
                }
                let container = own ?? inherited
                if let container { result[section.id] = container }
                walk(section.sections, inherited: container)
            }
        }
        walk(template.sections, inherited: nil)
        return result
    }

    /// A UUID that stays the same for a report across exports, as the tool's `header.identifier` is per record.
    static func identifier(_ view: ReportService.ReportView) -> String {
        let digest = Array(SHA256.hash(data: Data("synergia:\(view.workspace.country):report:\(view.report.id)".utf8)))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.map(String.init).joined(separator: "-").uppercased()
    }

    /// Reads an ORT document back into the generic document of `keys`' template; every key
    /// the template does not carry is refused with its place.
    /// Also returns where each answer key was found in the file (`binaryResponseGoalB.responses.b_1`).
    static func read(_ document: AnswerValue, keys: ExternalKeys, country: String) throws(DomainError) -> (SecretariatDocument, places: [String: String]) {
        guard case .object(let body) = document else { throw .invalid("the file is not an ORT document: its top level must be a JSON object") }
        let template = keys.template
        var result = SecretariatDocument(system: "ort", template: .init(id: template.id, version: template.version, convention: template.convention),
                                         country: country)
        let containers = containerKeys(template)
        let byKey = Dictionary(containers.values.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let copies = Set(containers.values.compactMap(\.copiedTo))
        var problems: [String] = []
        var places: [String: String] = [:]
        func readGroup(_ key: String, _ value: AnswerValue, place: String) {
            guard let items = value.listValue else { problems.append("\(place): expects a list of entries"); return }
            let fields = Set((keys.groupsSharingKey[key] ?? []).map { $0.external["ort_entry"] ?? entryKey })
            for (index, item) in items.enumerated() {
                guard case .object(var members) = item,
                      let field = fields.sorted().first(where: { members[$0] != nil }), let named = members.removeValue(forKey: field),
                      let identifier = named.stringValue ?? named["identifier"].stringValue else {
                    problems.append("\(place)[\(index)]: each entry needs \(fields.sorted().map { "'\($0)'" }.joined(separator: " or ")), the entry it answers"); continue
                }
                members["targetType"] = nil
                let entry = ORTDownloadCSV.synergiaItem(identifier)
                result.groups[key, default: [:]][entry] = members
                for child in members.keys { places["\(key)[\(entry)].\(child)"] = "\(place)[\(index)].\(child)" }
            }
        }
        func readMember(_ key: String, _ value: AnswerValue, place: String) {
            if keys.questions[key] != nil || keys.otherTexts[key] != nil {
                result.answers[key] = value
                places[key] = place
            }
            else if keys.groups[key] != nil { readGroup(key, value, place: place) }
            else { problems.append("\(place): '\(key)' is no ORT key of \(template.id) version \(template.version); remove it or check the template's keys (docs/secretariat-exports.md)") }
        }
        for (name, value) in body.sorted(by: { $0.key < $1.key }) where name != "header" && name != "government" && !copies.contains(name) {
            if let container = byKey[name] {
                let members = container.indicator == nil ? value : value["responses"]
                guard case .object(let fields) = members else {
                    problems.append("\(name): expects an object\(container.indicator == nil ? "" : " with 'responses'")"); continue
                }
                if let indicator = container.indicator, let given = value["indicator"]["identifier"].stringValue, given != indicator {
                    problems.append("\(name).indicator.identifier: '\(given)' is not \(indicator), the binary indicator of \(name)")
                }
                for (key, var field) in fields.sorted(by: { $0.key < $1.key }) {
                    if container.indicator != nil, keys.questions[key]?.question.type == .text, let text = field.stringValue {
                        field = .object([document["header"]["languages"].listValue?.first?.stringValue ?? "en": .string(text)])
                    }
                    readMember(key, field, place: "\(name).\(container.indicator == nil ? "" : "responses.")\(key)")
                }
            } else {
                readMember(name, value, place: name)
            }
        }
        guard problems.isEmpty else { throw .invalid("nothing was imported; fix these keys and import again:\n" + problems.joined(separator: "\n")) }
        return (result, places)
    }
}
