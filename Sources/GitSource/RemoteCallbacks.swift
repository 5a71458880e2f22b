import CGit2
import Foundation
import Glibc

/// State shared with libgit2's C callbacks through the `payload` pointer (kept alive by the caller).
final class RemoteCallbackState {
    let credentials: GitCredentials
    let maxReceivedBytes: Int?
    var credentialAttempts = 0
    var limitExceeded = false
    var receivedBytes = 0
    /// A private key written to a 0600 file, for libssh2 builds without in-memory keys; removed in `deinit`.
    var keyFile: String?

    deinit {
        if let keyFile { unlink(keyFile) }
    }

    /// Writes the SSH key to a private temporary file (once) and returns its path.
    func privateKeyFile(_ key: String) -> String? {
        if let keyFile { return keyFile }
        let tmp = ProcessInfo.processInfo.environment["TMPDIR"].map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "/tmp"
        var template = Array("\(tmp)/kealm-key-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array(key.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { return nil }
        keyFile = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return keyFile
    }

    init(credentials: GitCredentials, maxReceivedBytes: Int?) {
        self.credentials = credentials
        self.maxReceivedBytes = maxReceivedBytes
    }

    /// Callbacks pointing at this state; `self` must outlive every libgit2 call that uses them.
    func callbacks() -> git_remote_callbacks {
        var cb = git_remote_callbacks()
        git_remote_init_callbacks(&cb, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        cb.payload = Unmanaged.passUnretained(self).toOpaque()
        cb.credentials = acquireCredential
        cb.transfer_progress = transferProgress
        if credentials.insecure { cb.certificate_check = acceptAnyCertificate }
        return cb
    }
}

/// libgit2 asks for credentials; it calls again after a rejection, so give up after two offers.
private func acquireCredential(
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, _ url: UnsafePointer<CChar>?, _ userFromURL: UnsafePointer<CChar>?,
    _ allowed: UInt32, _ payload: UnsafeMutableRawPointer?
) -> Int32 {
    guard let out, let payload else { return GIT_PASSTHROUGH.rawValue }
    let state = Unmanaged<RemoteCallbackState>.fromOpaque(payload).takeUnretainedValue()
    state.credentialAttempts += 1
    if state.credentialAttempts > 2 {
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), "authentication failed: the credentials were rejected")
        return GIT_EUSER.rawValue
    }
    let creds = state.credentials
    let urlUser = userFromURL.map { String(cString: $0) }
    if let key = creds.sshPrivateKey {
        let user = creds.username ?? urlUser ?? "git"
        if allowed & GIT_CREDENTIAL_SSH_MEMORY.rawValue != 0 {
            return git_credential_ssh_key_memory_new(out, user, nil, key, creds.sshPassphrase)
        }
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0, let file = state.privateKeyFile(key) {
            return git_credential_ssh_key_new(out, user, nil, file, creds.sshPassphrase)
        }
    }
    if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
        return git_credential_username_new(out, creds.username ?? urlUser ?? "git")
    }
    if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, let password = creds.password {
        let user = creds.username ?? urlUser ?? "git"
        return git_credential_userpass_plaintext_new(out, user, password)
    }
    // Nothing to offer: say so (libgit2's own words would be "no callback set").
    git_error_set_str(
        Int32(GIT_ERROR_NET.rawValue),
        "authentication required: no credentials of a kind the server accepts are configured for this repository "
            + "(add an Argo CD repository Secret for its URL, or set KEALM_GIT_USERNAME/KEALM_GIT_PASSWORD)")
    return GIT_EUSER.rawValue
}

/// Counts received bytes and aborts the transfer once the repository size limit is passed.
private func transferProgress(_ stats: UnsafePointer<git_indexer_progress>?, _ payload: UnsafeMutableRawPointer?) -> Int32 {
    guard let stats, let payload else { return 0 }
    let state = Unmanaged<RemoteCallbackState>.fromOpaque(payload).takeUnretainedValue()
    state.receivedBytes = Int(stats.pointee.received_bytes)
    if let limit = state.maxReceivedBytes, state.receivedBytes > limit {
        state.limitExceeded = true
        return -1
    }
    return 0
}

/// Used only when the repository is marked `insecure`: accept the server certificate without checking it.
private func acceptAnyCertificate(
    _ cert: UnsafeMutablePointer<git_cert>?, _ valid: Int32, _ host: UnsafePointer<CChar>?,
    _ payload: UnsafeMutableRawPointer?
) -> Int32 {
    0
}
