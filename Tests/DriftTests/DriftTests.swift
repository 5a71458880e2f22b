import Drift
import Foundation
import KealmYAML
import Testing

let desiredDeployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: demo
      labels: {app: web}
    spec:
      replicas: 2
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
          - name: app
            image: nginx:1.25
            ports: [{containerPort: 80}]
            resources: {limits: {memory: 1Gi, cpu: 2}}
          tolerations:
          - {key: dedicated, value: web}
    """

/// The same Deployment as the server returns it: defaults filled in, status, managedFields,
/// a label and a sidecar another controller added.
func liveDeployment(image: String = "nginx:1.25", replicas: Int = 2, extraManaged: String = "", extraLabel: String = "") -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: demo
      uid: 7d1c
      resourceVersion: "1234"
      generation: 3
      creationTimestamp: "2026-01-01T00:00:00Z"
      labels: {app: web, injected-by: mesh\(extraLabel)}
      annotations:
        kubectl.kubernetes.io/last-applied-configuration: '{"old":true}'
        deployment.kubernetes.io/revision: "3"
      managedFields:
      - manager: kealm
        operation: Apply
        apiVersion: apps/v1
        fieldsType: FieldsV1
        fieldsV1:
          f:metadata:
            f:labels: {f:app: {}\(extraManaged)}
          f:spec:
            f:replicas: {}
            f:selector: {}
            f:template:
              f:metadata: {f:labels: {f:app: {}}}
              f:spec:
                f:containers:
                  k:{"name":"app"}:
                    .: {}
                    f:image: {}
                    f:name: {}
                    f:ports:
                      k:{"containerPort":80,"protocol":"TCP"}: {.: {}, f:containerPort: {}}
                    f:resources: {f:limits: {f:cpu: {}, f:memory: {}}}
                f:tolerations: {}
      - manager: kube-controller-manager
        operation: Update
        subresource: status
        fieldsType: FieldsV1
        fieldsV1: {f:status: {f:replicas: {}}}
      - manager: autoscaler
        operation: Update
        fieldsType: FieldsV1
        fieldsV1: {f:spec: {f:replicas: {}}}
    spec:
      replicas: \(replicas)
      revisionHistoryLimit: 10
      progressDeadlineSeconds: 600
      selector: {matchLabels: {app: web}}
      strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
      template:
        metadata: {labels: {app: web}, creationTimestamp: null}
        spec:
          containers:
          - name: app
            image: \(image)
            imagePullPolicy: IfNotPresent
            ports: [{containerPort: 80, protocol: TCP}]
            resources: {limits: {memory: 1024Mi, cpu: "2"}}
            terminationMessagePath: /dev/termination-log
          - name: mesh-proxy
            image: proxy:1
          dnsPolicy: ClusterFirst
          restartPolicy: Always
          tolerations:
          - {key: dedicated, value: web, operator: Equal}
    status: {replicas: 2, availableReplicas: 1}
    """
}

@Suite struct DriftTests {
    func compare(_ live: String, _ options: DriftOptions = DriftOptions(), desired: String = desiredDeployment) throws -> ResourceDrift {
        DriftDetector.compare(desired: try YAMLParser.parse(desired), live: try YAMLParser.parse(live), options: options)
    }

    @Test func defaultedAndForeignFieldsAreNotDrift() throws {
        let drift = try compare(liveDeployment())
        #expect(drift.differences == [])
        #expect(!drift.isDrifted)
        #expect(drift.text == "")
    }

    @Test func aChangedManagedFieldIsDrift() throws {
        let drift = try compare(liveDeployment(image: "nginx:1.24"))
        #expect(drift.differences.map(\.description) == ["spec.template.spec.containers[name=app].image: nginx:1.24 → nginx:1.25"])
        #expect(drift.differences[0].kind == .changed)
        #expect(drift.text.contains("-        image: nginx:1.24\n+        image: nginx:1.25\n"))
        #expect(drift.text.hasPrefix("--- live Deployment demo/web\n+++ desired Deployment demo/web\n@@ "))
    }

    @Test func aFieldKealmOwnsButNoLongerWantsIsReported() throws {
        let drift = try compare(liveDeployment(extraManaged: ", f:tier: {}", extraLabel: ", tier: frontend"))
        #expect(drift.differences.map(\.description) == ["metadata.labels.tier: frontend is no longer desired"])
        #expect(drift.text.contains("@@ no longer desired (an apply removes them) @@\n-metadata.labels.tier: frontend\n"))
    }

