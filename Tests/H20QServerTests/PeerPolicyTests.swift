import Testing

@testable import H20QServer

/// Who the daemon serves.
struct PeerPolicyTests {
    // uid 1000 is the daemon's; 1001 is in groups 100 (primary) and 998; 1002 in 100 only.
    static let groups: @Sendable (UInt32, UInt32) -> [UInt32] = { uid, gid in uid == 1001 ? [gid, 998] : [gid] }

    @Test(
        arguments: [
            (0, 0, nil, true), (1000, 1000, nil, true), (1001, 100, nil, false), (1001, 100, 998, true),
            (1002, 100, 998, false), (1002, 100, 100, true), (1000, 5, 998, true), (65534, 65534, 998, false),
        ] as [(UInt32, UInt32, UInt32?, Bool)])
    func ownerAndRootAreServedAndOthersOnlyByGroup(uid: UInt32, gid: UInt32, group: UInt32?, served: Bool) {
        let policy = PeerPolicy(owner: 1000, allowedGroup: group, groups: Self.groups)
        #expect(policy.allows(PeerCredentials(pid: 1, uid: uid, gid: gid)) == served)
    }

    @Test func refusalsAreA403() {
        let policy = PeerPolicy(owner: 1000, allowedGroup: nil, groups: Self.groups)
        #expect(DaemonChannel.refusal(PeerCredentials(pid: 1, uid: 1001, gid: 100), policy)?.status == 403)
        #expect(DaemonChannel.refusal(nil, policy)?.status == 403, "an unknown peer is not served")
        #expect(DaemonChannel.refusal(PeerCredentials(pid: 1, uid: 1000, gid: 100), policy) == nil)
    }

    @Test func groupsAreFoundByNameOrNumber() {
        #expect(PeerPolicy.group(named: "root") == 0)
        #expect(PeerPolicy.group(named: "0") == 0)
        #expect(PeerPolicy.group(named: "no-such-group-h20q") == nil)
    }
}
