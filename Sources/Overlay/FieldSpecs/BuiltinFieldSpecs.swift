/// The builtin field specs of kustomize v5.5.0, as data.
///
/// Compact notation, one spec per line: `section path [kind=K] [group=G] [version=V] [create]`.
/// For name references the section is `ref:<Kind>[:<group>[:<version>]]`. In a path, `@pod`
/// stands for the pod spec of each workload kind listed in `workloads` (the line's `kind=`
/// then names a workload set instead of one kind). `BuiltinFieldSpecs.yaml` expands this into
/// the `configurations:` document format that user configurations use too.
enum BuiltinFieldSpecs {
    /// Workload sets: kind, group, and the path of its pod spec.
    static let workloads: [String: [(kind: String, group: String?, version: String?, pod: String)]] = [
        "all": [("Pod", nil, "v1", "spec"), ("Deployment", nil, nil, "spec/template/spec"),
            ("ReplicaSet", nil, nil, "spec/template/spec"), ("DaemonSet", nil, nil, "spec/template/spec"),
            ("StatefulSet", nil, nil, "spec/template/spec"), ("Job", nil, nil, "spec/template/spec"),
            ("CronJob", nil, nil, "spec/jobTemplate/spec/template/spec")],
        "rc": [("Pod", nil, nil, "spec"), ("StatefulSet", nil, nil, "spec/template/spec"),
            ("Deployment", nil, nil, "spec/template/spec"), ("ReplicationController", nil, nil, "spec/template/spec"),
            ("CronJob", nil, nil, "spec/jobTemplate/spec/template/spec"), ("Job", nil, nil, "spec/template/spec"),
            ("DaemonSet", nil, nil, "spec/template/spec")],
    ]

