/// `TextInputRules` applied to every text inside an answer, each field with the
/// limit its meaning asks for: prose answers are long, names of series are short.
public enum AnswerTextRules {
    /// Problems with the texts in `value`, each naming where it stands in the answer.
    public static func problems(_ value: AnswerValue, for question: Question) -> [String] {
        var problems: [String] = []
        // An explicit stack: the walk never recurses, however the value is nested.
        var pending: [(value: AnswerValue, path: [String])] = [(value, [])]
        while let (current, path) = pending.popLast() {
            switch current {
            case .string(let text):
                if let problem = TextInputRules.problem(text, field: place(path, question.type), field(path, question.type)) {
                    problems.append(problem)
                }
            case .list(let items):
                for (index, item) in items.enumerated().reversed() { pending.append((item, path + [String(index + 1)])) }
            case .object(let members):
                for key in members.keys.sorted().reversed() { pending.append((members[key]!, path + [key])) }
            case .null, .bool, .number:
                continue
            }
        }
        return problems
    }

    private static func field(_ path: [String], _ type: QuestionType) -> TextInputRules.Field {
        switch path.last {
        case "unit", "disaggregation", "indicator": return .label
        case "source", "url", "other": return .line
        default: return type == .text ? .longText : .note
        }
    }

    /// "row 2, the disaggregation", "the text in fr", "row 'area', column 'note'".
    private static func place(_ path: [String], _ type: QuestionType) -> String {
        switch (type, path.count) {
        case (_, 0): return "the answer"
        case (.text, 1): return "the text in \(path[0])"
        case (.indicatorData, 2): return "row \(path[0]), the \(path[1])"
        case (.table, 2): return "row '\(path[0])', column '\(path[1])'"
        default: return "the \(path.joined(separator: "."))"
        }
    }
}
