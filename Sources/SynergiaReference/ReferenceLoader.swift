import Foundation
import SynergiaCore
import SynergiaStore

/// Loads and validates the whole reference set from `data/`: every file is
/// read, every problem in every file is collected, and the set is returned
/// only when there is none.
public enum ReferenceLoader {
    public static func load(dataDirectory: URL, countriesPath: String = CountryList.defaultPath) throws -> ReferenceSet {
        var problems: [DataFileProblem] = []
        let files = DataFiles(directory: dataDirectory)

        var conventions: [Convention] = []
        let conventionsURL = dataDirectory.appendingPathComponent("conventions.yaml")
        if let doc = files.document(conventionsURL, problems: &problems), let file = files.decode(ConventionsFile.self, doc, problems: &problems) {
            conventions = file.conventions(in: doc, problems: &problems)
            let codes = Set(conventions.map(\.code))
            for (index, convention) in conventions.enumerated() {
                if let parent = convention.parent, !codes.contains(parent) {
                    problems.append(doc.problem(at: ["conventions", .index(index), "parent"], "parent '\(parent)' is not a convention in this file"))
                }
            }
        }
        let conventionCodes = Set(conventions.map(\.code))

        var frameworks: [FrameworkContent] = []
        var codeOwners: [String: String] = [:]
        func claim(_ code: String, _ doc: YAMLDocument, _ path: [YAMLDocument.PathElement]) {
            if let owner = codeOwners[code] {
                problems.append(doc.problem(at: path, "code \(code) is already used at \(owner)"))
            } else {
                codeOwners[code] = "\(doc.file):\(doc.line(at: path) ?? 0)"
            }
        }
        var indicatorChecks: [(Indicator, YAMLDocument, Int)] = []
        let frameworkFiles = files.yamlFiles("frameworks")
        if frameworkFiles.isEmpty {
            problems.append(DataFileProblem(file: dataDirectory.appendingPathComponent("frameworks").path, line: nil, message: "no framework files found; set SYNERGIA_DATA_DIR to the product's data folder"))
        }
        for url in frameworkFiles {
            guard let doc = files.document(url, problems: &problems), let file = files.decode(FrameworkFile.self, doc, problems: &problems) else { continue }
            let content = file.content(in: doc, problems: &problems)
            if let convention = content.framework.convention, !conventionCodes.contains(convention) {
                problems.append(doc.problem(at: ["framework", "convention"], "convention '\(convention)' is not in conventions.yaml"))
            }
            claim(content.framework.code, doc, ["framework", "code"])
            for (index, goal) in content.goals.enumerated() { claim(goal.code, doc, ["goals", .index(index), "code"]) }
            for (index, target) in content.targets.enumerated() { claim(target.code, doc, ["targets", .index(index), "code"]) }
            for (index, indicator) in content.indicators.enumerated() {
                claim(indicator.code, doc, ["indicators", .index(index), "code"])
                indicatorChecks.append((indicator, doc, index))
            }
            frameworks.append(content)
        }
        let goalAndTargetCodes = Set(frameworks.flatMap { $0.goals.map(\.code) + $0.targets.map(\.code) })
        for (indicator, doc, index) in indicatorChecks {
            for (position, item) in indicator.targets.enumerated() where !goalAndTargetCodes.contains(item) {
                problems.append(doc.problem(at: ["indicators", .index(index), "targets", .index(position)], "indicator \(indicator.code) measures '\(item)', which is no goal or target of any framework"))
            }
        }

        var crosswalk: [CrosswalkLink] = []
        var seenLinks: [String: String] = [:]
        for url in files.yamlFiles("crosswalks") {
            guard let doc = files.document(url, problems: &problems), let file = files.decode(CrosswalkFile.self, doc, problems: &problems) else { continue }
            for (link, path) in file.links(in: doc, problems: &problems) {
                for (end, field) in [(link.from, "from"), (link.to, "to")] where !goalAndTargetCodes.contains(end) {
                    problems.append(doc.problem(at: path + [.key(field)], "'\(end)' is no goal or target of any framework"))
                }
                if link.from == link.to {
                    problems.append(doc.problem(at: path, "a link from \(link.from) to itself"))
                }
                let key = [link.from, link.to].sorted().joined(separator: "|")
                if let first = seenLinks[key] {
                    problems.append(doc.problem(at: path, "\(link.from) and \(link.to) are already linked at \(first)"))
                } else {
                    seenLinks[key] = "\(doc.file):\(doc.line(at: path) ?? 0)"
                    crosswalk.append(link)
                }
            }
        }

        var countries: [Country] = []
        do { countries = try CountryList.load(path: countriesPath) } catch let error as DataFileError { problems += error.problems }

        guard problems.isEmpty else { throw DataFileError(problems) }
        return ReferenceSet(countries: countries, conventions: conventions, frameworks: frameworks, crosswalk: crosswalk)
    }

    /// `data/…` for a file inside the data folder, so messages read the same on every machine.
    public static func relativeName(_ url: URL, in directory: URL) -> String {
        let base = directory.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? "data/" + String(path.dropFirst(base.count + 1)) : path
    }
}
