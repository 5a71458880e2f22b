/// Finding and reading the kustomization file of a directory.
enum KustomizationFile {
    /// The file names kustomize recognises, in its order of preference.
    static let names = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// Loads the kustomization of a (resolved) directory.
    static func load(dir: String, loader: Loader, asker: String) throws(OverlayError) -> (Kustomization, String) {
        var found: [String] = []
        for n in names {
            let p = dir == "/" ? "/" + n : dir + "/" + n
            let (real, entry) = try loader.resolve(p, asker: asker)
            if entry == .file { found.append(real) }
        }
        guard let file = found.first else {
            throw OverlayError(.notFound,
                "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '\(dir)'",
                file: asker, hint: "add a kustomization.yaml to that directory")
        }
        if found.count > 1 {
            throw OverlayError(.invalid, "found multiple kustomization files in \(dir)", file: dir,
                hint: "keep only one of \(names.joined(separator: ", "))")
        }
        let bytes = try loader.read(real: file, asker: asker)
        let node: KealmYAMLNode
        do { node = try KealmYAMLParse.one(bytes, file: file) } catch { throw overlayError(error, file: file) }
        return (try Kustomization(node: node, file: file), file)
    }
}

import KealmYAML
typealias KealmYAMLNode = YAMLNode

enum KealmYAMLParse {
    static func one(_ bytes: [UInt8], file: String) throws -> YAMLNode {
        let docs = try YAMLParser.parseStream(bytes, file: file)
        let nonEmpty = docs.filter { !$0.isNull }
        if nonEmpty.count > 1 { throw OverlayError(.invalid, "expected one document, found \(nonEmpty.count)", file: file) }
        return nonEmpty.first ?? .null
    }
}
