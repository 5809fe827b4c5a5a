import Foundation

/// A Unix socket bound to `path` (the file appears), not yet listening; -1 if it cannot be.
///
///     let descriptor = boundUnixSocket(folder.path + "/x.sock")   // x.sock now exists
func boundUnixSocket(_ path: String) -> Int32 {
    let descriptor = Foundation.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    guard bound == 0 else {
        close(descriptor)
        return -1
    }
    return descriptor
}
