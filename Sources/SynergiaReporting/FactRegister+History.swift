import Foundation
import SynergiaCore
import SynergiaStore

extension FactRegister {
    /// Every change of one fact, newest first: who, when, through which channel,
    /// the value before and after, and the report it was saved in.
    public func history(workspaceID: Int64, fact: FactKey) async throws -> [FactChange] {
        guard catalog.concepts[fact.concept] != nil else {
            throw DomainError.notFound("concept '\(fact.concept)' is not a concept of this installation; the facts list shows the concepts and their entries")
        }
        try await seed(workspaceID: workspaceID)
        return try await store.factHistory(workspaceID: workspaceID, key: fact).reversed()
    }

    /// The changes of every fact of the workspace, newest first, read at once for the facts
    /// page after `entries`, which has filled the register from the reports if it had to.
    public func histories(workspaceID: Int64) async throws -> [FactKey: [FactChange]] {
        Dictionary(grouping: try await store.factHistory(workspaceID: workspaceID).reversed(), by: \.key)
    }
}
