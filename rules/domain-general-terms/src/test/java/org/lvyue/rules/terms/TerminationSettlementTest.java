package org.lvyue.rules.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.SettlementTerms;

/** What the settlement shows of 一般条款 十四.2's termination, read from the contract's facts. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TerminationSettlementTest {
    private final List<Fact> facts = new ArrayList<>();
    private final SettlementTerms.Facts byKind = kind -> facts.stream().filter(f -> f.getKind().equals(kind)).toList();

    private Fact.Builder fact(String id, String kind, LocalDate date) {
        return Fact.builder().id(id).contractId("c").domain("general-terms").kind(kind).date(date);
    }

    @Test
    void a_contract_without_a_termination_fact_has_no_settlement_and_the_reason_names_the_fact_kind() {
        facts.add(fact("pay1", "payment.received", LocalDate.of(2022, 3, 15)).amount(new BigDecimal("100.00")).build());

        assertTrue(new TerminationSettlement().termination(byKind).isEmpty());
        assertTrue(new TerminationSettlement().notTerminated().contains("termination.effective"));
    }

    @Test
    void the_latest_termination_counts_and_the_summary_adds_up_what_the_client_paid() {
        facts.add(fact("t0", "termination.effective", LocalDate.of(2022, 8, 31)).subject("supplier")
                .attributes(Map.of("noticeDate", "2022-08-01")).build());
        facts.add(fact("t1", "termination.effective", LocalDate.of(2022, 9, 30)).subject("client")
                .attributes(Map.of("noticeDate", "2022-09-01")).build());
        // paid in two instalments: 1,000,000.00 + 2,042,850.00 = 3,042,850.00; a payment without an amount adds nothing
        facts.add(fact("pay1", "payment.received", LocalDate.of(2022, 3, 15)).amount(new BigDecimal("1000000.00")).build());
        facts.add(fact("pay2", "payment.received", LocalDate.of(2022, 6, 15)).amount(new BigDecimal("2042850.00")).build());

        SettlementTerms.Termination t = new TerminationSettlement().termination(byKind).orElseThrow();

        assertEquals(LocalDate.of(2022, 9, 30), t.effective());
        assertEquals(List.of("解除方", "解除生效日", "解除通知日", "依据事实", "已收合同款"), List.copyOf(t.summary().keySet()));
        assertEquals("甲方解除", t.summary().get("解除方"));
        assertEquals("2022-09-01", t.summary().get("解除通知日"));
        assertEquals("t1", t.summary().get("依据事实"));
        assertEquals("¥3,042,850.00", t.summary().get("已收合同款"));
        assertTrue(t.basis().startsWith("一般条款十四.2"), t.basis());
    }

    @Test
    void a_termination_without_its_notice_date_says_it_was_not_recorded() {
        facts.add(fact("t1", "termination.effective", LocalDate.of(2022, 9, 30)).subject("supplier").build());

        SettlementTerms.Termination t = new TerminationSettlement().termination(byKind).orElseThrow();

        assertEquals("乙方解除", t.summary().get("解除方"));
        assertEquals("（未记录）", t.summary().get("解除通知日"));
        assertEquals("¥0.00", t.summary().get("已收合同款"));
    }
}
