extension Array {
    /// Rearranges the elements so that the one at `order[i]` ends at `i`, by swapping them along
    /// the permutation's cycles: no element is copied (copying an object retains everything in it).
    /// - Parameter order: a permutation of the array's indices.
    mutating func permute(to order: [Int]) {
        precondition(order.count == count, "a permutation of every index")
        var placed = [Bool](repeating: false, count: count)
        for start in indices where !placed[start] {
            // Each position takes the element its `order` names; the cycle closes at `start`.
            var current = start
            while true {
                placed[current] = true
                let source = order[current]
                if source == start { break }
                swapAt(current, source)
                current = source
            }
        }
    }
}
