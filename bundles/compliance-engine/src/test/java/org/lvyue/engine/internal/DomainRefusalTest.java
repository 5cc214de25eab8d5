package org.lvyue.engine.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.engine.internal.TestDomains.AS_OF;
import static org.lvyue.engine.internal.TestDomains.CONTRACT;
import static org.lvyue.engine.internal.TestDomains.drl;
import static org.lvyue.engine.internal.TestDomains.header;
import static org.lvyue.engine.internal.TestDomains.keys;
import static org.lvyue.engine.internal.TestDomains.lineOf;
import static org.lvyue.engine.internal.TestDomains.missingRule;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.RuleProblem;

/** Domain bundles the engine must refuse, and what it says about them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DomainRefusalTest extends EngineTest {
    @Test
    void a_drl_with_a_syntax_error_is_refused_with_its_file_line_and_message_while_the_other_domains_keep_firing() {
        assertActive(engine.deploy(TestDomains.working(1, "test.alpha", "1.0.0", "alpha", "alpha v1")));
        engine.load(CONTRACT, List.of());
        List<String> before = keys(engine.evaluate(CONTRACT.id(), AS_OF));
        assertEquals(List.of("alpha/alpha v1: year without a record/alpha.yearly/2022"), before);

        String broken = drl("beta", """
                rule "beta: a comma is missing"
                when
                    $f : Fact(kind == "beta.record" status == "late")
                then
                end
                """);
        DomainStatus status = engine.deploy(TestDomains.domain(2, "test.beta", "1.0.0", "beta",
                Map.of("rules/beta/broken.drl", broken), TestDomains.catalogue("beta")));

        assertEquals(DomainState.REFUSED, status.state());
        assertEquals(0, status.ruleCount());
        RuleProblem first = status.problems().get(0);
        int faultyLine = lineOf(broken, "status == \"late\"");
        assertEquals("rules/beta/broken.drl", first.file());
        assertEquals(faultyLine, first.line(), () -> "problems: " + status.problems());
        assertTrue(first.message().contains("mismatched input 'status'"), first.message());
        assertTrue(first.message().contains("Line " + faultyLine + ":"), first.message());
        // Drools adds "Parser returned a null Package" without a line: reported as -1 (unknown), never 0
        status.problems().forEach(p -> assertTrue(p.line() > 0 || p.line() == -1, () -> "line of " + p));

        var after = engine.evaluate(CONTRACT.id(), AS_OF);
        assertEquals(before, keys(after));
        assertEquals(List.of("alpha"), after.domains().stream().map(DomainStatus::domain).toList());
        assertEquals(Map.of("alpha", DomainState.ACTIVE, "beta", DomainState.REFUSED), states());
    }

    @Test
    void a_misspelt_keyword_is_reported_at_its_own_line() {
        String broken = header("beta") + """
                rule "beta: whne instead of when"
                whne
                    Fact()
                then
                end
                """;

        DomainStatus status = engine.deploy(TestDomains.domain(2, "test.beta", "1.0.0", "beta", broken));

        assertEquals(DomainState.REFUSED, status.state());
        RuleProblem first = status.problems().get(0);
        assertEquals("rules/beta.drl", first.file());
        assertEquals(lineOf(broken, "whne\n"), first.line(), () -> "problems: " + status.problems());
        assertTrue(first.message().contains("'whne'"), first.message());
    }

    @Test
    void a_drl_using_an_unknown_class_is_refused_with_a_message_naming_the_class() {
        String broken = drl("beta", """
                rule "beta: an unknown class"
                when
                    Inspection(status == "late")
                then
                end
                """);

        DomainStatus status = engine.deploy(TestDomains.domain(2, "test.beta", "1.0.0", "beta", broken));

        assertEquals(DomainState.REFUSED, status.state());
        RuleProblem problem = only(status);
        assertEquals("rules/beta.drl", problem.file());
        assertEquals(lineOf(broken, "Inspection("), problem.line());
        assertTrue(problem.message().contains("Unable to resolve ObjectType 'Inspection'"), problem.message());
    }

    @Test
    void a_drl_using_an_unknown_field_of_a_fact_is_refused_with_a_message_naming_the_field() {
        String broken = drl("beta", """
                rule "beta: an unknown field"
                when
                    Fact(kind == "beta.record", colour == "red")
                then
                end
                """);

        DomainStatus status = engine.deploy(TestDomains.domain(2, "test.beta", "1.0.0", "beta", broken));

        assertEquals(DomainState.REFUSED, status.state());
        RuleProblem problem = only(status);
        assertEquals(lineOf(broken, "colour =="), problem.line());
        assertTrue(problem.message().contains("colour"), problem.message());
        assertTrue(problem.message().contains("org.lvyue.api.fact.Fact"), problem.message());
    }

    @Test
    void a_drl_using_an_unknown_component_of_a_record_is_refused_while_known_components_compile() {
        String good = drl("alpha", """
                rule "alpha: record components read as fields"
                when
                    Contract(id == "c-2022", periodStart.year == 2022)
                then
                end
                """);
        String broken = drl("beta", """
                rule "beta: an unknown record component"
                when
                    Contract(customer == "甲")
                then
                end
                """);

        assertActive(engine.deploy(TestDomains.domain(1, "test.alpha", "1.0.0", "alpha", good)));
        DomainStatus status = engine.deploy(TestDomains.domain(2, "test.beta", "1.0.0", "beta", broken));

        assertEquals(DomainState.REFUSED, status.state());
        RuleProblem problem = only(status);
        assertEquals(lineOf(broken, "customer =="), problem.line());
        assertTrue(problem.message().contains("customer"), problem.message());
    }

    @Test
    void a_misspelt_import_is_refused_at_the_line_of_the_import() {
        String broken = "package test.beta;\n\nimport org.lvyue.api.fact.Fact;\nimport org.lvyue.api.fact.Facts;\n\n"
                + """
                rule "beta: fine but for the import"
                when
                    Fact()
                then
                end
                """;

        DomainStatus status = engine.deploy(TestDomains.domain(2, "test.beta", "1.0.0", "beta", broken));

        assertEquals(DomainState.REFUSED, status.state());
        RuleProblem first = status.problems().get(0);
        assertTrue(first.message().contains("org.lvyue.api.fact.Facts"), first.message());
        // Drools itself says line 1 for every failed import
        assertEquals(4, first.line(), () -> "problems: " + status.problems());
    }

    static Stream<Arguments> brokenCatalogues() {
        String good = new String(TestDomains.catalogue("gamma"), UTF_8);
        return Stream.of(
                Arguments.of("not JSON: a comma missing on line 3", """
                        {
                          "domain": "gamma",
                          "title": "测试" "clause": "x"
                        }
                        """, "不是合法的 JSON", 3),
                Arguments.of("an unknown frequency in its second obligation", good.replace("\"severity\": \"HIGH\" }",
                        "\"severity\": \"HIGH\" },\n    { \"id\": \"gamma.fortnightly\", \"title\": \"每两周\", \"clause\": \"x\","
                                + " \"frequency\": \"FORTNIGHTLY\", \"evidenceKind\": \"gamma.record\", \"severity\": \"LOW\" }"),
                        "obligations[1].frequency: 未知取值 'FORTNIGHTLY'", -1),
                Arguments.of("an evidence kind nobody declares",
                        good.replace("\"evidenceKind\": \"gamma.record\"", "\"evidenceKind\": \"gamma.recrod\""),
                        "obligations[0].evidenceKind: 事实类型 'gamma.recrod' 未在 factKinds 中声明", -1),
                Arguments.of("a domain id other than the header's",
                        good.replace("\"domain\": \"gamma\"", "\"domain\": \"delta\""),
                        "domain: 目录中的领域 'delta' 与清单头 Compliance-Domain 'gamma' 不一致", -1),
                Arguments.of("an unknown attribute type", good.replace("\"title\": \"记录\" }",
                        "\"title\": \"记录\", \"attributes\": [ { \"name\": \"a\", \"type\": \"TEXT\" },"
                                + " { \"name\": \"b\", \"type\": \"MONEY\" } ] }"),
                        "factKinds[0].attributes[1].type: 未知取值 'MONEY'", -1),
                Arguments.of("fact kinds given as an object, not a list",
                        good.replace("[ { \"name\": \"gamma.record\", \"title\": \"记录\" } ]",
                                "{ \"name\": \"gamma.record\", \"title\": \"记录\" }"),
                        "factKinds: 应为数组", -1),
                // a staffing duty of a special period (附件三 1.4.1.1 特殊时期 1)) is read by the standard rules, so its
                // trigger and its evidence subject are checked as a check's are, not left to a domain's own rules
                Arguments.of("a role with an unknown trigger", good.replace("\"severity\": \"HIGH\" }",
                        "\"severity\": \"HIGH\" },\n    { \"id\": \"gamma.surge\", \"category\": \"ROLE\", \"title\": \"增加人员\","
                                + " \"clause\": \"x\", \"frequency\": \"PER_EVENT\", \"trigger\": \"peak\","
                                + " \"evidenceKind\": \"gamma.record\", \"evidenceSubject\": \"gamma.surge\", \"severity\": \"LOW\" }"),
                        "obligations[1].trigger: 未知取值 'peak'", -1),
                Arguments.of("a special-period role without its evidence subject", good.replace("\"severity\": \"HIGH\" }",
                        "\"severity\": \"HIGH\" },\n    { \"id\": \"gamma.surge\", \"category\": \"ROLE\", \"title\": \"增加人员\","
                                + " \"clause\": \"x\", \"frequency\": \"PER_EVENT\", \"trigger\": \"special-period\","
                                + " \"evidenceKind\": \"gamma.record\", \"severity\": \"LOW\" }"),
                        "obligations[1].evidenceSubject: ROLE 类义务必须指定", -1),
                // the engine holds no day as a reporting period, so a daily deliverable would never be found missing
                Arguments.of("a deliverable due every day", good.replace("\"severity\": \"HIGH\" }",
                        "\"severity\": \"HIGH\" },\n    { \"id\": \"gamma.daily-report\", \"category\": \"DELIVERABLE\", \"title\": \"日报\","
                                + " \"clause\": \"x\", \"frequency\": \"DAILY\", \"evidenceKind\": \"gamma.record\","
                                + " \"evidenceSubject\": \"gamma.daily-report\", \"severity\": \"LOW\" }"),
                        "obligations[1].frequency: 成果（DELIVERABLE）不能按日（DAILY）提交", -1),
                // what the assessment and the dashboard read of a domain must be the domain's own
                Arguments.of("late-response findings of an obligation it does not declare", good.replace("\"factKinds\"",
                        "\"assessment\": { \"requests\": { \"kind\": \"gamma.record\", \"phoneLate\": \"gamma.yearly\","
                                + " \"onsiteLate\": \"gamma.onsite\" } },\n  \"factKinds\""),
                        "assessment.requests.onsiteLate: 义务 'gamma.onsite' 未在 obligations 中声明", -1),
                Arguments.of("an expiry of a fact kind it does not declare", good.replace("\"factKinds\"",
                        "\"dashboard\": { \"expiries\": [ { \"kind\": \"gamma.certificate\", \"until\": \"notAfter\","
                                + " \"name\": \"dn\", \"deadlineKind\": \"certificate\" } ] },\n  \"factKinds\""),
                        "dashboard.expiries[0].kind: 事实类型 'gamma.certificate' 未在 factKinds 中声明", -1));
    }

    @ParameterizedTest(name = "a catalogue with {0} is refused with the path of the offending element")
    @MethodSource("brokenCatalogues")
    void a_broken_catalogue_is_refused_with_the_path_of_the_offending_element(String what, String json, String expected,
                                                                              int expectedLine) {
        DomainStatus status = engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma",
                Map.of("rules/gamma.drl", drl("gamma", missingRule("gamma", "gamma"))), json.getBytes(UTF_8)));

        assertEquals(DomainState.REFUSED, status.state());
        RuleProblem problem = only(status);
        assertEquals("catalogue.json", problem.file());
        assertTrue(problem.message().startsWith(expected), () -> what + ": " + problem.message());
        assertEquals(expectedLine, problem.line(), problem::toString);
        assertEquals(List.of(), engine.catalogues());
    }

    @Test
    void a_bundle_without_a_catalogue_is_refused() {
        DomainStatus status = engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma",
                Map.of("rules/gamma.drl", drl("gamma", missingRule("gamma", "gamma"))), null));

        assertEquals(DomainState.REFUSED, status.state());
        assertEquals(new RuleProblem("catalogue.json", -1, "缺少义务目录文件 (catalogue)"), only(status));
    }

    private Map<String, DomainState> states() {
        return engine.domains().stream()
                .collect(java.util.stream.Collectors.toMap(DomainStatus::domain, DomainStatus::state));
    }

    private static RuleProblem only(DomainStatus status) {
        assertEquals(1, status.problems().size(), () -> "problems: " + status.problems());
        return status.problems().get(0);
    }

    private static void assertActive(DomainStatus status) {
        assertEquals(DomainState.ACTIVE, status.state(), () -> "refused: " + status.problems());
        assertNotEquals(0, status.ruleCount());
    }
}
