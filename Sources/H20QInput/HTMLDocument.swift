import CLibXML2
import H20QDedup

/// A parsed HTML document, alive for the duration of a closure.
///
/// Any depth of nesting is read: unclosed `<p>` and `<font>` tags and layout tables nest real
/// pages hundreds of levels deep, and libxml2 stops at level 256 unless its limits are relaxed
/// (`XML_PARSE_HUGE`), which its recovery mode would hide, silently losing the rest of the page.
/// Relaxed, libxml2 2.9.14 reads any depth without deep recursion (measured: 5,500,000 nested
/// `<b>`, a 16 MiB page, on an 8 MiB stack). Should it still stop before the end (another
/// version, another limit), `halt` says where and why, so that the cut is reported, never silent.
///
///     <p><font>para 1<p><font>para 2 … (600 times) -> every paragraph, 1,200 levels deep
struct HTMLDocument {
    let pointer: htmlDocPtr
    /// Where and why libxml2 stopped before the end of the input, if it did: the tree holds
    /// only what came before.
    let halt: Halt?

    /// libxml2's reason for stopping early, and the line of the input it stopped at.
    struct Halt: Equatable {
        var line: Int?
        var message: String
    }

    var root: XMLNode? { xmlDocGetRootElement(pointer).map(XMLNode.init) }

    /// Parses with libxml2's forgiving HTML parser (tag soup is fine; nothing is fetched), in
    /// UTF-8 unless the page declares another encoding. With `isUTF8`, in UTF-8 whatever the page
    /// declares: the bytes were transcoded from UTF-16 (the byte-order mark wins, as in
    /// browsers), or are a string's, decoded already (a feed's description, a page pasted in).
    /// `relaxingLimits: false` keeps libxml2's hard-coded limits, which tests use to see a halt.
    static func parse(
        _ bytes: [UInt8], isUTF8: Bool = false, relaxingLimits: Bool = true, _ body: (HTMLDocument) -> Void
    ) {
        var options =
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue
        // libxml2 2.9.14's HTML parser honours the XML parser's option (it has no HTML_PARSE_HUGE).
        if relaxingLimits { options |= XML_PARSE_HUGE.rawValue }
        let input = UTF8Repair.repaired(bytes)
        _ = LibXML2.initialized
        guard !input.isEmpty, let context = htmlNewParserCtxt() else { return }
        defer { htmlFreeParserCtxt(context) }
        let encoding: String? = isUTF8 || UTF8Repair.declaredEncoding(input) == nil ? "UTF-8" : nil
        let document = input.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { chars in
                htmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, encoding, Int32(options))
            }
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        // A parser that halts (too deep, out of memory) stops calling back: the rest is unread.
        var halt: Halt?
        if context.pointee.disableSAX != 0 {
            let error = context.pointee.lastError
            halt = Halt(
                line: error.line > 0 ? Int(error.line) : nil,
                message: error.message.map { String(cString: $0).trimmingSpaces.description }
                    ?? "libxml2 stopped (error \(error.code))")
        }
        body(HTMLDocument(pointer: document, halt: halt))
    }
}