    @Test func ignoreDifferencesByPointerJqAndManager() throws {
        let live = liveDeployment(image: "nginx:1.24", replicas: 5)
        #expect(try compare(live).differences.count == 2)
        let byPointer = DriftOptions(ignore: [IgnoreRule(group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"])])
        #expect(try compare(live, byPointer).differences.map(\.pathText) == ["spec.template.spec.containers[name=app].image"])
        let byJQ = DriftOptions(ignore: [IgnoreRule(group: "apps", kind: "Deployment", name: "web",
            jqPathExpressions: [#".spec.template.spec.containers[] | select(.name == "app") | .image"#])])
        #expect(try compare(live, byJQ).differences.map(\.pathText) == ["spec.replicas"])
        let byManager = DriftOptions(ignore: [IgnoreRule(group: "*", kind: "*", managedFieldsManagers: ["autoscaler"])])
        #expect(try compare(live, byManager).differences.map(\.pathText) == ["spec.template.spec.containers[name=app].image"])
        let otherName = DriftOptions(ignore: [IgnoreRule(group: "apps", kind: "Deployment", name: "api", jsonPointers: ["/spec/replicas"])])
        #expect(try compare(live, otherName).differences.count == 2)
    }

    @Test func quantitiesCompareByValueUnlessDisabled() throws {
        let strict = try compare(liveDeployment(), DriftOptions(normalizeQuantities: false))
        #expect(Set(strict.differences.map(\.pathText)) == [
            "spec.template.spec.containers[name=app].resources.limits.memory", "spec.template.spec.containers[name=app].resources.limits.cpu",
        ])
    }

    @Test func missingLiveObjectAndMissingFields() throws {
        let desired = try YAMLParser.parse(desiredDeployment)
        #expect(DriftDetector.compare(desired: desired, live: nil).liveMissing)
        let live = liveDeployment().replacingOccurrences(of: "      tolerations:\n      - {key: dedicated, value: web, operator: Equal}\n", with: "")
        let drift = try compare(live)
        #expect(drift.differences.map(\.description) == [#"spec.template.spec.tolerations: missing, want [{"key":"dedicated","value":"web"}]"#])
    }

    @Test(arguments: [
        ("[{key: a, value: b}, {key: c}]", "[{key: a, value: b, operator: Equal}, {key: c, operator: Exists}]", 0),
        ("[{key: a, value: b}]", "[{key: a, value: b}, {key: extra}]", 1),
        ("[{key: a, value: b}]", "[{key: a, value: x}]", 1),
        ("[x, y]", "[x, y]", 0),
        ("[x, y]", "[y, x]", 1),
    ])
    func positionalLists(_ desired: String, _ live: String, _ count: Int) throws {
        let d = try YAMLParser.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {list: \(desired)}")
        let l = try YAMLParser.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {list: \(live)}")
        #expect(DriftDetector.compare(desired: d, live: l).differences.count == count)
    }

    @Test func finalizersAreASetAndStatusIsIgnored() throws {
        let d = try YAMLParser.parse("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c, finalizers: [a]}\nstatus: {phase: Pending}")
        let l = try YAMLParser.parse("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c, finalizers: [kubernetes.io/pvc-protection, a]}\nstatus: {phase: Bound}")
        #expect(DriftDetector.compare(desired: d, live: l).differences == [])
    }

    @Test func typesMatter() throws {
        let d = try YAMLParser.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: 'true', n: '1'}\nx: {i: 1, f: 1.0, b: true}")
        let l = try YAMLParser.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: 'true', n: '1'}\nx: {i: 1.0, f: 1, b: true}")
        #expect(DriftDetector.compare(desired: d, live: l).differences == [])
        let l2 = try YAMLParser.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: true, n: '1'}\nx: {i: 1, f: 1.0, b: 'true'}")
        #expect(DriftDetector.compare(desired: d, live: l2, options: DriftOptions(normalizeQuantities: false)).differences.map(\.pathText) == ["data.a", "x.b"])
    }

    @Test(arguments: [
        (".spec | select(.a = 1)", "ignoreDifferences[0].jqPathExpressions[0]"),
        ("spec.replicas", "ignoreDifferences[0].jqPathExpressions[0]"),
        (".spec[foo]", "ignoreDifferences[0].jqPathExpressions[0]"),
    ])
    func badJqExpressionsAreNamed(_ expr: String, _ field: String) throws {
        let list = try YAMLParser.parse("- {kind: Deployment, jqPathExpressions: ['\(expr)']}")
        #expect { _ = try IgnoreRule.parse(list) } throws: { ($0 as? DriftError)?.field == field }
    }

    @Test func ignoreRulesParseFromAnApplication() throws {
        let list = try YAMLParser.parse("""
            - group: apps
              kind: Deployment
              jsonPointers: [/spec/replicas]
              managedFieldsManagers: [kube-controller-manager]
            - kind: ConfigMap
              name: c
              namespace: n
              jqPathExpressions: ['.data["a.b"]']
            """)
        let rules = try IgnoreRule.parse(list)
        #expect(rules.count == 2)
        #expect(rules[0].matches(group: "apps", kind: "Deployment", namespace: "x", name: "y"))
        #expect(!rules[1].matches(group: "", kind: "ConfigMap", namespace: "other", name: "c"))
        let d = try YAMLParser.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: n}\ndata: {a.b: '1', z: '2'}")
        let l = try YAMLParser.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: n}\ndata: {a.b: '9', z: '2'}")
        #expect(DriftDetector.compare(desired: d, live: l, options: DriftOptions(ignore: rules)).differences == [])
    }
}
