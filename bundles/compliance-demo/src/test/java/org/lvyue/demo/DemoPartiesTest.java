package org.lvyue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.testing.FakeParties;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoPartiesTest {
    @TempDir
    Path data;

    @Test
    void the_demo_seeds_its_four_organisations_the_demo_users_roles_and_a_collector_token_written_once() throws Exception {
        FakeParties parties = new FakeParties();
        DemoParties.seed(parties, DemoParties.read(), data);

        assertEquals(List.of(new Organisation("anwang", "北京安网信通科技有限公司", "supplier"),
                new Organisation("bj-bdc", "北京市大数据中心", "evaluator"),
                new Organisation("bj-hrss", "北京市人力资源和社会保障局", "client"),
                new Organisation("gxbf", "北京国信博飞科技发展有限公司", "supplier")), parties.organisations());
        assertEquals(List.of(new Membership("engineer", "gxbf", "engineer")), parties.membershipsOf("engineer"));
        assertEquals(List.of(new Membership("evaluator", "bj-bdc", "evaluator")), parties.membershipsOf("evaluator"));
        assertEquals(List.of(new Membership("admin", "bj-hrss", "admin")), parties.membershipsOf("admin"));
        assertEquals(List.of(), parties.membershipsOf("collector"), "collectors use tokens");
        assertEquals(2, parties.members("anwang").size());
        String secret = Files.readString(data.resolve("demo-collector.token"), StandardCharsets.UTF_8).strip();
        assertEquals("bj-hrss-2022", parties.authenticate(secret).orElseThrow().contract());

        int changes = parties.changes.size();
        DemoParties.seed(parties, DemoParties.read(), data);
        assertEquals(changes, parties.changes.size(), "a second start adds nothing and issues no second token");
        assertTrue(parties.changes.stream().allMatch(c -> c.startsWith("demo ")), parties.changes::toString);
    }

    @Test
    void the_demo_contract_names_the_seeded_organisations_for_its_three_parties() {
        org.lvyue.api.contract.Contract c = org.lvyue.core.internal.ContractDefinitionReader.read(
                org.lvyue.core.internal.ContractDefinitionReader.demoDefinition());
        assertEquals(List.of("bj-hrss", "gxbf", "bj-bdc"), c.organisations());
        assertEquals("北京市大数据中心", c.evaluator().name());
    }
}
