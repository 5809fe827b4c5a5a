import CLibXML2
import H20QDedup

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
    /// `halted` hears where and why libxml2 stopped before the end, if it did (see
    /// `HTMLDocument`): the text is then only what came before.
    static func text(ofHTML html: String, halted: (HTMLDocument.Halt) -> Void = { _ in }) -> String {
        guard html.contains("<") || html.contains("&") else { return collapse(html) }
        var text = ""
        HTMLDocument.parse(Array(html.utf8)) { document in
            if let root = document.root { text = self.text(of: root) }
            if let halt = document.halt { halted(halt) }
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
        text.collapsingWhitespace
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
