/// A compilation and what it holds (the HTML report's last section).
///
///     {id: "https://…/briefing/…/morning", title: "Morning Briefing…", contains: [{id, title, containment}]}
public struct CompilationEntry: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var contains: [StoryDetail.Contained]
}
