/// Writes manifests as YAML documents, keys in their given order, strings quoted whenever
/// they would otherwise read as another type.
package enum ManifestWriter {
    package static func yaml(_ manifest: Manifest) -> String {
        BlockYAMLWriter.write(manifest)
    }

    /// Several objects as one multi-document stream.
    package static func stream(_ manifests: [Manifest]) -> String {
        var output = ""
        for manifest in manifests {
            output += "---\n"
            BlockYAMLWriter.write(manifest, into: &output)
        }
        return output
    }
}
