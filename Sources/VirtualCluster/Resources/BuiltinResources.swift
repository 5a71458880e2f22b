/// The built-in resource table: the core kinds every logical cluster serves before any CRD.
public enum BuiltinResources {
    private static func r(_ gv: String, _ kind: String, _ plural: String, ns: Bool, short: [String] = [], status: Bool = false,
                          all: Bool = false) -> ResourceInfo {
        let parts = gv.split(separator: "/").map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
        return ResourceInfo(group: group, version: version, kind: kind, plural: plural, namespaced: ns, shortNames: short,
                            hasStatus: status, categories: all ? ["all"] : [])
    }

    /// Every built-in resource, grouped by group/version in discovery order.
    public static let all: [ResourceInfo] = [
        r("v1", "Namespace", "namespaces", ns: false, short: ["ns"], status: true),
        r("v1", "ConfigMap", "configmaps", ns: true, short: ["cm"]),
        r("v1", "Secret", "secrets", ns: true),
        r("v1", "ServiceAccount", "serviceaccounts", ns: true, short: ["sa"]),
        r("v1", "Service", "services", ns: true, short: ["svc"], status: true, all: true),
        r("v1", "Endpoints", "endpoints", ns: true, short: ["ep"]),
        r("v1", "Event", "events", ns: true, short: ["ev"]),
        r("v1", "Pod", "pods", ns: true, short: ["po"], status: true, all: true),
        r("v1", "PodTemplate", "podtemplates", ns: true),
        r("v1", "ReplicationController", "replicationcontrollers", ns: true, short: ["rc"], status: true, all: true),
        r("v1", "PersistentVolumeClaim", "persistentvolumeclaims", ns: true, short: ["pvc"], status: true),
        r("v1", "PersistentVolume", "persistentvolumes", ns: false, short: ["pv"], status: true),
        r("v1", "Node", "nodes", ns: false, short: ["no"], status: true),
        r("v1", "LimitRange", "limitranges", ns: true, short: ["limits"]),
        r("v1", "ResourceQuota", "resourcequotas", ns: true, short: ["quota"], status: true),
        r("apps/v1", "Deployment", "deployments", ns: true, short: ["deploy"], status: true, all: true),
        r("apps/v1", "StatefulSet", "statefulsets", ns: true, short: ["sts"], status: true, all: true),
        r("apps/v1", "DaemonSet", "daemonsets", ns: true, short: ["ds"], status: true, all: true),
        r("apps/v1", "ReplicaSet", "replicasets", ns: true, short: ["rs"], status: true, all: true),
        r("apps/v1", "ControllerRevision", "controllerrevisions", ns: true),
        r("batch/v1", "Job", "jobs", ns: true, status: true, all: true),
        r("batch/v1", "CronJob", "cronjobs", ns: true, short: ["cj"], status: true, all: true),
        r("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ns: true, short: ["hpa"], status: true, all: true),
        r("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", ns: true, short: ["pdb"], status: true),
        r("networking.k8s.io/v1", "Ingress", "ingresses", ns: true, short: ["ing"], status: true),
        r("networking.k8s.io/v1", "IngressClass", "ingressclasses", ns: false),
        r("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", ns: true, short: ["netpol"]),
        r("rbac.authorization.k8s.io/v1", "Role", "roles", ns: true),
        r("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", ns: true),
        r("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", ns: false),
        r("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", ns: false),
        r("storage.k8s.io/v1", "StorageClass", "storageclasses", ns: false, short: ["sc"]),
        r("storage.k8s.io/v1", "CSIDriver", "csidrivers", ns: false),
        r("storage.k8s.io/v1", "VolumeAttachment", "volumeattachments", ns: false, status: true),
        r("coordination.k8s.io/v1", "Lease", "leases", ns: true),
        r("discovery.k8s.io/v1", "EndpointSlice", "endpointslices", ns: true),
        r("events.k8s.io/v1", "Event", "events", ns: true, short: ["ev"]),
        r("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", ns: false, short: ["pc"]),
        r("node.k8s.io/v1", "RuntimeClass", "runtimeclasses", ns: false),
        r("certificates.k8s.io/v1", "CertificateSigningRequest", "certificatesigningrequests", ns: false, short: ["csr"], status: true),
        r("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", ns: false, short: ["crd", "crds"], status: true),
        r("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", ns: false),
        r("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", ns: false),
        r("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", ns: false, status: true),
        r("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", ns: false),
        r("apiregistration.k8s.io/v1", "APIService", "apiservices", ns: false, status: true),
        r("flowcontrol.apiserver.k8s.io/v1", "FlowSchema", "flowschemas", ns: false, status: true),
        r("flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration", "prioritylevelconfigurations", ns: false, status: true),
    ]

    /// The namespaces every logical cluster starts with.
    public static let initialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]

    /// Kinds whose objects carry `metadata.generation` only when they have a spec.
    static let kindsWithoutSpec: Set<String> = ["ConfigMap", "Secret", "Event", "Endpoints", "ServiceAccount", "Role",
                                                "ClusterRole", "RoleBinding", "ClusterRoleBinding", "Lease", "EndpointSlice"]
}
