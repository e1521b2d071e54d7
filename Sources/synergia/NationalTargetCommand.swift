import ArgumentParser
import SynergiaCore
import SynergiaStore

struct NationalTargetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "national-target", abstract: "A workspace's national targets.",
        subcommands: [Add.self, Update.self, List.self, Show.self, History.self], aliases: ["target"])

    /// Fields shared by add and update.
    struct Fields: ParsableArguments {
        @Option(help: "Short title.")
        var title: String
        @Option(help: "Full description.")
        var description = ""
        @Option(help: "Unit of baseline and target values, e.g. percent.")
        var unit: String?
        @Option(help: ArgumentHelp("Baseline as YEAR:VALUE, e.g. 2015:12.5.", valueName: "year:value"))
        var baseline: String?
        @Option(help: ArgumentHelp("Target as YEAR:VALUE, e.g. 2030:30.", valueName: "year:value"))
        var target: String?
        @Option(help: "increase or decrease; needed only when the target equals the baseline.")
        var direction: DesiredDirection?
        @Option(name: .customLong("align"), help: ArgumentHelp("Global target and degree as CODE:high|medium|low (repeatable), e.g. GBF-3:high.", valueName: "code:degree"))
        var alignments: [String] = []
        @Option(name: .customLong("indicator"), help: "Indicator measuring it (repeatable; the first is assessed), e.g. GBF-3.1.")
        var indicators: [String] = []
        @Option(name: .customLong("measured-by"), help: ArgumentHelp("Indicator of the series progress is assessed on (default: the first --indicator's whole-country series), e.g. GBF-3.1.", valueName: "indicator"))
        var measuredBy: String?
        @Option(help: ArgumentHelp("Disaggregation of the --measured-by series as key=value pairs joined by ';', e.g. realm=land.", valueName: "key=value"))
        var disaggregation: String?

        func apply(to target: inout NationalTarget) throws {
            target.title = title
            target.description = description
            target.unit = unit
            target.baseline = try baseline.map { try Self.yearValue($0, "--baseline") }
            target.target = try self.target.map { try Self.yearValue($0, "--target") }
            target.direction = direction
            target.alignments = try alignments.map { raw in
                let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, let degree = AlignmentDegree(rawValue: parts[1].lowercased()) else {
                    throw ValidationError("--align '\(raw)': write CODE:DEGREE with degree high, medium or low, e.g. GBF-3:high")
                }
                return TargetAlignment(globalTarget: Code.canonical(parts[0]), degree: degree)
            }
            target.indicators = indicators.map(Code.canonical)
            if disaggregation != nil && measuredBy == nil {
                throw ValidationError("--disaggregation needs --measured-by: name the indicator of the series, e.g. --measured-by GBF-3.1 --disaggregation realm=land")
            }
            target.measuredBy = measuredBy.map { SeriesBinding(indicator: Code.canonical($0), disaggregation: disaggregation ?? "") }
        }

        static func yearValue(_ raw: String, _ option: String) throws -> YearValue {
            let parts = raw.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let year = Int(parts[0]), let value = Double(parts[1]), value.isFinite else {
                throw ValidationError("\(option) '\(raw)': write YEAR:VALUE, e.g. 2015:12.5")
            }
            return YearValue(year: year, value: value)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a national target.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Option(help: "Code, e.g. T1 (stored as KEN-T1).")
        var code: String
        @OptionGroup var fields: Fields
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let saved = try await store.withStore { store in
                    let workspace = try await requireWorkspace(store, self.workspace)
                    var target = NationalTarget(code: NationalTargetRules.canonicalCode(code, country: workspace.country), title: "")
                    try fields.apply(to: &target)
                    return try await store.addNationalTarget(target, workspaceID: workspace.id, context: ChangeContext(userID: nil, channel: .cli))
                }
                if output.json { return try printJSON(saved) }
                print("Added \(saved.code) — \(saved.title) (version \(saved.version)).")
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a national target's fields.",
            discussion: "--version must be the version you read (from `show`); if someone saved since, the update is refused and nothing changes.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Option(help: "Code, e.g. T1 or KEN-T1.")
        var code: String
        @Option(help: "The version your edit is based on.")
        var version: Int
        @OptionGroup var fields: Fields
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let saved = try await store.withStore { store in
                    var target = try await requireNationalTarget(store, workspace: self.workspace, code: self.code).target
                    target.version = version
                    try fields.apply(to: &target)
                    return try await store.updateNationalTarget(target, context: ChangeContext(userID: nil, channel: .cli))
                }
                if output.json { return try printJSON(saved) }
                print("Updated \(saved.code) (now version \(saved.version)).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a workspace's national targets.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let targets = try await store.withStore { store in
                    try await store.nationalTargets(workspaceID: try await requireWorkspace(store, workspace).id)
                }
                if output.json { return try printJSON(targets) }
                printTable(["code", "aligned to", "indicators", "title"], targets.map {
                    [$0.code, $0.alignments.map { "\($0.globalTarget)(\($0.degree.rawValue))" }.joined(separator: " "),
                     $0.indicators.joined(separator: " "), $0.title]
                })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one national target.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Argument(help: "Code, e.g. T1 or KEN-T1.")
        var code: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let target = try await store.withStore { store in
                    try await requireNationalTarget(store, workspace: self.workspace, code: self.code).target
                }
                if output.json { return try printJSON(target) }
                print("\(target.code) — \(target.title) (version \(target.version))")
                if !target.description.isEmpty { print(target.description) }
                if let baseline = target.baseline { print("Baseline: \(formatted(baseline.value)) \(target.unit ?? "") in \(baseline.year)") }
                if let goal = target.target { print("Target:   \(formatted(goal.value)) \(target.unit ?? "") by \(goal.year)") }
                print("Aligned to: \(target.alignments.map { "\($0.globalTarget) (\($0.degree.rawValue))" }.joined(separator: ", "))")
                print("Indicators: \(target.indicators.joined(separator: ", "))")
                if let series = target.measuredBy {
                    print("Measured by: \(series.indicator) \(series.disaggregation.isEmpty ? "(whole country)" : series.disaggregation)")
                }
            }
        }
    }
}

extension DesiredDirection: ExpressibleByArgument {}
