/// A global framework of goals and targets: the Kunming-Montreal GBF, the Aichi
/// targets, the SDGs, or a convention's strategic plan.
public struct Framework: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var convention: String?
    public var startYear: Int?
    public var endYear: Int?
    public var source: String

    public init(code: String, name: String, convention: String? = nil, startYear: Int? = nil, endYear: Int? = nil, source: String) {
        self.code = code
        self.name = name
        self.convention = convention
        self.startYear = startYear
        self.endYear = endYear
        self.source = source
    }
}

public struct Goal: Codable, Sendable, Equatable {
    public var code: String
    public var framework: String
    /// The English title; `titles` holds it with its other languages.
    public var title: String
    public var titles: LocalizedText
    public var text: String?
    public var source: String

    public init(code: String, framework: String, title: String, titles: LocalizedText? = nil, text: String? = nil, source: String) {
        self.code = code
        self.framework = framework
        self.title = title
        self.titles = LocalizedText.titles(english: title, titles)
        self.text = text
        self.source = source
    }
}

public struct GlobalTarget: Codable, Sendable, Equatable {
    public var code: String
    public var framework: String
    public var goal: String?
    /// The number as the source prints it ("3", "14.a").
    public var number: String
    /// The English title; `titles` holds it with its other languages.
    public var title: String
    public var titles: LocalizedText
    public var text: String?
    public var source: String

    public init(code: String, framework: String, goal: String? = nil, number: String, title: String, titles: LocalizedText? = nil,
                text: String? = nil, source: String) {
        self.code = code
        self.framework = framework
        self.goal = goal
        self.number = number
        self.title = title
        self.titles = LocalizedText.titles(english: title, titles)
        self.text = text
        self.source = source
    }
}

/// A framework with everything it contains, as loaded from one data file.
public struct FrameworkContent: Codable, Sendable, Equatable {
    public var framework: Framework
    public var goals: [Goal]
    public var targets: [GlobalTarget]
    public var indicators: [Indicator]

    public init(framework: Framework, goals: [Goal], targets: [GlobalTarget], indicators: [Indicator]) {
        self.framework = framework
        self.goals = goals
        self.targets = targets
        self.indicators = indicators
    }
}
