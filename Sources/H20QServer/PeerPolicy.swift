import Foundation

/// Who the daemon serves: its own user and root always, members of the `--allow-group` group
/// too (their primary or a supplementary group); anyone else gets a 403.
///
///     PeerPolicy(owner: 1000).allows(PeerCredentials(pid: 1, uid: 0, gid: 0))      -> true
///     PeerPolicy(owner: 1000).allows(PeerCredentials(pid: 1, uid: 1001, gid: 100)) -> false
public struct PeerPolicy: Sendable {
    public var owner: UInt32
    public var allowedGroup: UInt32?
    /// The groups a user is in; the system's group database unless a test says otherwise.
    var groups: @Sendable (_ uid: UInt32, _ gid: UInt32) -> [UInt32]

    public init(owner: UInt32, allowedGroup: UInt32? = nil) {
        self.init(owner: owner, allowedGroup: allowedGroup, groups: Self.systemGroups)
    }

    package init(owner: UInt32, allowedGroup: UInt32?, groups: @escaping @Sendable (UInt32, UInt32) -> [UInt32]) {
        self.owner = owner
        self.allowedGroup = allowedGroup
        self.groups = groups
    }

    public func allows(_ peer: PeerCredentials) -> Bool {
        if peer.uid == 0 || peer.uid == owner { return true }
        guard let allowedGroup else { return false }
        return peer.gid == allowedGroup || groups(peer.uid, peer.gid).contains(allowedGroup)
    }

    /// A group by name or number (`--allow-group docker`, `--allow-group 998`); nil if none.
    public static func group(named name: String) -> UInt32? {
        if let entry = getgrnam(name) { return entry.pointee.gr_gid }
        if let number = UInt32(name), getgrgid(number) != nil { return number }
        return nil
    }

    /// The supplementary groups of `uid`'s account (`getgrouplist`); none for an unknown user.
    static let systemGroups: @Sendable (UInt32, UInt32) -> [UInt32] = { uid, gid in
        guard let account = getpwuid(uid), let name = account.pointee.pw_name else { return [] }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(name, gid, &groups, &count) >= 0 else { return [] }
        }
        return Array(groups.prefix(Int(count)))
    }
}
