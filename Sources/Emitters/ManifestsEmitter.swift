import Converter

/// Plain manifests: one file per object named `<name>-<kind>.yaml`, or one stream in apply order.
public enum ManifestsEmitter {
    public static func files(_ result: ConversionResult) -> [GeneratedFile] {
        files(result.objects)
    }

    public static func stream(_ result: ConversionResult) -> String {
        stream(result.objects)
    }

    package static func files(_ objects: [KubernetesObject]) -> [GeneratedFile] {
        objects.map { GeneratedFile(path: $0.fileName, contents: ManifestWriter.yaml($0.manifest)) }
    }

    package static func stream(_ objects: [KubernetesObject]) -> String {
        ManifestWriter.stream(objects.map(\.manifest))
    }
}
