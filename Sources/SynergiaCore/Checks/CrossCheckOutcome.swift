import Foundation

/// One run of a check across conventions for one report: both sides with
/// their values and the places they were read from, so every screen can link
/// to both.
public struct CrossCheckOutcome: Sendable, Equatable, Codable {
    public var check: String
    public var severity: CrossConventionCheck.Severity
    public var result: CrossCheckResult
    /// The national target of the run, for a check made per national target.
    public var target: String?
    public var left: CrossCheckSide
    public var right: CrossCheckSide
    public var tolerance: Double?
    public var unit: String?
    /// The check's message with both values, in the language asked for; set when the sides differ.
    public var message: String?
    public var basis: String

    public init(check: String, severity: CrossConventionCheck.Severity, result: CrossCheckResult, target: String?,
                left: CrossCheckSide, right: CrossCheckSide, tolerance: Double?, unit: String?, message: String?, basis: String) {
        self.check = check
        self.severity = severity
        self.result = result
        self.target = target
        self.left = left
        self.right = right
        self.tolerance = tolerance
        self.unit = unit
        self.message = message
        self.basis = basis
    }
}

/// One side of a check: what it reads, its value and where that value lives.
public struct CrossCheckSide: Sendable, Equatable, Codable {
    public var expression: String
    public var value: AnswerValue
    /// The value as messages show it; empty when there is none.
    public var text: String
    public var places: [CrossCheckPlace]

    public init(expression: String, value: AnswerValue, places: [CrossCheckPlace]) {
        self.expression = expression
        self.value = value
        self.text = Self.text(of: value)
        self.places = places
    }

    public static func text(of value: AnswerValue) -> String {
        switch value {
        case .null: ""
        case .number(let number): AnswerShape.format(number)
        case .string(let text): text
        case .bool(let flag): flag ? "yes" : "no"
        case .list(let items): items.map(text(of:)).joined(separator: ", ")
        case .object: value.description
        }
    }
}

/// Where a side's value is kept: a report's answer, a series or a national target.
public struct CrossCheckPlace: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case answer, series, target
    }

    public var kind: Kind
    /// The report read; nil when the workspace has no report of `template`.
    public var reportID: Int64?
    public var template: String?
    /// The answer's key (`group[entry].question` inside a repeated group).
    public var key: String?
    public var indicator: String?
    public var disaggregation: String?
    public var targetCode: String?

    public static func answer(reportID: Int64?, template: String, key: AnswerKey) -> CrossCheckPlace {
        CrossCheckPlace(kind: .answer, reportID: reportID, template: template, key: key.description)
    }

    public static func series(indicator: String, disaggregation: String) -> CrossCheckPlace {
        CrossCheckPlace(kind: .series, indicator: indicator, disaggregation: disaggregation)
    }

    public static func target(_ code: String) -> CrossCheckPlace {
        CrossCheckPlace(kind: .target, targetCode: code)
    }

    init(kind: Kind, reportID: Int64? = nil, template: String? = nil, key: String? = nil,
         indicator: String? = nil, disaggregation: String? = nil, targetCode: String? = nil) {
        self.kind = kind
        self.reportID = reportID
        self.template = template
        self.key = key
        self.indicator = indicator
        self.disaggregation = disaggregation
        self.targetCode = targetCode
    }
}

extension CrossConventionCheck {
    /// The message with both values (and the target's code) put in.
    public func message(_ language: String, left: String, right: String, target: String?) -> String {
        message.text(language)
            .replacingOccurrences(of: "{left}", with: left)
            .replacingOccurrences(of: "{right}", with: right)
            .replacingOccurrences(of: "{target}", with: target ?? "")
    }
}

extension ExpressionValue {
    /// The value as answers are exchanged (JSON), for the API and the page.
    public var answerValue: AnswerValue {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .list(let items): .list(items.map(\.answerValue))
        }
    }
}
