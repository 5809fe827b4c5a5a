import H20QStore

extension StoryStore {
    /// Every compilation (a digest, a page with related stories) with the stories it holds,
    /// by its earliest sighting's id.
    public func compilations() throws(StoreError) -> [CompilationEntry] {
        try reading("cannot list compilations") { reader in
            var entries: [CompilationEntry] = []
            try reader.eachCompilation { sighting, title, story in
                entries.append(
                    CompilationEntry(
                        id: sighting, title: title,
                        contains: try reader.contents(ofStory: story).map(StoryDetail.Contained.init)))
            }
            return entries
        }
    }
}
