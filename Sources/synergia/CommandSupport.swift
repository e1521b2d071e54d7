import ArgumentParser
import Foundation
import Logging
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaStore

/// Options every command that touches the database shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("database"), help: ArgumentHelp("Database URL (sqlite:PATH or postgres://…); default: SYNERGIA_DATABASE_URL or sqlite:var/synergia.sqlite.", valueName: "url"))
    var databaseURL: String?

    var settings: Settings {
        var settings = Settings()
        if let databaseURL { settings.databaseURL = databaseURL }
        return settings
    }

    /// Opens the store, brings its schema up to date, runs `body`, closes it.
    func withStore<T>(_ body: (SQLStore) async throws -> T) async throws -> T {
        try await withMigratedStore(url: settings.databaseURL, logger: cliLogger, body)
    }
}

let cliLogger: Logger = {
    var logger = Logger(label: "synergia")
    logger.logLevel = .warning
    return logger
}()

/// Opens the store and the report engine (templates, concepts, messages from data/).
func withReporting<T>(_ options: StoreOptions, _ body: (ReportService) async throws -> T) async throws -> T {
    let settings = options.settings
    let reference = try ReferenceLoader.load(dataDirectory: settings.dataDirectory, countriesPath: settings.isoCodesPath)
    let catalog = try TemplateCatalog.load(dataDirectory: settings.dataDirectory, reference: reference)
    let messages = try Messages.load(dataDirectory: settings.dataDirectory)
    return try await options.withStore { store in
        try await body(ReportService(store: store, catalog: catalog, messages: messages))
    }
}

/// Output switch shared by list and show commands.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// A plain text table with columns padded to their widest cell.
func printTable(_ header: [String], _ rows: [[String]]) {
    let widths = header.indices.map { column in
        ([header[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }
    print(line(header))
    print(line(widths.map { String(repeating: "-", count: $0) }))
    rows.forEach { print(line($0)) }
}

/// Turns the errors users cause into a message on stderr and exit status 1;
/// anything else is left to ArgumentParser.
func userFacing<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error where error is DomainError || error is DataFileError || error is ObservationCSV.Problem
                || error is StoreError || error is StaleAnswer {
        throw CLIError(message: errorMessage(error))
    }
}

struct CLIError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension CLIError: LocalizedError {
    var errorDescription: String? { message }
}

/// Looks a workspace up by country code or says how to create it.
func requireWorkspace(_ store: SQLStore, _ code: String) async throws -> Workspace {
    guard let workspace = try await store.workspace(country: code) else {
        throw DomainError.notFound("no workspace for '\(code)'; create it with `synergia workspace create --country \(Code.canonical(code))` (see `synergia workspace list`)")
    }
    return workspace
}

/// A national target of a workspace by its code as typed (`T1` or `KEN-T1`).
func requireNationalTarget(_ store: SQLStore, workspace: String, code: String) async throws -> (workspace: Workspace, target: NationalTarget) {
    let workspace = try await requireWorkspace(store, workspace)
    let code = NationalTargetRules.canonicalCode(code, country: workspace.country)
    guard let target = try await store.nationalTarget(workspaceID: workspace.id, code: code) else {
        throw DomainError.notFound("no national target \(code) in \(workspace.country); see `synergia national-target list --workspace \(workspace.country)`")
    }
    return (workspace, target)
}

func formatted(_ value: Double?) -> String {
    guard let value else { return "" }
    return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.4g", value)
}

/// The message a person reads for an error, as `userFacing` shows it.
func errorMessage(_ error: any Error) -> String {
    switch error {
    case let error as DomainError: error.message + (error.remedy.map(cliHint) ?? "")
    case let error as DataFileError: error.description
    case let error as ObservationCSV.Problem: error.description
    case let error as StoreError: error.description
    case let error as StaleAnswer: error.description
    default: String(describing: error)
    }
}

/// `body` over `items`, at most `width` at a time; the results in the items'
/// order. `finished` is told how many are done after each one.
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], width: Int, finished: (Int) -> Void = { _ in },
                                             _ body: @escaping @Sendable (T) async throws -> R) async -> [Result<R, any Error>] {
    await withTaskGroup(of: (Int, Result<R, any Error>).self) { group in
        var results = [Result<R, any Error>?](repeating: nil, count: items.count)
        var next = 0, done = 0
        while next < items.count || !group.isEmpty {
            while next < items.count && next - done < width {
                let index = next, item = items[index]
                group.addTask {
                    do { return (index, .success(try await body(item))) } catch { return (index, .failure(error)) }
                }
                next += 1
            }
            guard let (index, result) = await group.next() else { break }
            results[index] = result
            done += 1
            finished(done)
        }
        return results.map { $0! }
    }
}

/// A result as `--json` prints it: its own keys, with the run's warnings as one more key.
struct WithWarnings<Value: Encodable>: Encodable {
    var value: Value
    var warnings: [String]

    init(_ value: Value, warnings: [String]) {
        self.value = value
        self.warnings = warnings
    }

    private enum Key: String, CodingKey { case warnings }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(warnings, forKey: .warnings)
    }
}
