import Foundation
import SynergiaCore

/// Who makes a change and through which channel.
public struct ChangeContext: Sendable, Equatable {
    public var userID: Int64?
    public var channel: AnswerChannel
    public var fileSHA256: String?
    public var at: Date
    /// Kept with a target or series change in the history: the file imported, the run, the change restored.
    public var note: String?

    public init(userID: Int64?, channel: AnswerChannel, fileSHA256: String? = nil, at: Date = Date(), note: String? = nil) {
        self.userID = userID
        self.channel = channel
        self.fileSHA256 = fileSHA256
        self.at = at
        self.note = note
    }
}
