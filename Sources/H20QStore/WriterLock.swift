import Foundation

/// The one-writer rule of an index, held as an exclusive `flock` on `h20q.lock` in its folder
/// for as long as a writing store lives. A second writer waits for the first to finish: two at
/// once would each miss the other's stories when looking for duplicates.
final class WriterLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock, calling `waiting` once first if another process holds it; with no
    /// `waiting`, does not wait: throws `.locked`, naming the process that holds it.
    init(folder: String, waiting: (() -> Void)?) throws(StoreError) {
        let path = (folder as NSString).appendingPathComponent("h20q.lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(.database, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard let waiting else {
                let holder = Self.holder(fd)
                close(fd)
                throw StoreError(.locked, "another h20q writer\(holder.map { " (pid \($0))" } ?? "") holds the index")
            }
            waiting()
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(fd)
                    throw StoreError(.busy, "cannot lock \(path): \(String(cString: strerror(errno)))")
                }
            }
        }
        // Who holds it, for the next writer's message. A lock left by a killed process never
        // blocks: the kernel drops a flock with its holder.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        descriptor = fd
    }

    /// The pid written in the lock file by its holder, if it reads as one.
    private static func holder(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit {
        close(descriptor)
    }
}
