import KealmYAML
import Patch
import Testing

/// Kustomize-mode strategic merge cases: `$patch`, `$setElementOrder`, `$retainKeys` and nulls. Expected outputs were produced by kustomize
/// v5.5.0 (`kubectl kustomize` with the object as a resource and the patch in `patches`).
let kustomizeDirectiveCases: [SMPCase] = [
    SMPCase(
        name: "volumes_null",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  volumes:
                  - name: v
                    emptyDir: {}
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  volumes:
                  - name: v
                    emptyDir: null
                    gcePersistentDisk: {pdName: x}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  volumes:
                  - gcePersistentDisk:
                      pdName: x
                    name: v
            """),
    SMPCase(
        name: "delete_root",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            $patch: delete
            """,
        expected: """

            """),
    SMPCase(
        name: "new_list_with_dirs",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {}
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
                    image: x
                  - name: a
                    args: [y]
                  - name: b
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
                  - args:
                    - "y"
                    name: a
            """),
    SMPCase(
        name: "embedded_gvk_in_crd",
        object: """
            apiVersion: example.com/v1
            kind: Wrapper
            metadata: {name: w}
            spec:
              inner:
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers: [{name: a, image: a}]
            """,
        patch: """
            apiVersion: example.com/v1
            kind: Wrapper
            metadata: {name: w}
            spec:
              inner:
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers: [{name: b, image: b}]
            """,
        expected: """
            apiVersion: example.com/v1
            kind: Wrapper
            metadata:
              name: w
            spec:
              inner:
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                      - image: b
                        name: b
                      - image: a
                        name: a
            """),
    SMPCase(
        name: "container_without_name",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers: [{image: x}, {name: a, image: a}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers: [{name: a, image: a2}]
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
                  - image: x
            """),
    SMPCase(
        name: "null_list",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: a}]
                  initContainers: [{name: i}]
                  containers: [{name: a}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: null
                  initContainers: null
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
            """),
    SMPCase(
        name: "env_valuefrom",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    env: [{name: X, valueFrom: {secretKeyRef: {name: s, key: k}}}]
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
                    env: [{name: X, value: "1"}]
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
                    - name: X
                      value: "1"
                      valueFrom:
                        secretKeyRef:
                          key: k
                          name: s
                    name: a
            """),
    SMPCase(
        name: "delete_in_nonassoc",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: a}, {key: b}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  tolerations: [{key: a, $patch: delete}]
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  tolerations:
                  - $patch: delete
                    key: a
            """),
    SMPCase(
        name: "scalar_vs_map",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {a: x}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {a: {b: c}}
            """,
        expected: """
            ERROR
            """),
    SMPCase(
        name: "ints_primitive_set",
        object: """
            apiVersion: example.com/v1
            kind: Foo
            metadata: {name: f, finalizers: [x]}
            spec: {n: [1, 2]}
            """,
        patch: """
            apiVersion: example.com/v1
            kind: Foo
            metadata: {name: f, finalizers: [y, x]}
            spec: {n: [3]}
            """,
        expected: """
            apiVersion: example.com/v1
            kind: Foo
            metadata:
              finalizers:
              - "y"
              - x
              name: f
            spec:
              "n":
              - 3
            """),
    SMPCase(
        name: "retainkeys_literal",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              strategy: {$retainKeys: [type], type: Recreate}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              strategy:
                $retainKeys:
                - type
                rollingUpdate:
                  maxSurge: 1
                type: Recreate
            """),
    SMPCase(
        name: "labels_null_missing",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: {a: null, b: "1"}}
            """,
        expected: """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              labels:
                b: "1"
              name: c
            """),
]
