import SynergiaCore
import SynergiaStore

/// The titles of every goal, target and indicator of the frameworks in `data/`, in
/// the six UN languages. The database keeps the English title only; pages, exports
/// and the API take the other languages from here, by code, as the data files give them.
public struct FrameworkTitles: Sendable {
    private var byCode: [String: LocalizedText] = [:]

    public init(_ frameworks: [FrameworkContent]) {
        for content in frameworks {
            for goal in content.goals { byCode[goal.code] = goal.titles }
            for target in content.targets { byCode[target.code] = target.titles }
            for indicator in content.indicators { byCode[indicator.code] = indicator.titles }
        }
    }

    public init(_ reference: ReferenceSet) {
        self.init(reference.frameworks)
    }

    /// Every language of the item `code`, or nil for a code no framework file has
    /// (a national indicator, an item since removed from the data).
    public func titles(_ code: String) -> LocalizedText? {
        byCode[Code.canonical(code)]
    }

    /// The title of `code` in `language`; English where the language has none, and
    /// `english` (the title as stored) where the data files do not know the code.
    public func title(_ code: String, in language: String, english: String) -> String {
        titles(code)?.text(language) ?? english
    }

    public func localized(_ goal: Goal) -> Goal {
        var goal = goal
        if let titles = titles(goal.code) { goal.titles = LocalizedText.titles(english: goal.title, titles) }
        return goal
    }

    public func localized(_ target: GlobalTarget) -> GlobalTarget {
        var target = target
        if let titles = titles(target.code) { target.titles = LocalizedText.titles(english: target.title, titles) }
        return target
    }

    public func localized(_ indicator: Indicator) -> Indicator {
        var indicator = indicator
        if let titles = titles(indicator.code) { indicator.titles = LocalizedText.titles(english: indicator.title, titles) }
        return indicator
    }

    /// A framework as the store gives it, with every title in all the languages the data files have.
    public func localized(_ content: FrameworkContent) -> FrameworkContent {
        FrameworkContent(framework: content.framework, goals: content.goals.map(localized), targets: content.targets.map(localized),
                         indicators: content.indicators.map(localized))
    }
}
