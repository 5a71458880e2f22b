import KealmModel
import KealmYAML
import Testing
@testable import Generation

@Suite struct GeneratorTests {
    static let header = "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: s, namespace: argocd}\n"

    @Test func listFastAndGo() throws {
        let fast = try Fix.generate(Self.header + """
            spec:
              generators:
              - list:
                  elements:
                  - {cluster: a, url: "https://a", values: {ns: x}}
                  - {cluster: b, url: "https://b", values: {ns: y}}
              template:
                metadata: {name: "{{cluster}}-app"}
                spec: {destination: {server: "{{url}}", namespace: "{{values.ns}}"}, project: "{{missing}}"}
            """)
        #expect(Fix.names(fast) == ["a-app", "b-app"])
        #expect(fast[1].string(at: "spec", "destination", "namespace") == "y")
        #expect(fast[0].string(at: "spec", "project") == "{{missing}}")
        #expect(fast[0].string(at: "metadata", "namespace") == "argocd")
        #expect(fast[0][path: ["metadata", "ownerReferences"]]?.items?.first?.string(at: "name") == "s")

        let go = try Fix.generate(Self.header + """
            spec:
              goTemplate: true
              generators:
              - list:
                  elements: [{cluster: a, replicas: 2}]
                  elementsYaml: |
                    - cluster: b
                      replicas: 5
              template:
                metadata: {name: "{{.cluster}}-{{.replicas}}"}
                spec: {}
            """)
        #expect(Fix.names(go) == ["a-2", "b-5"])
    }

