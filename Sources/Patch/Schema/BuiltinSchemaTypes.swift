/// The type definitions of the built-in schema (`types:`): per type, the paths with a list strategy,
/// merge keys or atomic values. See `BuiltinSchemaData` and `SchemaText` for the format.
extension BuiltinSchemaData {
    static let typesText = #"""
types:
  meta.v1.ObjectMeta:
    finalizers: "[] merge set"
    ownerReferences: "[]meta.v1.OwnerReference merge(uid) map(uid)"
    managedFields: "[]meta.v1.ManagedFieldsEntry atomic"
  meta.v1.OwnerReference:
    "@": atomic
  meta.v1.ManagedFieldsEntry: {}
  meta.v1.LabelSelector:
    "@": atomic
    matchExpressions: "[] atomic"
  meta.v1.Condition: {}
  admissionregistration.v1.MatchResources:
    "@": atomic
    namespaceSelector: meta.v1.LabelSelector
    objectSelector: meta.v1.LabelSelector
    resourceRules: "[]admissionregistration.v1.NamedRuleWithOperations atomic"
    excludeResourceRules: "[]admissionregistration.v1.NamedRuleWithOperations atomic"
  admissionregistration.v1.MutatingWebhook:
    namespaceSelector: meta.v1.LabelSelector
    objectSelector: meta.v1.LabelSelector
    matchConditions: "[] merge(name) map(name)"
  admissionregistration.v1.MutatingWebhookConfiguration:
    webhooks: "[]admissionregistration.v1.MutatingWebhook merge(name) map(name)"
  admissionregistration.v1.NamedRuleWithOperations:
    "@": atomic
  admissionregistration.v1.ParamKind:
    "@": atomic
  admissionregistration.v1.ParamRef:
    "@": atomic
    selector: meta.v1.LabelSelector
  admissionregistration.v1.ValidatingAdmissionPolicy:
    spec: admissionregistration.v1.ValidatingAdmissionPolicySpec
    status: admissionregistration.v1.ValidatingAdmissionPolicyStatus
  admissionregistration.v1.ValidatingAdmissionPolicyBinding:
    spec: admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec
  admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec:
    paramRef: admissionregistration.v1.ParamRef
    matchResources: admissionregistration.v1.MatchResources
    validationActions: "[] set"
  admissionregistration.v1.ValidatingAdmissionPolicySpec:
    paramKind: admissionregistration.v1.ParamKind
    matchConstraints: admissionregistration.v1.MatchResources
    matchConditions: "[] merge(name) map(name)"
    variables: "[]admissionregistration.v1.Variable merge(name) map(name)"
  admissionregistration.v1.ValidatingAdmissionPolicyStatus:
    conditions: "[]meta.v1.Condition map(type)"
  admissionregistration.v1.ValidatingWebhook:
    namespaceSelector: meta.v1.LabelSelector
    objectSelector: meta.v1.LabelSelector
    matchConditions: "[] merge(name) map(name)"
  admissionregistration.v1.ValidatingWebhookConfiguration:
    webhooks: "[]admissionregistration.v1.ValidatingWebhook merge(name) map(name)"
  admissionregistration.v1.Variable:
    "@": atomic
  apps.v1.ControllerRevision: {}
  apps.v1.DaemonSet:
    spec: apps.v1.DaemonSetSpec
    status: apps.v1.DaemonSetStatus
  apps.v1.DaemonSetSpec:
    selector: meta.v1.LabelSelector
    template: core.v1.PodTemplateSpec
  apps.v1.DaemonSetStatus:
    conditions: "[] merge(type) map(type)"
  apps.v1.Deployment:
    spec: apps.v1.DeploymentSpec
    status: apps.v1.DeploymentStatus
  apps.v1.DeploymentSpec:
    selector: meta.v1.LabelSelector
    template: core.v1.PodTemplateSpec
    strategy: retainKeys
  apps.v1.DeploymentStatus:
    conditions: "[] merge(type) map(type)"
  apps.v1.ReplicaSet:
    spec: apps.v1.ReplicaSetSpec
    status: apps.v1.ReplicaSetStatus
  apps.v1.ReplicaSetSpec:
    selector: meta.v1.LabelSelector
    template: core.v1.PodTemplateSpec
  apps.v1.ReplicaSetStatus:
    conditions: "[] merge(type) map(type)"
  apps.v1.StatefulSet:
    spec: apps.v1.StatefulSetSpec
    status: apps.v1.StatefulSetStatus
  apps.v1.StatefulSetSpec:
    selector: meta.v1.LabelSelector
    template: core.v1.PodTemplateSpec
    volumeClaimTemplates: "[]core.v1.PersistentVolumeClaim atomic"
  apps.v1.StatefulSetStatus:
    conditions: "[] merge(type) map(type)"
  autoscaling.v1.CrossVersionObjectReference:
    "@": atomic
  autoscaling.v1.HorizontalPodAutoscaler:
    spec: autoscaling.v1.HorizontalPodAutoscalerSpec
  autoscaling.v1.HorizontalPodAutoscalerSpec:
    scaleTargetRef: autoscaling.v1.CrossVersionObjectReference
  autoscaling.v1.Scale: {}
  autoscaling.v2.ExternalMetricSource:
    metric: autoscaling.v2.MetricIdentifier
  autoscaling.v2.ExternalMetricStatus:
    metric: autoscaling.v2.MetricIdentifier
  autoscaling.v2.HorizontalPodAutoscaler:
    spec: autoscaling.v2.HorizontalPodAutoscalerSpec
    status: autoscaling.v2.HorizontalPodAutoscalerStatus
  autoscaling.v2.HorizontalPodAutoscalerSpec:
    metrics: "[]autoscaling.v2.MetricSpec atomic"
  autoscaling.v2.HorizontalPodAutoscalerStatus:
    currentMetrics: "[]autoscaling.v2.MetricStatus atomic"
    conditions: "[] merge(type) map(type)"
  autoscaling.v2.MetricIdentifier:
    selector: meta.v1.LabelSelector
  autoscaling.v2.MetricSpec:
    object: autoscaling.v2.ObjectMetricSource
    pods: autoscaling.v2.PodsMetricSource
    external: autoscaling.v2.ExternalMetricSource
  autoscaling.v2.MetricStatus:
    object: autoscaling.v2.ObjectMetricStatus
    pods: autoscaling.v2.PodsMetricStatus
    external: autoscaling.v2.ExternalMetricStatus
  autoscaling.v2.ObjectMetricSource:
    metric: autoscaling.v2.MetricIdentifier
  autoscaling.v2.ObjectMetricStatus:
    metric: autoscaling.v2.MetricIdentifier
  autoscaling.v2.PodsMetricSource:
    metric: autoscaling.v2.MetricIdentifier
  autoscaling.v2.PodsMetricStatus:
    metric: autoscaling.v2.MetricIdentifier
  batch.v1.CronJob:
    spec: batch.v1.CronJobSpec
    status: batch.v1.CronJobStatus
  batch.v1.CronJobSpec:
    jobTemplate: batch.v1.JobTemplateSpec
  batch.v1.CronJobStatus:
    active: "[]core.v1.ObjectReference atomic"
  batch.v1.Job:
    spec: batch.v1.JobSpec
    status: batch.v1.JobStatus
  batch.v1.JobSpec:
    podFailurePolicy: batch.v1.PodFailurePolicy
    selector: meta.v1.LabelSelector
    template: core.v1.PodTemplateSpec
  batch.v1.JobStatus:
    conditions: "[] merge(type) atomic"
    uncountedTerminatedPods: batch.v1.UncountedTerminatedPods
  batch.v1.JobTemplateSpec:
    spec: batch.v1.JobSpec
  batch.v1.PodFailurePolicy:
    rules: "[]batch.v1.PodFailurePolicyRule atomic"
  batch.v1.PodFailurePolicyOnExitCodesRequirement:
    values: "[] set"
  batch.v1.PodFailurePolicyRule:
    onExitCodes: batch.v1.PodFailurePolicyOnExitCodesRequirement
  batch.v1.UncountedTerminatedPods:
    succeeded: "[] set"
    failed: "[] set"
  certificates.v1.CertificateSigningRequest:
    status: certificates.v1.CertificateSigningRequestStatus
  certificates.v1.CertificateSigningRequestStatus:
    conditions: "[] map(type)"
  coordination.v1.Lease: {}
  core.v1.Affinity:
    nodeAffinity: core.v1.NodeAffinity
    podAffinity: core.v1.PodAffinity
    podAntiAffinity: core.v1.PodAntiAffinity
  core.v1.Binding:
    target: core.v1.ObjectReference
  core.v1.CSIPersistentVolumeSource:
    controllerPublishSecretRef: core.v1.SecretReference
    nodeStageSecretRef: core.v1.SecretReference
    nodePublishSecretRef: core.v1.SecretReference
    controllerExpandSecretRef: core.v1.SecretReference
    nodeExpandSecretRef: core.v1.SecretReference
  core.v1.CSIVolumeSource:
    nodePublishSecretRef: core.v1.LocalObjectReference
  core.v1.CephFSPersistentVolumeSource:
    secretRef: core.v1.SecretReference
  core.v1.CephFSVolumeSource:
    secretRef: core.v1.LocalObjectReference
  core.v1.CinderPersistentVolumeSource:
    secretRef: core.v1.SecretReference
  core.v1.CinderVolumeSource:
    secretRef: core.v1.LocalObjectReference
  core.v1.ClusterTrustBundleProjection:
    labelSelector: meta.v1.LabelSelector
  core.v1.ComponentStatus:
    conditions: "[] merge(type) map(type)"
  core.v1.ConfigMap: {}
  core.v1.ConfigMapKeySelector:
    "@": atomic
  core.v1.Container:
    ports: "[] merge(containerPort) map(containerPort,protocol=TCP)"
    env: "[]core.v1.EnvVar merge(name) map(name)"
    resources: core.v1.ResourceRequirements
    volumeMounts: "[] merge(mountPath) map(mountPath)"
    volumeDevices: "[] merge(devicePath) map(devicePath)"
  core.v1.ContainerStatus:
    resources: core.v1.ResourceRequirements
    volumeMounts: "[] merge(mountPath) map(mountPath)"
    allocatedResourcesStatus: "[]core.v1.ResourceStatus merge(name) map(name)"
  core.v1.DownwardAPIProjection:
    items: "[]core.v1.DownwardAPIVolumeFile atomic"
  core.v1.DownwardAPIVolumeFile:
    fieldRef: core.v1.ObjectFieldSelector
    resourceFieldRef: core.v1.ResourceFieldSelector
  core.v1.DownwardAPIVolumeSource:
    items: "[]core.v1.DownwardAPIVolumeFile atomic"
  core.v1.EndpointAddress:
    "@": atomic
    targetRef: core.v1.ObjectReference
  core.v1.EndpointPort:
    "@": atomic
  core.v1.EndpointSubset:
    addresses: "[]core.v1.EndpointAddress atomic"
    notReadyAddresses: "[]core.v1.EndpointAddress atomic"
    ports: "[]core.v1.EndpointPort atomic"
  core.v1.Endpoints:
    subsets: "[]core.v1.EndpointSubset atomic"
  core.v1.EnvVar:
    valueFrom: core.v1.EnvVarSource
  core.v1.EnvVarSource:
    fieldRef: core.v1.ObjectFieldSelector
    resourceFieldRef: core.v1.ResourceFieldSelector
    configMapKeyRef: core.v1.ConfigMapKeySelector
    secretKeyRef: core.v1.SecretKeySelector
  core.v1.EphemeralContainer:
    ports: "[] merge(containerPort) map(containerPort,protocol=TCP)"
    env: "[]core.v1.EnvVar merge(name) map(name)"
    resources: core.v1.ResourceRequirements
    volumeMounts: "[] merge(mountPath) map(mountPath)"
    volumeDevices: "[] merge(devicePath) map(devicePath)"
  core.v1.EphemeralVolumeSource:
    volumeClaimTemplate: core.v1.PersistentVolumeClaimTemplate
  core.v1.Event:
    involvedObject: core.v1.ObjectReference
    related: core.v1.ObjectReference
  core.v1.FlexPersistentVolumeSource:
    secretRef: core.v1.SecretReference
  core.v1.FlexVolumeSource:
    secretRef: core.v1.LocalObjectReference
  core.v1.ISCSIPersistentVolumeSource:
    secretRef: core.v1.SecretReference
  core.v1.ISCSIVolumeSource:
    secretRef: core.v1.LocalObjectReference
  core.v1.LimitRange: {}
  core.v1.LocalObjectReference:
    "@": atomic
  core.v1.Namespace:
    status: core.v1.NamespaceStatus
  core.v1.NamespaceStatus:
    conditions: "[] merge(type) map(type)"
  core.v1.Node:
    spec: core.v1.NodeSpec
    status: core.v1.NodeStatus
  core.v1.NodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution: core.v1.NodeSelector
    preferredDuringSchedulingIgnoredDuringExecution: "[]core.v1.PreferredSchedulingTerm atomic"
  core.v1.NodeSelector:
    "@": atomic
    nodeSelectorTerms: "[]core.v1.NodeSelectorTerm atomic"
  core.v1.NodeSelectorTerm:
    "@": atomic
  core.v1.NodeSpec:
    podCIDRs: "[] merge set"
  core.v1.NodeStatus:
    conditions: "[] merge(type) map(type)"
    addresses: "[] merge(type) map(type)"
  core.v1.ObjectFieldSelector:
    "@": atomic
  core.v1.ObjectReference:
    "@": atomic
  core.v1.PersistentVolume:
    spec: core.v1.PersistentVolumeSpec
  core.v1.PersistentVolumeClaim:
    spec: core.v1.PersistentVolumeClaimSpec
    status: core.v1.PersistentVolumeClaimStatus
  core.v1.PersistentVolumeClaimSpec:
    selector: meta.v1.LabelSelector
    dataSource: core.v1.TypedLocalObjectReference
  core.v1.PersistentVolumeClaimStatus:
    conditions: "[] merge(type) map(type)"
  core.v1.PersistentVolumeClaimTemplate:
    spec: core.v1.PersistentVolumeClaimSpec
  core.v1.PersistentVolumeSpec:
    rbd: core.v1.RBDPersistentVolumeSource
    iscsi: core.v1.ISCSIPersistentVolumeSource
    cinder: core.v1.CinderPersistentVolumeSource
    cephfs: core.v1.CephFSPersistentVolumeSource
    flexVolume: core.v1.FlexPersistentVolumeSource
    scaleIO: core.v1.ScaleIOPersistentVolumeSource
    storageos: core.v1.StorageOSPersistentVolumeSource
    csi: core.v1.CSIPersistentVolumeSource
    claimRef: core.v1.ObjectReference
    nodeAffinity: core.v1.VolumeNodeAffinity
  core.v1.Pod:
    spec: core.v1.PodSpec
    status: core.v1.PodStatus
  core.v1.PodAffinity:
    requiredDuringSchedulingIgnoredDuringExecution: "[]core.v1.PodAffinityTerm atomic"
    preferredDuringSchedulingIgnoredDuringExecution: "[]core.v1.WeightedPodAffinityTerm atomic"
  core.v1.PodAffinityTerm:
    labelSelector: meta.v1.LabelSelector
    namespaceSelector: meta.v1.LabelSelector
  core.v1.PodAntiAffinity:
    requiredDuringSchedulingIgnoredDuringExecution: "[]core.v1.PodAffinityTerm atomic"
    preferredDuringSchedulingIgnoredDuringExecution: "[]core.v1.WeightedPodAffinityTerm atomic"
  core.v1.PodSpec:
    volumes: "[]core.v1.Volume merge(name) retainKeys map(name)"
    initContainers: "[]core.v1.Container merge(name) map(name)"
    containers: "[]core.v1.Container merge(name) map(name)"
    ephemeralContainers: "[]core.v1.EphemeralContainer merge(name) map(name)"
    nodeSelector: "map[] atomic"
    imagePullSecrets: "[]core.v1.LocalObjectReference merge(name) map(name)"
    affinity: core.v1.Affinity
    hostAliases: "[] merge(ip) map(ip)"
    topologySpreadConstraints: "[]core.v1.TopologySpreadConstraint merge(topologyKey) map(topologyKey,whenUnsatisfiable)"
    schedulingGates: "[] merge(name) map(name)"
    resourceClaims: "[] merge(name) retainKeys map(name)"
    resources: core.v1.ResourceRequirements
  core.v1.PodStatus:
    conditions: "[] merge(type) map(type)"
    hostIPs: "[] merge(ip) atomic"
    podIPs: "[] merge(ip) map(ip)"
    initContainerStatuses: "[]core.v1.ContainerStatus atomic"
    containerStatuses: "[]core.v1.ContainerStatus atomic"
    ephemeralContainerStatuses: "[]core.v1.ContainerStatus atomic"
    resourceClaimStatuses: "[] merge(name) retainKeys map(name)"
  core.v1.PodStatusResult:
    status: core.v1.PodStatus
  core.v1.PodTemplate:
    template: core.v1.PodTemplateSpec
  core.v1.PodTemplateSpec:
    spec: core.v1.PodSpec
  core.v1.PreferredSchedulingTerm:
    preference: core.v1.NodeSelectorTerm
  core.v1.ProjectedVolumeSource:
    sources: "[]core.v1.VolumeProjection atomic"
  core.v1.RBDPersistentVolumeSource:
    secretRef: core.v1.SecretReference
  core.v1.RBDVolumeSource:
    secretRef: core.v1.LocalObjectReference
  core.v1.RangeAllocation: {}
  core.v1.ReplicationController:
    spec: core.v1.ReplicationControllerSpec
    status: core.v1.ReplicationControllerStatus
  core.v1.ReplicationControllerSpec:
    selector: "map[] atomic"
    template: core.v1.PodTemplateSpec
  core.v1.ReplicationControllerStatus:
    conditions: "[] merge(type) map(type)"
  core.v1.ResourceFieldSelector:
    "@": atomic
  core.v1.ResourceQuota:
    spec: core.v1.ResourceQuotaSpec
  core.v1.ResourceQuotaSpec:
    scopeSelector: core.v1.ScopeSelector
  core.v1.ResourceRequirements:
    claims: "[] map(name)"
  core.v1.ResourceStatus:
    resources: "[] map(resourceID)"
  core.v1.ScaleIOPersistentVolumeSource:
    secretRef: core.v1.SecretReference
  core.v1.ScaleIOVolumeSource:
    secretRef: core.v1.LocalObjectReference
  core.v1.ScopeSelector:
    "@": atomic
  core.v1.Secret: {}
  core.v1.SecretKeySelector:
    "@": atomic
  core.v1.SecretReference:
    "@": atomic
  core.v1.Service:
    spec: core.v1.ServiceSpec
    status: core.v1.ServiceStatus
  core.v1.ServiceAccount:
    secrets: "[]core.v1.ObjectReference merge(name) map(name)"
    imagePullSecrets: "[]core.v1.LocalObjectReference atomic"
  core.v1.ServiceSpec:
    ports: "[] merge(port) map(port,protocol=TCP)"
    selector: "map[] atomic"
  core.v1.ServiceStatus:
    conditions: "[]meta.v1.Condition merge(type) map(type)"
  core.v1.StorageOSPersistentVolumeSource:
    secretRef: core.v1.ObjectReference
  core.v1.StorageOSVolumeSource:
    secretRef: core.v1.LocalObjectReference
  core.v1.TopologySelectorTerm:
    "@": atomic
  core.v1.TopologySpreadConstraint:
    labelSelector: meta.v1.LabelSelector
  core.v1.TypedLocalObjectReference:
    "@": atomic
  core.v1.Volume:
    iscsi: core.v1.ISCSIVolumeSource
    rbd: core.v1.RBDVolumeSource
    flexVolume: core.v1.FlexVolumeSource
    cinder: core.v1.CinderVolumeSource
    cephfs: core.v1.CephFSVolumeSource
    downwardAPI: core.v1.DownwardAPIVolumeSource
    projected: core.v1.ProjectedVolumeSource
    scaleIO: core.v1.ScaleIOVolumeSource
    storageos: core.v1.StorageOSVolumeSource
    csi: core.v1.CSIVolumeSource
    ephemeral: core.v1.EphemeralVolumeSource
  core.v1.VolumeNodeAffinity:
    required: core.v1.NodeSelector
  core.v1.VolumeProjection:
    downwardAPI: core.v1.DownwardAPIProjection
    clusterTrustBundle: core.v1.ClusterTrustBundleProjection
  core.v1.WeightedPodAffinityTerm:
    podAffinityTerm: core.v1.PodAffinityTerm
  discovery.v1.Endpoint:
    addresses: "[] set"
    targetRef: core.v1.ObjectReference
  discovery.v1.EndpointPort:
    "@": atomic
  discovery.v1.EndpointSlice:
    endpoints: "[]discovery.v1.Endpoint atomic"
    ports: "[]discovery.v1.EndpointPort atomic"
  events.v1.Event:
    regarding: core.v1.ObjectReference
    related: core.v1.ObjectReference
  flowcontrol.v1.FlowSchema:
    spec: flowcontrol.v1.FlowSchemaSpec
    status: flowcontrol.v1.FlowSchemaStatus
  flowcontrol.v1.FlowSchemaSpec:
    rules: "[]flowcontrol.v1.PolicyRulesWithSubjects atomic"
  flowcontrol.v1.FlowSchemaStatus:
    conditions: "[] merge(type) map(type)"
  flowcontrol.v1.NonResourcePolicyRule:
    verbs: "[] set"
    nonResourceURLs: "[] set"
  flowcontrol.v1.PolicyRulesWithSubjects:
    resourceRules: "[]flowcontrol.v1.ResourcePolicyRule atomic"
    nonResourceRules: "[]flowcontrol.v1.NonResourcePolicyRule atomic"
  flowcontrol.v1.PriorityLevelConfiguration:
    status: flowcontrol.v1.PriorityLevelConfigurationStatus
  flowcontrol.v1.PriorityLevelConfigurationStatus:
    conditions: "[] merge(type) map(type)"
  flowcontrol.v1.ResourcePolicyRule:
    verbs: "[] set"
    apiGroups: "[] set"
    resources: "[] set"
    namespaces: "[] set"
  networking.v1.HTTPIngressPath:
    backend: networking.v1.IngressBackend
  networking.v1.HTTPIngressRuleValue:
    paths: "[]networking.v1.HTTPIngressPath atomic"
  networking.v1.Ingress:
    spec: networking.v1.IngressSpec
  networking.v1.IngressBackend:
    service: networking.v1.IngressServiceBackend
    resource: core.v1.TypedLocalObjectReference
  networking.v1.IngressClass: {}
  networking.v1.IngressRule:
    http: networking.v1.HTTPIngressRuleValue
  networking.v1.IngressServiceBackend:
    port: networking.v1.ServiceBackendPort
  networking.v1.IngressSpec:
    defaultBackend: networking.v1.IngressBackend
    rules: "[]networking.v1.IngressRule atomic"
  networking.v1.NetworkPolicy:
    spec: networking.v1.NetworkPolicySpec
  networking.v1.NetworkPolicyEgressRule:
    to: "[]networking.v1.NetworkPolicyPeer atomic"
  networking.v1.NetworkPolicyIngressRule:
    from: "[]networking.v1.NetworkPolicyPeer atomic"
  networking.v1.NetworkPolicyPeer:
    podSelector: meta.v1.LabelSelector
    namespaceSelector: meta.v1.LabelSelector
  networking.v1.NetworkPolicySpec:
    podSelector: meta.v1.LabelSelector
    ingress: "[]networking.v1.NetworkPolicyIngressRule atomic"
    egress: "[]networking.v1.NetworkPolicyEgressRule atomic"
  networking.v1.ServiceBackendPort:
    "@": atomic
  node.v1.RuntimeClass:
    scheduling: node.v1.Scheduling
  node.v1.Scheduling:
    nodeSelector: "map[] atomic"
  policy.v1.Eviction: {}
  policy.v1.PodDisruptionBudget:
    spec: policy.v1.PodDisruptionBudgetSpec
    status: policy.v1.PodDisruptionBudgetStatus
  policy.v1.PodDisruptionBudgetSpec:
    selector: "meta.v1.LabelSelector replace"
  policy.v1.PodDisruptionBudgetStatus:
    conditions: "[]meta.v1.Condition merge(type) map(type)"
  rbac.v1.AggregationRule:
    clusterRoleSelectors: "[]meta.v1.LabelSelector atomic"
  rbac.v1.ClusterRole:
    aggregationRule: rbac.v1.AggregationRule
  rbac.v1.ClusterRoleBinding:
    subjects: "[]rbac.v1.Subject atomic"
    roleRef: rbac.v1.RoleRef
  rbac.v1.Role: {}
  rbac.v1.RoleBinding:
    subjects: "[]rbac.v1.Subject atomic"
    roleRef: rbac.v1.RoleRef
  rbac.v1.RoleRef:
    "@": atomic
  rbac.v1.Subject:
    "@": atomic
  scheduling.v1.PriorityClass: {}
  storage.v1.CSIDriver:
    spec: storage.v1.CSIDriverSpec
  storage.v1.CSIDriverSpec:
    volumeLifecycleModes: "[] set"
  storage.v1.CSINode:
    spec: storage.v1.CSINodeSpec
  storage.v1.CSINodeSpec:
    drivers: "[] merge(name) map(name)"
  storage.v1.CSIStorageCapacity:
    nodeTopology: meta.v1.LabelSelector
  storage.v1.StorageClass:
    allowedTopologies: "[]core.v1.TopologySelectorTerm atomic"
  storage.v1.VolumeAttachment:
    spec: storage.v1.VolumeAttachmentSpec
  storage.v1.VolumeAttachmentSource:
    inlineVolumeSpec: core.v1.PersistentVolumeSpec
  storage.v1.VolumeAttachmentSpec:
    source: storage.v1.VolumeAttachmentSource
"""#
}
