/// One lexical unit, with where it starts and how it was written so that
/// parse errors can quote the author's own text.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        case string(String)
        case reference(String)
        case current
        case name(String)
        case keyword(ExpressionKeyword)
        case symbol(ExpressionSymbol)
        case end
    }

    var kind: Kind
    var position: Int
    var text: String

    /// How the token is named in messages.
    var quoted: String { kind == .end ? "the end of the expression" : "'\(text)'" }
}

enum ExpressionKeyword: String, Sendable, CaseIterable {
    case and, or, not, mod
    case `true`, `false`, null
}

enum ExpressionSymbol: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "!="
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case plus = "+", minus = "-", times = "*", divide = "/"
    case openParen = "(", closeParen = ")", comma = ","
}

/// Produces tokens on demand, so the first error reported is the first one
/// in reading order whether the lexer or the parser finds it.
struct ExpressionLexer: Sendable {
    private let characters: [Character]
    private var index = 0

    init(_ source: String) {
        characters = Array(source)
    }

    mutating func next() throws(ExpressionError) -> ExpressionToken {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        let start = index
        guard index < characters.count else { return ExpressionToken(kind: .end, position: start, text: "") }
        let character = characters[index]

        if character.isASCIIDigit { return try number(from: start) }
        if character.isNameStart { return name(from: start) }
        switch character {
        case "'", "\"": return try string(from: start, quote: character)
        case "$": return try reference(from: start)
        case ".":
            if peek(1)?.isASCIIDigit == true {
                throw ExpressionError(position: start, message: "a number must start with a digit: write 0\(word(from: start)), not \(word(from: start))")
            }
            index += 1
            return ExpressionToken(kind: .current, position: start, text: ".")
        default: return try symbol(from: start)
        }
    }

    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private func text(_ range: Range<Int>) -> String { String(characters[range]) }

    /// The run of digits and dots at `start`, for quoting a malformed number.
    private func word(from start: Int) -> String {
        var end = start
        while end < characters.count, characters[end] == "." || characters[end].isASCIIDigit { end += 1 }
        return text(start..<end)
    }

    private mutating func number(from start: Int) throws(ExpressionError) -> ExpressionToken {
        while peek(0)?.isASCIIDigit == true { index += 1 }
        // A dot not followed by a digit is left alone: `1.` is the number 1
        // followed by a stray `.`, which the parser reports.
        if peek(0) == ".", peek(1)?.isASCIIDigit == true {
            index += 1
            while peek(0)?.isASCIIDigit == true { index += 1 }
        }
        if peek(0) == ".", peek(1)?.isASCIIDigit == true {
            throw ExpressionError(position: start, message: "malformed number '\(word(from: start))'")
        }
        let written = text(start..<index)
        guard let value = Double(written), value.isFinite else {
            throw ExpressionError(position: start, message: "number \(written.prefix(20))… is too large")
        }
        return ExpressionToken(kind: .number(value), position: start, text: written)
    }

    private mutating func name(from start: Int) -> ExpressionToken {
        while let next = peek(0), next.isNameStart || next.isASCIIDigit { index += 1 }
        let written = text(start..<index)
        let kind: ExpressionToken.Kind = ExpressionKeyword(rawValue: written).map { .keyword($0) } ?? .name(written)
        return ExpressionToken(kind: kind, position: start, text: written)
    }

    private mutating func string(from start: Int, quote: Character) throws(ExpressionError) -> ExpressionToken {
        var value = ""
        index += 1
        while let next = peek(0) {
            index += 1
            if next == quote {
                return ExpressionToken(kind: .string(value), position: start, text: text(start..<index))
            }
            if next == "\\" {
                guard let escaped = peek(0) else { break }
                guard escaped == "'" || escaped == "\"" || escaped == "\\" else {
                    throw ExpressionError(position: index - 1, message: "unknown escape '\\\(escaped)' in string; only \\', \\\" and \\\\ are allowed")
                }
                index += 1
                value.append(escaped)
            } else {
                value.append(next)
            }
        }
        throw ExpressionError(position: start, message: "unterminated string: no closing \(quote) for the string opened at \(start)")
    }

    private mutating func reference(from start: Int) throws(ExpressionError) -> ExpressionToken {
        guard peek(1) == "{" else {
            throw ExpressionError(position: start, message: "expected '{' after '$': refer to a question as ${question_id}")
        }
        index += 2
        let idStart = index
        while let next = peek(0), next != "}" { index += 1 }
        guard index < characters.count else {
            throw ExpressionError(position: start, message: "unterminated '${': no closing '}' for the reference opened at \(start)")
        }
        let id = text(idStart..<index)
        index += 1
        if id.isEmpty {
            throw ExpressionError(position: start, message: "empty reference '${}': put a question id between the braces")
        }
        let bad = id.first!.isLowercaseASCIILetter ? id.firstIndex { !$0.isIdentifierCharacter } : id.startIndex
        if let bad {
            let offset = idStart + id.distance(from: id.startIndex, to: bad)
            throw ExpressionError(position: offset, message: "invalid question id '\(id)': ids start with a lower-case letter and use only a-z, 0-9 and _")
        }
        return ExpressionToken(kind: .reference(id), position: start, text: text(start..<index))
    }

    private mutating func symbol(from start: Int) throws(ExpressionError) -> ExpressionToken {
        let character = characters[start]
        if let next = peek(1), let pair = ExpressionSymbol(rawValue: "\(character)\(next)") {
            index += 2
            return ExpressionToken(kind: .symbol(pair), position: start, text: pair.rawValue)
        }
        if character == "=", peek(1) == "=" {
            throw ExpressionError(position: start, message: "unexpected '==': compare with a single '='")
        }
        if let single = ExpressionSymbol(rawValue: String(character)) {
            index += 1
            return ExpressionToken(kind: .symbol(single), position: start, text: single.rawValue)
        }
        throw ExpressionError(position: start, message: "unexpected character '\(character)'\(Self.hint(for: character))")
    }

    /// Authors often arrive from spreadsheet or programming syntax.
    private static func hint(for character: Character) -> String {
        switch character {
        case "!": "; use 'not' or '!='"
        case "&": "; use 'and'"
        case "|": "; use 'or'"
        case "%": "; use 'mod'"
        case "{", "}": "; refer to a question as ${question_id}"
        default: ""
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    var isLowercaseASCIILetter: Bool { asciiValue.map { $0 >= 0x61 && $0 <= 0x7A } ?? false }
    var isIdentifierCharacter: Bool { isLowercaseASCIILetter || isASCIIDigit || self == "_" }
    /// Upper case is accepted in names only so that `TRUE` or `Selected`
    /// can be reported with a useful hint instead of as stray characters.
    var isNameStart: Bool { (isASCII && isLetter) || self == "_" }
}
