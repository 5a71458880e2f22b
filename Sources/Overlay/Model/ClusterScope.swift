import KealmModel

/// Kinds kustomize knows to be cluster-scoped (from its builtin OpenAPI data); every other kind
/// is treated as namespaced.
enum ClusterScope {
    static let kinds: Set<String> = [
        "admissionregistration.k8s.io|MutatingWebhookConfiguration", "admissionregistration.k8s.io|ValidatingWebhookConfiguration",
        "admissionregistration.k8s.io|ValidatingAdmissionPolicy", "admissionregistration.k8s.io|ValidatingAdmissionPolicyBinding",
        "apiextensions.k8s.io|CustomResourceDefinition", "apiregistration.k8s.io|APIService",
        "certificates.k8s.io|CertificateSigningRequest", "flowcontrol.apiserver.k8s.io|FlowSchema",
        "flowcontrol.apiserver.k8s.io|PriorityLevelConfiguration", "networking.k8s.io|IngressClass", "node.k8s.io|RuntimeClass",
        "policy|PodSecurityPolicy", "rbac.authorization.k8s.io|ClusterRole", "rbac.authorization.k8s.io|ClusterRoleBinding",
        "scheduling.k8s.io|PriorityClass", "storage.k8s.io|CSIDriver", "storage.k8s.io|CSINode", "storage.k8s.io|StorageClass",
        "storage.k8s.io|VolumeAttachment", "|ComponentStatus", "|Namespace", "|Node", "|NodeProxyOptions", "|PersistentVolume",
        "authentication.k8s.io|TokenReview", "authorization.k8s.io|SelfSubjectAccessReview",
        "authorization.k8s.io|SelfSubjectRulesReview", "authorization.k8s.io|SubjectAccessReview",
    ]

    static func isClusterScoped(_ gvk: GVK) -> Bool { kinds.contains(gvk.group + "|" + gvk.kind) }
}
