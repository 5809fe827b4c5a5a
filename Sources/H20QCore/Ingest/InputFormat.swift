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

extension InputFile {
    /// Reads every story of the file, handing each story or problem to `emit` in order with
    /// the bytes read from disk so far. Returns the bytes read from disk.
    @discardableResult
    public func read(emit: (ReaderEvent, _ bytesRead: Int) -> Void) -> Int {
        let input: ByteReader
        do throws(InputProblem) {
            input = try ByteReader(path: path)
        } catch {
            emit(.problem(error), 0)
            return 0
        }
        do throws(InputProblem) {
            try format.read(input) { emit($0, input.bytesRead) }
        } catch {
            emit(.problem(error), input.bytesRead)
        }
        return input.bytesRead
    }
}

/// One file to read, and how.
public struct InputFile: Sendable, Equatable {
    public var path: String
    public var format: InputFormat
    /// Bytes on disk (nil for standard input): for progress.
    public var size: Int?
}

/// Expands the paths given on the command line into files: folders recursively, in name
/// order, hidden entries skipped; `-` is standard input (JSON Lines unless a format is forced).
public enum InputFiles {
    public struct Expansion: Sendable {
        public var files: [InputFile] = []
        /// Files in folders whose format could not be told from the name.
        public var skipped: [String] = []
        public var problems: [InputProblem] = []
    }

    public static func expand(_ paths: [String], format forced: InputFormat?) -> Expansion {
        var expansion = Expansion()
        for path in paths {
            if path == "-" {
                expansion.files.append(InputFile(path: "-", format: forced ?? .jsonLines, size: nil))
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                expansion.problems.append(
                    InputProblem(InputLocation(path: path), "cannot open: \(ByteReader.errnoText())"))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var visited = Set<FolderIdentity>()
                walk(folder: path, forced: forced, visited: &visited, into: &expansion)
            } else if let format = forced ?? InputFormat(path: path) {
                expansion.files.append(InputFile(path: path, format: format, size: Int(info.st_size)))
            } else {
                expansion.problems.append(
                    InputProblem(
                        InputLocation(path: path),
                        "unknown format (not .jsonl .ndjson .json .txt .md .html .htm .xml .rss .atom, or .gz of one); use --format"
                    ))
            }
        }
        return expansion
    }

    /// A folder as the file system knows it, so that links back up the tree are walked once.
    private struct FolderIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private static func walk(
        folder: String, forced: InputFormat?, visited: inout Set<FolderIdentity>, into expansion: inout Expansion
    ) {
        var info = stat()
        guard stat(folder, &info) == 0,
            visited.insert(FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted
        else { return }
        guard let directory = opendir(folder) else {
            expansion.problems.append(
                InputProblem(InputLocation(path: folder), "cannot open folder: \(ByteReader.errnoText())"))
            return
        }
        var names = [String]()
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(directory)
        for name in names.sorted() {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(folder: path, forced: forced, visited: &visited, into: &expansion)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                if let format = forced ?? InputFormat(path: path) {
                    expansion.files.append(InputFile(path: path, format: format, size: Int(info.st_size)))
                } else {
                    expansion.skipped.append(path)
                }
            }
        }
    }
}
