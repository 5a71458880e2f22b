/// Descriptions of credential-bearing values never show the secret, so printing a config or
/// interpolating it into a message cannot leak a token, password or private key.
extension Credentials: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        switch self {
        case .none: return "none"
        case .token: return "token(REDACTED)"
        case .tokenFile(let path): return "tokenFile(\(path))"
        case .basic(let user, _): return "basic(\(user), REDACTED)"
        case .exec(let e, _): return "exec(\(e.command))"
        }
    }
    public var debugDescription: String { description }
}

extension PEMSource: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        switch self {
        case .file(let path): return "file(\(path))"
        case .data(let bytes): return "data(\(bytes.count) bytes, REDACTED)"
        }
    }
    public var debugDescription: String { description }
}

extension Kubeconfig.AuthInfo: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        var parts: [String] = []
        if token != nil { parts.append("token: REDACTED") }
        if let tokenFile { parts.append("tokenFile: \(tokenFile)") }
        if let clientCertificate { parts.append("client-certificate: \(clientCertificate)") }
        if clientCertificateData != nil { parts.append("client-certificate-data: REDACTED") }
        if let clientKey { parts.append("client-key: \(clientKey)") }
        if clientKeyData != nil { parts.append("client-key-data: REDACTED") }
        if let username { parts.append("username: \(username)") }
        if password != nil { parts.append("password: REDACTED") }
        if let exec { parts.append("exec: \(exec.command)") }
        return "AuthInfo(" + parts.joined(separator: ", ") + ")"
    }
    public var debugDescription: String { description }
}

extension ExecCredential: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "ExecCredential(token: \(token == nil ? "none" : "REDACTED"), certificate: \(clientCertificateData == nil ? "none" : "REDACTED"), expiration: \(expiration.map { "\($0)" } ?? "none"))"
    }
    public var debugDescription: String { description }
}
