import Foundation

/// Reads the YAML files of the data folder for a loader that collects every
/// problem of every file before it refuses the set: a file that cannot be
/// parsed or decoded adds its problems and yields nil.
public struct DataFiles: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The `.yaml`/`.yml` files of a sub-folder, in name order.
    public func yamlFiles(_ folder: String) -> [URL] {
        let url = directory.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { url.appendingPathComponent($0) }
    }

    public func document(_ url: URL, problems: inout [DataFileProblem]) -> YAMLDocument? {
        do {
            return try YAMLDocument.load(url, displayName: ReferenceLoader.relativeName(url, in: directory))
        } catch let error as DataFileError {
            problems += error.problems
        } catch {
            problems.append(DataFileProblem(file: url.path, line: nil, message: String(describing: error)))
        }
        return nil
    }

    public func decode<T: Decodable>(_ type: T.Type, _ document: YAMLDocument, problems: inout [DataFileProblem]) -> T? {
        do {
            return try document.decode(type)
        } catch let error as DataFileError {
            problems += error.problems
        } catch {
            problems.append(DataFileProblem(file: document.file, line: nil, message: String(describing: error)))
        }
        return nil
    }
}
