/// Where a question takes its first values from the workspace's indicator series
/// (`from_series:` in a template, docs/templates.md "Filled from series and runs").
public enum SeriesSource: Sendable, Equatable {
    /// One series: its latest value for a number question (in the question's unit),
    /// its rows for indicator data.
    case series(SeriesBinding)
    /// Indicator data inside a repeat over a framework's goals or targets: the rows of
    /// every series of the entry's headline indicators.
    case entryHeadlines
    /// A repeat over entries: one entry per headline indicator of the framework the
    /// workspace has series of, its indicator, data source and rows in the named children.
    case headlineRecords(HeadlineRecordFields)
}

/// The children of a repeat filled by `SeriesSource.headlineRecords`.
public struct HeadlineRecordFields: Sendable, Equatable {
    public var framework: String
    /// A single choice whose options are the indicators (`3_1` for GBF-3.1).
    public var indicator: String
    /// A single choice set to `national` when the workspace's series fill the record.
    public var source: String
    /// The indicator data question that takes the rows.
    public var data: String

    public init(framework: String, indicator: String, source: String, data: String) {
        self.framework = framework
        self.indicator = indicator
        self.source = source
        self.data = data
    }

    /// The value ORT-style indicator lists give an indicator: `GBF-3.1` → `3_1`, `GBF-A.2` → `a_2`.
    public func choiceValue(of indicator: String) -> String {
        let prefix = framework + "-"
        let local = indicator.hasPrefix(prefix) ? String(indicator.dropFirst(prefix.count)) : indicator
        return local.lowercased().split(separator: ".", omittingEmptySubsequences: false).joined(separator: "_")
    }
}
