import H20QDedup

/// Maps a JSON object onto a story: `id`, `title`, `body` (or `text`, or `content`),
/// `source`, `url`, `published` (ISO-8601, RFC 2822, or Unix time in seconds as a number or
/// digits); every other member is kept as metadata. The id is kept exactly as given (a
/// number's source text for a number); an empty id counts as none.
///
///     {"id": 7, "title": "T", "text": "B", "lang": "en"} -> id "7", body "B", metadata {"lang":"en"}
enum StoryFields {
    static let bodyKeys = ["body", "text", "content"]
    static let mappedKeys: Set<String> = ["id", "title", "source", "url", "published"]

    /// - Parameters:
    ///   - warn: hears what is wrong but does not cost the story (an unreadable date: the
    ///     story is kept undated).
    ///   - fallbackID: the identity, from title and body, when the object has neither `id`
    ///     nor `url`.
    static func story(
        from value: JSONValue, at location: InputLocation, warn: (InputProblem) -> Void,
        fallbackID: (String, String) -> String
    ) throws(InputProblem) -> IncomingStory {
        guard case .object(let members) = value else {
            throw InputProblem(location, "expected a JSON object for a story, found \(value.kindDescription)")
        }
        func text(_ key: String) throws(InputProblem) -> String? {
            switch value[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case .number(let text)? where key == "id" || key == "published": return text
            case let other?:
                throw InputProblem(location, "\"\(key)\" must be a string, found \(other.kindDescription)")
            }
        }
        let title = try text("title")?.trimmingSpaces ?? ""
        var bodyKey: String?
        for key in bodyKeys where value[key] != nil && value[key] != .null {
            bodyKey = key
            break
        }
        let body = try bodyKey.flatMap { key throws(InputProblem) in try text(key) } ?? ""
        guard !title.isEmpty || !body.trimmingSpaces.isEmpty else {
            throw InputProblem(location, "story has neither title nor body text")
        }
        let url = try text("url").map { String($0.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
        var published: PublishedDate?
        if let date = try text("published"), !date.trimmingSpaces.isEmpty {
            published = PublishedDate(date) ?? PublishedDate(unixTime: date)
            if published == nil {
                warn(
                    .warning(
                        location,
                        "\"published\" is not a date (ISO-8601, RFC 2822 or Unix seconds): \"\(date.prefix(40))\"; stored undated"
                    ))
            }
        }
        let explicitID = try text("id").flatMap { $0.isEmpty ? nil : $0 }
        var seen = Set<String>()
        let extra = members.reversed().filter { member in
            !mappedKeys.contains(member.key) && member.key != bodyKey && seen.insert(member.key).inserted
        }.reversed()
        return IncomingStory(
            id: explicitID ?? url ?? fallbackID(String(title), body),
            title: String(title),
            body: body,
            source: try text("source").map { String($0.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 },
            url: url,
            published: published,
            metadata: extra.isEmpty ? nil : .object(Array(extra)),
            location: location)
    }
}
