import Foundation

/// Loads every Kubernetes object under a folder: YAML and JSON files, recursively,
/// multi-document files, and the items of `List` kinds.
package struct ManifestFolderLoader {
    package struct Loaded: Sendable {
        package var value: JSONValue
        package var file: String

        package init(value: JSONValue, file: String) {
            self.value = value
            self.file = file
        }
    }

    package init() {}

    /// - Throws: `DiagnosticError` naming the file and line of a document that is not YAML.
    package func load(_ folder: String) throws -> [Loaded] {
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

    /// The documents of a YAML (or JSON) stream as data; empty ones are left out.
    package static func documents(_ text: String, file: String) throws -> [JSONValue] {
        try YAMLDocumentLoader.loadAll(text, file: file).filter { !($0.entries?.isEmpty ?? false) }.map(JSONValue.init)
    }

    package static func expandLists(_ document: JSONValue) -> [JSONValue] {
        if case .object(let fields) = document, case .string(let kind)? = fields["kind"], kind.hasSuffix("List"),
            case .array(let items)? = fields["items"]
        {
            return items
        }
        return [document]
    }
}
