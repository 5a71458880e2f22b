import CYAML

/// Prints `YAMLNode` documents exactly as `kubectl kustomize` (kustomize v5.5.0) prints them.
///
/// kustomize writes every object as JSON and re-encodes it with a YAML 1.1 encoder. So the output
/// has mapping keys in natural order (`KeyOrder`), block style with sequences not indented under
/// their key, empty collections as `{}` / `[]`, numbers normalised, YAML-1.1-ambiguous strings
/// double-quoted, multi-line strings as `|` blocks and long scalars folded near 80 columns.
/// Documents are separated by `---` with none before the first.
///
/// ```swift
/// let text = try YAMLEmitter.emit(YAMLParser.parseStream("b: 1\na: 'yes'\n"))
/// // "a: \"yes\"\nb: 1\n"
/// ```
public enum YAMLEmitter {
    /// The whole stream: documents joined by `---` lines.
    public static func emit(_ documents: [YAMLNode]) throws(YAMLError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(documents.count * 512)
        let session = try EmitterSession()
        for (i, doc) in documents.enumerated() {
            if i > 0 { out.append(contentsOf: Array("---\n".utf8)) }
            try session.emitDocument(doc, into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One document, without a separator.
    public static func emit(_ document: YAMLNode) throws(YAMLError) -> String {
        try emit([document])
    }
}

/// Receives libyaml's output bytes.
final class OutputSink {
    var bytes: [UInt8] = []
}

private func writeHandler(_ data: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, let buffer else { return 0 }
    let sink = Unmanaged<OutputSink>.fromOpaque(data).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
    return 1
}

/// One libyaml emitter, reused for every document of a stream.
final class EmitterSession {
    let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    let sink = OutputSink()

    init() throws(YAMLError) {}

    deinit { event.deallocate() }

    func emitDocument(_ node: YAMLNode, into out: inout [UInt8]) throws(YAMLError) {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else { throw YAMLError(.emit, "cannot initialise the YAML emitter") }
        defer { yaml_emitter_delete(emitter) }
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_width(emitter, 80)
        yaml_emitter_set_indent(emitter, 2)
        sink.bytes.removeAll(keepingCapacity: true)
        yaml_emitter_set_output(emitter, writeHandler, Unmanaged.passUnretained(sink).toOpaque())

        yaml_stream_start_event_initialize(event, YAML_UTF8_ENCODING)
        try send(emitter)
        yaml_document_start_event_initialize(event, nil, nil, nil, 1)
        try send(emitter)
        try emitNode(node, emitter)
        yaml_document_end_event_initialize(event, 1)
        try send(emitter)
        yaml_stream_end_event_initialize(event)
        try send(emitter)
        yaml_emitter_flush(emitter)
        var bytes = sink.bytes
        // libyaml marks a document that ends in an open `|+` block with `...`; kustomize does not.
        if bytes.count >= 4 && Array(bytes.suffix(4)) == Array("...\n".utf8) {
            let before = bytes.count - 4
            if before == 0 || bytes[before - 1] == 0x0A { bytes.removeLast(4) }
        }
        out.append(contentsOf: bytes)
    }

    private func send(_ emitter: UnsafeMutablePointer<yaml_emitter_t>) throws(YAMLError) {
        if yaml_emitter_emit(emitter, event) != 1 {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
            throw YAMLError(.emit, "cannot emit YAML: \(problem)")
        }
    }

    private func emitNode(_ node: YAMLNode, _ emitter: UnsafeMutablePointer<yaml_emitter_t>) throws(YAMLError) {
        switch node {
        case .scalar(let s):
            try emitScalar(OutputScalar(s), emitter)
        case .sequence(let items):
            yaml_sequence_start_event_initialize(event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
            try send(emitter)
            for item in items { try emitNode(item, emitter) }
            yaml_sequence_end_event_initialize(event)
            try send(emitter)
        case .mapping(let pairs):
            yaml_mapping_start_event_initialize(event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
            try send(emitter)
            for p in EmitterSession.sorted(pairs) {
                try emitScalar(OutputScalar(string: p.key.value), emitter)
                try emitNode(p.value, emitter)
            }
            yaml_mapping_end_event_initialize(event)
            try send(emitter)
        }
    }

    /// Pairs in output order; a later duplicate key wins, as when re-read into a map.
    static func sorted(_ pairs: [YAMLPair]) -> [YAMLPair] {
        var isSorted = true
        var i = 1
        while i < pairs.count {
            if !KeyOrder.less(pairs[i - 1].key.value, pairs[i].key.value) {
                isSorted = false
                break
            }
            i += 1
        }
        if isSorted { return pairs }
        var seen: [String: Int] = [:]
        var unique: [YAMLPair] = []
        for p in pairs {
            if let at = seen[p.key.value] { unique[at] = p } else {
                seen[p.key.value] = unique.count
                unique.append(p)
            }
        }
        return unique.sorted { KeyOrder.less($0.key.value, $1.key.value) }
    }

    private func emitScalar(_ s: OutputScalar, _ emitter: UnsafeMutablePointer<yaml_emitter_t>) throws(YAMLError) {
        let style: yaml_scalar_style_t
        switch s.style {
        case .plain: style = YAML_PLAIN_SCALAR_STYLE
        case .singleQuoted: style = YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: style = YAML_LITERAL_SCALAR_STYLE
        case .folded: style = YAML_FOLDED_SCALAR_STYLE
        }
        var bytes = Array(s.text.utf8)
        bytes.append(0)
        let ok = bytes.withUnsafeMutableBufferPointer { buf -> Int32 in
            yaml_scalar_event_initialize(event, nil, nil, buf.baseAddress, Int32(buf.count - 1), 1, 1, style)
        }
        guard ok == 1 else { throw YAMLError(.emit, "cannot emit scalar") }
        try send(emitter)
    }
}
