/// Builds a `MigrationPlan`: applies each declared step to the report's answers (question
/// renames, table row and column renames, choice recodings, removals), then checks the result
/// against the installed newer form. Only lossless conversions are made (one choice becomes a
/// multiple choice of one, a multiple choice of one becomes one choice); anything else that no
/// longer fits is refused, naming the key and the value.
public enum MigrationPlanner {
    public static func plan(answers: [Answer], from: TemplateMigration.Form, steps: [TemplateMigration], target: ReportTemplate) -> MigrationPlan {
        let to = TemplateMigration.Form(templateID: target.id, version: target.version)
        var refusals: [String] = []
        var dropped: [MigrationPlan.DroppedAnswer] = []
        var working = answers.sorted { $0.key < $1.key }.map { Working(original: $0, key: $0.key, value: $0.value) }
        var added: [String] = []
        for step in steps {
            var kept: [Working] = []
            for var item in working {
                if step.removedQuestions.contains(item.key.question) || item.key.group.map(step.removedQuestions.contains) == true {
                    dropped.append(.init(key: item.original.key, value: item.original.value, removedBy: step.file))
                    continue
                }
                item.key = AnswerKey(question: step.renamedQuestions[item.key.question] ?? item.key.question,
                                     group: item.key.group.map { step.renamedQuestions[$0] ?? $0 }, entry: item.key.entry)
                for table in step.tables where table.question == item.key.question {
                    item.value = renameCells(item.value, rows: table.rows, columns: table.columns)
                }
                for recoding in step.recodings where recoding.question == item.key.question {
                    item.value = recode(item.value, recoding)
                }
                kept.append(item)
            }
            working = kept
            added = added.map { step.renamedQuestions[$0] ?? $0 } + step.addedQuestions
        }
        if let last = steps.last { refusals += mappingProblems(last, target: target) }

        var carried: [MigrationPlan.CarriedAnswer] = []
        let fix = steps.last.map { "in \($0.file)" } ?? "in a migration file of templates/migrations/"
        for item in working {
            let shown = "answer \(item.original.key) = \(item.original.value)"
            guard let question = question(at: item.key, in: target) else {
                refusals.append("\(shown) has no question \(item.key) in \(to): rename it or list it under removed \(fix)")
                continue
            }
            let value = converted(item.value, to: question)
            let problems = AnswerShape.problems(value, for: question)
            guard problems.isEmpty else {
                refusals.append("\(shown) does not fit \(item.key) (\(question.type.rawValue)) of \(to): \(problems.joined(separator: "; ")); recode it or list it under removed \(fix)")
                continue
            }
            carried.append(.init(oldKey: item.original.key, oldValue: item.original.value, newKey: item.key, newValue: value,
                                 toConfirm: item.original.toConfirm, concept: item.key.group == nil ? question.concept : nil))
        }
        let answered = Set(carried.map { $0.newKey.group ?? $0.newKey.question })
        var newQuestions: [MigrationPlan.NewQuestion] = []
        for id in added where !answered.contains(id) && !newQuestions.contains(where: { $0.id == id }) {
            guard let question = target.question(id) else { continue }
            newQuestions.append(.init(id: id, isRequired: question.required != nil))
        }
        return MigrationPlan(from: from, to: to, steps: steps.map(\.file), answers: carried, dropped: dropped,
                             newQuestions: newQuestions, refusals: refusals)
    }

    private struct Working {
        var original: Answer
        var key: AnswerKey
        var value: AnswerValue
    }

