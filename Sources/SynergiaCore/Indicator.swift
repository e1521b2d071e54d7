/// An indicator of a global framework, or a national one defined by a workspace.
public struct Indicator: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case headline, component, complementary, binary, national
    }

    public var code: String
    public var framework: String?
    public var kind: Kind
    /// The English title; `titles` holds it with its other languages.
    public var title: String
    public var titles: LocalizedText
    public var unit: String
    /// Codes of the targets (or goals) this indicator measures.
    public var targets: [String]
    public var source: String

    public init(code: String, framework: String?, kind: Kind, title: String, titles: LocalizedText? = nil, unit: String, targets: [String],
                source: String) {
        self.code = code
        self.framework = framework
        self.kind = kind
        self.title = title
        self.titles = LocalizedText.titles(english: title, titles)
        self.unit = unit
        self.targets = targets
        self.source = source
    }
}
