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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),

        .target(name: "KealmYAML", dependencies: ["CYAML"]),
        .target(name: "KealmModel", dependencies: ["KealmYAML"]),
        .target(name: "Patch", dependencies: ["KealmYAML", "KealmModel"]),
        .target(name: "Overlay", dependencies: ["KealmYAML", "KealmModel", "Patch"]),
        .target(name: "Placement", dependencies: ["KealmYAML", "KealmModel"]),
        .target(name: "Generation", dependencies: ["KealmYAML", "KealmModel", "Placement"]),
        .target(name: "Health", dependencies: ["KealmYAML", "KealmModel"]),
        .target(name: "Planning", dependencies: ["KealmYAML", "KealmModel", "Health"]),
        .target(name: "Drift", dependencies: ["KealmYAML", "KealmModel", "Patch"]),
        .target(name: "Reconcile", dependencies: ["KealmYAML", "KealmModel", "Overlay", "Placement", "Generation", "Planning", "Health", "Drift"]),
        .target(name: "GitSource", dependencies: ["CGit2", "KealmYAML", "KealmModel", "Overlay"]),
        .target(name: "KubeClient", dependencies: ["CCurl", "KealmYAML", "KealmModel"]),
        .target(
            name: "KealmApp",
            dependencies: [
                "KealmYAML", "KealmModel", "Overlay", "GitSource", "KubeClient", "Reconcile", "Planning", "Health", "Placement",
                "Generation", "VirtualCluster",
            ]
        ),
        .executableTarget(name: "agent-bench", dependencies: ["KealmApp", "KubeClient", "Reconcile", "KealmYAML", "KealmModel"], path: "Sources/AgentBench"),
        .target(
            name: "VirtualCluster",
            dependencies: [
                "KealmYAML", "KealmModel", "Patch", "CSSL",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(name: "kube-bench", dependencies: ["KubeClient", "KealmYAML", "KealmModel"], path: "Sources/KubeBench"),
        .executableTarget(
            name: "kealm",
            dependencies: [
                "KealmApp", "GitSource", "Overlay", "KealmYAML", "KealmModel", "Placement", "Generation", "VirtualCluster", "Drift", "Planning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Measurement driver for bench/git.bench; not shipped.
        .executableTarget(name: "kealm-git-bench", dependencies: ["GitSource", "KealmApp", "Overlay", "KealmYAML"]),

        .testTarget(name: "KealmYAMLTests", dependencies: ["KealmYAML"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "KealmModelTests", dependencies: ["KealmModel"]),
        .testTarget(name: "OverlayTests", dependencies: ["Overlay", "KealmYAML", "KealmModel"], exclude: ["Golden"]),
        .testTarget(name: "KealmAppTests", dependencies: ["KealmApp", "KealmYAML", "KealmModel", "KubeClient", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "PatchTests", dependencies: ["Patch", "KealmYAML", "KealmModel"]),
        .testTarget(name: "VirtualClusterTests", dependencies: ["VirtualCluster", "KealmYAML", "KealmModel", "TestSupport"]),
        .testTarget(name: "HealthTests", dependencies: ["Health", "KealmYAML", "KealmModel"], exclude: ["Fixtures"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "Health", "KealmYAML", "KealmModel"], exclude: ["Golden"]),
        .testTarget(name: "DriftTests", dependencies: ["Drift", "KealmYAML", "KealmModel"], exclude: ["Golden"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KealmYAML", "KealmModel", "TestSupport", "kealm"], exclude: ["Fixtures"]),
        .testTarget(name: "ReconcileTests", dependencies: ["Reconcile", "KealmApp", "KubeClient", "TestSupport", "Planning", "Health", "Drift", "KealmYAML", "KealmModel"]),
        .testTarget(
            name: "GitSourceTests", dependencies: ["GitSource", "Overlay", "KealmYAML", "KealmModel", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PlacementTests", dependencies: ["Placement", "KealmModel", "KealmYAML"]),
        .testTarget(name: "GenerationTests", dependencies: ["Generation", "Placement", "KealmModel", "KealmYAML"]),
        .testTarget(name: "HostileInputTests", dependencies: ["TestSupport"]),
        .testTarget(name: "FleetCLITests", dependencies: ["KealmYAML"], exclude: ["Fixtures"]),
    ]
)
