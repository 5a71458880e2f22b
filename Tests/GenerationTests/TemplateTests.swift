import KealmYAML
import Testing
@testable import Generation

@Suite struct TemplateTests {
    @Test(arguments: [
        ("{{name}}-app", "c1-app"),
        ("{{ name }}", "c1"),
        ("{{unknown}}/{{name}}", "{{unknown}}/c1"),
        ("{{metadata.labels.env}}", "prod"),
        ("no tags", "no tags"),
        ("{{}}", "{{}}"),
    ])
    func fasttemplate(template: String, expected: String) {
        let p: Params = ["name": .string("c1"), "metadata.labels.env": .string("prod")]
        #expect(FastTemplate.render(template, p) == expected)
    }

    static let data: Params = [
        "name": .string("Cluster_One"), "n": .int(3), "empty": .string(""),
        "metadata": .map(["labels": .map(["env": .string("prod"), "tier": .string("web")])]),
        "list": .list([.string("a"), .string("b")]),
    ]

    @Test(arguments: [
        ("{{.name}}", "Cluster_One"),
        ("{{.metadata.labels.env}}", "prod"),
        ("{{index .metadata.labels \"tier\"}}", "web"),
        ("{{.missing}}", "<no value>"),
        ("{{.name | lower}}", "cluster_one"),
        ("{{upper .metadata.labels.env}}", "PROD"),
        ("{{.name | normalize}}", "cluster-one"),
        ("{{replace \"_\" \"-\" .name}}", "Cluster-One"),
        ("{{.empty | default \"dflt\"}}", "dflt"),
        ("{{default \"dflt\" .missing}}", "dflt"),
        ("{{.name | trunc 3}}", "Clu"),
        ("{{quote .metadata.labels.env}}", "\"prod\""),
        ("{{printf \"%s-%d\" .metadata.labels.env .n}}", "prod-3"),
        ("{{if eq .metadata.labels.env \"prod\"}}P{{else}}D{{end}}", "P"),
        ("{{if .missing}}x{{else if .n}}n{{else}}z{{end}}", "n"),
        ("{{range $i, $v := .list}}{{$i}}={{$v}};{{end}}", "0=a;1=b;"),
        ("{{range .metadata.labels}}{{.}},{{end}}", "prod,web,"),
        ("{{with .metadata.labels}}{{.tier}}{{end}}", "web"),
        ("{{with .missing}}x{{else}}none{{end}}", "none"),
        ("a  {{- .n -}}  b", "a3b"),
        ("{{/* comment */}}ok", "ok"),
        ("{{$x := .metadata.labels.env}}{{$x}}-{{$.name}}", "prod-Cluster_One"),
        ("{{.metadata.labels | toYaml}}", "env: prod\ntier: web"),
        ("{{(index .list 1) | upper}}", "B"),
        ("{{len .list}}", "2"),
        ("{{.metadata}}", "map[labels:map[env:prod tier:web]]"),
    ])
    func goTemplate(template: String, expected: String) throws {
        #expect(try GoTemplate.render(template, Self.data) == expected)
    }

    @Test(arguments: [
        ("{{.missing}}", ["missingkey=error"], "map has no entry for key \"missing\""),
        ("{{.missing.deeper}}", [], "nil pointer evaluating interface {}.deeper"),
        ("{{nosuch .name}}", [], "function \"nosuch\" not defined"),
        ("{{if .name}}", [], "missing {{end}}"),
    ])
    func goTemplateErrors(template: String, options: [String], fragment: String) {
        #expect {
            _ = try GoTemplate.render(template, Self.data, options: options)
        } throws: { e in
            (e as? TemplateError)?.message.contains(fragment) == true
        }
    }

    @Test func missingKeyZeroPrintsNoValue() throws {
        #expect(try GoTemplate.render("{{.missing}}", Self.data, options: ["missingkey=zero"]) == "<no value>")
    }

    @Test(arguments: [("Foo_Bar.baz", "foo-bar.baz"), ("--x--", "x"), ("in-cluster", "in-cluster")])
    func normalize(input: String, expected: String) { #expect(Names.sanitize(input) == expected) }

    @Test(arguments: [
        ("apps/*", "apps/a", true), ("apps/*", "apps/a/b", false), ("apps/**", "apps/a/b", true),
        ("**/config.json", "x/y/config.json", true), ("cluster-[ab]", "cluster-b", true), ("a?c", "abc", true),
    ])
    func glob(pattern: String, path: String, matches: Bool) { #expect(Glob.match(pattern, path) == matches) }
}
