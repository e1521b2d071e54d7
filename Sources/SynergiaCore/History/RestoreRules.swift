import Foundation

/// A restore refused because the value changed after the change being
/// restored: writing the old value back would silently undo the later edit.
/// Carries the value as it now stands, so the person can decide to overwrite it.
public struct StaleRestore: Error, Sendable, Equatable, CustomStringConvertible {
    public var change: ChangeRecord
    /// The subject's fields as they now stand; nil when it no longer exists.
    public var current: [String: HistoryValue]?

    public var description: String {
        let subject = RestoreRules.subjectName(change)
        guard let current else {
            return "\(subject) was removed after change \(change.id)"
        }
        guard let after = change.after else {
            let values = HistoryFields.ordered(Set(current.keys)).map { "\($0) \(current[$0]!.display())" }.joined(separator: ", ")
            return "\(subject) was recorded again after change \(change.id) removed it; it is now \(values)"
        }
        var differing = HistoryFields.ordered(Set(after.keys)).filter { current[$0] != after[$0] }
        // A file's checksum and row say little beside a value that changed; alone, they are the news.
        if differing.count > 1 { differing.removeAll { $0 == "reference" } }
        let values = differing.map { "\($0) is now \((current[$0] ?? .null).display()), not \(after[$0]!.display())" }.joined(separator: "; ")
        return "\(subject) changed after change \(change.id): \(values)"
    }
}

/// Whether a change can be written back, given its subject as it now stands.
public enum RestoreRules {
    /// Refuses a change whose subject was deleted since, the creation of a
    /// target (restoring it would delete the target), and — unless `force` —
    /// a subject changed after the change (`StaleRestore`).
    public static func check(_ change: ChangeRecord, current: [String: HistoryValue]?, targetExists: Bool, force: Bool) throws {
        let subject = subjectName(change)
        if change.subject != .observation, !targetExists {
            throw DomainError.notFound("\(subject) cannot be restored: national target \(targetCode(change)) no longer exists")
        }
        if change.subject == .nationalTarget, change.before == nil {
            throw DomainError.invalid("change \(change.id) created national target \(change.key); restoring it would delete the target, so restore one of its later changes instead")
        }
        if let after = change.after {
            guard let current else {
                throw DomainError.notFound("\(subject) was deleted after change \(change.id); restore the change that deleted it to bring it back")
            }
            if force { return }
            if after.contains(where: { current[$0.key] != $0.value }) { throw StaleRestore(change: change, current: current) }
        } else if current != nil, !force {
            throw StaleRestore(change: change, current: current)
        }
    }

    /// How a message names the subject: `national target KEN-T1`, `the alignment of KEN-T1 to GBF-3`,
    /// `the 2020 value of GBF-3.1 (realm=land)`.
    public static func subjectName(_ change: ChangeRecord) -> String {
        switch change.subject {
        case .nationalTarget:
            return "national target \(change.key)"
        case .alignment:
            return "the alignment of \(targetCode(change)) to \(HistoryFields.globalTarget(ofAlignmentKey: change.key))"
        case .observation:
            let parts = change.key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { return "observation \(change.key)" }
            return "the \(parts[2]) value of \(parts[0])\(parts[1].isEmpty ? "" : " (\(parts[1]))")"
        }
    }

    /// The national target a target or alignment change belongs to.
    public static func targetCode(_ change: ChangeRecord) -> String {
        change.subject == .alignment ? String(change.key.split(separator: "|").first ?? "") : change.key
    }
}
