import CLibXML2

/// A read-only view of a libxml2 node, valid while its document lives.
struct XMLNode {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) {
        self.pointer = pointer
    }

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// Local name, lowercased ("encoded" for `content:encoded`).
    var name: String {
        guard let name = pointer.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// Namespace URI, if any.
    var namespace: String? {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    var line: Int { Int(xmlGetLineNo(pointer)) }

    /// The content of a text node.
    var content: String {
        pointer.pointee.content.map { String(cString: $0) } ?? ""
    }

    var children: XMLChildren { XMLChildren(first: pointer.pointee.children) }

    var elements: [XMLNode] { children.filter(\.isElement) }

    /// The first child element with local name `name` (lowercase) in namespace `namespace`
    /// (nil: in none). Elements are known by namespace URI and local name: an extension's
    /// look-alike (`media:title` beside `title`) is another element, and prefixes, which each
    /// document chooses, mean nothing.
    ///
    ///     <item><media:title>A</media:title><title>B</title></item>: child("title", in: nil) -> <title>B</title>
    func child(_ name: String, in namespace: String?) -> XMLNode? {
        elements.first { $0.name == name && $0.namespace == namespace }
    }

    /// The child elements with local name `name` (lowercase) in namespace `namespace`.
    func elements(_ name: String, in namespace: String?) -> [XMLNode] {
        elements.filter { $0.name == name && $0.namespace == namespace }
    }

    /// Value of attribute `name` (case-insensitive).
    func attribute(_ name: String) -> String? {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, String(cString: attributeName).lowercased() == name {
                var text = ""
                var child = current.pointee.children
                while let node = child {
                    if let content = node.pointee.content { text += String(cString: content) }
                    child = node.pointee.next
                }
                return text
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// All text below this node, concatenated.
    ///
    ///     <p>Chips <b>curbed</b></p> -> "Chips curbed"
    var text: String {
        var result = ""
        walk { node in
            if node.isText { result += node.content }
            return node.isElement
        }
        return result
    }

    /// Every element below this one, depth first.
    func descendants(where predicate: (XMLNode) -> Bool) -> [XMLNode] {
        var found = [XMLNode]()
        walk { node in
            guard node.isElement else { return false }
            if predicate(node) { found.append(node) }
            return true
        }
        return found
    }

    /// Visits every node below this one in document order, without recursion: an HTML page
    /// can nest millions of levels deep (see `HTMLDocument`), which a recursive walk would pay
    /// for in stack, overflowing the reading thread's. `enter` sees each node and says whether
    /// to go into its children (elements only); `leave` sees each element entered, after them.
    ///
    ///     <p>a<b>b</b></p> -> enter p, enter "a", enter b, enter "b", leave b, leave p
    func walk(enter: (XMLNode) -> Bool, leave: (XMLNode) -> Void = { _ in }) {
        var next = pointer.pointee.children
        while let node = next {
            if enter(XMLNode(node)), node.pointee.type == XML_ELEMENT_NODE {
                if let child = node.pointee.children {
                    next = child
                    continue
                }
                leave(XMLNode(node))
            }
            // Done with `node`: on to its next sibling, else up, leaving each parent passed.
            var done = node
            while done.pointee.next == nil {
                guard let parent = done.pointee.parent, parent != pointer else { return }
                leave(XMLNode(parent))
                done = parent
            }
            next = done.pointee.next
        }
    }
}
