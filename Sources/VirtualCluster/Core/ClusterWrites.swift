import KealmYAML

/// Which part of an object a write addresses.
public enum Subresource: String, Sendable {
    case main = "", status
}

extension LogicalCluster {
    static let crdKey = "apiextensions.k8s.io/customresourcedefinitions"
    static let namespacesKey = "/namespaces"

    /// Creates an object. The namespace must exist and not be terminating; the name must be free.
    public func create(_ r: ResourceInfo, namespace: String, object: YAMLNode, dryRun: Bool = false) throws(APIError) -> YAMLNode {
        try state.withLock { st throws(APIError) -> YAMLNode in
            try createLocked(&st, r, namespace: namespace, object: object, dryRun: dryRun)
        }
    }

    func createLocked(_ st: inout ClusterState, _ r: ResourceInfo, namespace: String, object: YAMLNode, dryRun: Bool) throws(APIError) -> YAMLNode {
        guard case .mapping = object else { throw APIError.badRequest("the request body must be a \(r.kind) object") }
        var node = object
        try checkType(r, node)
        node["apiVersion"] = .string(r.apiVersion)
        node["kind"] = .string(r.kind)
        if node["metadata"]?.pairs == nil { node["metadata"] = .emptyMapping }
        var name = node.string(at: "metadata", "name") ?? ""
        if name.isEmpty, let prefix = node.string(at: "metadata", "generateName"), !prefix.isEmpty {
            repeat {
                name = prefix + String((0..<5).map { _ in ObjectRules.nameAlphabet.randomElement()! })
            } while st.objects[r.storageKey]?[Self.key(namespace, name)] != nil
            ObjectRules.setMeta(&node, "name", .string(name))
        }
        try ObjectRules.validateName(r, name)
        if r.namespaced {
            if let ns = node.string(at: "metadata", "namespace"), !ns.isEmpty, ns != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            let nsState = namespaceState(st, namespace)
            if !nsState.exists { throw APIError(404, "NotFound", "namespaces \"\(namespace)\" not found", details: (namespace, "", "namespaces")) }
            if nsState.terminating {
                throw APIError.forbidden("\(r.plural) \"\(name)\" is forbidden: unable to create new content in namespace \(namespace) because it is being terminated")
            }
            ObjectRules.setMeta(&node, "namespace", .string(namespace))
        } else {
            ObjectRules.setMeta(&node, "namespace", nil)
        }
        if st.objects[r.storageKey]?[Self.key(r.namespaced ? namespace : "", name)] != nil {
            throw APIError.alreadyExists(r, name)
        }
        ObjectRules.setMeta(&node, "uid", .string(clock.uid()))
        ObjectRules.setMeta(&node, "creationTimestamp", .string(clock.timestamp()))
        ObjectRules.setMeta(&node, "deletionTimestamp", nil)
        ObjectRules.setMeta(&node, "deletionGracePeriodSeconds", nil)
        ObjectRules.setMeta(&node, "generation", ObjectRules.tracksGeneration(r, node) ? .int(1) : nil)
        if r.hasStatus { node["status"] = nil }
        try conformToSchema(st, r, &node)
        try decorate(&st, r, &node)
        node = ObjectRules.ordered(node)
        if dryRun { return node }
        let out = try commit(&st, [.put(r.storageKey, node, created: true)])[0]
        afterWrite(&st, r, out)
        runStages(&st, r, out)
        return Self.served(out, as: r)
    }

    /// The server's own additions: namespace phase and finalizer, CRD status and registration.
    func decorate(_ st: inout ClusterState, _ r: ResourceInfo, _ node: inout YAMLNode) throws(APIError) {
        if r.storageKey == Self.namespacesKey {
            if node[path: ["spec", "finalizers"]] == nil { node[path: ["spec", "finalizers"]] = .sequence([.string("kubernetes")]) }
            if node[path: ["status", "phase"]] == nil {
                node["status"] = .mapping([YAMLPair("phase", .string(node[path: ["metadata", "deletionTimestamp"]] == nil ? "Active" : "Terminating"))])
            }
        } else if r.storageKey == Self.crdKey {
            let name = node.string(at: "metadata", "name") ?? ""
            guard let infos = ResourceRegistry.resources(ofCRD: node), let first = infos.first else {
                throw APIError.invalid(r, name, "spec: group, names.kind, names.plural and at least one served version are required")
            }
            if name != "\(first.plural).\(first.group)" {
                throw APIError.invalid(r, name, "metadata.name: Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group")
            }
            ObjectRules.establish(crd: &node, servable: true, message: nil, now: clock.timestamp())
        }
    }

    /// Bookkeeping after an object was written: CRD registration.
    func afterWrite(_ st: inout ClusterState, _ r: ResourceInfo, _ node: YAMLNode) {
        if r.storageKey == Self.crdKey { st.registry.register(crd: node) }
    }

