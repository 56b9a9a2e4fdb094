import ArgumentParser
import Converter
import Emitters
import Foundation

extension Compose2Kube {
    /// `compose2kube tutorial`: a migration guide written for this project.
    struct Tutorial: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write MIGRATION.md, a step-by-step migration guide for this project.")

        @OptionGroup var project: ProjectOptionsGroup
        @Option(help: "The cluster the guide is for.") var cluster: TutorialOptions.Cluster = .generic
        @Option(help: "The output form the guide deploys.") var format: OutputFormat = .manifests
        @Option(name: [.short, .customLong("output")], help: "Where to write the guide (- for standard output).") var output =
            "MIGRATION.md"
        @Option(help: "The folder the guide's commands generate the output into.") var outputFolder = "k8s"
        @OptionGroup var conversion: ConversionOptionsGroup
        @Flag(help: "Replace a guide compose2kube wrote that was edited by hand since.") var force = false

        func run() throws {
            let loaded = try project.load()
            var options = TutorialOptions(cluster: cluster, format: format, outputFolder: outputFolder, namespace: conversion.namespace)
            options.inputArguments = project.inputArguments + conversion.arguments
            options.composeArguments = project.composeArguments
            options.helperImage = conversion.helperImage
            let result = try Self.convert(loaded, tutorial: options, base: try conversion.options())
            let text = try TutorialEmitter.markdown(
                result, diagnostics: loaded.diagnostics + result.diagnostics, options: options)
            if output == "-" {
                FileHandle.standardOutput.write(Data(text.utf8))
            } else {
                try GeneratedFileGuard.write(guide: text, to: output, force: force)
                StandardError.line("wrote \(output)")
            }
        }

        /// The conversion the guide describes: kind needs fixed nodePorts for its port mappings.
        static func convert(_ loaded: LoadedProject, tutorial: TutorialOptions, base: ConversionOptions = ConversionOptions()) throws
            -> ConversionResult
        {
            var options = base
            options.namespace = tutorial.namespace ?? base.namespace
            if tutorial.cluster == .kind { options.pinNodePorts = true }
            do {
                return try ComposeConverter(options: options).convert(loaded.project)
            } catch let error as DiagnosticError {
                DiagnosticPrinter.print(error.diagnostics)
                throw ExitCode.failure
            }
        }
    }
}

extension TutorialOptions.Cluster: ExpressibleByArgument {}
