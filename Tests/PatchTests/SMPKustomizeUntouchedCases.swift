import KealmYAML
import Patch
import Testing

/// Kustomize-mode strategic merge cases: data kustomize leaves alone, and late additions. Expected outputs were produced by kustomize
/// v5.5.0 (`kubectl kustomize` with the object as a resource and the patch in `patches`).
let kustomizeUntouchedCases: [SMPCase] = [
    SMPCase(
        name: "svc_port_dup_protocols",
        object: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - {port: 53, protocol: TCP, name: dns-tcp}
              - {port: 53, protocol: UDP, name: dns}
            """,
        patch: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - {port: 53, protocol: UDP, targetPort: 5353}
            """,
        expected: """
            apiVersion: v1
            kind: Service
            metadata:
              name: s
            spec:
              ports:
              - name: dns-tcp
                port: 53
                protocol: TCP
              - name: dns
                port: 53
                protocol: UDP
                targetPort: 5353
            """),
    SMPCase(
        name: "new_map_with_patch_replace_inside",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, annotations: {$patch: replace, a: "1"}}
            data: {x: null, y: "2"}
            """,
        expected: """
            apiVersion: v1
            data:
              "y": "2"
            kind: ConfigMap
            metadata:
              annotations:
                a: "1"
              name: c
            """),

    SMPCase(
        name: "untouched_duplicates",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - {name: a, image: a1}
                  - {name: a, image: a2, args: [x]}
                  - {name: b, image: b}
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d, labels: {x: "1"}}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              labels:
                x: "1"
              name: d
            spec:
              template:
                spec:
                  containers:
                  - args:
                    - x
                    image: a2
                    name: a
                  - image: b
                    name: b
            """),
    SMPCase(
        name: "untouched_partial_protocol",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    ports: [{containerPort: 80}, {containerPort: 81, protocol: UDP}, {containerPort: 82}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {replicas: 3}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: a
                    ports:
                    - containerPort: 80
                    - containerPort: 81
                      protocol: UDP
                    - containerPort: 82
            """),
    SMPCase(
        name: "untouched_nulls",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                metadata: {creationTimestamp: null, annotations: {a: ~, b: null, c: }}
                spec:
                  containers: [{name: a, resources: {}, env: [{name: X}, {name: Y, value: null}]}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {replicas: 3}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              replicas: 3
              template:
                metadata:
                  annotations:
                    a: null
                    b: null
                  creationTimestamp: null
                spec:
                  containers:
                  - env:
                    - name: X
                    - name: "Y"
                      value: null
                    name: a
                    resources: {}
            """),
    SMPCase(
        name: "untouched_finalizers_dupes",
        object: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, finalizers: [a, b, a]}
            """,
        patch: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {x: "1"}
            """,
        expected: """
            apiVersion: v1
            data:
              x: "1"
            kind: ConfigMap
            metadata:
              finalizers:
              - a
              - b
              name: c
            """),
    SMPCase(
        name: "untouched_emptymap_item",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  volumes: [{name: v, emptyDir: {}}, {}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {replicas: 3}
            """,
        expected: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              replicas: 3
              template:
                spec:
                  volumes:
                  - emptyDir: {}
                    name: v
            """),

    SMPCase(
        name: "delete_port_multikey",
        object: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - {port: 80, protocol: TCP, name: http}
              - {port: 443, protocol: TCP, name: https}
            """,
        patch: """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - {port: 80, protocol: TCP, $patch: delete}
            """,
        expected: """
            apiVersion: v1
            kind: Service
            metadata:
              name: s
            spec:
              ports:
              - name: https
                port: 443
                protocol: TCP
            """),
    SMPCase(
        name: "volume_source_change",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  volumes: [{name: cfg, configMap: {name: a}}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  volumes: [{name: cfg, secret: {secretName: b}}]
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
                  - configMap:
                      name: a
                    name: cfg
                    secret:
                      secretName: b
            """),
    SMPCase(
        name: "list_merge_directive",
        object: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers: [{name: a}, {name: b}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers: [{$patch: merge}, {name: c}]
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
                  - name: a
                  - name: b
            """),
    SMPCase(
        name: "add_init_and_resources",
        object: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers: [{name: a, image: a, resources: {limits: {cpu: "1"}}}]
            """,
        patch: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: d}
            spec:
              template:
                spec:
                  initContainers: [{name: init, image: busybox}]
                  containers: [{name: a, resources: {limits: {memory: 1Gi}, requests: {cpu: 100m}}}]
            """,
        expected: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - image: a
                    name: a
                    resources:
                      limits:
                        cpu: "1"
                        memory: 1Gi
                      requests:
                        cpu: 100m
                  initContainers:
                  - image: busybox
                    name: init
            """),
    SMPCase(
        name: "cronjob_jobtemplate",
        object: """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: c}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: a, image: a, env: [{name: X, value: "1"}]}]
            """,
        patch: """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: c}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: a, env: [{name: Y, value: "2"}]}]
            """,
        expected: """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: c
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                      - env:
                        - name: "Y"
                          value: "2"
                        - name: X
                          value: "1"
                        image: a
                        name: a
            """),
]
