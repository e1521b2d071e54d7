import Foundation
import SynergiaCore

/// Reads `data/checks/cross-convention.yaml`: the facts two reports of a
/// workspace (or a report and a series or national target) must agree on.
/// Every check is validated against the installed templates and indicators,
/// and every problem is named with the file, line, check id and value; the
/// file is refused whole when any is found.
public enum CrossConventionChecksFile {
    public static let relativePath = "checks/cross-convention.yaml"

    /// The shipped file, or no checks when the data folder has none.
    public static func load(dataDirectory: URL, templates: [String: ReportTemplate], indicators: Set<String>,
                            problems: inout [DataFileProblem]) -> [CrossConventionCheck] {
        let url = dataDirectory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let files = DataFiles(directory: dataDirectory)
        guard let document = files.document(url, problems: &problems) else { return [] }
        return checks(in: document, templates: templates, indicators: indicators, problems: &problems)
    }

    /// Loads one file on its own (a file a person is about to install, or a test's).
    public static func load(text: String, file: String, templates: [String: ReportTemplate], indicators: Set<String>) throws -> [CrossConventionCheck] {
        var problems: [DataFileProblem] = []
        let document = try YAMLDocument.parse(text, file: file)
        let checks = checks(in: document, templates: templates, indicators: indicators, problems: &problems)
        guard problems.isEmpty else { throw DataFileError(problems) }
        return checks
    }

    static func checks(in document: YAMLDocument, templates: [String: ReportTemplate], indicators: Set<String>,
                       problems: inout [DataFileProblem]) -> [CrossConventionCheck] {
        guard let entries = document.root.mapping?["checks"]?.sequence else {
            problems.append(document.problem(at: [], "expected a list under 'checks'"))
            return []
        }
        var validator = CrossCheckValidator(document: document, templates: templates, indicators: indicators)
        var checks: [CrossConventionCheck] = []
        var seen: [String: Int] = [:]
        for index in entries.indices {
            guard let check = validator.check(at: index) else { continue }
            if let first = seen[check.id] {
                validator.problems.append(document.problem(at: ["checks", .index(index), "id"], "check '\(check.id)' is defined twice (first as check \(first + 1))"))
                continue
            }
            seen[check.id] = index
            checks.append(check)
        }
        problems += validator.problems
        return checks
    }
}
