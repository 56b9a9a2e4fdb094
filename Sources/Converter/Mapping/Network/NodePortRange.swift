/// The ports a cluster gives NodePort Services (the API server's default range).
enum NodePortRange {
    static let ports = 30000...32767

    /// `wanted`, or the first port after it (wrapping round) that is not in `taken`; nil when
    /// every port of the range is taken.
    static func firstFree(from wanted: Int, taken: Set<Int>) -> Int? {
        var port = wanted
        for _ in 0..<ports.count {
            if !taken.contains(port) { return port }
            port = port == ports.upperBound ? ports.lowerBound : port + 1
        }
        return nil
    }
}
