// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "compose2kube",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "compose2kube", targets: ["compose2kube"]),
        .library(name: "Converter", targets: ["Converter"]),
        .library(name: "Emitters", targets: ["Emitters"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    ],
    targets: [
        .target(name: "Converter", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Emitters", dependencies: ["Converter", "EmitterTemplates"]),
        .target(name: "EmitterTemplates", path: "Templates", exclude: ["README.md"], resources: [.embedInCode("helm"), .embedInCode("tutorial")]),
        .executableTarget(
            name: "compose2kube",
            dependencies: [
                "Converter", "Emitters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ConverterTests", dependencies: ["Converter"]),
        .testTarget(name: "EmittersTests", dependencies: ["Emitters", "Converter", "EmitterTemplates"]),
    ]
)
