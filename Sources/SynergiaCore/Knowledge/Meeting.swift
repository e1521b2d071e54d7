/// A session of a governing or subsidiary body: CBD COP 15, SBSTTA 24,
/// Ramsar COP 14. Decisions belong to the meeting that adopted them.
public struct Meeting: Codable, Sendable, Equatable {
    public var id: Int64?
    /// Convention code as in the reference data: `CBD`, `RAMSAR`, `UNCCD`, …
    public var convention: String
    /// The body that met: `COP`, `SBSTTA`, `SBI`, `CP-MOP`, …
    public var body: String
    public var session: Int?
    public var place: String?
    /// `YYYY-MM-DD`.
    public var startDate: String?
    public var endDate: String?

    public init(id: Int64? = nil, convention: String, body: String, session: Int? = nil, place: String? = nil,
                startDate: String? = nil, endDate: String? = nil) {
        self.id = id
        self.convention = convention
        self.body = body
        self.session = session
        self.place = place
        self.startDate = startDate
        self.endDate = endDate
    }
}
