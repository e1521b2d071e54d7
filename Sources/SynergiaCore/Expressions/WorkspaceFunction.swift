/// Functions that read the rest of a workspace: the answers of its other
/// reports, its indicator series and its national targets. Only checks across
/// conventions may call them (`ExpressionVocabulary.crossReport`); a template's
/// own expressions read nothing but their report, so the same names there are
/// unknown functions.
public enum WorkspaceFunction: String, Sendable, Equatable, CaseIterable {
    /// `answer('template', 'question')`, or `answer('template', 'group', entry, 'question')`
    /// for a question inside a repeated group (one entry per national target, say).
    case answer
    /// `series_latest('indicator')` or `series_latest('indicator', 'key=value;…')`.
    case seriesLatest = "series_latest"
    /// `target_latest('KEN-T1')`: the latest value of the series the target is assessed on.
    case targetLatest = "target_latest"
    /// `target_status('KEN-T1')`: the progress status the assessment gives the target.
    case targetStatus = "target_status"

    /// The argument counts each function accepts.
    public var argumentCounts: [Int] {
        switch self {
        case .answer: [2, 4]
        case .seriesLatest: [1, 2]
        case .targetLatest, .targetStatus: [1]
        }
    }

    var argumentCountDescription: String {
        let counts = argumentCounts.map { $0 == 1 ? "1 argument" : "\($0) arguments" }
        return counts.count == 1 ? counts[0] : counts.dropLast().joined(separator: ", ") + " or " + counts.last!
    }
}

/// Which functions an expression may call: a template's expressions read only
/// their own report; a check across conventions may also read the workspace.
public enum ExpressionVocabulary: Sendable, Equatable {
    case template
    case crossReport
}

/// One call of a workspace function with its arguments evaluated, handed to
/// whoever supplies the workspace (the reporting service) to resolve.
public struct WorkspaceCall: Sendable, Hashable, CustomStringConvertible {
    public var function: WorkspaceFunction
    public var arguments: [String]

    public init(function: WorkspaceFunction, arguments: [String]) {
        self.function = function
        self.arguments = arguments
    }

    /// As written in a check, so messages quote what the author wrote.
    public var description: String {
        "\(function.rawValue)(" + arguments.map { "'\($0)'" }.joined(separator: ", ") + ")"
    }
}
