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
        // Scalar by scalar while every scalar is one whose grapheme cannot reach across it
        // (below U+0300: no combining marks, no prepended signs; and the dashes, quotes and
        // ellipsis of U+2010-U+2027), so that a whitespace scalar is a whitespace Character.
        // Anything else takes the Character path: the same answer, four times slower.
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            let value = scalar.value
            guard value < 0x300 || (0x2010...0x2027).contains(value) else {
                return split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            if value == 0x20 || (0x09...0x0D).contains(value) || value == 0x85 || value == 0xA0 {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace {
                    output.append(" ")
                    pendingSpace = false
                }
                output.append(scalar)
            }
        }
        return String(output)
    }
}
