import ArgumentParser
import Foundation
import H20QSearch
import H20QServer
import H20QStore
import Synchronization

/// Query latency and throughput, in one run: the same searches through h20q's search API in
/// this process (`StoryStore.search`) and through a running daemon's socket, one keep-alive
/// client, then several at once. `Scripts/bench-query` starts the daemon and reads its memory.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Search latency in-process and through a daemon's socket; daemon throughput with N clients.")

    @Option(help: "The index (the daemon must serve the same one).")
    var index: String

    @Option(help: "The daemon's socket.")
    var socket: String

    @Option(help: "Passes over the queries for the latency comparison (each pass: in-process, then socket).")
    var passes = 20

    @Option(help: "Client counts for the throughput runs, comma-separated.")
    var clients = "1,8,64"

    @Option(help: "Seconds of throughput runs per client count, split over the rounds.")
    var seconds = 10.0

    @Option(help: "Rounds of throughput runs: every client count once a round.")
    var rounds = 5

    func validate() throws {
        guard rounds >= 1, seconds > 0 else {
            throw ValidationError("--rounds must be at least 1 and --seconds above 0")
        }
    }

    func run() throws {
        let queries = BenchQuery.reuters
        let location = IndexLocation(folder: index)
        let store = try StoryStore.open(location, mode: .readOnly)
        let requests = try queries.map { query in
            let dates = try SearchDates.parse(since: query.since, until: nil, names: ("since", "until"))
            return SearchRequest(query: query.query, source: query.source, since: dates.since)
        }
        let client = DaemonClient(socket: socket)
        // Both paths must give the same answers, else the comparison means nothing.
        for (query, request) in zip(queries, requests) {
            let direct = try store.search(request)
            let reply = try client.get(query.target)
            guard reply.status == 200, reply.body == (try JSONBody.encode(direct)) else {
                throw ValidationError("the daemon's answer to \(query.target) differs from the API's (\(reply.status))")
            }
        }
        let stories = try store.stats().sightings
        print("index: \(stories) sightings; \(queries.count) queries in \(Set(queries.map(\.kind)).count) classes")

        // Latency: passes alternate between the two paths, so that load from elsewhere on
        // the machine falls on both alike.
        var inProcess: [String: [Double]] = [:]
        var encoding: [String: [Double]] = [:]
        var viaSocket: [String: [Double]] = [:]
        for _ in 0..<passes {
            for (query, request) in zip(queries, requests) {
                let started = ContinuousClock.now
                let results = try store.search(request)
                inProcess[query.kind, default: []].append(Latency.milliseconds(since: started))
                // The JSON the daemon sends, timed apart: part of what the socket adds.
                let encodingStarted = ContinuousClock.now
                _ = try JSONBody.encode(results)
                encoding[query.kind, default: []].append(Latency.milliseconds(since: encodingStarted))
            }
            for query in queries {
                let started = ContinuousClock.now
                let reply = try client.get(query.target)
                viaSocket[query.kind, default: []].append(Latency.milliseconds(since: started))
                guard reply.status == 200 else { throw ValidationError("\(query.target): \(reply.status)") }
            }
        }
        print("\nlatency, \(passes) alternating passes (ms; socket = one keep-alive client, whole round trip;")
        print("JSON = encoding the answer as the daemon does, not counted in-process)")
        print(Latency.row(["class", "in-process p50", "p99", "socket p50", "p99", "p50 ratio", "JSON p50"]))
        var kinds: [String] = []
        for query in queries where !kinds.contains(query.kind) { kinds.append(query.kind) }
        for kind in kinds + ["all"] {
            let mine = kind == "all" ? inProcess.values.flatMap { $0 } : inProcess[kind] ?? []
            let theirs = kind == "all" ? viaSocket.values.flatMap { $0 } : viaSocket[kind] ?? []
            let json = kind == "all" ? encoding.values.flatMap { $0 } : encoding[kind] ?? []
            let (a, b) = (Latency.percentile(mine, 0.5), Latency.percentile(theirs, 0.5))
            print(
                Latency.row([
                    kind, Latency.format(a), Latency.format(Latency.percentile(mine, 0.99)), Latency.format(b),
                    Latency.format(Latency.percentile(theirs, 0.99)), String(format: "%.2f", b / a),
                    Latency.format(Latency.percentile(json, 0.5)),
                ]))
        }
        let ratio =
            Latency.percentile(viaSocket.values.flatMap { $0 }, 0.5)
            / Latency.percentile(inProcess.values.flatMap { $0 }, 0.5)
        print(String(format: "socket p50 / in-process p50: %.2f (target <= 1.3)", ratio))
        // What the socket costs with no search behind it: the round trip of /v1/health.
        var floor: [Double] = []
        for _ in 0..<(passes * 10) {
            let started = ContinuousClock.now
            _ = try client.get("/v1/health")
            floor.append(Latency.milliseconds(since: started))
        }
        print(
            "round trip with no search (/v1/health, \(floor.count) times): p50 \(Latency.format(Latency.percentile(floor, 0.5))) ms, p99 \(Latency.format(Latency.percentile(floor, 0.99))) ms"
        )

        // Throughput: short runs of each client count in turn, round after round, so that a
        // burst of load from elsewhere on this shared machine hits every count alike; each
        // count's rate is the median of its rounds. The same searches on 1 and 2 threads in
        // this process, in the same rounds, show what the cores give without any socket.
        let counts = clients.split(separator: ",").compactMap { Int($0) }
        let runs = counts.map { Run.socket($0) } + [.inProcess(1), .inProcess(2)]
        var rates: [Run: [Double]] = [:]
        var latencies: [Run: [Double]] = [:]
        for _ in 0..<rounds {
            for run in runs {
                let (rate, times) = try Self.throughput(
                    run, queries: queries, requests: requests, store: store, socket: socket,
                    seconds: seconds / Double(rounds))
                rates[run, default: []].append(rate)
                latencies[run, default: []] += times
            }
        }
        print("\nthroughput, \(rounds) interleaved rounds of \(seconds / Double(rounds)) s per run")
        print("(each client its own keep-alive connection, queries in turn; queries/s is the median round)")
        print(Latency.row(["run", "queries/s", "rounds min", "max", "p50 ms", "p99 ms", "vs 1"]))
        for run in runs {
            let rate = Latency.percentile(rates[run] ?? [], 0.5)
            let times = latencies[run] ?? []
            let one = rates[run.single].map { Latency.percentile($0, 0.5) }
            let versus = one.map { String(format: "%.2fx", rate / $0) } ?? "-"
            print(
                Latency.row(
                    [
                        run.name, String(format: "%.0f", rate), String(format: "%.0f", rates[run]?.min() ?? 0),
                        String(format: "%.0f", rates[run]?.max() ?? 0), Latency.format(Latency.percentile(times, 0.5)),
                        Latency.format(Latency.percentile(times, 0.99)), versus,
                    ], first: 22) + (run == .socket(8) ? "  (target >= 1.8x)" : ""))
        }
    }

    /// A throughput run: clients of the daemon, or threads searching in this process.
    enum Run: Hashable {
        case socket(Int)
        case inProcess(Int)

        var name: String {
            switch self {
            case .socket(let clients): "\(clients) client\(clients == 1 ? "" : "s")"
            case .inProcess(let threads): "in-process, \(threads) thread\(threads == 1 ? "" : "s")"
            }
        }

        var threads: Int {
            switch self {
            case .socket(let count), .inProcess(let count): count
            }
        }

        /// The run with one client or thread that this one is compared with.
        var single: Run {
            switch self {
            case .socket: .socket(1)
            case .inProcess: .inProcess(1)
            }
        }
    }

    /// `run.threads` threads, each asking in turn (from its own place in the list) until
    /// `seconds` are up, through its own connection or the store (encoding the answer as the
    /// daemon does): queries answered a second, and every latency.
    private static func throughput(
        _ run: Run, queries: [BenchQuery], requests: [SearchRequest], store: StoryStore, socket: String,
        seconds: Double
    ) throws -> (Double, [Double]) {
        let latencies = Mutex<[Double]>([])
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        for number in 0..<run.threads {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let client = DaemonClient(socket: socket)
                var mine: [Double] = []
                var next = number * 7 % queries.count
                while ContinuousClock.now < deadline {
                    let started = ContinuousClock.now
                    do {
                        switch run {
                        case .socket:
                            let reply = try client.get(queries[next].target)
                            guard reply.status == 200 else {
                                throw DaemonClient.Failure.broken("status \(reply.status)")
                            }
                        case .inProcess:
                            _ = try JSONBody.encode(try store.search(requests[next]))
                        }
                    } catch {
                        failures.withLock { $0.append("\(queries[next].target): \(error)") }
                        return
                    }
                    mine.append(Latency.milliseconds(since: started))
                    next = (next + 1) % queries.count
                }
                latencies.withLock { $0 += mine }
            }
        }
        group.wait()
        let elapsed = Latency.milliseconds(since: start) / 1000
        if let failure = failures.withLock({ $0.first }) { throw ValidationError("a run failed: \(failure)") }
        let all = latencies.withLock { $0 }
        return (Double(all.count) / elapsed, all)
    }
}
