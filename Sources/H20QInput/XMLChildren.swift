import CLibXML2

struct XMLChildren: Sequence {
    let first: xmlNodePtr?

    func makeIterator() -> AnyIterator<XMLNode> {
        var next = first
        return AnyIterator {
            guard let node = next else { return nil }
            next = node.pointee.next
            return XMLNode(node)
        }
    }
}
