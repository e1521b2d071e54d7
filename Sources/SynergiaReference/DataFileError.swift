/// A problem in a data file, placed at its line so the user can fix it.
public struct DataFileProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// One or more data-file problems; nothing is loaded when any is found.
public struct DataFileError: Error, Sendable, CustomStringConvertible {
    public var problems: [DataFileProblem]

    public init(_ problems: [DataFileProblem]) {
        self.problems = problems
    }

    public var description: String {
        let shown = problems.prefix(30).map(\.description).joined(separator: "\n")
        return problems.count > 30 ? shown + "\n… and \(problems.count - 30) more problems" : shown
    }
}
