import CLibXML2
import H20QDedup

/// Visible text of HTML: paragraphs separated by blank lines, runs of whitespace collapsed,
/// scripts, styles, navigation, forms and hidden elements left out.
///
///     <p>Chips <b>curbed</b></p><script>x()</script><p>Second</p> -> "Chips curbed\n\nSecond"
///
/// `<embed>` and `<object>` are read through, not skipped: libxml2's HTML 4 parser puts the
/// text that follows an `<embed>` (a void element) or an unclosed `<object>` inside it, and
/// skipping them lost the rest of the paragraph. An object's fallback text ("Get Flash")
/// is read with it; its `<param>`s, which hold no text, are skipped.
///
///     safe<embed src="x.swf"> description -> "safe description"
enum HTMLText {
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
        "select", "option", "svg", "iframe", "param", "canvas", "menu", "dialog", "head",
    ]
    static let skippedRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search"]
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "blockquote", "pre", "dd", "dt", "dl", "figcaption", "figure",
        "header", "main", "hr", "address", "td", "th",
    ]

    /// Parses an HTML fragment or page (as found in a feed's description) and returns its text.
    /// The string is decoded already: a charset its HTML declares is ignored. `halted` hears
    /// where and why libxml2 stopped before the end, if it did (see `HTMLDocument`): the text is
    /// then only what came before.
    static func text(ofHTML html: String, halted: (HTMLDocument.Halt) -> Void = { _ in }) -> String {
        guard html.contains("<") || html.contains("&") else { return collapse(html) }
        var text = ""
        HTMLDocument.parse(Array(html.utf8), isUTF8: true) { document in
            if let root = document.root { text = self.text(of: root) }
            if let halt = document.halt { halted(halt) }
        }
        return text
    }

    static func text(of node: XMLNode) -> String {
        var collector = Collector(headings: headersWithHeadings(below: node))
        node.walk(enter: { collector.enter($0) }, leave: { collector.leave($0) })
        return collector.finish()
    }

    /// Whether `node` is left out; a `<header>` is, unless it is one of `headings` (it holds the
    /// story's `<h1>`).
    static func isSkipped(_ node: XMLNode, headings: Set<xmlNodePtr>) -> Bool {
        let name = node.name
        if skipped.contains(name) { return true }
        if name == "header", !headings.contains(node.pointer) { return true }
        if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
        if let role = node.attribute("role"), skippedRoles.contains(role.lowercased()) { return true }
        return false
    }

    /// The `<header>` elements below `node` with an `<h1>` inside, found in one pass: an `<h1>`
    /// marks the headers open around it, innermost first, stopping at one already marked (which
    /// had its outer ones marked too), so that nested headers cost no more than flat ones.
    static func headersWithHeadings(below node: XMLNode) -> Set<xmlNodePtr> {
        var found = Set<xmlNodePtr>()
        var open: [(pointer: xmlNodePtr, marked: Bool)] = []
        node.walk(
            enter: { element in
                guard element.isElement else { return false }
                switch element.name {
                case "header": open.append((element.pointer, false))
                case "h1":
                    var index = open.count - 1
                    while index >= 0, !open[index].marked {
                        open[index].marked = true
                        index -= 1
                    }
                default: break
                }
                return true
            },
            leave: { element in
                guard open.last?.pointer == element.pointer, let header = open.popLast() else { return }
                if header.marked { found.insert(header.pointer) }
            })
        return found
    }

    static func collapse(_ text: String) -> String {
        text.collapsingWhitespace
    }

    private struct Collector {
        /// The headers kept: those with an `<h1>` inside.
        let headings: Set<xmlNodePtr>
        var paragraphs: [String] = []
        var current = ""
        var preformatted = 0

        /// Takes a node's text, or starts an element; false to leave out what is inside it.
        mutating func enter(_ node: XMLNode) -> Bool {
            if node.isText {
                current += node.content
                return false
            }
            guard node.isElement, !isSkipped(node, headings: headings) else { return false }
            let name = node.name
            if blocks.contains(name) { breakParagraph() }
            if name == "pre" { preformatted += 1 }
            return true
        }

        /// Ends an element entered.
        mutating func leave(_ node: XMLNode) {
            let name = node.name
            if name == "pre" { preformatted -= 1 }
            if blocks.contains(name) { breakParagraph() }
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
