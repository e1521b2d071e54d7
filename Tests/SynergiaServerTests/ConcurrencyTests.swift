import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
@testable import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// Many people at once: saves and sign-ins that overlap must all be answered,
/// none with a server error, and no acknowledged save may be lost.
@Suite struct ConcurrencyTests {
    static let keys = ["focal_point_contact", "report_process", "report_consultation", "coordination_mechanism_description"]

    /// The suite runs beside many others on a busy machine: the gate may queue these
    /// requests for long, but must not shed them (shedding has its own tests).
    static var patientSettings: WebSettings {
        var settings = TestApp.fastSettings
        settings.maxQueueWait = .seconds(300)
        return settings
    }

    @Test(arguments: TestDatabase.kinds)
    func eightWritersSavingFiftyAnswersEachLoseNothing(kind: DatabaseKind) async throws {
        try await TestApp.with(kind, settings: Self.patientSettings) { client, app, _, _ in
            let token = try await app.token(.focalPoint)
            let writers = 8, saves = 50
            // Each writer saves as a client does: with the version it last saw, and after a
            // 409 again with the version the answer now has. Two writers share each key.
            let outcomes = try await withThrowingTaskGroup(of: (acknowledged: Int, stale: Int, other: [HTTPResponse.Status]).self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        let uri = "/api/reports/\(app.kenReport)/answers/\(Self.keys[writer % Self.keys.count])"
                        var version = 0, acknowledged = 0, stale = 0, other: [HTTPResponse.Status] = []
                        while acknowledged < saves && other.count < 5 && stale < 2_000 {
                            let body = #"{"value":{"en":"writer \#(writer), save \#(acknowledged)"},"version":\#(version)}"#
                            let response = try await client.execute(uri: uri, method: .put, headers: bearer(token), body: ByteBuffer(string: body))
                            switch response.status {
                            case .ok:
                                acknowledged += 1
                                version += 1
                            case .conflict:
                                stale += 1
                                let conflict = try JSONDecoder.iso8601.decode(StaleBody.self, from: Data(response.body.readableBytesView))
                                version = conflict.current?.version ?? 0
                            default:
                                other.append(response.status)
                            }
                        }
                        return (acknowledged, stale, other)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.flatMap(\.other).isEmpty, "statuses other than 200 and 409: \(outcomes.flatMap(\.other))")
            #expect(outcomes.map(\.acknowledged) == Array(repeating: saves, count: writers))
            // No acknowledged save was lost: each made a new version, 2 writers × 50 on each key.
            let answers = try await app.store.answers(reportID: app.kenReport)
            for key in Self.keys {
                let answer = try #require(answers.first { $0.key.description == key })
                #expect(answer.version == 2 * saves, "\(key) is at version \(answer.version)")
            }
        }
    }

    struct StaleBody: Decodable {
        struct Current: Decodable { var version: Int }
        var current: Current?
    }

    @Test(arguments: TestDatabase.kinds)
    func fortyConcurrentSignInsAllSucceed(kind: DatabaseKind) async throws {
        try await TestApp.with(kind, settings: Self.patientSettings) { client, app, _, _ in
            let people: [Persona] = [.viewer, .contributor, .reviewer, .focalPoint, .administrator, .secretariat]
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Bool).self) { group in
                for attempt in 0..<40 {
                    let email = app.users[people[attempt % people.count]]!.email
                    group.addTask {
                        let (headers, body) = form(nil, ["email": email, "password": TestApp.password, "next": "/"])
                        let response = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
                        return (response.status, response.headers[.setCookie]?.contains("synergia_session=") ?? false)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 40)
            #expect(statuses.allSatisfy { $0.0 == .seeOther && $0.1 }, "\(statuses.map { "\($0.0) \($0.1)" })")
        }
    }
}

/// The gate's bounds, step by step: runs up to its maximum, queues up to its
/// bound, refuses past it, and hands a turn on to the oldest waiting request.
@Suite struct RequestGateTests {
    @Test func admitsQueuesAndRefuses() async throws {
        let gate = RequestGate(maximumRunning: 1, maximumQueued: 1, maximumWait: .seconds(60))
        #expect(await gate.enter())
        let waiting = Task { await gate.enter() }
        while await gate.queuedCount == 0 { await Task.yield() }
        #expect(await gate.enter() == false, "past the queue bound the request is refused at once")
        #expect(await gate.shed == 1)
        await gate.leave()
        #expect(await waiting.value, "the turn passed to the queued request")
        #expect(await gate.runningCount == 1)
        await gate.leave()
        #expect(await gate.runningCount == 0)
    }

    @Test func aRequestWaitingPastTheLimitIsRefused() async throws {
        let gate = RequestGate(maximumRunning: 1, maximumQueued: 4, maximumWait: .milliseconds(20))
        #expect(await gate.enter())
        #expect(await gate.enter() == false, "the only turn is never released, so the wait runs out")
        #expect(await gate.shed == 1)
        #expect(await gate.queuedCount == 0)
        await gate.leave()
        #expect(await gate.enter(), "a released turn is free again")
    }
}
