import Converter
import Foundation

/// The conversion summary on standard error: each service and the objects it became, then
/// the warnings (the command ends with the summary line); or the same as JSON with `--report json`.
enum ConversionSummary {
    /// Prints the summary and, unless as JSON, the diagnostics.
    static func print(_ result: ConversionResult, json: Bool) {
        StandardError.write(text(result, json: json))
        if !json { DiagnosticPrinter.print(result.diagnostics, summary: false) }
    }

    /// The JSON report, or a line per service.
    static func text(_ result: ConversionResult, json: Bool) -> String {
        if json {
            let report: JSONValue = .object([
                ("services", .object(result.report.mapValues { .array($0.map(JSONValue.string)) })),
                ("keys", .object(result.coverage.mapValues(JSONValue.string))),
                (
                    "diagnostics",
                    .array(
                        result.diagnostics.map { diagnostic in
                            .object([
                                ("severity", .string(diagnostic.severity.rawValue)), ("message", .string(diagnostic.message)),
                                ("path", .string(diagnostic.path)),
                                ("file", diagnostic.location.map { .string($0.file) }),
                                ("line", diagnostic.location.map { .int(Int64($0.line)) }),
                                ("column", diagnostic.location.map { .int(Int64($0.column)) }),
                            ])
                        })
                ),
            ])
            return JSONWriter.write(report)
        }
        var text = ""
        for service in result.report.keys.sorted() {
            text += "\(service) → \(result.report[service, default: []].joined(separator: ", "))\n"
        }
        return text
    }
}
