import KealmModel
import KealmYAML

/// Every compiled-in check, keyed by group and kind.
enum BuiltinChecks {
    static func gk(_ group: String, _ kind: String) -> GroupKind { GroupKind(group: group, kind: kind) }

    static let all: [GroupKind: HealthCheck] = {
        var m: [GroupKind: HealthCheck] = [:]
        func add(_ group: String, _ kind: String, _ f: @escaping @Sendable (YAMLNode) -> HealthAssessment?) {
            m[gk(group, kind)] = HealthCheck(name: "builtin \(kind)", assess: f)
        }
        for g in ["apps", "extensions"] {
            add(g, "Deployment", WorkloadChecks.deployment)
            add(g, "StatefulSet", WorkloadChecks.statefulSet)
            add(g, "DaemonSet", WorkloadChecks.daemonSet)
            add(g, "ReplicaSet", WorkloadChecks.replicaSet)
        }
        add("", "Pod", PodCheck.assess)
        add("", "Service", NetworkChecks.service)
        add("networking.k8s.io", "Ingress", NetworkChecks.ingress)
        add("extensions", "Ingress", NetworkChecks.ingress)
        add("", "PersistentVolumeClaim", StorageChecks.pvc)
        add("batch", "Job", BatchChecks.job)
        add("batch", "CronJob", BatchChecks.cronJob)
        add("autoscaling", "HorizontalPodAutoscaler", ClusterChecks.hpa)
        add("apiregistration.k8s.io", "APIService", ClusterChecks.apiService)
        add("apiextensions.k8s.io", "CustomResourceDefinition", ClusterChecks.crd)
        add("", "Namespace", ClusterChecks.namespace)
        add("kubevirt.io", "VirtualMachine", KubeVirtChecks.virtualMachine)
        add("kubevirt.io", "VirtualMachineInstance", KubeVirtChecks.virtualMachineInstance)
        add("cdi.kubevirt.io", "DataVolume", KubeVirtChecks.dataVolume)
        add("kubevirt.io", "KubeVirt", KubeVirtChecks.operatorCR)
        add("cdi.kubevirt.io", "CDI", KubeVirtChecks.operatorCR)
        add("operators.coreos.com", "Subscription", OLMChecks.subscription)
        add("operators.coreos.com", "ClusterServiceVersion", OLMChecks.clusterServiceVersion)
        return m
    }()
}
