import Converter
import EmitterTemplates

/// `MIGRATION.md`: a step-by-step guide for this very project, from the actual conversion.
/// Section text lives in `Templates/tutorial/`; this fills it in.
public enum TutorialEmitter {
    public static func markdown(
        _ result: ConversionResult, diagnostics: [Diagnostic], options: TutorialOptions
    ) throws -> String {
        let facts = TutorialFacts(result: result, options: options)
        let routes = TutorialRoutes(result: result, options: options, namespaceFlag: facts.namespaceFlag).values
        let sections: [(String, [String: String])?] = [
            ("overview", ["summary": facts.summary, "diagram": MermaidDiagram.flowchart(result)]),
            ("mapping", ["rows": facts.mappingRows, "warnings": facts.warnings(diagnostics)]),
            (
                "prerequisites-\(options.cluster.rawValue)",
                ["buildSteps": try facts.buildSteps(), "kindConfig": facts.kindConfig, "gpuNote": try facts.gpuNote()]
            ),
            // Data first: a database that starts on an empty claim initialises it, and data
            // copied in afterwards meets files it did not expect.
            ("data", ["steps": try facts.dataSteps()]),
            ("deploy", ["generate": facts.generateStep, "external": facts.externalStep, "apply": facts.applyStep, "waits": facts.waits]),
            ("verify", ["pods": facts.expectedPods, "access": facts.access, "cronjobs": facts.cronJobs]),
            routes.map { ("routes", $0) },
            ("troubleshooting", ["items": try facts.troubleshooting()]),
            ("cleanup", ["commands": facts.cleanup]),
            ("ci", ["ciCommand": facts.ciCommand, "secretSteps": facts.ciSecretSteps, "secretNote": facts.ciSecretNote]),
        ]
        let common = [
            "project": KubernetesName.dns1123(result.project.name), "clusterName": options.cluster.displayName,
            "formatName": options.format.rawValue, "namespaceFlag": facts.namespaceFlag,
        ]
        var parts: [String] = []
        for case let (name, values)? in sections {
            let template = try TemplateText.named("tutorial/\(name).md")
            parts.append(TemplateText.fill(template, common.merging(values) { $1 }).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return parts.joined(separator: "\n\n") + "\n"
    }
}
