import CYAML

/// Parses YAML streams into ordered `YAMLNode` trees with libyaml.
///
/// Comments are dropped, aliases are expanded (bounded by `YAMLLimits.maxAliasNodes`),
/// and errors carry the file name and the line and column of the problem.
public enum YAMLParser {
    /// Parses every document of a stream. Empty documents (`---` alone) are returned as null scalars.
    public static func parseStream(
        _ bytes: [UInt8], file: String? = nil, limits: YAMLLimits = .default
    ) throws(YAMLError) -> [YAMLNode] {
        if bytes.count > limits.maxBytes {
            throw YAMLError(.sizeLimit, "input is \(bytes.count) bytes, over the limit of \(limits.maxBytes) bytes", file: file)
        }
        if !bytes.isEmpty, String(validating: bytes, as: UTF8.self) == nil {
            throw YAMLError(.invalidUTF8, "input is not valid UTF-8", file: file)
        }
        let builder = TreeBuilder(file: file, limits: limits)
        return try builder.run(bytes)
    }

    /// Parses a stream given as a string.
    public static func parseStream(_ text: String, file: String? = nil, limits: YAMLLimits = .default) throws(YAMLError) -> [YAMLNode] {
        try parseStream(Array(text.utf8), file: file, limits: limits)
    }

    /// Parses a single document; an empty input gives a null node. More than one document is an error.
    public static func parse(_ text: String, file: String? = nil, limits: YAMLLimits = .default) throws(YAMLError) -> YAMLNode {
        let docs = try parseStream(Array(text.utf8), file: file, limits: limits)
        if docs.count > 1 { throw YAMLError(.syntax, "expected one YAML document, found \(docs.count)", file: file) }
        return docs.first ?? .null
    }
}

private final class TreeBuilder {
    let file: String?
    let limits: YAMLLimits
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var aliasBudget: Int

    init(file: String?, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
        self.aliasBudget = limits.maxAliasNodes
    }

    /// A collection being built. A class, so appending never copies the items (an enum payload
    /// bound to a `var` would copy its array on every append: quadratic on large collections).
    final class Frame {
        let isMapping: Bool
        var pairs: [YAMLPair] = []
        var items: [YAMLNode] = []
        var pendingKey: YAMLScalar?
        let anchor: String?
        var size = 1
        var keys: Set<String> = []
        init(isMapping: Bool, anchor: String?) {
            self.isMapping = isMapping
            self.anchor = anchor
        }
    }

    func mark(_ m: yaml_mark_t) -> YAMLMark { YAMLMark(line: Int(m.line) + 1, column: Int(m.column) + 1) }

    func run(_ bytes: [UInt8]) throws(YAMLError) -> [YAMLNode] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw YAMLError(.syntax, "cannot initialise the YAML parser", file: file) }
        defer { yaml_parser_delete(parser) }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { buffer.deallocate() }
        bytes.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { buffer.update(from: base, count: src.count) }
        }
        yaml_parser_set_input_string(parser, buffer, bytes.count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)

        var documents: [YAMLNode] = []
        var stack: [Frame] = []
        var root: YAMLNode?
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }

        while true {
            guard yaml_parser_parse(parser, event) == 1 else {
                let problem = parser.pointee.problem.map { String(cString: $0) } ?? "syntax error"
                var msg = problem
                if let ctx = parser.pointee.context { msg = "\(String(cString: ctx)): \(problem)" }
                throw YAMLError(.syntax, msg, file: file, mark: mark(parser.pointee.problem_mark))
            }
            defer { yaml_event_delete(event) }
            let ev = event.pointee
            let start = ev.start_mark
            switch ev.type {
            case YAML_STREAM_END_EVENT:
                return documents
            case YAML_DOCUMENT_START_EVENT:
                root = nil
                anchors.removeAll(keepingCapacity: true)
                if documents.count >= limits.maxDocuments {
                    throw YAMLError(.documentLimit, "stream has more than \(limits.maxDocuments) documents", file: file, mark: mark(start))
                }
            case YAML_DOCUMENT_END_EVENT:
                documents.append(root ?? .null)
            case YAML_SCALAR_EVENT:
                let s = ev.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                let tag = s.tag.map { String(cString: $0) }
                let style: ScalarStyle
                switch s.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                // A non-specific "!" tag on a plain scalar forces string; keep it as the str tag.
                let scalar = YAMLScalar(value, tag: tag == "!" ? "tag:yaml.org,2002:str" : tag, style: style)
                if let a = s.anchor { anchors[String(cString: a)] = (.scalar(scalar), 1) }
                try add(.scalar(scalar), size: 1, to: &stack, root: &root, at: start)
            case YAML_ALIAS_EVENT:
                let name = String(cString: ev.data.alias.anchor)
                guard let target = anchors[name] else {
                    throw YAMLError(.unknownAnchor, "unknown anchor '\(name)'", file: file, mark: mark(start))
                }
                aliasBudget -= target.size
                if aliasBudget < 0 {
                    throw YAMLError(.aliasLimit,
                        "alias expansion exceeds \(limits.maxAliasNodes) nodes (a YAML alias bomb?); refusing the document",
                        file: file, mark: mark(start))
                }
                try add(target.node, size: target.size, to: &stack, root: &root, at: start)
            case YAML_MAPPING_START_EVENT:
                if stack.count >= limits.maxDepth {
                    throw YAMLError(.depthLimit, "nesting deeper than \(limits.maxDepth) levels", file: file, mark: mark(start))
                }
                let anchor = ev.data.mapping_start.anchor.map { String(cString: $0) }
                stack.append(Frame(isMapping: true, anchor: anchor))
            case YAML_SEQUENCE_START_EVENT:
                if stack.count >= limits.maxDepth {
                    throw YAMLError(.depthLimit, "nesting deeper than \(limits.maxDepth) levels", file: file, mark: mark(start))
                }
                let anchor = ev.data.sequence_start.anchor.map { String(cString: $0) }
                stack.append(Frame(isMapping: false, anchor: anchor))
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                let frame = stack.removeLast()
                let node: YAMLNode = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
                let size = frame.size
                let anchor = frame.anchor
                frame.pairs = []
                frame.items = []
                if let anchor { anchors[anchor] = (node, size) }
                try add(node, size: size, to: &stack, root: &root, at: start)
            default:
                break
            }
        }
    }

    func add(_ node: YAMLNode, size: Int, to stack: inout [Frame], root: inout YAMLNode?, at m: yaml_mark_t) throws(YAMLError) {
        guard let top = stack.last else {
            root = node
            return
        }
        top.size += size
        if !top.isMapping {
            top.items.append(node)
            return
        }
        if let key = top.pendingKey {
            top.pairs.append(YAMLPair(key: key, value: node))
            top.pendingKey = nil
            return
        }
        guard case .scalar(let key) = node else {
            throw YAMLError(.nonScalarKey, "mapping keys must be scalars", file: file, mark: mark(m))
        }
        if !top.keys.insert(key.value).inserted && key.value != "<<" {
            if limits.allowDuplicateKeys {
                top.pairs.removeAll { $0.key.value == key.value }
            } else {
                throw YAMLError(.duplicateKey, "duplicate key '\(key.value)'", file: file, mark: mark(m))
            }
        }
        top.pendingKey = key
    }
}
