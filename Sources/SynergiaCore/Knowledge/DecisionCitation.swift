import Foundation

/// A decision paragraph that a report answer addresses, as the report cites
/// it: where to read it, and what the workspace did about it.
public struct DecisionCitation: Codable, Sendable, Equatable {
    public var paragraphID: Int64
    public var documentID: Int64
    public var symbol: String?
    public var label: String?
    public var status: DecisionTracking.Status
    public var responsible: String

    public init(paragraphID: Int64, documentID: Int64, symbol: String?, label: String?, status: DecisionTracking.Status, responsible: String) {
        self.paragraphID = paragraphID; self.documentID = documentID; self.symbol = symbol; self.label = label
        self.status = status; self.responsible = responsible
    }

    /// `CBD/COP/DEC/15/4 para. 2 (in progress)`, for exports.
    public var text: String {
        [symbol, label.map { "para. \($0.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))" }].compactMap { $0 }.joined(separator: " ")
            + " (\(status.rawValue.replacingOccurrences(of: "_", with: " ")))"
    }
}
