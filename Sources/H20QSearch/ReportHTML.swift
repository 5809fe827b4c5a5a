import Foundation

/// The duplicate report as one self-contained HTML page (`h20q dupes --html FILE`), written as
/// the clusters stream: no network, no external files.
///
/// Each cluster is written as it comes: one line of the searchable list in an index block of
/// 1,000 clusters, and its members and word diffs in a JSON block of their own that the page
/// parses only when the cluster is opened. The page draws 100 clusters at a time, so 100,000
/// clusters cost the browser one pass over their titles, not 100,000 drawn diffs.
///
///     var page = ReportHTML(title: "Duplicates") { file.write($0) }
///     page.begin(); try page.add(cluster); try page.finish(sources: report, compilations: [])
public struct ReportHTML {
    private let title: String
    private let write: ([UInt8]) -> Void
    private var index: [IndexEntry] = []
    private var clusters = 0
    private var members = 0
    /// Similarities of the members to their canonical story, in bins of 0.05 (1.0 in the last).
    private var bins = [Int](repeating: 0, count: 20)
    private var threshold: Double

    /// Clusters per index block.
    static let indexBlock = 1000

    public init(title: String, threshold: Double = 0.8, write: @escaping ([UInt8]) -> Void) {
        self.title = title
        self.threshold = threshold
        self.write = write
    }

    public mutating func begin() {
        emit(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title))</title>
            <style>\(Self.style)</style>
            </head><body>
            <header><h1>\(Self.escape(title))</h1><p id="summary"></p></header>
            <nav><a href="#clusters">Clusters</a> <a href="#similarity">Similarity</a> <a href="#sources">Sources</a> <a href="#compilations">Compilations</a></nav>
            <section id="clusters"><h2>Clusters</h2>
            <input id="filter" type="search" placeholder="Filter by title, id or source" autocomplete="off">
            <p id="count"></p><ol id="list"></ol><div id="pager"></div></section>
            <div id="data">

            """)
    }

    /// One cluster: its line in the list, and its members and diffs for when it is opened.
    public mutating func add(_ cluster: ReportCluster) throws {
        let number = clusters
        clusters += 1
        members += cluster.cluster.members.count
        for member in cluster.cluster.members.dropFirst() {
            bins[min(19, max(0, Int(member.similarity * 20)))] += 1
        }
        let sources = Array(Set(cluster.cluster.members.compactMap(\.source))).sorted()
        index.append(
            IndexEntry(
                n: number, id: cluster.cluster.id, canonical: cluster.cluster.canonical,
                title: cluster.cluster.members.first?.title ?? "", size: cluster.cluster.members.count,
                sources: sources, ids: cluster.cluster.members.map(\.id)))
        emit("<script type=\"application/json\" id=\"c\(number)\">")
        emit(try Self.json(ClusterDetail(cluster)))
        emit("</script>\n")
        if index.count == Self.indexBlock { try flushIndex() }
    }

    /// The summary sections, the page's script, and the end of the page.
    public mutating func finish(sources: SourceReport, compilations: [CompilationEntry]) throws {
        try flushIndex()
        let summary = Summary(
            clusters: clusters, members: members, bins: bins, threshold: threshold, sources: sources,
            compilations: compilations)
        emit("<script type=\"application/json\" id=\"summary-data\">")
        emit(try Self.json(summary))
        emit(
            """
            </script>
            </div>
            <section id="similarity"><h2>Similarity of members to their canonical story</h2><div id="histogram"></div>
            <p class="note">The dashed line is the rule's threshold (\(threshold)); members below it joined through other stories of their cluster, or by containment.</p></section>
            <section id="sources"><h2>Sources: who republishes whom</h2><div id="source-chart"></div><div id="source-table"></div></section>
            <section id="compilations"><h2>Compilations</h2><div id="compilation-list"></div></section>
            <script>\(Self.script)</script>
            </body></html>

            """)
    }

    private mutating func flushIndex() throws {
        guard !index.isEmpty else { return }
        emit("<script type=\"application/json\" class=\"index\">")
        emit(try Self.json(index))
        emit("</script>\n")
        index.removeAll(keepingCapacity: true)
    }

    private func emit(_ text: String) { write(Array(text.utf8)) }

    /// JSON safe inside a `<script>` element: `<` only ever occurs in strings, as `\u003c`.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        return text.replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// Text safe in HTML.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A cluster's line in the searchable list.
    struct IndexEntry: Encodable {
        var n: Int
        var id: Int64
        var canonical: String
        var title: String
        var size: Int
        var sources: [String]
        var ids: [String]
    }

    struct Summary: Encodable {
        var clusters: Int
        var members: Int
        var bins: [Int]
        var threshold: Double
        var sources: SourceReport
        var compilations: [CompilationEntry]
    }
}
