import Foundation

/// Where an index lives: a folder holding `h20q.sqlite` (and SQLite's `-wal`/`-shm` files).
///
///     IndexLocation.resolve(option: nil, environment: ["H20Q_INDEX": "/srv/h20q"]).folder -> "/srv/h20q"
public struct IndexLocation: Sendable, Equatable, CustomStringConvertible {
    public var folder: String

    public static let environmentVariable = "H20Q_INDEX"
    public static let defaultFolder = "Index"
    public static let databaseName = "h20q.sqlite"

    public init(folder: String) {
        self.folder = folder
    }

    /// `--index DIR`, else `$H20Q_INDEX`, else `./Index`.
    public static func resolve(option: String?, environment: [String: String]) -> IndexLocation {
        if let option, !option.isEmpty { return IndexLocation(folder: option) }
        if let variable = environment[environmentVariable], !variable.isEmpty { return IndexLocation(folder: variable) }
        return IndexLocation(folder: defaultFolder)
    }

    public var databasePath: String {
        (folder as NSString).appendingPathComponent(Self.databaseName)
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: databasePath) }

    /// Bytes used by the database and its write-ahead log.
    public var sizeOnDisk: Int64 {
        ["", "-wal", "-shm"].reduce(0) { total, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: databasePath + suffix)
            return total + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
        }
    }

    public var description: String { folder }
}
