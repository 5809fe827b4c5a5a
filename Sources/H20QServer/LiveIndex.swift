import H20QSearch
import H20QStore
import Synchronization

/// The index as the daemon reads it: opened on first use, and again on each request until it
/// can be (a daemon may start before the first ingest), with the costly counts and the cluster
/// report kept until the next commit, which `PRAGMA data_version` reveals.
///
///     let index = LiveIndex(IndexLocation(folder: "Index"))
///     try index.stats().stories   -> 10944, counted once until an ingest commits
package final class LiveIndex: Sendable {
    package let location: IndexLocation
    private let state = Mutex(State())

    private struct State {
        var store: StoryStore?
        var monitor: DataVersionMonitor?
        var stats: (version: Int, value: IndexStats)?
        var clusters: (version: Int, value: ClusterReport)?
    }

    package init(_ location: IndexLocation) {
        self.location = location
    }

    /// The store, opened read-only now if it was not yet.
    package func store() throws(StoreError) -> StoryStore {
        try opened().store
    }

    /// `h20q stats`, counted again only after a commit.
    package func stats() throws(StoreError) -> IndexStats {
        let (store, monitor) = try opened()
        let version = try monitor.current()
        if let known = state.withLock({ $0.stats }), known.version == version { return known.value }
        let stats = try store.stats()
        state.withLock { $0.stats = (version, stats) }
        return stats
    }

    /// Every duplicate cluster (2+ members), largest first, listed again only after a commit.
    package func clusters() throws(StoreError) -> ClusterReport {
        let (store, monitor) = try opened()
        let version = try monitor.current()
        if let known = state.withLock({ $0.clusters }), known.version == version { return known.value }
        let report = try store.clusters(minimumSize: 2)
        state.withLock { $0.clusters = (version, report) }
        return report
    }

    private func opened() throws(StoreError) -> (store: StoryStore, monitor: DataVersionMonitor) {
        try state.withLock { state throws(StoreError) in
            if let store = state.store, let monitor = state.monitor { return (store, monitor) }
            let store = try StoryStore.open(location, mode: .readOnly)
            let monitor = try DataVersionMonitor(location)
            state.store = store
            state.monitor = monitor
            return (store, monitor)
        }
    }
}
