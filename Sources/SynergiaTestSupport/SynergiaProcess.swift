import Foundation

/// The built `synergia` binary run as a user runs it: exit status, standard output and error.
public enum SynergiaProcess {
    public struct Run: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// `SYNERGIA_CLI` when set, else the debug build of this checkout.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["SYNERGIA_CLI"] { return URL(fileURLWithPath: path) }
        return TestDatabase.dataDirectory.deletingLastPathComponent().appendingPathComponent(".build/debug/synergia")
    }

    /// Runs `synergia arguments` on `database` with the environment's variables plus `environment`
    /// (the data folder is the checkout's `data/` unless given), `input` on its standard input.
    public static func run(_ arguments: [String], database: String, environment: [String: String] = [:], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["SYNERGIA_DATABASE_URL"] = database
        variables["SYNERGIA_DATA_DIR"] = TestDatabase.dataDirectory.path
        variables.merge(environment) { _, given in given }
        process.environment = variables
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