    /// The last step's own declarations must name what the installed form has.
    static func mappingProblems(_ step: TemplateMigration, target: ReportTemplate) -> [String] {
        let to = "\(target.id) version \(target.version)"
        var problems: [String] = []
        for (old, new) in step.renamedQuestions.sorted(by: { $0.key < $1.key }) where target.question(new) == nil {
            problems.append("\(step.file): questions.renamed maps \(old) to \(new), but \(to) has no question \(new)")
        }
        for id in step.addedQuestions where target.question(id) == nil {
            problems.append("\(step.file): questions.added lists \(id), but \(to) has no question \(id)")
        }
        for table in step.tables {
            guard let question = target.question(table.question), question.type == .table else {
                problems.append("\(step.file): tables names \(table.question), which is no table question of \(to)")
                continue
            }
            for (old, new) in table.rows.sorted(by: { $0.key < $1.key }) where !question.rows.contains(where: { $0.id == new }) {
                problems.append("\(step.file): table \(table.question) maps row \(old) to \(new), but its rows are \(question.rows.map(\.id).joined(separator: ", "))")
            }
            for (old, new) in table.columns.sorted(by: { $0.key < $1.key }) where !question.columns.contains(where: { $0.id == new }) {
                problems.append("\(step.file): table \(table.question) maps column \(old) to \(new), but its columns are \(question.columns.map(\.id).joined(separator: ", "))")
            }
        }
        for recoding in step.recodings {
            let place = recoding.question + (recoding.column.map { " column \($0)" } ?? "")
            guard let question = target.question(recoding.question) else {
                problems.append("\(step.file): choices names \(recoding.question), which is no question of \(to)")
                continue
            }
            let choices: [Choice]
            if let columnID = recoding.column {
                guard let column = question.columns.first(where: { $0.id == columnID }), column.type == .singleChoice else {
                    problems.append("\(step.file): choices names \(place), which is no single-choice column of \(to)")
                    continue
                }
                choices = column.choices
            } else {
                choices = question.choices
            }
            let codes = Set(choices.map(\.value) + (question.allowsOther ? ["other"] : []))
            for (old, new) in recoding.codes.sorted(by: { $0.key < $1.key }) where !codes.contains(new) {
                problems.append("\(step.file): choices of \(place) map '\(old)' to '\(new)', which is no choice of \(place) in \(to) (choices: \(codes.sorted().joined(separator: ", ")))")
            }
        }
        return problems
    }

    static func question(at key: AnswerKey, in template: ReportTemplate) -> Question? {
        if let group = key.group {
            guard let parent = template.questions.first(where: { $0.question.id == group })?.question, parent.type == .repeatGroup else { return nil }
            return parent.children.first { $0.id == key.question }
        }
        return template.questions.first { $0.question.id == key.question }?.question
    }

    static func renameCells(_ value: AnswerValue, rows: [String: String], columns: [String: String]) -> AnswerValue {
        guard case .object(let table) = value else { return value }
        var renamed: [String: AnswerValue] = [:]
        for (row, cells) in table {
            guard case .object(let members) = cells else {
                renamed[rows[row] ?? row] = cells
                continue
            }
            renamed[rows[row] ?? row] = .object(Dictionary(members.map { (columns[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
        return .object(renamed)
    }

    static func recode(_ value: AnswerValue, _ recoding: TemplateMigration.ChoiceRecoding) -> AnswerValue {
        func code(_ item: AnswerValue) -> AnswerValue { item.stringValue.map { .string(recoding.codes[$0] ?? $0) } ?? item }
        if let column = recoding.column {
            guard case .object(let table) = value else { return value }
            return .object(table.mapValues { row in
                guard case .object(var cells) = row, let cell = cells[column] else { return row }
                cells[column] = code(cell)
                return .object(cells)
            })
        }
        switch value {
        case .string: return code(value)
        case .object(var members):
            guard case .list(let selected) = members["selected"] else { return value }
            // Two old codes may become one: the list holds it once.
            var seen: Set<AnswerValue> = []
            members["selected"] = .list(selected.map(code).filter { seen.insert($0).inserted })
            return .object(members)
        default: return value
        }
    }

    /// The lossless changes of shape between choice types; every other value is kept as it is.
    static func converted(_ value: AnswerValue, to question: Question) -> AnswerValue {
        switch (question.type, value) {
        case (.multipleChoice, .string(let code)):
            return .object(["selected": .list([.string(code)])])
        case (.singleChoice, .object(let members)), (.scale, .object(let members)):
            guard case .list(let selected) = members["selected"], selected.count == 1, members["other"]?.isAnswered != true else { return value }
            return selected[0]
        default:
            return value
        }
    }
}
