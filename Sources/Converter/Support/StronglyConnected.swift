/// Tarjan's strongly connected components, deterministic (nodes and edges in name order).
enum StronglyConnected {
    static func components(_ edges: [String: Set<String>]) -> [[String]] {
        var index = 0
        var indices: [String: Int] = [:]
        var lowLinks: [String: Int] = [:]
        var stack: [String] = []
        var onStack = Set<String>()
        var result: [[String]] = []

        func visit(_ node: String) {
            indices[node] = index
            lowLinks[node] = index
            index += 1
            stack.append(node)
            onStack.insert(node)
            for next in (edges[node] ?? []).sorted() {
                if indices[next] == nil {
                    visit(next)
                    lowLinks[node] = min(lowLinks[node, default: 0], lowLinks[next, default: 0])
                } else if onStack.contains(next) {
                    lowLinks[node] = min(lowLinks[node, default: 0], indices[next, default: 0])
                }
            }
            guard lowLinks[node] == indices[node] else { return }
            var component: [String] = []
            while let top = stack.popLast() {
                onStack.remove(top)
                component.append(top)
                if top == node { break }
            }
            result.append(component.sorted())
        }

        for node in edges.keys.sorted() where indices[node] == nil { visit(node) }
        return result
    }
}
