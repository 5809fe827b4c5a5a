import Foundation
import H20QStore

/// Where the daemon listens: `--socket`, else `$H20Q_SOCKET`, else `h20q.sock` in the index
/// folder. The CLI's commands look for it in the same place.
///
///     DaemonSocket.resolve(option: nil, environment: [:], index: IndexLocation(folder: "/srv/ix"))
///         -> "/srv/ix/h20q.sock"
public enum DaemonSocket {
    public static let environmentVariable = "H20Q_SOCKET"
    public static let fileName = "h20q.sock"
    /// `sun_path` holds 108 bytes, its terminating zero included.
    public static let maximumPathBytes = 107

    public static func resolve(option: String?, environment: [String: String], index: IndexLocation) -> String {
        if let option, !option.isEmpty { return option }
        if let variable = environment[environmentVariable], !variable.isEmpty { return variable }
        return (index.folder as NSString).appendingPathComponent(fileName)
    }

    /// Why `path` cannot be a socket address, or nil when it can.
    public static func problem(with path: String) -> String? {
        let bytes = path.utf8.count
        guard bytes > maximumPathBytes else { return nil }
        return
            "the socket path \(path) is \(bytes) bytes, over the \(maximumPathBytes) a Unix socket address holds: pass a shorter one with --socket"
    }

    /// The real path of the index folder, percent-encoded as the `H20Q-Index` header carries it.
    public static func indexHeader(_ index: IndexLocation) -> String? {
        guard let real = realpath(index.folder, nil) else { return nil }
        defer { free(real) }
        return String(cString: real).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
    }
}
