import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    /// Stores the run and its results in one transaction; results replace the
    /// values of earlier runs for the same series and years. Each result's
    /// provenance becomes `computed(run id)`; the run's tables are kept with it.
    public func recordRun(_ run: ComputationRun, results: [ObservationInput], tables: [RunTable] = []) async throws -> ComputationRun {
        try await checkObservations(results, workspaceID: run.workspaceID)
        let inputs = try JSONCoding.string(run.inputs)
        let options = try JSONCoding.string(run.options)
        let warnings = try JSONCoding.string(run.warnings)
        let id: Int64 = try await write { db in
            let id = try await db.insertReturningID(db.insert(into: "computation_runs")
                .columns("workspace_id", "engine", "inputs_json", "options_json", "software_version", "started_at", "duration_ms", "warnings_json")
                .values(SQLBind(run.workspaceID), SQLBind(run.engine), SQLBind(inputs), SQLBind(options), SQLBind(run.softwareVersion),
                        SQLBind(Timestamp.string(run.startedAt)), SQLBind(run.durationMilliseconds), SQLBind(warnings)))
            let computed = results.map { result in
                var result = result
                result.observation.provenance = .computed(runID: id)
                return result
            }
            _ = try await Self.store(computed, db: db, workspaceID: run.workspaceID, replace: true,
                                     context: ChangeContext(userID: nil, channel: .run, note: "\(run.engine) run \(id)"))
            try await Self.storeRunTables(tables, runID: id, db: db)
            return id
        }
        return try await self.run(id: id)!
    }

    public func runs(workspaceID: Int64) async throws -> [ComputationRun] {
        try await read { db in
            try await db.select().column("*").from("computation_runs").where("workspace_id", .equal, workspaceID).orderBy("id").all().map(Self.run)
        }
    }

    public func run(id: Int64) async throws -> ComputationRun? {
        try await read { db in
            try await db.select().column("*").from("computation_runs").where("id", .equal, id).first().map(Self.run)
        }
    }

    static func run(_ row: any SQLRow) throws -> ComputationRun {
        ComputationRun(id: try row.int64("id"), workspaceID: try row.int64("workspace_id"), engine: try row.string("engine"),
                       inputs: try JSONCoding.decode([ComputationRun.Input].self, try row.string("inputs_json")),
                       options: try JSONCoding.decode([String: String].self, try row.string("options_json")),
                       softwareVersion: try row.string("software_version"), startedAt: Timestamp.date(try row.string("started_at")),
                       durationMilliseconds: try row.int64("duration_ms"),
                       warnings: try JSONCoding.decode([String].self, try row.string("warnings_json")))
    }
}
