/// The built-in simulation rules, as data. `kealm hub serve --stages FILE` replaces them.
public enum DefaultStages {
    public static let yaml = """
        stages:
        - name: deployment-available
          match: {apiVersion: apps/v1, kind: Deployment}
          status:
            observedGeneration: "${metadata.generation}"
            replicas: "${spec.replicas|1}"
            updatedReplicas: "${spec.replicas|1}"
            readyReplicas: "${spec.replicas|1}"
            availableReplicas: "${spec.replicas|1}"
            conditions:
            - {type: Available, status: "True", reason: MinimumReplicasAvailable, message: Deployment has minimum availability., lastUpdateTime: "${now}", lastTransitionTime: "${now}"}
            - {type: Progressing, status: "True", reason: NewReplicaSetAvailable, message: ReplicaSet has successfully progressed., lastUpdateTime: "${now}", lastTransitionTime: "${now}"}
        - name: statefulset-ready
          match: {apiVersion: apps/v1, kind: StatefulSet}
          status:
            observedGeneration: "${metadata.generation}"
            replicas: "${spec.replicas|1}"
            readyReplicas: "${spec.replicas|1}"
            currentReplicas: "${spec.replicas|1}"
            updatedReplicas: "${spec.replicas|1}"
            availableReplicas: "${spec.replicas|1}"
        - name: daemonset-ready
          match: {apiVersion: apps/v1, kind: DaemonSet}
          status:
            observedGeneration: "${metadata.generation}"
            desiredNumberScheduled: 1
            currentNumberScheduled: 1
            updatedNumberScheduled: 1
            numberReady: 1
            numberAvailable: 1
            numberMisscheduled: 0
        - name: replicaset-ready
          match: {apiVersion: apps/v1, kind: ReplicaSet}
          status:
            observedGeneration: "${metadata.generation}"
            replicas: "${spec.replicas|1}"
            fullyLabeledReplicas: "${spec.replicas|1}"
            readyReplicas: "${spec.replicas|1}"
            availableReplicas: "${spec.replicas|1}"
        - name: job-complete
          match: {apiVersion: batch/v1, kind: Job}
          status:
            succeeded: "${spec.completions|1}"
            startTime: "${now}"
            completionTime: "${now}"
            conditions:
            - {type: Complete, status: "True", lastProbeTime: "${now}", lastTransitionTime: "${now}"}
        - name: pvc-bound
          match: {apiVersion: v1, kind: PersistentVolumeClaim}
          status:
            phase: Bound
            accessModes: "${spec.accessModes|[ReadWriteOnce]}"
            capacity: {storage: "${spec.resources.requests.storage|1Gi}"}
        - name: pod-running
          match: {apiVersion: v1, kind: Pod}
          status:
            phase: Running
            conditions:
            - {type: Ready, status: "True", lastTransitionTime: "${now}"}
        - name: virtualmachine-running
          match: {apiVersion: kubevirt.io/v1, kind: VirtualMachine}
          when:
          - anyOf:
            - {path: spec.running, equals: "true"}
            - {path: spec.runStrategy, equals: Always}
            - {path: spec.runStrategy, equals: RerunOnFailure}
          status:
            created: true
            ready: true
            printableStatus: Running
            conditions:
            - {type: Ready, status: "True", lastProbeTime: null, lastTransitionTime: "${now}"}
        - name: virtualmachine-stopped
          match: {apiVersion: kubevirt.io/v1, kind: VirtualMachine}
          removeStatus: [created, ready]
          status:
            printableStatus: Stopped
            conditions:
            - {type: Ready, status: "False", reason: VMINotExists, message: VMI does not exist, lastProbeTime: null, lastTransitionTime: "${now}"}
        - name: kubevirt-deployed
          match: {apiVersion: kubevirt.io/v1, kind: KubeVirt}
          status:
            phase: Deployed
            observedGeneration: "${metadata.generation}"
            conditions:
            - {type: Available, status: "True", reason: AllComponentsReady, message: All components are ready., lastTransitionTime: "${now}"}
            - {type: Progressing, status: "False", reason: AllComponentsReady, message: All components are ready., lastTransitionTime: "${now}"}
            - {type: Degraded, status: "False", reason: AllComponentsReady, message: All components are ready., lastTransitionTime: "${now}"}
        - name: cdi-deployed
          match: {apiVersion: cdi.kubevirt.io/v1beta1, kind: CDI}
          status:
            phase: Deployed
            conditions:
            - {type: Available, status: "True", reason: DeployCompleted, message: Deployment Completed, lastTransitionTime: "${now}"}
            - {type: Progressing, status: "False", reason: DeployCompleted, lastTransitionTime: "${now}"}
            - {type: Degraded, status: "False", lastTransitionTime: "${now}"}
        """
}
