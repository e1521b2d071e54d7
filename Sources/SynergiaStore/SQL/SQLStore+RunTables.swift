import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    /// Stored inside `recordRun`'s transaction: a run is never kept without its tables.
    static func storeRunTables(_ tables: [RunTable], runID: Int64, db: any SQLDatabase) async throws {
        for table in tables {
            try await db.insert(into: "run_tables").columns("run_id", "name", "table_json")
                .values(SQLBind(runID), SQLBind(table.name), SQLBind(try JSONCoding.string(table))).run()
        }
    }

    /// The tables a run kept, in the order they were stored.
    public func runTables(runID: Int64) async throws -> [RunTable] {
        try await read { db in
            try await db.select().column("table_json").from("run_tables").where("run_id", .equal, runID).orderBy("id").all()
                .map { try JSONCoding.decode(RunTable.self, try $0.string("table_json")) }
        }
    }

    /// The workspace's most recent run of the engine (the highest id: runs are recorded as they finish).
    public func latestRun(workspaceID: Int64, engine: String) async throws -> ComputationRun? {
        try await read { db in
            try await db.select().column("*").from("computation_runs").where("workspace_id", .equal, workspaceID)
                .where("engine", .equal, engine).orderBy("id", .descending).limit(1).first().map(Self.run)
        }
    }
}
