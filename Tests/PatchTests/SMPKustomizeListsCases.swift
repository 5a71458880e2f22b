import KealmYAML
import Patch
import Testing

/// Kustomize-mode strategic merge cases: lists, merge keys and element order. Expected outputs were produced by kustomize
/// v5.5.0 (`kubectl kustomize` with the object as a resource and the patch in `patches`).
let kustomizeListCases: [SMPCase] = [
    SMPCase(
        name: "order_existing_and_new",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    image: a:1
                  - name: b
                    image: b:1
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: b
                    image: b:2
                  - name: c
                    image: c:1
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - image: b:2
                    name: b
                  - image: c:1
                    name: c
                  - image: a:1
                    name: a
            """),
    SMPCase(
        name: "replace_element",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    image: a:1
                    args: [x]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    image: a:2
                    $patch: replace
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - args:
                    - x
                    image: a:1
                    name: a
            """),
    SMPCase(
        name: "ports_multikey",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    ports:
                    - containerPort: 80
                      protocol: TCP
                    - containerPort: 90
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    ports:
                    - containerPort: 80
                      protocol: UDP
                    - containerPort: 90
                      name: x
                    - containerPort: 100
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    ports:
                    - containerPort: 80
                      protocol: UDP
                    - containerPort: 100
                    - containerPort: 80
                      protocol: TCP
                    - containerPort: 90
                      name: x
            """),
    SMPCase(
        name: "finalizers",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [a, b]}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [c, a]}
            """,
        expected: """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              finalizers:
              - c
              - a
              - b
              name: c
            """),
    SMPCase(
        name: "nulls",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: {x: "1"}}
            data: {a: "1", b: "2", keepnull: null, empty: }
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: null}
            data: {a: null, c: "3"}
            """,
        expected: """
            apiVersion: v1
            data:
              b: "2"
              c: "3"
              keepnull: null
            kind: ConfigMap
            metadata:
              name: c
            """),
    SMPCase(
        name: "setelementorder",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                  - name: b
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  $setElementOrder/containers:
                  - name: b
                  - name: a
                  containers:
                  - name: b
                    image: x
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  $setElementOrder/containers:
                  - name: b
                  - name: a
                  containers:
                  - image: x
                    name: b
                  - name: a
            """),
    SMPCase(
        name: "crd_lists",
        object: """
            apiVersion: example.com/v1
            kind: Foo
            metadata: {name: f}
            spec:
              items: [{name: a, v: 1}, {name: b, v: 2}]
              m: {x: 1}
            """,
        patch: """
            apiVersion: example.com/v1
            kind: Foo
            metadata: {name: f}
            spec:
              items: [{name: a, v: 3}]
              m: {y: 2}
            """,
        expected: """
            apiVersion: example.com/v1
            kind: Foo
            metadata:
              name: f
            spec:
              items:
              - name: a
                v: 3
              m:
                x: 1
                "y": 2
            """),
    SMPCase(
        name: "list_replace_directive",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                  - name: b
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - $patch: replace
                  - name: c
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - name: c
            """),
    SMPCase(
        name: "delete_elem",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                  - name: b
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    $patch: delete
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - name: b
            """),
    SMPCase(
        name: "map_replace",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                metadata: {labels: {a: "1", b: "2"}}
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                metadata:
                  labels: {c: "3", $patch: replace}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                metadata:
                  labels:
                    c: "3"
            """),
    SMPCase(
        name: "svc_ports",
        object: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - port: 80
                targetPort: 8080
              - port: 443
                protocol: TCP
            """,
        patch: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - port: 80
                name: http
              - port: 53
                protocol: UDP
            """,
        expected: """
            apiVersion: v1
            kind: Service
            metadata:
              name: s
            spec:
              ports:
              - port: 53
                protocol: UDP
              - name: http
                port: 80
                targetPort: 8080
              - port: 443
                protocol: TCP
            """),
    SMPCase(
        name: "tolerations_envfrom",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: a}]
                  containers:
                  - name: a
                    envFrom: [{configMapRef: {name: x}}]
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: b}]
                  containers:
                  - name: a
                    envFrom: [{secretRef: {name: y}}]
                    env: [{name: C, value: "3"}, {name: A, value: "9"}]
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - env:
                    - name: C
                      value: "3"
                    - name: A
                      value: "9"
                    - name: B
                      value: "2"
                    envFrom:
                    - secretRef:
                        name: "y"
                    name: a
                  tolerations:
                  - key: b
            """),
]
