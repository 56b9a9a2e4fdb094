import Foundation

/// Loads every Kubernetes object under a folder: YAML and JSON files, recursively,
/// multi-document files, and the items of `List` kinds.
public struct ManifestFolderLoader {
    public struct Loaded: Sendable {
        public var value: JSONValue
        public var file: String
    }

    public init() {}

    /// - Throws: `DiagnosticError` naming the file and line of a document that is not YAML.
    public func load(_ folder: String) throws -> [Loaded] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw DiagnosticError(.error("no such folder", at: .file(folder), path: ""))
        }
        let files = isDirectory.boolValue ? try manifestFiles(in: folder) : [folder]
        var objects: [Loaded] = []
        for file in files {
            let text: String
            do {
                text = try DiskFileSource().read(file)
            } catch {
                throw DiagnosticError(.error("cannot read: \(error)", at: .file(file), path: ""))
            }
            for document in try Self.documents(text, file: file) {
                objects += Self.expandLists(document).map { Loaded(value: $0, file: file) }
            }
        }
        return objects
    }

    private func manifestFiles(in folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            if [".yaml", ".yml", ".json"].contains(where: name.hasSuffix), name != "kustomization.yaml", name != "Chart.yaml",
                !name.hasPrefix("values")
            {
                files.append(folder + "/" + relative)
            }
        }
        return files.sorted()
    }

    /// The documents of a YAML (or JSON) stream as data.
    static func documents(_ text: String, file: String) throws -> [JSONValue] {
        var documents: [JSONValue] = []
        for chunk in splitDocuments(text) {
            let node = try YAMLDocumentLoader.load(chunk.text, file: file, lineOffset: chunk.line - 1)
            if !(node.entries?.isEmpty ?? false) || node.items != nil { documents.append(JSONValue(node)) }
        }
        return documents
    }

    /// Splits on `---` lines, remembering the line each document starts at.
    static func splitDocuments(_ text: String) -> [(text: String, line: Int)] {
        var result: [(String, Int)] = []
        var current: [Substring] = []
        var start = 1
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("---") && line.trimmingCharacters(in: .whitespaces).allSatisfy({ $0 == "-" }) {
                result.append((current.joined(separator: "\n"), start))
                current = []
                start = index + 2
            } else {
                current.append(line)
            }
        }
        result.append((current.joined(separator: "\n"), start))
        return result.filter { !$0.0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    static func expandLists(_ document: JSONValue) -> [JSONValue] {
        if case .object(let fields) = document, case .string(let kind)? = fields["kind"], kind.hasSuffix("List"),
            case .array(let items)? = fields["items"]
        {
            return items
        }
        return [document]
    }
}