    func checkType(_ r: ResourceInfo, _ node: YAMLNode) throws(APIError) {
        if let av = node.string(at: "apiVersion"), av != r.apiVersion, !(r.isCustom && av.hasPrefix(r.group + "/")) {
            throw APIError.badRequest("the API version in the data (\(av)) does not match the expected API version (\(r.apiVersion))")
        }
        if let k = node.string(at: "kind"), k != r.kind {
            throw APIError.badRequest("the kind in the data (\(k)) does not match the expected kind (\(r.kind))")
        }
    }

    /// Reads the current object (nil when absent), lets `body` compute the new one, and writes it
    /// with the update rules: resourceVersion precondition (409), immutable system fields kept,
    /// status only through the status subresource, generation bumped on spec changes, no write
    /// when nothing changed. With `allowCreate`, an absent object is created from `body(nil)`.
    public func mutate(_ r: ResourceInfo, namespace: String, name: String, subresource: Subresource = .main, allowCreate: Bool = false,
                       dryRun: Bool = false, _ body: (YAMLNode?) throws(APIError) -> YAMLNode) throws(APIError) -> (object: YAMLNode, created: Bool) {
        try state.withLock { st throws(APIError) -> (object: YAMLNode, created: Bool) in
            let key = Self.key(r.namespaced ? namespace : "", name)
            guard let old = st.objects[r.storageKey]?[key]?.node else {
                guard allowCreate, subresource == .main else { throw APIError.notFound(r, name) }
                var fresh = try body(nil)
                if fresh.string(at: "metadata", "name") == nil { fresh[path: ["metadata", "name"]] = .string(name) }
                return (try createLocked(&st, r, namespace: namespace, object: fresh, dryRun: dryRun), true)
            }
            let proposed = try body(Self.served(old, as: r))
            var node = try prepareUpdate(r, old: old, new: proposed, subresource: subresource, name: name)
            try conformToSchema(st, r, &node)
            try decorate(&st, r, &node)
            node = ObjectRules.ordered(node)
            if ObjectRules.sameIgnoringServerFields(node, old) && node["metadata"]?["managedFields"] == old["metadata"]?["managedFields"] {
                return (Self.served(old, as: r), false)
            }
            if dryRun { return (Self.served(node, as: r), false) }
            if node[path: ["metadata", "deletionTimestamp"]] != nil && ObjectRules.finalizers(node).isEmpty && r.storageKey != Self.namespacesKey {
                let out = try removeLocked(&st, r.storageKey, node)
                return (Self.served(out, as: r), false)
            }
            let out = try commit(&st, [.put(r.storageKey, node, created: false)])[0]
            afterWrite(&st, r, out)
            if subresource == .main { runStages(&st, r, out) }
            return (Self.served(out, as: r), false)
        }
    }

