/// A parse failure, pointing at the character a template author has to look at.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based offset, counted in characters (not bytes), into the source.
    public var position: Int
    public var message: String

    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }

    public var description: String { "at character \(position): \(message)" }
}
