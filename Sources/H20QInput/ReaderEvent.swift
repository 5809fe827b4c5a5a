/// What readers hand on: a story, or a problem with a piece of input.
public enum ReaderEvent: Sendable {
    case story(IncomingStory)
    case problem(InputProblem)
}
