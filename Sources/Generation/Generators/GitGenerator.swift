import KealmYAML

/// The `git` generator over a `RepoFiles` reader.
///
/// `directories`: one set per directory matching an included pattern and no excluded one
/// (`path`, `path.basename`, `path.basenameNormalized`, `path[n]`; with Go templates a `path` map
/// with `path`, `basename`, `basenameNormalized`, `segments`). `files`: one set per object in each
/// matching JSON/YAML file (flattened with fasttemplate), plus the file's path parameters.
struct GitGenerator {
    let engine: GeneratorEngine

    func generate(_ spec: YAMLNode, field: String) throws(GenerationError) -> [Params] {
        guard let repo = engine.inputs.repo else {
            throw engine.fail(field, "the git generator needs the repository's files (offline: --repo-dir)", .usage)
        }
        let url = spec["repoURL"]?.string ?? ""
        let rev = spec["revision"]?.string ?? "HEAD"
        let prefix = spec["pathParamPrefix"]?.string ?? ""
        let values = spec["values"]?.pairs ?? []
        let goTemplate = engine.appSet.goTemplate
        func items(_ key: String) -> [(String, Bool)] {
            (spec[key]?.items ?? []).compactMap { i in i.string(at: "path").map { ($0, i["exclude"]?.boolValue ?? false) } }
        }
        var out: [Params] = []
        if spec["files"] != nil {
            let patterns = items("files")
            let all: [String]
            do { all = try repo.files(repoURL: url, revision: rev) } catch {
                throw engine.fail(field, "error listing files of \(url): \(error)", .unavailable)
            }
            let chosen = all.filter { f in
                patterns.contains { !$0.1 && Glob.match($0.0, f) } && !patterns.contains { $0.1 && Glob.match($0.0, f) }
            }.sorted()
            for path in chosen {
                let bytes: [UInt8]
                do { bytes = try repo.read(repoURL: url, revision: rev, path: path) } catch {
                    throw engine.fail(field, "unable to read file '\(path)' from repository '\(url)': \(error)", .unavailable)
                }
                let node: YAMLNode
                do { node = try YAMLParser.parse(String(decoding: bytes, as: UTF8.self), file: path) } catch {
                    throw engine.fail(field, "unable to process file '\(path)' from repository '\(url)': unable to parse file: \(error)")
                }
                let objects: [YAMLNode] = node.items ?? [node]
                for obj in objects {
                    guard case .map(let m) = TemplateValue(obj) else {
                        throw engine.fail(field, "unable to process file '\(path)' from repository '\(url)': not an object")
                    }
                    var params: Params = [:]
                    if goTemplate {
                        params = m
                        let dir = Self.dir(path)
                        let pathMap: TemplateValue = .map([
                            "path": .string(dir), "basename": .string(Self.base(dir)), "filename": .string(Self.base(path)),
                            "basenameNormalized": .string(Names.sanitize(Self.base(dir))),
                            "filenameNormalized": .string(Names.sanitize(Self.base(path))),
                            "segments": .list(dir.split(separator: "/", omittingEmptySubsequences: false).map { .string(String($0)) }),
                        ])
                        params[prefix.isEmpty ? "path" : prefix] = prefix.isEmpty ? pathMap : .map(["path": pathMap])
                    } else {
                        for (k, v) in TemplateValue.flatten(m) { params[k] = .string(v) }
                        let name = prefix.isEmpty ? "path" : "\(prefix).path"
                        let dir = Self.dir(path)
                        params[name] = .string(dir)
                        params["\(name).basename"] = .string(Self.base(dir))
                        params["\(name).filename"] = .string(Self.base(path))
                        params["\(name).basenameNormalized"] = .string(Names.sanitize(Self.base(dir)))
                        params["\(name).filenameNormalized"] = .string(Names.sanitize(Self.base(path)))
                        for (i, seg) in dir.split(separator: "/", omittingEmptySubsequences: false).enumerated() where !seg.isEmpty {
                            params["\(name)[\(i)]"] = .string(String(seg))
                        }
                    }
                    try engine.addValues(values, to: &params, field: field)
                    out.append(params)
                }
            }
        } else {
            let patterns = items("directories")
            let all: [String]
            do { all = try repo.directories(repoURL: url, revision: rev) } catch {
                throw engine.fail(field, "error listing directories of \(url): \(error)", .unavailable)
            }
            for dir in all where patterns.contains(where: { !$0.1 && Glob.match($0.0, dir) })
                && !patterns.contains(where: { $0.1 && Glob.match($0.0, dir) })
            {
                var params: Params = [:]
                if goTemplate {
                    let pathMap: TemplateValue = .map([
                        "path": .string(dir), "basename": .string(Self.base(dir)),
                        "basenameNormalized": .string(Names.sanitize(Self.base(dir))),
                        "segments": .list(dir.split(separator: "/", omittingEmptySubsequences: false).map { .string(String($0)) }),
                    ])
                    params[prefix.isEmpty ? "path" : prefix] = prefix.isEmpty ? pathMap : .map(["path": pathMap])
                } else {
                    let name = prefix.isEmpty ? "path" : "\(prefix).path"
                    params[name] = .string(dir)
                    params["\(name).basename"] = .string(Self.base(dir))
                    params["\(name).basenameNormalized"] = .string(Names.sanitize(Self.base(dir)))
                    for (i, seg) in dir.split(separator: "/", omittingEmptySubsequences: false).enumerated() where !seg.isEmpty {
                        params["\(name)[\(i)]"] = .string(String(seg))
                    }
                }
                try engine.addValues(values, to: &params, field: field)
                out.append(params)
            }
        }
        return out
    }

    static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    static func base(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