    static let lines = """
        namePrefix metadata/name
        nameSuffix metadata/name
        namespace metadata/namespace create
        namespace metadata/name kind=Namespace create
        namespace subjects[]/namespace kind=RoleBinding
        namespace subjects[]/namespace kind=ClusterRoleBinding
        namespace spec/service/namespace group=apiregistration.k8s.io kind=APIService create
        namespace spec/conversion/webhook/clientConfig/service/namespace group=apiextensions.k8s.io kind=CustomResourceDefinition
        labels metadata/labels create
        labels spec/template/metadata/labels version=v1 kind=ReplicationController create
        labels spec/template/metadata/labels kind=Deployment create
        labels spec/template/metadata/labels kind=ReplicaSet create
        labels spec/template/metadata/labels kind=DaemonSet create
        labels spec/template/metadata/labels group=apps kind=StatefulSet create
        labels spec/volumeClaimTemplates[]/metadata/labels group=apps kind=StatefulSet create
        labels spec/template/metadata/labels group=batch kind=Job create
        labels spec/jobTemplate/metadata/labels group=batch kind=CronJob create
        labels spec/jobTemplate/spec/template/metadata/labels group=batch kind=CronJob create
        commonLabels spec/selector version=v1 kind=Service create
        commonLabels spec/selector version=v1 kind=ReplicationController create
        commonLabels spec/selector/matchLabels kind=Deployment create
        commonLabels spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels group=apps kind=Deployment
        commonLabels spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels group=apps kind=Deployment
        commonLabels spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels group=apps kind=Deployment
        commonLabels spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels group=apps kind=Deployment
        commonLabels spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels group=apps kind=Deployment
        commonLabels spec/selector/matchLabels kind=ReplicaSet create
        commonLabels spec/selector/matchLabels kind=DaemonSet create
        commonLabels spec/selector/matchLabels group=apps kind=StatefulSet create
        commonLabels spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels group=apps kind=StatefulSet
        commonLabels spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels group=apps kind=StatefulSet
        commonLabels spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels group=apps kind=StatefulSet
        commonLabels spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels group=apps kind=StatefulSet
        commonLabels spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels group=apps kind=StatefulSet
        commonLabels spec/selector/matchLabels group=batch kind=Job
        commonLabels spec/jobTemplate/spec/selector/matchLabels group=batch kind=CronJob
        commonLabels spec/selector/matchLabels group=policy kind=PodDisruptionBudget
        commonLabels spec/podSelector/matchLabels group=networking.k8s.io kind=NetworkPolicy
        commonLabels spec/ingress/from/podSelector/matchLabels group=networking.k8s.io kind=NetworkPolicy
        commonLabels spec/egress/to/podSelector/matchLabels group=networking.k8s.io kind=NetworkPolicy
        commonAnnotations metadata/annotations create
        commonAnnotations spec/template/metadata/annotations version=v1 kind=ReplicationController create
        commonAnnotations spec/template/metadata/annotations kind=Deployment create
        commonAnnotations spec/template/metadata/annotations kind=ReplicaSet create
        commonAnnotations spec/template/metadata/annotations kind=DaemonSet create
        commonAnnotations spec/template/metadata/annotations kind=StatefulSet create
        commonAnnotations spec/template/metadata/annotations group=batch kind=Job create
        commonAnnotations spec/jobTemplate/metadata/annotations group=batch kind=CronJob create
        commonAnnotations spec/jobTemplate/spec/template/metadata/annotations group=batch kind=CronJob create
        images spec/containers[]/image create
        images spec/initContainers[]/image create
        images spec/template/spec/containers[]/image create
        images spec/template/spec/initContainers[]/image create
        replicas spec/replicas kind=Deployment create
        replicas spec/replicas kind=ReplicationController create
        replicas spec/replicas kind=ReplicaSet create
        replicas spec/replicas kind=StatefulSet create
        varReference @pod/containers/args kind=all
        varReference @pod/containers/command kind=all
        varReference @pod/containers/env/value kind=all
        varReference @pod/containers/volumeMounts/mountPath kind=all
        varReference @pod/initContainers/args kind=all
        varReference @pod/initContainers/command kind=all
        varReference @pod/initContainers/env/value kind=all
        varReference @pod/initContainers/volumeMounts/mountPath kind=all
        varReference spec/volumes/nfs/server kind=Pod
        varReference spec/template/spec/volumes/nfs/server kind=Deployment
        varReference spec/template/spec/volumes/nfs/server kind=ReplicaSet
        varReference spec/template/spec/volumes/nfs/server kind=DaemonSet
        varReference spec/template/spec/volumes/nfs/server kind=Job
        varReference spec/jobTemplate/spec/template/volumes/nfs/server kind=CronJob
        varReference spec/rules/host kind=Ingress
        varReference spec/tls/hosts kind=Ingress
        varReference spec/tls/secretName kind=Ingress
        varReference spec/ports/port kind=Service
        varReference spec/ports/targetPort kind=Service
        varReference spec/volumeClaimTemplates/spec/nfs/server kind=StatefulSet
        varReference spec/nfs/server kind=PersistentVolume
        varReference metadata/labels
        varReference metadata/annotations
        ref:Deployment spec/scaleTargetRef/name kind=HorizontalPodAutoscaler
        ref:ReplicationController spec/scaleTargetRef/name kind=HorizontalPodAutoscaler
        ref:ReplicaSet spec/scaleTargetRef/name kind=HorizontalPodAutoscaler
        ref:StatefulSet spec/scaleTargetRef/name kind=HorizontalPodAutoscaler
        ref:ConfigMap::v1 @pod/volumes/configMap/name kind=all
        ref:ConfigMap::v1 @pod/containers/env/valueFrom/configMapKeyRef/name kind=all
        ref:ConfigMap::v1 @pod/initContainers/env/valueFrom/configMapKeyRef/name kind=all
        ref:ConfigMap::v1 @pod/containers/envFrom/configMapRef/name kind=all
        ref:ConfigMap::v1 @pod/initContainers/envFrom/configMapRef/name kind=all
        ref:ConfigMap::v1 @pod/volumes/projected/sources/configMap/name kind=all
        ref:ConfigMap::v1 spec/configSource/configMap kind=Node
        ref:ConfigMap::v1 rules/resourceNames kind=Role
        ref:ConfigMap::v1 rules/resourceNames kind=ClusterRole
        ref:ConfigMap::v1 metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap kind=Ingress
        ref:ConfigMap::v1 spec/template/spec/containers/env/valueFrom/configMapKeyRef/name kind=Service group=serving.knative.dev version=v1
        ref:ConfigMap::v1 spec/template/spec/containers/envFrom/configMapRef/name kind=Service group=serving.knative.dev version=v1
        ref:Secret::v1 @pod/volumes/secret/secretName kind=all
        ref:Secret::v1 @pod/containers/env/valueFrom/secretKeyRef/name kind=all
        ref:Secret::v1 @pod/initContainers/env/valueFrom/secretKeyRef/name kind=all
        ref:Secret::v1 @pod/containers/envFrom/secretRef/name kind=all
        ref:Secret::v1 @pod/initContainers/envFrom/secretRef/name kind=all
        ref:Secret::v1 @pod/imagePullSecrets/name kind=all
        ref:Secret::v1 @pod/volumes/projected/sources/secret/name kind=all
        ref:Secret::v1 spec/tls/secretName kind=Ingress
        ref:Secret::v1 metadata/annotations/ingress.kubernetes.io\\/auth-secret kind=Ingress
        ref:Secret::v1 metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret kind=Ingress
        ref:Secret::v1 metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret kind=Ingress
        ref:Secret::v1 imagePullSecrets/name kind=ServiceAccount
        ref:Secret::v1 parameters/secretName kind=StorageClass
        ref:Secret::v1 parameters/adminSecretName kind=StorageClass
        ref:Secret::v1 parameters/userSecretName kind=StorageClass
        ref:Secret::v1 parameters/secretRef kind=StorageClass
        ref:Secret::v1 rules/resourceNames kind=Role
        ref:Secret::v1 rules/resourceNames kind=ClusterRole
        ref:Secret::v1 spec/template/spec/containers/env/valueFrom/secretKeyRef/name kind=Service group=serving.knative.dev version=v1
        ref:Secret::v1 spec/azureFile/secretName kind=PersistentVolume
        ref:Service::v1 spec/serviceName kind=StatefulSet group=apps
        ref:Service::v1 spec/rules/http/paths/backend/serviceName kind=Ingress
        ref:Service::v1 spec/backend/serviceName kind=Ingress
        ref:Service::v1 spec/rules/http/paths/backend/service/name kind=Ingress
        ref:Service::v1 spec/defaultBackend/service/name kind=Ingress
        ref:Service::v1 spec/service/name kind=APIService group=apiregistration.k8s.io
        ref:Service::v1 webhooks/clientConfig/service kind=ValidatingWebhookConfiguration group=admissionregistration.k8s.io
        ref:Service::v1 webhooks/clientConfig/service kind=MutatingWebhookConfiguration group=admissionregistration.k8s.io
        ref:Role:rbac.authorization.k8s.io roleRef/name kind=RoleBinding group=rbac.authorization.k8s.io
        ref:ClusterRole:rbac.authorization.k8s.io roleRef/name kind=RoleBinding group=rbac.authorization.k8s.io
        ref:ClusterRole:rbac.authorization.k8s.io roleRef/name kind=ClusterRoleBinding group=rbac.authorization.k8s.io
        ref:ServiceAccount::v1 subjects kind=RoleBinding group=rbac.authorization.k8s.io
        ref:ServiceAccount::v1 subjects kind=ClusterRoleBinding group=rbac.authorization.k8s.io
        ref:ServiceAccount::v1 @pod/serviceAccountName kind=rc
        ref:PersistentVolumeClaim::v1 @pod/volumes/persistentVolumeClaim/claimName kind=rc
        ref:PersistentVolume::v1 spec/volumeName kind=PersistentVolumeClaim
        ref:PersistentVolume::v1 rules/resourceNames kind=ClusterRole
        ref:StorageClass:storage.k8s.io:v1 spec/storageClassName kind=PersistentVolume
        ref:StorageClass:storage.k8s.io:v1 spec/storageClassName kind=PersistentVolumeClaim
        ref:StorageClass:storage.k8s.io:v1 spec/volumeClaimTemplates/spec/storageClassName kind=StatefulSet
        ref:PriorityClass:scheduling.k8s.io:v1 @pod/priorityClassName kind=rc
        ref:IngressClass:networking.k8s.io/v1:v1 spec/ingressClassName kind=Ingress
        ref:ValidatingAdmissionPolicy:admissionregistration.k8s.io spec/policyName kind=ValidatingAdmissionPolicyBinding group=admissionregistration.k8s.io
        """
}