    func prepareUpdate(_ r: ResourceInfo, old: YAMLNode, new: YAMLNode, subresource: Subresource, name: String) throws(APIError) -> YAMLNode {
        guard case .mapping = new else { throw APIError.badRequest("the request body must be a \(r.kind) object") }
        try checkType(r, new)
        if let n = new.string(at: "metadata", "name"), n != name {
            throw APIError.badRequest("the name of the object (\(n)) does not match the name on the URL (\(name))")
        }
        let oldNS = old.string(at: "metadata", "namespace") ?? ""
        if r.namespaced, let ns = new.string(at: "metadata", "namespace"), !ns.isEmpty, ns != oldNS {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        if let rv = new.string(at: "metadata", "resourceVersion"), !rv.isEmpty, rv != old.string(at: "metadata", "resourceVersion") {
            throw APIError.conflict(r, name, "the object has been modified; please apply your changes to the latest version and try again")
        }
        if let uid = new.string(at: "metadata", "uid"), !uid.isEmpty, uid != old.string(at: "metadata", "uid") {
            throw APIError.conflict(r, name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(old.string(at: "metadata", "uid") ?? "")")
        }
        var node: YAMLNode
        if subresource == .status {
            node = old
            node["status"] = new["status"]
            if let mf = new[path: ["metadata", "managedFields"]] { node[path: ["metadata", "managedFields"]] = mf }
        } else {
            node = new
            node["apiVersion"] = old["apiVersion"]
            node["kind"] = .string(r.kind)
            if node["metadata"]?.pairs == nil { node["metadata"] = .emptyMapping }
            if r.hasStatus { node["status"] = old["status"] }
            for k in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name"] {
                ObjectRules.setMeta(&node, k, old[path: ["metadata", k]])
            }
            if new[path: ["metadata", "managedFields"]] == nil {
                ObjectRules.setMeta(&node, "managedFields", old[path: ["metadata", "managedFields"]])
            }
            if old[path: ["metadata", "deletionTimestamp"]] != nil {
                let added = Set(ObjectRules.finalizers(node)).subtracting(ObjectRules.finalizers(old))
                if !added.isEmpty {
                    throw APIError.invalid(r, name, "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted")
                }
            }
            if ObjectRules.tracksGeneration(r, node), ObjectRules.specChanged(node, old) {
                ObjectRules.setMeta(&node, "generation", .int((old[path: ["metadata", "generation"]]?.intValue ?? 0) + 1))
            }
        }
        return node
    }

    /// Deletes an object: with finalizers (or a namespace with content) it is only marked with a
    /// deletionTimestamp; otherwise it is removed. Preconditions on uid and resourceVersion give 409.
    public func delete(_ r: ResourceInfo, namespace: String, name: String, uid: String? = nil, resourceVersion: String? = nil,
                       dryRun: Bool = false) throws(APIError) -> YAMLNode {
        try state.withLock { st throws(APIError) -> YAMLNode in
            let key = Self.key(r.namespaced ? namespace : "", name)
            guard var node = st.objects[r.storageKey]?[key]?.node else { throw APIError.notFound(r, name) }
            if let uid, uid != node.string(at: "metadata", "uid") {
                throw APIError.conflict(r, name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(node.string(at: "metadata", "uid") ?? "")")
            }
            if let resourceVersion, resourceVersion != node.string(at: "metadata", "resourceVersion") {
                throw APIError.conflict(r, name, "the object has been modified; please apply your changes to the latest version and try again")
            }
            if dryRun || node[path: ["metadata", "deletionTimestamp"]] != nil { return Self.served(node, as: r) }
            if r.storageKey == Self.namespacesKey { return try deleteNamespaceLocked(&st, node) }
            if !ObjectRules.finalizers(node).isEmpty {
                ObjectRules.setMeta(&node, "deletionTimestamp", .string(clock.timestamp()))
                ObjectRules.setMeta(&node, "deletionGracePeriodSeconds", .int(0))
                return Self.served(try commit(&st, [.put(r.storageKey, node, created: false)])[0], as: r)
            }
            return Self.served(try removeLocked(&st, r.storageKey, node), as: r)
        }
    }

    /// Removes an object for good, with what follows from it: a CRD takes its objects along, and a
    /// terminating namespace that became empty goes too.
    func removeLocked(_ st: inout ClusterState, _ storageKey: String, _ node: YAMLNode) throws(APIError) -> YAMLNode {
        var changes: [Change] = [.delete(storageKey, node)]
        if storageKey == Self.crdKey, let infos = ResourceRegistry.resources(ofCRD: node), let first = infos.first {
            for obj in (st.objects[first.storageKey] ?? [:]).values { changes.append(.delete(first.storageKey, obj.node)) }
        }
        let out = try commit(&st, changes)[0]
        if storageKey == Self.crdKey { st.registry.unregister(crdName: node.string(at: "metadata", "name") ?? "") }
        if let ns = node.string(at: "metadata", "namespace") { try finishNamespaceIfEmpty(&st, ns) }
        return out
    }

    /// Marks a namespace Terminating and deletes its content (objects with finalizers are only marked).
    func deleteNamespaceLocked(_ st: inout ClusterState, _ nsNode: YAMLNode) throws(APIError) -> YAMLNode {
        let ns = nsNode.string(at: "metadata", "name") ?? ""
        var marked = nsNode
        let now = clock.timestamp()
        ObjectRules.setMeta(&marked, "deletionTimestamp", .string(now))
        ObjectRules.setMeta(&marked, "deletionGracePeriodSeconds", .int(0))
        marked[path: ["status", "phase"]] = .string("Terminating")
        var changes: [Change] = [.put(Self.namespacesKey, marked, created: false)]
        for (storageKey, table) in st.objects.sorted(by: { $0.key < $1.key }) where storageKey != Self.namespacesKey {
            for (k, obj) in table.sorted(by: { $0.key < $1.key }) where k.hasPrefix(ns + "/") {
                if ObjectRules.finalizers(obj.node).isEmpty {
                    changes.append(.delete(storageKey, obj.node))
                } else if obj.node[path: ["metadata", "deletionTimestamp"]] == nil {
                    var n = obj.node
                    ObjectRules.setMeta(&n, "deletionTimestamp", .string(now))
                    ObjectRules.setMeta(&n, "deletionGracePeriodSeconds", .int(0))
                    changes.append(.put(storageKey, n, created: false))
                }
            }
        }
        let out = try commit(&st, changes)[0]
        return try finishNamespaceIfEmpty(&st, ns) ?? out
    }

    /// Removes a terminating namespace once nothing is left in it.
    @discardableResult
    func finishNamespaceIfEmpty(_ st: inout ClusterState, _ ns: String) throws(APIError) -> YAMLNode? {
        guard !ns.isEmpty, let nsObj = st.objects[Self.namespacesKey]?[Self.key("", ns)]?.node,
            nsObj[path: ["metadata", "deletionTimestamp"]] != nil
        else { return nil }
        let prefix = ns + "/"
        for (storageKey, table) in st.objects where storageKey != Self.namespacesKey {
            if table.keys.contains(where: { $0.hasPrefix(prefix) }) { return nil }
        }
        return try commit(&st, [.delete(Self.namespacesKey, nsObj)])[0]
    }
}
