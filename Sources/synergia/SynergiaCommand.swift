import ArgumentParser

@main
struct SynergiaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synergia",
        abstract: "One national information base for reporting to the biodiversity conventions.",
        discussion: "Configuration comes from SYNERGIA_* environment variables; see the README.",
        subcommands: [
            MigrateCommand.self, SeedCommand.self, FrameworksCommand.self, TargetsCommand.self,
            CountriesCommand.self, WorkspaceCommand.self, NationalTargetCommand.self,
            IndicatorCommand.self, ProgressCommand.self, ReportCommand.self, FactsCommand.self, EvidenceCommand.self, CoverageCommand.self, LandCommand.self, DemoDataCommand.self, UserCommand.self, KnowledgeCommand.self, HistoryCommand.self, ServeCommand.self,
        ])
}
