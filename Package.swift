// swift-tools-version:6.1
import PackageDescription

// Module layout: see ../shared/DESIGN.md §5 and docs/modules.md.
// Pure targets (no I/O, no clock): KealmYAML, KealmModel, Patch, Overlay, Placement, Generation,
// Planning, Health, Drift, Reconcile. Adapters: GitSource (libgit2), KubeClient (libcurl).
// Composition root: KealmApp. CLI: kealm.
let package = Package(
    name: "kealm",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kealm", targets: ["kealm"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .target(name: "KealmYAML", dependencies: ["CYAML"]),
        .target(name: "KealmModel", dependencies: ["KealmYAML"]),
        .target(name: "Patch", dependencies: ["KealmYAML", "KealmModel"]),
        .target(name: "Overlay", dependencies: ["KealmYAML", "KealmModel", "Patch"]),
        .target(name: "Placement", dependencies: ["KealmYAML", "KealmModel"]),
        .target(name: "Generation", dependencies: ["KealmYAML", "KealmModel"]),
        .target(name: "Health", dependencies: ["KealmYAML", "KealmModel"]),
        .target(name: "Planning", dependencies: ["KealmYAML", "KealmModel", "Health"]),
        .target(name: "Drift", dependencies: ["KealmYAML", "KealmModel"]),
        .target(name: "Reconcile", dependencies: ["KealmYAML", "KealmModel", "Overlay", "Placement", "Generation", "Planning", "Health", "Drift"]),
        .target(name: "GitSource", dependencies: ["CGit2", "KealmModel", "Overlay"]),
        .target(name: "KubeClient", dependencies: ["CCurl", "KealmYAML", "KealmModel"]),
        .target(name: "KealmApp", dependencies: ["KealmYAML", "KealmModel", "Overlay", "GitSource", "KubeClient", "Reconcile"]),
        .executableTarget(
            name: "kealm",
            dependencies: ["KealmApp", "Overlay", "KealmYAML", "KealmModel", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(name: "KealmYAMLTests", dependencies: ["KealmYAML"], exclude: ["Golden"]),
        .testTarget(name: "KealmModelTests", dependencies: ["KealmModel"]),
        .testTarget(name: "OverlayTests", dependencies: ["Overlay", "KealmYAML", "KealmModel"], exclude: ["Golden"]),
        .testTarget(name: "PatchTests", dependencies: ["Patch", "KealmYAML", "KealmModel"]),
    ]
)
