/// The built-in Kubernetes kinds' patch schema, as data (see `SchemaText` for the format).
///
/// Facts taken from the Kubernetes API types (v1.32): `patchStrategy`/`patchMergeKey` struct tags and
/// the `+listType`, `+listMapKey`, `+structType`, `+mapType` markers, kept only on the paths that lead
/// to a list strategy or an atomic value. Everything not listed merges as a plain map or is replaced
/// as a plain list.
enum BuiltinSchemaData {
    /// The whole schema text: which kinds use which types, then the types.
    static let text = kindsText + "\n" + typesText

    /// `kinds:` (group/version/kind → type) and `aliases:` (older served versions).
    static let kindsText = #"""
kinds:
  admissionregistration.k8s.io/v1/MutatingWebhookConfiguration: admissionregistration.v1.MutatingWebhookConfiguration
  admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy: admissionregistration.v1.ValidatingAdmissionPolicy
  admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding: admissionregistration.v1.ValidatingAdmissionPolicyBinding
  admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration: admissionregistration.v1.ValidatingWebhookConfiguration
  apps/v1/ControllerRevision: apps.v1.ControllerRevision
  apps/v1/DaemonSet: apps.v1.DaemonSet
  apps/v1/Deployment: apps.v1.Deployment
  apps/v1/ReplicaSet: apps.v1.ReplicaSet
  apps/v1/StatefulSet: apps.v1.StatefulSet
  autoscaling/v1/HorizontalPodAutoscaler: autoscaling.v1.HorizontalPodAutoscaler
  autoscaling/v1/Scale: autoscaling.v1.Scale
  autoscaling/v2/HorizontalPodAutoscaler: autoscaling.v2.HorizontalPodAutoscaler
  batch/v1/CronJob: batch.v1.CronJob
  batch/v1/Job: batch.v1.Job
  certificates.k8s.io/v1/CertificateSigningRequest: certificates.v1.CertificateSigningRequest
  coordination.k8s.io/v1/Lease: coordination.v1.Lease
  discovery.k8s.io/v1/EndpointSlice: discovery.v1.EndpointSlice
  events.k8s.io/v1/Event: events.v1.Event
  flowcontrol.apiserver.k8s.io/v1/FlowSchema: flowcontrol.v1.FlowSchema
  flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration: flowcontrol.v1.PriorityLevelConfiguration
  networking.k8s.io/v1/Ingress: networking.v1.Ingress
  networking.k8s.io/v1/IngressClass: networking.v1.IngressClass
  networking.k8s.io/v1/NetworkPolicy: networking.v1.NetworkPolicy
  node.k8s.io/v1/RuntimeClass: node.v1.RuntimeClass
  policy/v1/Eviction: policy.v1.Eviction
  policy/v1/PodDisruptionBudget: policy.v1.PodDisruptionBudget
  rbac.authorization.k8s.io/v1/ClusterRole: rbac.v1.ClusterRole
  rbac.authorization.k8s.io/v1/ClusterRoleBinding: rbac.v1.ClusterRoleBinding
  rbac.authorization.k8s.io/v1/Role: rbac.v1.Role
  rbac.authorization.k8s.io/v1/RoleBinding: rbac.v1.RoleBinding
  scheduling.k8s.io/v1/PriorityClass: scheduling.v1.PriorityClass
  storage.k8s.io/v1/CSIDriver: storage.v1.CSIDriver
  storage.k8s.io/v1/CSINode: storage.v1.CSINode
  storage.k8s.io/v1/CSIStorageCapacity: storage.v1.CSIStorageCapacity
  storage.k8s.io/v1/StorageClass: storage.v1.StorageClass
  storage.k8s.io/v1/VolumeAttachment: storage.v1.VolumeAttachment
  v1/Binding: core.v1.Binding
  v1/ComponentStatus: core.v1.ComponentStatus
  v1/ConfigMap: core.v1.ConfigMap
  v1/Endpoints: core.v1.Endpoints
  v1/Event: core.v1.Event
  v1/LimitRange: core.v1.LimitRange
  v1/Namespace: core.v1.Namespace
  v1/Node: core.v1.Node
  v1/PersistentVolume: core.v1.PersistentVolume
  v1/PersistentVolumeClaim: core.v1.PersistentVolumeClaim
  v1/Pod: core.v1.Pod
  v1/PodStatusResult: core.v1.PodStatusResult
  v1/PodTemplate: core.v1.PodTemplate
  v1/RangeAllocation: core.v1.RangeAllocation
  v1/ReplicationController: core.v1.ReplicationController
  v1/ResourceQuota: core.v1.ResourceQuota
  v1/Secret: core.v1.Secret
  v1/Service: core.v1.Service
  v1/ServiceAccount: core.v1.ServiceAccount
# Older served versions whose pod-template paths and merge keys match the current version.
aliases:
  apps/v1beta1/Deployment: apps/v1/Deployment
  apps/v1beta1/StatefulSet: apps/v1/StatefulSet
  apps/v1beta2/Deployment: apps/v1/Deployment
  apps/v1beta2/StatefulSet: apps/v1/StatefulSet
  apps/v1beta2/DaemonSet: apps/v1/DaemonSet
  apps/v1beta2/ReplicaSet: apps/v1/ReplicaSet
  extensions/v1beta1/Deployment: apps/v1/Deployment
  extensions/v1beta1/DaemonSet: apps/v1/DaemonSet
  extensions/v1beta1/ReplicaSet: apps/v1/ReplicaSet
  extensions/v1beta1/Ingress: networking.k8s.io/v1/Ingress
  extensions/v1beta1/NetworkPolicy: networking.k8s.io/v1/NetworkPolicy
  networking.k8s.io/v1beta1/Ingress: networking.k8s.io/v1/Ingress
  batch/v1beta1/CronJob: batch/v1/CronJob
  batch/v2alpha1/CronJob: batch/v1/CronJob
  policy/v1beta1/PodDisruptionBudget: policy/v1/PodDisruptionBudget
  autoscaling/v2beta1/HorizontalPodAutoscaler: autoscaling/v2/HorizontalPodAutoscaler
  autoscaling/v2beta2/HorizontalPodAutoscaler: autoscaling/v2/HorizontalPodAutoscaler
  rbac.authorization.k8s.io/v1beta1/ClusterRole: rbac.authorization.k8s.io/v1/ClusterRole
  rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding: rbac.authorization.k8s.io/v1/ClusterRoleBinding
  rbac.authorization.k8s.io/v1beta1/Role: rbac.authorization.k8s.io/v1/Role
  rbac.authorization.k8s.io/v1beta1/RoleBinding: rbac.authorization.k8s.io/v1/RoleBinding
  admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration: admissionregistration.k8s.io/v1/MutatingWebhookConfiguration
  admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration: admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration
  storage.k8s.io/v1beta1/StorageClass: storage.k8s.io/v1/StorageClass
  scheduling.k8s.io/v1beta1/PriorityClass: scheduling.k8s.io/v1/PriorityClass
"""#
}
