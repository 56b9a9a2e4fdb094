/// Where each key path of a project was written (`services.api.ports[0]` → file, line, column):
/// the first location recorded for each path.
package struct KeyLocations: Sendable, ExpressibleByDictionaryLiteral {
    private var table: [String: SourceLocation] = [:]
    /// Every path, in the order first recorded.
    private(set) var paths: [String] = []

    init() {}

    package init(dictionaryLiteral elements: (String, SourceLocation)...) {
        for (path, location) in elements { record(path, at: location) }
    }

    /// Records `path` at `location`, unless it was recorded before: the first location counts.
    mutating func record(_ path: String, at location: SourceLocation) {
        guard table[path] == nil else { return }
        table[path] = location
        paths.append(path)
    }

    package subscript(path: String) -> SourceLocation? {
        get { table[path] }
        set {
            guard let newValue else {
                if table.removeValue(forKey: path) != nil { paths.removeAll { $0 == path } }
                return
            }
            if table.updateValue(newValue, forKey: path) == nil { paths.append(path) }
        }
    }
}
