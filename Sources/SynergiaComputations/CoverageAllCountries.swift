import Foundation
import SynergiaCore
import SynergiaCoverage
import SynergiaStore

extension CoveragePipeline {
    /// One country of `runAllCountries`: its outcome, or why it failed.
    public typealias CountryOutcome = Result<Outcome, any Error>

    /// The coverage pipeline for every country of a WDPA file: the files are
    /// read once, then each country runs the same steps as `run` (its own
    /// engine on one core, countries in parallel on all cores). `options.country` is ignored.
    /// - Parameters:
    ///   - tables: folder under which each country's tables go, in a folder named by its code.
    ///   - store: records each country's run in that country's workspace, where one exists.
    public func runAllCountries(_ files: CoverageFiles, tables: String? = nil, recordInto store: SQLStore? = nil,
                                progress: any PipelineProgress = NoProgress()) async throws -> (imported: WDPAImport, kbaImport: KBAImport?, countries: [String: CountryOutcome]) {
        let started = Date()
        try options.validate()
        let sources = try read(files, progress: progress)
        let field = options.engine.countryField
        let countries = Set(sources.imported.records.flatMap { field == .iso3 ? $0.iso3 : $0.parentISO3 }).sorted()
        var outcomes: [String: CountryOutcome] = [:]
        progress.report(PipelineStep(stage: PipelineStep.countries, done: 0, total: countries.count))
        try await withThrowingTaskGroup(of: (String, CountryOutcome).self) { group in
            var pending = countries[...]
            func startNext() {
                guard let country = pending.popFirst() else { return }
                let folder = tables.map { URL(fileURLWithPath: $0).appendingPathComponent(country).path }
                group.addTask {
                    do {
                        let recording = try await store?.workspace(country: country).map { RunRecording(store: store!, workspace: $0) }
                        return (country, .success(try await run(country: country, sources: sources, tables: folder, recordInto: recording,
                                                                threads: 1, progress: NoProgress(), started: started)))
                    } catch {
                        return (country, .failure(error))
                    }
                }
            }
            for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) { startNext() }
            while let (country, outcome) = try await group.next() {
                outcomes[country] = outcome
                progress.report(PipelineStep(stage: PipelineStep.countries, done: outcomes.count, total: countries.count))
                startNext()
            }
        }
        return (sources.imported, sources.kbaImport, outcomes)
    }
}
