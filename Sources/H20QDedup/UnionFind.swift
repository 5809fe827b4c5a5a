/// Disjoint sets over 0..<count with path halving and union by size.
package struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    package init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    package mutating func find(_ element: Int) -> Int {
        var x = element
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    package mutating func union(_ a: Int, _ b: Int) {
        var rootA = find(a)
        var rootB = find(b)
        guard rootA != rootB else { return }
        if size[rootA] < size[rootB] { swap(&rootA, &rootB) }
        parent[rootB] = rootA
        size[rootA] += size[rootB]
    }
}
