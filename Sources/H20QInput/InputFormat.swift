import Foundation

/// How a file's stories are written.
public enum InputFormat: String, Sendable, CaseIterable {
    case jsonLines = "jsonl"
    case json
    case text
    case markdown
    case html
    case feed

    /// The format a file name implies, looking through a `.gz` suffix; nil when unknown.
    ///
    ///     InputFormat(path: "wire/2025-08.jsonl.gz") -> .jsonLines
    public init?(path: String) {
        var name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        if name.hasSuffix(".gz") { name.removeLast(3) }
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "jsonl", "ndjson": self = .jsonLines
        case "json": self = .json
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml": self = .html
        case "xml", "rss", "atom": self = .feed
        default: return nil
        }
    }

    /// Reads every story of `input`, handing each (or each problem) to `emit`. A problem that
    /// spoils the whole file is thrown.
    func read(_ input: ByteReader, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        switch self {
        case .jsonLines: try JSONLinesReader.read(input, emit: emit)
        case .json: try JSONDocumentReader.read(input, emit: emit)
        case .text: try TextReader.read(input, markdown: false, emit: emit)
        case .markdown: try TextReader.read(input, markdown: true, emit: emit)
        case .html: try HTMLReader.read(input, emit: emit)
        case .feed: try FeedReader.read(input, emit: emit)
        }
    }
}
