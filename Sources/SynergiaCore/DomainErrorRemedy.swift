extension DomainError {
    /// The step that fixes a refusal, as a fact: the CLI names the command or
    /// flag, the web the page or form field, so no library message names either.
    public enum Remedy: Sendable, Equatable {
        /// Use one of the targets the framework (e.g. GBF) lists.
        case chooseGlobalTarget(framework: String)
        /// Use a global indicator, or define a national indicator first.
        case defineNationalIndicator
        /// Use one of the workspace's national targets.
        case chooseNationalTarget
        /// Ask for the values already stored to be replaced.
        case allowReplacing
        /// Use one of the known countries' ISO 3166-1 codes.
        case chooseCountry
        /// Move the report to the installed version of its template (or the next cycle's).
        case migrateReport(reportID: Int64)
    }
}
