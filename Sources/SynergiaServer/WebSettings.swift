import Foundation

/// Server settings from `SYNERGIA_*` variables (README, configuration table).
public struct WebSettings: Sendable {
    /// A session ends after this long without a request…
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    /// …and this long after sign-in in any case.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// bcrypt cost (2^cost rounds). 12 takes ~0.3 s on a server core.
    public var bcryptCost: UInt8 = 12
    /// Base of the links printed for invitations (no mail server: people are handed the link).
    public var publicURL = "http://127.0.0.1:8080"
    /// Cookies get `Secure` when served over TLS (`https` public URL), or always when set.
    public var secureCookies = false
    public var maxUploadBytes = 20_000_000
    /// WDPA extracts and raster stacks sent to the computations page.
    public var maxDataUploadBytes = 2_000_000_000
    /// The reference data folder (the knowledge base's thesaurus is read from it).
    public var dataDirectory = URL(fileURLWithPath: "data", isDirectory: true)
    /// Where computation jobs keep their uploaded inputs and their outputs.
    public var jobsFolder = URL(fileURLWithPath: "var/jobs", isDirectory: true)
    /// Where files attached to answers are kept; nil: `SYNERGIA_ATTACHMENTS_DIR`, else beside the
    /// SQLite database, else `var/attachments` (`AttachmentFiles.directory`).
    public var attachmentsDirectory: URL?
    /// Failed logins allowed per account and per address within `loginWindow`.
    public var loginFailuresPerAccount = 5
    public var loginFailuresPerAddress = 20
    public var loginWindow: TimeInterval = 15 * 60
    /// How long an invitation or password link stays valid.
    public var passwordLinkLifetime: TimeInterval = 7 * 24 * 3600
    /// Requests handled at once; more wait in a queue of `maxQueuedRequests` for at
    /// most `maxQueueWait`, and past either bound are answered 503 with `Retry-After`.
    public var maxConcurrentRequests = 16
    public var maxQueuedRequests = 64
    public var maxQueueWait: Duration = .seconds(2)

    public init() {}

    /// The settings of this process: defaults overridden by `SYNERGIA_*` variables.
    public static func fromEnvironment() -> WebSettings { WebSettings(environment: ProcessInfo.processInfo.environment) }

    public init(environment: [String: String]) {
        self.init()
        if let m = environment["SYNERGIA_SESSION_IDLE_MINUTES"].flatMap(Double.init) { sessionIdleTimeout = m * 60 }
        if let h = environment["SYNERGIA_SESSION_HOURS"].flatMap(Double.init) { sessionLifetime = h * 3600 }
        if let c = environment["SYNERGIA_BCRYPT_COST"].flatMap(UInt8.init) { bcryptCost = min(max(c, 4), 31) }
        if let url = environment["SYNERGIA_PUBLIC_URL"] { publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url }
        secureCookies = environment["SYNERGIA_SECURE_COOKIES"] == "1" || publicURL.hasPrefix("https://")
        if let mb = environment["SYNERGIA_MAX_UPLOAD_MB"].flatMap(Int.init) { maxUploadBytes = mb * 1_000_000 }
        if let mb = environment["SYNERGIA_MAX_DATA_UPLOAD_MB"].flatMap(Int.init) { maxDataUploadBytes = mb * 1_000_000 }
        if let folder = environment["SYNERGIA_DATA_DIR"], !folder.isEmpty { dataDirectory = URL(fileURLWithPath: folder, isDirectory: true) }
        if let folder = environment["SYNERGIA_JOBS_DIR"], !folder.isEmpty { jobsFolder = URL(fileURLWithPath: folder, isDirectory: true) }
        if let n = environment["SYNERGIA_MAX_CONCURRENT_REQUESTS"].flatMap(Int.init), n > 0 { maxConcurrentRequests = n }
        if let n = environment["SYNERGIA_MAX_QUEUED_REQUESTS"].flatMap(Int.init), n >= 0 { maxQueuedRequests = n }
        if let ms = environment["SYNERGIA_MAX_QUEUE_WAIT_MS"].flatMap(Int.init), ms > 0 { maxQueueWait = .milliseconds(ms) }
    }

    public func passwordLink(_ token: String) -> String { "\(publicURL)/set-password?token=\(token)" }
}
