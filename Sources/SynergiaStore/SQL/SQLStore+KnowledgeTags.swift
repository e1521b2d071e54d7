import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    /// Stores tags in one transaction. A manual tag replaces a suggestion of the
    /// same term; a suggestion never replaces a manual tag. Returns how many were added.
    @discardableResult
    public func addTags(_ tags: [KnowledgeTag]) async throws -> Int {
        try await write { db in
            var added = 0
            for tag in tags {
                guard try await db.select().column("id").from("kb_paragraphs").where("id", .equal, tag.paragraphID).first() != nil else {
                    throw DomainError.notFound("paragraph \(tag.paragraphID) does not exist")
                }
                let existing = try await db.select().column("source").from("kb_paragraph_tags")
                    .where("paragraph_id", .equal, tag.paragraphID).where("term", .equal, tag.term).first()
                if let existing {
                    guard tag.source == .manual, try existing.string("source") != KnowledgeTag.Source.manual.rawValue else { continue }
                    try await db.update("kb_paragraph_tags").set("source", to: SQLBind(tag.source.rawValue)).set("reason", to: SQLBind(tag.reason))
                        .where("paragraph_id", .equal, tag.paragraphID).where("term", .equal, tag.term).run()
                    continue
                }
                try await db.insert(into: "kb_paragraph_tags").columns("paragraph_id", "term", "source", "reason", "created_at")
                    .values(SQLBind(tag.paragraphID), SQLBind(tag.term), SQLBind(tag.source.rawValue), SQLBind(tag.reason),
                            SQLBind(Timestamp.string(tag.createdAt))).run()
                added += 1
            }
            return added
        }
    }

    public func removeTag(paragraphID: Int64, term: String) async throws {
        try await write { db in
            try await db.delete(from: "kb_paragraph_tags").where("paragraph_id", .equal, paragraphID).where("term", .equal, term).run()
        }
    }

    public func tags(paragraphIDs: [Int64]) async throws -> [Int64: [KnowledgeTag]] {
        guard !paragraphIDs.isEmpty else { return [:] }
        let rows = try await read { db in
            try await db.select().column("*").from("kb_paragraph_tags").where("paragraph_id", .in, paragraphIDs)
                .orderBy("paragraph_id").orderBy("term").all()
        }
        var result: [Int64: [KnowledgeTag]] = [:]
        for row in rows {
            let tag = KnowledgeTag(paragraphID: try row.int64("paragraph_id"), term: try row.string("term"),
                                   source: KnowledgeTag.Source(rawValue: try row.string("source")) ?? .suggested,
                                   reason: try row.string("reason"), createdAt: Timestamp.date(try row.string("created_at")))
            result[tag.paragraphID, default: []].append(tag)
        }
        return result
    }

    /// Paragraphs tagged with any of `terms`, in any language.
    public func paragraphIDs(taggedWith terms: [String]) async throws -> [Int64] {
        guard !terms.isEmpty else { return [] }
        return try await read { db in
            try await db.select().column("paragraph_id").from("kb_paragraph_tags").where("term", .in, terms)
                .orderBy("paragraph_id").all().map { try $0.int64("paragraph_id") }
        }
    }

    /// Paragraphs as search hits (the start of the text, nothing marked), for
    /// results found through their tags rather than their words.
    public func knowledgeHits(paragraphIDs: [Int64]) async throws -> [KnowledgeSearchHit] {
        guard !paragraphIDs.isEmpty else { return [] }
        let rows = try await read { db in
            try await db.raw("SELECT \(unsafeRaw: KnowledgeSearchSQL.hitColumns) FROM kb_paragraphs p JOIN kb_documents d ON d.id = p.document_id "
                             + "WHERE p.id IN (\(binds: paragraphIDs)) ORDER BY p.id").all()
        }
        return try rows.map { row in
            try Self.knowledgeHit(row, snippet: .plain(try row.string("text")), score: 0)
        }
    }
}
