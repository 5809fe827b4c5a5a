extension JSONValue {
    /// The value with control characters dropped from every string in it.
    var withoutControlCharacters: JSONValue {
        guard hasControlCharacters else { return self }
        switch self {
        case .string(let text): return .string(text.withoutControlCharacters(keepingLines: true))
        case .array(let items): return .array(items.map(\.withoutControlCharacters))
        case .object(let members):
            return .object(
                members.map {
                    ($0.key.withoutControlCharacters(keepingLines: false), $0.value.withoutControlCharacters)
                })
        default: return self
        }
    }

    /// Whether a string anywhere in the value holds a control character (most hold none, and
    /// are then kept as they are, without a copy).
    private var hasControlCharacters: Bool {
        switch self {
        case .string(let text): return text.needsControlCleanup(keepingLines: true)
        case .array(let items): return items.contains(where: \.hasControlCharacters)
        case .object(let members):
            return members.contains { $0.key.needsControlCleanup(keepingLines: false) || $0.value.hasControlCharacters }
        default: return false
        }
    }
}