extension BuiltinFieldSpecs {
    /// The builtin configuration built from `lines`.
    static func makeConfig() -> TransformerConfig {
        var c = TransformerConfig()
        for raw in lines.split(separator: "\n") {
            let words = raw.split(separator: " ").map(String.init)
            guard words.count >= 2 else { continue }
            let section = words[0]
            var attrs: [String: String] = [:]
            var create = false
            for w in words.dropFirst(2) {
                if w == "create" { create = true; continue }
                if let eq = w.firstIndex(of: "=") { attrs[String(w[..<eq])] = String(w[w.index(after: eq)...]) }
            }
            var specs: [FieldSpec] = []
            let path = words[1]
            if path.hasPrefix("@pod"), let set = workloads[attrs["kind"] ?? ""] {
                for w in set {
                    specs.append(FieldSpec(group: w.group, version: w.version, kind: w.kind,
                        path: w.pod + path.dropFirst(4), create: create))
                }
            } else {
                specs.append(FieldSpec(group: attrs["group"], version: attrs["version"], kind: attrs["kind"], path: path, create: create))
            }
            switch section {
            case "namePrefix": c.namePrefix += specs
            case "nameSuffix": c.nameSuffix += specs
            case "namespace": c.namespace += specs
            case "labels": c.commonLabels += specs; c.templateLabels += specs
            case "commonLabels": c.commonLabels += specs
            case "commonAnnotations": c.commonAnnotations += specs
            case "images": c.images += specs
            case "replicas": c.replicas += specs
            case "varReference": c.varReference += specs
            default:
                guard section.hasPrefix("ref:") else { continue }
                let parts = section.dropFirst(4).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                let ref = TransformerConfig.NameBackReference(group: parts.count > 1 ? parts[1] : "",
                    version: parts.count > 2 ? parts[2] : "", kind: parts[0], referrers: specs)
                c.merge(TransformerConfig(nameReference: [ref]))
            }
        }
        return c
    }
}

extension TransformerConfig {
    init(nameReference: [NameBackReference]) {
        self.init()
        self.nameReference = nameReference
    }
}
