import Foundation

/// An exclusive `flock` on `<socket>.lock`, held for the daemon's life: of two daemons started
/// on one socket, the second learns it at once instead of unlinking the first one's socket.
/// The lock file stays; removing it would let a third daemon lock a file the first never saw.
///
///     let lock = try SocketLock(socket: "Index/h20q.sock")   // Index/h20q.sock.lock
final class SocketLock: Sendable {
    private let descriptor: Int32

    init(socket: String) throws(DaemonError) {
        let path = socket + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DaemonError(.failed, "cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            if reason == EWOULDBLOCK {
                throw DaemonError(.running, "another daemon is serving on \(socket) (it holds \(path))")
            }
            throw DaemonError(.failed, "cannot lock \(path): \(String(cString: strerror(reason)))")
        }
    }

    deinit { close(descriptor) }
}
