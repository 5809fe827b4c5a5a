import Foundation

/// The one-writer rule of an index, held as an exclusive `flock` on `h20q.lock` in its folder
/// for as long as a writing store lives. A second writer waits for the first to finish: two at
/// once would each miss the other's stories when looking for duplicates.
final class WriterLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock, calling `waiting` once first if another process holds it.
    init(folder: String, waiting: () -> Void) throws(StoreError) {
        let path = (folder as NSString).appendingPathComponent("h20q.lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(.database, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(fd)
                    throw StoreError(.busy, "cannot lock \(path): \(String(cString: strerror(errno)))")
                }
            }
        }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }
}
