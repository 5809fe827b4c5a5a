import Foundation
import H20QDedup

/// What a watched file looks like on disk: its size and modification time, and, read only
/// when those moved, the identity of its bytes.
///
///     FileIdentity.stat("wire/a.jsonl") -> (size: 1204, mtime: 1755075600123456789)
enum FileIdentity {
    /// Size and modification time in nanoseconds; nil if the file cannot be read.
    static func attributes(_ path: String) -> (size: Int64, mtime: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// The identity of the file's bytes (as stored: gzip is not inflated), read a mebibyte at a
    /// time; nil if the file cannot be read.
    static func content(_ path: String) -> Int64? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var hash: UInt64 = StableHash.fnv1aBasis
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            hash = buffer.withUnsafeBytes {
                StableHash.bytesIdentity(UnsafeRawBufferPointer(rebasing: $0[0..<count]), continuing: hash)
            }
        }
        return Int64(bitPattern: hash)
    }
}
