import CLibXML2

/// libxml2's one-time setup. Its globals (the dictionary lock `__xmlRandom` takes, among
/// others) are set up on first use, and two threads doing that at once can each make a lock
/// and then wait on one forever (seen as two HTML parses hung in `xmlRMutexLock`, libxml2
/// 2.9.14). `xmlInitParser` makes them once; a static is initialized once, whatever thread
/// asks first.
enum LibXML2 {
    /// Evaluate before making any parser context.
    static let initialized: Void = xmlInitParser()
}
