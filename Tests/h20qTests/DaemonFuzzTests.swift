import Foundation
import H20QFixtures
import H20QServer
import Synchronization
import Testing

/// The daemon under a few seconds of hostile requests on raw connections (`RequestFuzzer`,
/// a fixed seed): every answer is an HTTP response with a status under 500 and a JSON body
/// (or the connection is closed without one), no connection hangs, and the daemon still
/// answers afterwards.
@Suite(.serialized)
struct DaemonFuzzTests {
    static let seed: UInt64 = 0x4832_3051_4655_5a5a
    static let cases = 480
    /// Connections open at once: the timeouts some cases run into overlap.
    static let workers = 8
    /// Longest a connection may stay silent and open: several times the daemon's own clocks.
    static let patience = 5.0

    /// What the connections saw, tallied across workers.
    private struct Tally {
        var responses = 0
        var statuses: [Int: Int] = [:]
        var closedWithoutAnswer = 0
        var failures: [String] = []
    }

    @Test func hostileRequestsGetNoServerErrorAndTheDaemonSurvives() throws {
        let folder = try ingestedSample()
        // Short clocks, so that the cases that stall end within the test's few seconds.
        let daemon = try ServingDaemon(
            index: folder.index, arguments: ["--read-timeout", "0.25", "--idle-timeout", "0.5"])
        var fuzzer = RequestFuzzer(seed: Self.seed)
        let cases = (0..<Self.cases).map { _ in fuzzer.next() }
        let tally = Mutex(Tally())
        let socket = daemon.socket
        // Threads of their own: concurrentPerform would run only as many as there are cores,
        // and these mostly wait.
        let group = DispatchGroup()
        for worker in 0..<Self.workers {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for number in stride(from: worker, to: cases.count, by: Self.workers) {
                    let outcome = Self.run(cases[number], number: number, socket: socket)
                    tally.withLock { total in
                        total.responses += outcome.responses.count
                        for response in outcome.responses { total.statuses[response.status, default: 0] += 1 }
                        if outcome.responses.isEmpty { total.closedWithoutAnswer += 1 }
                        total.failures += outcome.failures
                    }
                }
            }
        }
        group.wait()
        let result = tally.withLock { $0 }
        let summary = result.statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        print(
            "fuzz: \(cases.count) connections, \(result.responses) responses (\(summary.joined(separator: ", "))), "
                + "\(result.closedWithoutAnswer) closed without an answer")
        #expect(result.failures.isEmpty, "\(result.failures.count) failures: \(result.failures.prefix(20))")
        // Most connections end in a request the daemon can answer: the run must show it did.
        #expect(result.responses >= cases.count / 2)
        #expect(result.statuses[200, default: 0] > 0 && result.statuses[400, default: 0] > 0)
        #expect(daemon.process.isRunning)
        let health = try daemon.client().get("/v1/health")
        #expect(health.status == 200)
        #expect(try json(health.text)["status"] as? String == "ok")
    }

    /// One connection: the case's pieces sent, everything read back until the daemon closes.
    private static func run(_ fuzz: RequestFuzzer.Case, number: Int, socket: String) -> (
        responses: [RawConnection.Response], failures: [String]
    ) {
        let sent = String(decoding: fuzz.pieces.flatMap { $0 }.prefix(100), as: UTF8.self)
        let label = "case \(number) (\(fuzz.kind), \(sent.debugDescription))"
        let connection: RawConnection
        do {
            connection = try RawConnection(socket: socket, timeout: patience)
        } catch {
            return ([], ["\(label): \(error)"])
        }
        for piece in fuzz.pieces where !connection.send(piece) { break }
        let (bytes, timedOut) = connection.receiveUntilClosed()
        var failures: [String] = []
        if timedOut { failures.append("\(label): neither answered nor closed within \(patience) s") }
        let parsed = RawConnection.responses(in: bytes, bodiless: fuzz.bodiless)
        if let problem = parsed.problem { failures.append("\(label): \(problem)") }
        for (index, response) in parsed.responses.enumerated() {
            let text = String(decoding: response.body.prefix(200), as: UTF8.self)
            if response.status >= 500 { failures.append("\(label): response \(index) is \(response.status): \(text)") }
            if response.headers["content-type"] != "application/json" {
                failures.append(
                    "\(label): response \(index) has Content-Type \(response.headers["content-type"] ?? "none")")
            }
            if response.status >= 400 && !fuzz.bodiless.contains(index) {
                let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                let error = object?["error"] as? [String: Any]
                if !(error?["code"] is String && error?["message"] is String) {
                    failures.append("\(label): response \(index) (\(response.status)) is not the error shape: \(text)")
                }
            }
        }
        return (parsed.responses, failures)
    }
}
