/// Values a command keeps until the process ends. Freeing a converted project piece by piece
/// (its model, its objects: a thousand services are millions of small allocations) just before
/// the process exits took as long as writing the files, and the system takes the memory back
/// at exit anyway.
enum ProcessEnd {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) {
        kept.append(value)
    }
}
