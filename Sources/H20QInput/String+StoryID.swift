extension String {
    /// Whether two story ids are the same id. Ids are keys, compared byte for byte as the index
    /// compares them: `café` precomposed and `cafe` + U+0301 are two ids, though Swift's `==`
    /// calls them equal (canonical equivalence).
    ///
    ///     "café".isSameID("cafe\u{301}") -> false
    package func isSameID(_ other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }

    /// Whether this id sorts before `other`, by bytes as the index sorts them.
    package func sortsBeforeID(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
