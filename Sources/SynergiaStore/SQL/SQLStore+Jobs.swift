import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    public func createJob(workspaceID: Int64, engine: String, folder: String, createdBy: Int64?) async throws -> ComputationJob {
        let now = Timestamp.now()
        let id: Int64 = try await write { db in
            try await db.insertReturningID(db.insert(into: "computation_jobs")
                .columns("workspace_id", "engine", "state", "stage", "done", "message", "folder", "created_by", "created_at", "updated_at")
                .values(SQLBind(workspaceID), SQLBind(engine), SQLBind(ComputationJob.State.queued.rawValue), SQLBind("queued"),
                        SQLBind(Int64(0)), SQLBind(""), SQLBind(folder), SQLBind(createdBy), SQLBind(now), SQLBind(now)))
        }
        return try await job(id: id)!
    }

    public func job(id: Int64) async throws -> ComputationJob? {
        try await read { db in
            try await db.select().column("*").from("computation_jobs").where("id", .equal, id).first().map(Self.job)
        }
    }

    public func jobs(workspaceID: Int64) async throws -> [ComputationJob] {
        try await read { db in
            try await db.select().column("*").from("computation_jobs").where("workspace_id", .equal, workspaceID)
                .orderBy("id", .descending).all().map(Self.job)
        }
    }

    public func updateJobProgress(id: Int64, stage: String, done: Int64, total: Int64?) async throws {
        try await write { db in
            try await db.update("computation_jobs")
                .set("state", to: SQLBind(ComputationJob.State.running.rawValue)).set("stage", to: SQLBind(stage))
                .set("done", to: SQLBind(done)).set("total", to: SQLBind(total)).set("updated_at", to: SQLBind(Timestamp.now()))
                .where("id", .equal, id).where("state", .in, Self.unfinishedStates).run()
        }
    }

    public func finishJob(id: Int64, state: ComputationJob.State, message: String, runID: Int64?) async throws {
        try await write { db in
            try await db.update("computation_jobs")
                .set("state", to: SQLBind(state.rawValue)).set("message", to: SQLBind(message)).set("run_id", to: SQLBind(runID))
                .set("updated_at", to: SQLBind(Timestamp.now())).where("id", .equal, id).run()
        }
    }

    /// Jobs left queued or running by a server that stopped: marked failed, returned.
    public func failInterruptedJobs(message: String) async throws -> [ComputationJob] {
        let rows = try await write { db in
            try await db.update("computation_jobs")
                .set("state", to: SQLBind(ComputationJob.State.failed.rawValue)).set("message", to: SQLBind(message))
                .set("updated_at", to: SQLBind(Timestamp.now())).where("state", .in, Self.unfinishedStates).returning("*").all()
        }
        return try rows.map(Self.job)
    }

    /// A late progress report never reopens a finished job.
    static let unfinishedStates = [ComputationJob.State.queued.rawValue, ComputationJob.State.running.rawValue]

    static func job(_ row: any SQLRow) throws -> ComputationJob {
        ComputationJob(id: try row.int64("id"), workspaceID: try row.int64("workspace_id"), engine: try row.string("engine"),
                       state: ComputationJob.State(rawValue: try row.string("state")) ?? .failed, stage: try row.string("stage"),
                       done: try row.int64("done"), total: try row.decode(column: "total", as: Int64?.self),
                       message: try row.string("message"),
                       runID: try row.decode(column: "run_id", as: Int64?.self),
                       folder: try row.string("folder"),
                       createdBy: try row.decode(column: "created_by", as: Int64?.self),
                       createdAt: Timestamp.date(try row.string("created_at")), updatedAt: Timestamp.date(try row.string("updated_at")))
    }
}
