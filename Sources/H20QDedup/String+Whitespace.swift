extension StringProtocol {
    /// The text without leading and trailing whitespace.
    ///
    ///     "  Chip curbs \n".trimmingSpaces -> "Chip curbs"
    package var trimmingSpaces: SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return self[endIndex...] }
        return self[first...last]
    }

    /// Runs of whitespace as single spaces, none at either end.
    ///
    ///     " Chip\n\n curbs\t" -> "Chip curbs"
    package var collapsingWhitespace: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
