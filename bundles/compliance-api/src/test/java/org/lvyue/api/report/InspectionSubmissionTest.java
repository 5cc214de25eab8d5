package org.lvyue.api.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.access.Membership;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;

/** Who submits a contract's monthly 巡检报告: the supplier's side, whatever role is held elsewhere. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InspectionSubmissionTest {
    private static final Contract CONTRACT = contract("bj-hrss", "gxbf");

    private static Contract contract(String client, String supplier) {
        return new Contract("bj-hrss-2022", 1, "安全应用维护服务", "", "", new Party("甲方", "北京市人力资源和社会保障局", null, client),
                new Party("乙方", "北京国信博飞科技发展有限公司", null, supplier), new BigDecimal("6085700.00"),
                LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), LocalDate.of(2021, 12, 13));
    }

    @Test
    void the_suppliers_engineer_and_its_organisations_admin_submit_it() {
        assertTrue(InspectionSubmission.submittedBy(CONTRACT, List.of(new Membership("zhang", "gxbf", "engineer"))));
        assertTrue(InspectionSubmission.submittedBy(CONTRACT, List.of(new Membership("wang", "bj-hrss", "evaluator"),
                new Membership("wang", "gxbf", "admin"))));
    }

    @Test
    void the_clients_admin_and_engineer_an_evaluator_and_the_suppliers_collector_do_not() {
        assertFalse(InspectionSubmission.submittedBy(CONTRACT, List.of(new Membership("li", "bj-hrss", "admin"),
                new Membership("li", "bj-hrss", "engineer"), new Membership("li", "bj-bdc", "evaluator"))));
        assertFalse(InspectionSubmission.submittedBy(CONTRACT, List.of(new Membership("robot", "gxbf", "collector"))));
        assertFalse(InspectionSubmission.submittedBy(CONTRACT, List.of(new Membership("zhao", "anwang", "engineer"))));
        assertFalse(InspectionSubmission.submittedBy(CONTRACT, List.of()), "no membership: the operator acts for no party");
    }

    @Test
    void a_contract_whose_supplier_no_organisation_acts_for_has_no_submitter() {
        assertFalse(InspectionSubmission.submittedBy(contract("bj-hrss", null), List.of(new Membership("zhang", "gxbf", "engineer"))));
    }

    @Test
    void the_refusal_names_the_supplier_and_the_user_chinese_first() {
        String refusal = InspectionSubmission.refusal(CONTRACT, "li");
        assertTrue(refusal.startsWith("巡检报告由乙方（北京国信博飞科技发展有限公司）提交给甲方") && refusal.contains("'li'")
                && refusal.endsWith("(only the supplier's engineers and admins submit the inspection report)"), refusal);
    }
}
