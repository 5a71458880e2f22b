import Health
import KealmModel
import KealmYAML
import Testing

@Suite struct HealthRuleTests {
    static let file = """
        rules:
          - group: example.com
            kind: Widget
            checks:
              - when: status.conditions[type=Failed].status == "True"
                status: Degraded
                message: "failed: {{status.conditions[type=Failed].message}}"
              - when: status.phase == "Running" && status.readyReplicas >= spec.replicas
                status: Healthy
                message: running {{status.readyReplicas}} replicas
              - when: missing(status.phase)
                status: Progressing
                message: not started
            default: {status: Progressing, message: "phase {{status.phase}}"}
          - kind: ConfigMap
            checks:
              - when: data["ready.flag"] exists
                status: Healthy
              - when: '!exists(data)'
                status: Suspended
                message: empty
        """

    func registry() throws -> HealthRegistry {
        var r = HealthRegistry.standard
        r.add(rules: try HealthRuleFile.parse(Self.file, file: "health.yaml"))
        return r
    }

    func widget(_ status: String, replicas: Int = 2) throws -> YAMLNode {
        try YAMLParser.parse("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {replicas: \(replicas)}\nstatus: \(status)")
    }

    @Test(arguments: [
        ("{phase: Running, readyReplicas: 2}", HealthStatus.healthy, "running 2 replicas"),
        ("{phase: Running, readyReplicas: 1}", .progressing, "phase Running"),
        ("{phase: Running, readyReplicas: 3, conditions: [{type: Failed, status: 'True', message: disk full}]}", .degraded, "failed: disk full"),
        ("{}", .progressing, "not started"),
    ])
    func widgetRules(_ status: String, _ expected: HealthStatus, _ message: String) throws {
        let result = try registry().assess(try widget(status))
        #expect(result.status == expected)
        #expect(result.message == message)
        #expect(result.source == .userRule)
    }

    @Test func userRulesReplaceBuiltins() throws {
        let r = try registry()
        let flagged = try YAMLParser.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {ready.flag: 'yes'}")
        #expect(r.assess(flagged).status == .healthy)
        let empty = try YAMLParser.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}")
        #expect(r.assess(empty) == HealthAssessment(.suspended, "empty", source: .userRule))
    }

    @Test(arguments: [
        ("rules: [{kind: W, checks: [{when: 'status.phase ==', status: Healthy}]}]", "rules[0].checks[0].when"),
        ("rules: [{kind: W, checks: [{when: 'a == 1', status: Fine}]}]", "rules[0].checks[0].status"),
        ("rules: [{group: x, checks: [{when: a, status: Healthy}]}]", "rules[0].kind"),
        ("rules: [{kind: W, checks: [{status: Healthy}]}]", "rules[0].checks[0].when"),
        ("rules: [{kind: W, checks: [{when: 'status.x[', status: Healthy}]}]", "rules[0].checks[0].when"),
        ("rules: [{kind: W, checks: [{when: a, status: Healthy, message: '{{a'}]}]", "rules[0].checks[0].message"),
        ("rules: [{kind: W, colour: red, checks: [{when: a, status: Healthy}]}]", "rules[0]"),
        ("rules: [{kind: W}]", "rules[0].checks"),
    ])
    func parseErrorsNameTheField(_ text: String, _ field: String) {
        #expect {
            _ = try HealthRuleFile.parse(text, file: "bad.yaml")
        } throws: { error in
            guard let e = error as? HealthRuleError else { return false }
            return e.field == field && e.file == "bad.yaml" && e.description.hasPrefix("bad.yaml: \(field): ")
        }
    }

    @Test func expressionsCompareNumbersAndStrings() throws {
        let o = try YAMLParser.parse("a: 10\nb: '9'\nc: true\nlist: [{k: x, v: 1}]")
        #expect(try RuleExpression(parsing: "a > 9").evaluate(o))
        #expect(try RuleExpression(parsing: "a >= b").evaluate(o) == false)  // "10" < "9" as text: b is a string
        #expect(try RuleExpression(parsing: "c && list[k=x].v == 1").evaluate(o))
        #expect(try RuleExpression(parsing: "!(c) || nope").evaluate(o) == false)
        #expect(try RuleExpression(parsing: "nope == null").evaluate(o))
        #expect(try RuleExpression(parsing: "list[0].k == 'x'").evaluate(o))
    }
}

@Suite struct HealthRuleWildcardTests {
    @Test func wildcardGroupsAndKindsAndTheIgnoreAnnotation() throws {
        var r = HealthRegistry.standard
        r.add(rules: try HealthRuleFile.parse("""
            - group: "*.crossplane.io"
              kind: "*"
              checks: [{when: 'status.conditions[type=Synced].status == "False"', status: Degraded, message: not synced}]
              default: {status: Healthy, message: ok}
            - group: aws.crossplane.io
              kind: Bucket
              checks: [{when: 'true', status: Suspended, message: exact wins}]
            """, file: "w.yaml"))
        let db = try YAMLParser.parse("apiVersion: rds.crossplane.io/v1\nkind: DBInstance\nmetadata: {name: d}\nstatus: {conditions: [{type: Synced, status: 'False'}]}")
        #expect(r.assess(db) == HealthAssessment(.degraded, "not synced", source: .userRule))
        let bucket = try YAMLParser.parse("apiVersion: aws.crossplane.io/v1\nkind: Bucket\nmetadata: {name: b}")
        #expect(r.assess(bucket).message == "exact wins")
        let other = try YAMLParser.parse("apiVersion: crossplane.io/v1\nkind: Thing\nmetadata: {name: t}")
        #expect(r.assess(other).source == .none)
        let ignored = try YAMLParser.parse("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c, annotations: {argocd.argoproj.io/ignore-healthcheck: 'true'}}\nstatus: {phase: Lost}")
        #expect(r.assess(ignored).status == .healthy)
    }
}
