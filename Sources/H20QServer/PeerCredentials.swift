import Foundation

/// The process at the other end of a Unix socket, as the kernel tells it (`SO_PEERCRED`).
///
///     PeerCredentials(pid: 4242, uid: 1000, gid: 1000)
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// `struct ucred` as Linux lays it out, for `getsockopt(SOL_SOCKET, SO_PEERCRED)`.
    package struct Layout: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    package init(_ layout: Layout) {
        self.init(pid: layout.pid, uid: layout.uid, gid: layout.gid)
    }
}
