import CLibXML2

/// A parsed HTML document, alive for the duration of a closure.
struct HTMLDocument {
    let pointer: htmlDocPtr

    var root: XMLNode? { xmlDocGetRootElement(pointer).map(XMLNode.init) }

    /// Parses with libxml2's forgiving HTML parser (tag soup is fine; nothing is fetched).
    static func parse(_ bytes: [UInt8], _ body: (HTMLDocument) -> Void) {
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue)
        let input = UTF8Repair.repaired(bytes)
        guard !input.isEmpty else { return }
        let encoding: String? = UTF8Repair.declaredEncoding(input) == nil ? "UTF-8" : nil
        let document = input.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { chars in
                htmlReadMemory(chars, Int32(buffer.count), nil, encoding, options)
            }
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        body(HTMLDocument(pointer: document))
    }
}