    @Test func listFastRejectsNonStringValues() {
        #expect(throws: GenerationError.self) {
            try Fix.generate(Self.header + "spec:\n  generators: [{list: {elements: [{n: 3}]}}]\n  template: {metadata: {name: x}}")
        }
    }

    @Test func clustersGenerator() throws {
        let secrets = [Fix.secret("Prod_East", env: "prod"), Fix.secret("dev-1", env: "dev")]
        let inputs = GenerationInputs(clusterSecrets: secrets)
        let all = try Fix.generate(Self.header + """
            spec:
              generators: [{clusters: {values: {suffix: "-{{name}}"}}}]
              template:
                metadata: {name: "{{nameNormalized}}{{values.suffix}}"}
                spec: {destination: {server: "{{server}}"}, source: {path: "envs/{{metadata.labels.env}}"}}
            """, inputs)
        #expect(Fix.names(all) == ["prod-east-Prod_East", "dev-1-dev-1", "in-cluster-in-cluster"])
        #expect(all[2].string(at: "spec", "destination", "server") == "https://kubernetes.default.svc")
        let prod = try Fix.generate(Self.header + """
            spec:
              generators: [{clusters: {selector: {matchLabels: {env: prod}}}}]
              template: {metadata: {name: "{{nameNormalized}}"}, spec: {source: {path: "envs/{{metadata.labels.env}}"}}}
            """, inputs)
        #expect(Fix.names(prod) == ["prod-east"])
        #expect(prod[0].string(at: "spec", "source", "path") == "envs/prod")
        let go = try Fix.generate(Self.header + """
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators: [{clusters: {selector: {matchLabels: {env: dev}}}}]
              template: {metadata: {name: "{{.name}}-{{index .metadata.labels \\"env\\"}}-{{.metadata.annotations.team}}"}, spec: {}}
            """, inputs)
        #expect(Fix.names(go) == ["dev-1-dev-a"])
    }

    @Test func clusterDecisionResourceWithAcmPlacement() throws {
        let decision = try YAMLParser.parse("""
            apiVersion: cluster.open-cluster-management.io/v1beta1
            kind: PlacementDecision
            metadata: {name: p-decision-1, namespace: argocd, labels: {cluster.open-cluster-management.io/placement: p}}
            status: {decisions: [{clusterName: dev-1, reason: ""}, {clusterName: unknown, reason: ""}, {clusterName: Prod_East, reason: ""}]}
            """)
        let cm = try YAMLParser.parse("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: acm-placement, namespace: argocd}
            data: {apiVersion: cluster.open-cluster-management.io/v1beta1, kind: placementdecisions, statusListKey: decisions, matchKey: clusterName}
            """)
        let inputs = GenerationInputs(clusterSecrets: [Fix.secret("Prod_East", env: "prod"), Fix.secret("dev-1", env: "dev")],
            objects: [cm, decision], controllerNamespace: "argocd")
        let apps = try Fix.generate(Self.header + """
            spec:
              generators:
              - clusterDecisionResource:
                  configMapRef: acm-placement
                  labelSelector: {matchLabels: {cluster.open-cluster-management.io/placement: p}}
                  values: {x: "1"}
              template: {metadata: {name: "{{clusterName}}-{{values.x}}"}, spec: {destination: {server: "{{server}}"}}}
            """, inputs)
        #expect(Fix.names(apps) == ["dev-1-1", "Prod_East-1"])
        #expect(apps[1].string(at: "spec", "destination", "server") == "https://Prod_East.example:6443")
        // No decision resource at all is an error, not an empty list.
        let empty = GenerationInputs(clusterSecrets: inputs.clusterSecrets, objects: [cm])
        #expect(throws: GenerationError.self) {
            try Fix.generate(Self.header + """
                spec:
                  generators: [{clusterDecisionResource: {configMapRef: acm-placement, name: p-decision-1}}]
                  template: {metadata: {name: x}}
                """, empty)
        }
    }

    @Test func gitDirectoriesAndFiles() throws {
        let repo = MemoryRepo(files: [
            "apps/web/kustomization.yaml": "", "apps/db/kustomization.yaml": "", "apps/legacy/x": "",
            "config/dev/config.json": #"{"cluster": {"name": "dev", "address": "https://dev"}}"#,
            "config/prod/config.json": #"{"cluster": {"name": "prod", "address": "https://prod"}}"#,
        ])
        let inputs = GenerationInputs(repo: repo)
        let dirs = try Fix.generate(Self.header + """
            spec:
              generators:
              - git: {repoURL: "https://git/x", revision: HEAD, directories: [{path: "apps/*"}, {path: apps/legacy, exclude: true}]}
              template: {metadata: {name: "{{path.basename}}"}, spec: {source: {path: "{{path}}"}, x: "{{path[0]}}"}}
            """, inputs)
        #expect(Fix.names(dirs) == ["db", "web"])
        #expect(dirs[0].string(at: "spec", "x") == "apps")
        let files = try Fix.generate(Self.header + """
            spec:
              goTemplate: true
              generators: [{git: {repoURL: "https://git/x", files: [{path: "config/**/config.json"}]}}]
              template: {metadata: {name: "{{.cluster.name}}-{{.path.basename}}"}, spec: {destination: {server: "{{.cluster.address}}"}}}
            """, inputs)
        #expect(Fix.names(files) == ["dev-dev", "prod-prod"])
        #expect(throws: GenerationError.self) {
            try Fix.generate(Self.header + "spec:\n  generators: [{git: {repoURL: x, directories: [{path: '*'}]}}]\n  template: {metadata: {name: x}}")
        }
    }

    @Test func matrixInterpolatesSecondChild() throws {
        let inputs = GenerationInputs(clusterSecrets: [Fix.secret("dev-1", env: "dev"), Fix.secret("prod-1", env: "prod")])
        let apps = try Fix.generate(Self.header + """
            spec:
              generators:
              - matrix:
                  generators:
                  - clusters: {selector: {matchLabels: {argocd.argoproj.io/secret-type: cluster}}}
                  - list: {elements: [{app: web, path: "overlays/{{metadata.labels.env}}"}, {app: db, path: "db/{{metadata.labels.env}}"}]}
              template: {metadata: {name: "{{app}}-{{name}}"}, spec: {source: {path: "{{path}}"}}}
            """, inputs)
        #expect(Fix.names(apps) == ["web-dev-1", "db-dev-1", "web-prod-1", "db-prod-1"])
        #expect(apps[2].string(at: "spec", "source", "path") == "overlays/prod")
    }

    @Test func matrixDuplicateKeyAndArityErrors() {
        #expect(throws: GenerationError.self) {
            try Fix.generate(Self.header + """
                spec:
                  generators: [{matrix: {generators: [{list: {elements: [{a: "1"}]}}, {list: {elements: [{a: "2"}]}}]}}]
                  template: {metadata: {name: x}}
                """)
        }
        #expect(throws: GenerationError.self) {
            try Fix.generate(Self.header + "spec:\n  generators: [{matrix: {generators: [{list: {elements: []}}]}}]\n  template: {metadata: {name: x}}")
        }
    }

    @Test func mergeByKeys() throws {
        let apps = try Fix.generate(Self.header + """
            spec:
              generators:
              - merge:
                  mergeKeys: [name]
                  generators:
                  - list: {elements: [{name: a, size: small}, {name: b, size: small}]}
                  - list: {elements: [{name: b, size: large}, {name: z, size: huge}]}
              template: {metadata: {name: "{{name}}-{{size}}"}}
            """)
        #expect(Fix.names(apps) == ["a-small", "b-large"])
        #expect(throws: GenerationError.self) {
            try Fix.generate(Self.header + """
                spec:
                  generators: [{merge: {mergeKeys: [name], generators: [{list: {elements: [{name: a}, {name: a}]}}, {list: {elements: []}}]}}]
                  template: {metadata: {name: x}}
                """)
        }
    }

    @Test func postSelectorAndGeneratorTemplate() throws {
        let apps = try Fix.generate(Self.header + """
            spec:
              generators:
              - list:
                  elements: [{name: a, env: dev}, {name: b, env: prod}]
                  template: {metadata: {labels: {from: list}}}
                selector: {matchLabels: {env: prod}}
              template: {metadata: {name: "{{name}}"}, spec: {project: default}}
            """)
        #expect(Fix.names(apps) == ["b"])
        #expect(apps[0].string(at: "metadata", "labels", "from") == "list")
        #expect(apps[0].string(at: "spec", "project") == "default")
    }

    @Test func templatePatch() throws {
        let apps = try Fix.generate(Self.header + """
            spec:
              goTemplate: true
              generators: [{list: {elements: [{name: a, auto: true}, {name: b, auto: false}]}}]
              template: {metadata: {name: "{{.name}}"}, spec: {project: default}}
              templatePatch: |
                {{- if .auto }}
                spec:
                  syncPolicy:
                    automated: {prune: true}
                {{- end }}
            """)
        #expect(apps[0][path: ["spec", "syncPolicy", "automated", "prune"]]?.boolValue == true)
        #expect(apps[1][path: ["spec", "syncPolicy"]] == nil)
    }

    @Test func duplicateNamesAreAnError() {
        #expect(throws: GenerationError.self) {
            try Fix.generate(Self.header + "spec:\n  generators: [{list: {elements: [{a: x}, {a: x}]}}]\n  template: {metadata: {name: '{{a}}'}}")
        }
    }
}
