extension ClusterReport {
    /// A report of the given clusters, such as one page of a longer one (the daemon's
    /// `/v1/clusters?offset=…&limit=…`).
    ///
    ///     ClusterReport(page: Array(report.clusters.prefix(10)))
    package init(page clusters: [Cluster]) {
        self.clusters = clusters
    }
}
