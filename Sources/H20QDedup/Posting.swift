/// A story listed under a candidate key, with its size (shingle count under an LSH key,
/// sample size under a sampled shingle), so that candidates can be weighed before any is read.
package struct Posting: Equatable, Sendable {
    package var story: Int64
    package var size: Int

    package init(story: Int64, size: Int) {
        self.story = story
        self.size = size
    }
}
