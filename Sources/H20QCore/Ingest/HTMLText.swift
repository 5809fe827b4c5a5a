import CLibXML2

/// Visible text of HTML: paragraphs separated by blank lines, runs of whitespace collapsed,
/// scripts, styles, navigation, forms and hidden elements left out.
///
///     <p>Chips <b>curbed</b></p><script>x()</script><p>Second</p> -> "Chips curbed\n\nSecond"
enum HTMLText {
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
        "select", "option", "svg", "iframe", "object", "embed", "canvas", "menu", "dialog", "head",
    ]
    static let skippedRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search"]
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "blockquote", "pre", "dd", "dt", "dl", "figcaption", "figure",
        "header", "main", "hr", "address", "td", "th",
    ]

    /// Parses an HTML fragment or page (as found in a feed's description) and returns its text.
    static func text(ofHTML html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return collapse(html) }
        var text = ""
        HTMLDocument.parse(Array(html.utf8)) { document in
            if let root = document.root { text = self.text(of: root) }
        }
        return text
    }

    static func text(of node: XMLNode) -> String {
        var collector = Collector()
        collector.walk(node)
        return collector.finish()
    }

    static func isSkipped(_ node: XMLNode) -> Bool {
        if skipped.contains(node.name) { return true }
        if node.name == "header", node.descendants(where: { $0.name == "h1" }).isEmpty { return true }
        if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
        if let role = node.attribute("role"), skippedRoles.contains(role.lowercased()) { return true }
        return false
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private struct Collector {
        var paragraphs: [String] = []
        var current = ""
        var preformatted = 0

        mutating func walk(_ node: XMLNode) {
            for child in node.children {
                if child.isText {
                    current += child.content
                } else if child.isElement {
                    if isSkipped(child) { continue }
                    let block = blocks.contains(child.name)
                    if block { breakParagraph() }
                    if child.name == "pre" { preformatted += 1 }
                    walk(child)
                    if child.name == "pre" { preformatted -= 1 }
                    if block { breakParagraph() }
                }
            }
        }

        mutating func breakParagraph() {
            let text = preformatted > 0 ? current.trimmingSpaces.description : HTMLText.collapse(current)
            if !text.isEmpty { paragraphs.append(text) }
            current = ""
        }

        mutating func finish() -> String {
            breakParagraph()
            return paragraphs.joined(separator: "\n\n")
        }
    }
}

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
