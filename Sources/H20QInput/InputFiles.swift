import Foundation

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
