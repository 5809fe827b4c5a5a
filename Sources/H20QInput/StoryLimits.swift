/// The bounds on a story's fields besides its text, so that no field can make memory or the
/// index grow without limit (the text has its own bound, 2 MiB, checked by the ingest).
///
///     id or url over 8 KiB, or an id with a control character -> the story is rejected
///     source over 1 KiB, metadata over 64 KiB (as JSON)       -> dropped, with a warning
///
/// Every reader's stories pass through `check` (`InputFile.read`).
public enum StoryLimits {
    public static let id = 8 << 10
    public static let url = 8 << 10
    public static let source = 1 << 10
    public static let metadata = 64 << 10

    /// `story` as it may be stored (nil when it may not), and what was wrong with it.
    ///
    ///     id "a\tb" -> (nil, [error: id has a control character (U+0009) ...])
    static func check(_ story: IncomingStory) -> (story: IncomingStory?, problems: [InputProblem]) {
        let location = story.location
        if let control = story.id.firstControlCharacter {
            return (
                nil,
                [
                    InputProblem(
                        location,
                        "id has a control character (U+\(hex(control.value))): ids are kept exactly as given, so give one without"
                    )
                ]
            )
        }
        if story.id.utf8.count > Self.id {
            return (nil, [InputProblem(location, "id is \(size(story.id.utf8.count)); at most \(size(Self.id))")])
        }
        if let url = story.url, url.utf8.count > Self.url {
            return (nil, [InputProblem(location, "url is \(size(url.utf8.count)); at most \(size(Self.url))")])
        }
        var kept = story
        var problems: [InputProblem] = []
        if let source = story.source, source.utf8.count > Self.source {
            kept.source = nil
            problems.append(
                .warning(location, "source is \(size(source.utf8.count)); over \(size(Self.source)), left out"))
        }
        if let metadata = story.metadata {
            let bytes = metadata.serialized.utf8.count
            if bytes > Self.metadata {
                kept.metadata = nil
                problems.append(
                    .warning(location, "metadata is \(size(bytes)) as JSON; over \(size(Self.metadata)), left out"))
            }
        }
        return (kept, problems)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `8 KiB` for a round size, `8,193 bytes` otherwise, `3.2 MiB` from a mebibyte on.
    private static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 {
            return bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(Double(bytes * 10 >> 20) / 10) MiB"
        }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        var digits = String(bytes)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + " bytes"
    }
}
