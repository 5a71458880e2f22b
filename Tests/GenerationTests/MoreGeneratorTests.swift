import KealmModel
import KealmYAML
import Testing
@testable import Generation

@Suite struct MoreGeneratorTests {
    static let header = GeneratorTests.header

    @Test func clustersFlatList() throws {
        let inputs = GenerationInputs(clusterSecrets: [Fix.secret("a", env: "dev"), Fix.secret("b", env: "prod")])
        let apps = try Fix.generate(Self.header + """
            spec:
              goTemplate: true
              generators: [{clusters: {flatList: true, selector: {matchLabels: {argocd.argoproj.io/secret-type: cluster}}}}]
              template: {metadata: {name: all}, spec: {info: "{{range .clusters}}{{.name}};{{end}}"}}
            """, inputs)
        #expect(apps.count == 1 && apps[0].string(at: "spec", "info") == "a;b;")
    }

    @Test func gitPathParamPrefixAndValues() throws {
        let inputs = GenerationInputs(repo: MemoryRepo(files: ["apps/web/k.yaml": ""]))
        let apps = try Fix.generate(Self.header + """
            spec:
              generators: [{git: {repoURL: x, pathParamPrefix: app, directories: [{path: "apps/*"}], values: {team: "t-{{app.path.basename}}"}}}]
              template: {metadata: {name: "{{app.path.basename}}-{{values.team}}"}}
            """, inputs)
        #expect(Fix.names(apps) == ["web-t-web"])
    }

    @Test func toYamlOfNestedValues() throws {
        let p: Params = ["v": .map(["list": .list([.string("a"), .int(1)]), "m": .map(["k": .string("true")])])]
        #expect(try GoTemplate.render("{{toYaml .v}}", p) == "list:\n- a\n- 1\nm:\n  k: 'true'")
    }

    @Test func unsupportedGeneratorIsAnErrorNotEmpty() {
        #expect(throws: GenerationError.self) {
            try Fix.generate(Self.header + "spec:\n  generators: [{pullRequest: {github: {owner: x}}}]\n  template: {metadata: {name: x}}")
        }
    }

    @Test func generationErrorCarriesObjectAndField() {
        do {
            _ = try Fix.generate(Self.header + """
                spec:
                  generators: [{matrix: {generators: [{list: {elements: [{a: "1"}]}}, {git: {repoURL: x, directories: [{path: "*"}]}}]}}]
                  template: {metadata: {name: x}}
                """)
            Issue.record("expected an error")
        } catch let error as GenerationError {
            #expect(error.object == "ApplicationSet argocd/s")
            #expect(error.field == "spec.generators[0].matrix.generators[1].git")
            #expect(error.category == .usage)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func goTemplateRenderErrorReason() {
        do {
            _ = try Fix.generate(Self.header + """
                spec:
                  goTemplate: true
                  goTemplateOptions: ["missingkey=error"]
                  generators: [{list: {elements: [{a: "1"}]}}]
                  template: {metadata: {name: "{{.b}}"}}
                """)
            Issue.record("expected an error")
        } catch let error as GenerationError {
            #expect(error.reason == "RenderTemplateParamsError")
        } catch { Issue.record("unexpected \(error)") }
    }
}
