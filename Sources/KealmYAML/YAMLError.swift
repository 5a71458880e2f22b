/// A position in a YAML source, 1-based.
public struct YAMLMark: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// A YAML parse or limit error, naming the source file and position.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case syntax, aliasLimit, depthLimit, sizeLimit, documentLimit, nonScalarKey, duplicateKey, invalidUTF8
        case unknownAnchor, emit
    }
    public var code: Code
    public var message: String
    public var file: String?
    public var mark: YAMLMark?

    public init(_ code: Code, _ message: String, file: String? = nil, mark: YAMLMark? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.mark = mark
    }

    public var description: String {
        var where_ = file ?? "<input>"
        if let mark { where_ += ":\(mark)" }
        return "\(where_): \(message)"
    }
}

/// Limits that protect the parser from hostile input (alias bombs, deep nesting, huge streams).
public struct YAMLLimits: Sendable {
    /// Maximum input size in bytes.
    public var maxBytes: Int
    /// Maximum nesting depth of collections.
    public var maxDepth: Int
    /// Maximum number of nodes produced by alias expansion, summed over the stream.
    public var maxAliasNodes: Int
    /// Maximum number of documents in a stream.
    public var maxDocuments: Int
    /// When true, a repeated mapping key replaces the earlier value instead of failing
    /// (how kustomize reads kustomization files).
    public var allowDuplicateKeys = false

    public init(maxBytes: Int = 64 << 20, maxDepth: Int = 100, maxAliasNodes: Int = 100_000, maxDocuments: Int = 200_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
        self.maxDocuments = maxDocuments
    }

    /// The defaults used for manifests.
    public static let `default` = YAMLLimits()
}
