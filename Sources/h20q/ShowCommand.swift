import ArgumentParser
import Foundation
import H20QInput
import H20QSearch
import H20QServer
import H20QStore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a story by id, with its exact copies and its cluster.",
        discussion: "Any id works, including that of a copy folded into another story.")

    @OptionGroup var options: IndexOptions

    @OptionGroup var daemon: DaemonOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: "Story id.")
    var id: String

    func run() throws {
        let bytes = try answer()
        if json {
            JSONOutput.write(bytes)
            return
        }
        // The text is drawn from the JSON on both paths, so that it is the same on both: metadata
        // numbers and nested objects as JSON has them.
        let detail = try JSONDecoder().decode(StoryDetail.self, from: Data(bytes))
        let style = Style.standardOutput
        var lines = [style.bold(detail.title)]
        lines.append(
            style.dim(
                [detail.id, detail.source ?? "unknown source", detail.published ?? "undated"].joined(separator: " · ")))
        if let url = detail.url { lines.append(style.dim(url)) }
        lines.append(style.dim("read from \(detail.origin)"))
        // An exact copy shows the words it shares with its story, in the wording they came in.
        if let wording = detail.wording, !wording.isSameID(detail.id) {
            lines.append(style.dim("text as worded by \(wording)"))
        } else if detail.wording == nil {
            lines.append(style.dim("text as worded by a copy since replaced"))
        }
        if !detail.body.isEmpty { lines += ["", detail.body] }
        if case .object(let members)? = detail.metadata, !members.isEmpty {
            lines.append("")
            for member in members.sorted(by: { $0.key < $1.key }) {
                let value: String
                if case .string(let text) = member.value { value = text } else { value = member.value.serialized }
                lines.append("\(member.key): \(value)")
            }
        }
        if !detail.sightings.isEmpty {
            lines += ["", style.bold("Exact copies (\(detail.sightings.count))")]
            for copy in detail.sightings {
                lines.append("  \(copy.id) · \(copy.source ?? "unknown source") · \(copy.published.day)")
            }
        }
        for (heading, list) in [("Contains", detail.contains), ("Contained in", detail.containedIn)] where !list.isEmpty
        {
            lines += ["", style.bold("\(heading) (\(list.count), containment)")]
            for item in list { lines.append("  \(decimal(item.containment))  \(item.id)  \(item.title)") }
        }
        if detail.cluster.members.count > 1 {
            lines += [
                "",
                style.bold(
                    "Cluster \(detail.cluster.id) (\(detail.cluster.members.count) members, similarity to the canonical one)"
                ),
            ]
            lines += ClusterTable.rows(detail.cluster, marking: detail.id)
        }
        Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
    }

    /// The story's JSON: the daemon's when it answers, else read here.
    private func answer() throws -> [UInt8] {
        let missing = { fail("no story with id \"\(id)\"", status: ExitStatus.partial) }
        var client: DaemonClient?
        if let reply = daemon.ask("/v1/stories/" + DaemonClient.encode(id), index: options.location, client: &client) {
            if reply.status == 200 { return reply.body }
            if reply.status == 404, errorCode(reply) == "not_found" { throw missing() }
        }
        let store = try options.open(.readOnly)
        let detail: StoryDetail?
        do {
            detail = try store.story(id: id)
        } catch {
            throw fail(error.message)
        }
        guard let detail else { throw missing() }
        return try JSONBody.encode(detail)
    }
}
