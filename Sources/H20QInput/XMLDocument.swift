import CLibXML2
import H20QDedup

/// A strictly parsed XML document, alive for the duration of a closure.
enum XMLDocument {
    /// Parses `bytes` in the encoding the document declares (UTF-8 if none), or in UTF-8 when
    /// they were `transcoded` to it from UTF-16: the `encoding="UTF-16"` inside is then untrue,
    /// and libxml2 would reject the document for it.
    static func parse(
        _ bytes: [UInt8], location: InputLocation, transcoded: Bool = false,
        _ body: (XMLNode) throws(InputProblem) -> Void
    ) throws(InputProblem) {
        guard !bytes.isEmpty else { throw InputProblem(location, "empty file") }
        _ = LibXML2.initialized
        guard let context = xmlNewParserCtxt() else { throw InputProblem(location, "cannot start the XML parser") }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                xmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, transcoded ? "UTF-8" : nil, options)
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        guard let document, context.pointee.wellFormed != 0 else {
            let error = context.pointee.lastError
            let message = error.message.map { String(cString: $0).trimmingSpaces } ?? "not well-formed"
            throw InputProblem(
                InputLocation(path: location.path, line: error.line > 0 ? Int(error.line) : nil),
                "malformed XML: \(message)")
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw InputProblem(location, "XML without a root element")
        }
        try body(XMLNode(root))
    }
}
