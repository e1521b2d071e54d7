import Foundation
import Yams

/// A parsed YAML file that can say on which line any value stands, so that
/// decoding and validation errors point at the place to fix.
public struct YAMLDocument {
    public let file: String
    public let root: Node

    public enum PathElement: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case key(String)
        case index(Int)

        public init(stringLiteral value: String) { self = .key(value) }
        public init(integerLiteral value: Int) { self = .index(value) }
    }

    public static func load(_ url: URL, displayName: String? = nil) throws -> YAMLDocument {
        let name = displayName ?? url.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DataFileError([DataFileProblem(file: name, line: nil, message: "cannot be read as UTF-8 text (\(error.localizedDescription))")])
        }
        return try parse(text, file: name)
    }

    public static func parse(_ text: String, file: String) throws -> YAMLDocument {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw DataFileError([DataFileProblem(file: file, line: 1, message: "the file is empty")])
            }
            return YAMLDocument(file: file, root: root)
        } catch let error as YamlError {
            throw DataFileError([Self.problem(error, file: file)])
        }
    }

    /// Decodes the whole document; a type or missing-key error names its line.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try YAMLDecoder().decode(type, from: root)
        } catch let error as DecodingError {
            throw DataFileError([problem(error)])
        } catch let error as YamlError {
            throw DataFileError([Self.problem(error, file: file)])
        }
    }

    /// The line of the value at `path`, or of its nearest existing parent.
    public func line(at path: [PathElement]) -> Int? {
        var node = root
        var line = root.mark?.line
        for element in path {
            let next: Node?
            switch element {
            case .key(let key): next = node.mapping?[key]
            case .index(let index): next = node.sequence.flatMap { index < $0.count ? $0[index] : nil }
            }
            guard let next else { break }
            node = next
            line = next.mark?.line ?? line
        }
        return line
    }

    public func problem(at path: [PathElement], _ message: String) -> DataFileProblem {
        DataFileProblem(file: file, line: line(at: path), message: message)
    }

    private func problem(_ error: DecodingError) -> DataFileProblem {
        func path(_ keys: [any CodingKey]) -> [PathElement] {
            keys.map { key in key.intValue.map(PathElement.index) ?? .key(key.stringValue) }
        }
        func dotted(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return problem(at: path(context.codingPath), "missing '\(key.stringValue)' in \(dotted(context.codingPath).isEmpty ? "the document" : dotted(context.codingPath))")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return problem(at: path(context.codingPath), "\(dotted(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return DataFileProblem(file: file, line: nil, message: String(describing: error))
        }
    }

    private static func problem(_ error: YamlError, file: String) -> DataFileProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return DataFileProblem(file: file, line: mark.line, message: "YAML syntax: \(problem)")
        default:
            return DataFileProblem(file: file, line: nil, message: "YAML: \(error)")
        }
    }
}
