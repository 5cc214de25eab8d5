package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The demo contract's clause texts, as its definition carries them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClauseTextsTest {
    private final ClauseTexts texts = demo();

    private static ClauseTexts demo() {
        try {
            return ClauseTexts.of(ContractDefinitionTest.demo());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_general_term_reads_in_the_contracts_own_words() {
        String late = texts.text("一般条款 七.2").orElseThrow();
        assertTrue(late.startsWith("2. 甲方未按约定支付合同款"), late);
        assertTrue(late.contains("从逾期支付的第 31 个工作日起，每日按迟延支付金额的 0.5% 向乙方支付违约金"), late);
        assertEquals("(2) 甲方有权拒绝乙方所委派的但其业务素质不被甲方所认可，或不遵守甲方工作场所规章制度的服务人员，"
                + "甲方要求更换服务人员的，乙方应在7日内完成更换。", texts.text("一般条款 六.1(2)").orElseThrow());
    }

    @Test
    void a_check_item_of_annex_three_reads_as_its_numbered_line_in_either_numbering() {
        assertEquals(Optional.of("5) 检查证书黑名单列表每日晚上更新是否成功；"), texts.text("附件三 1.1.1(一) 5)"));
        assertEquals(Optional.of("3) 检查身份认证的随机数签名密钥是否正常运行；"), texts.text("附件三 1.2.2.1 每日 3)"));
        assertTrue(texts.text("附件三 1.4.1.1 每月 (2)").orElseThrow().startsWith("(2) 每月对数字证书服务申请、使用情况进行统计分析"));
    }

    @Test
    void several_clauses_read_together_and_a_part_without_its_document_belongs_to_the_one_before() {
        String both = texts.text("附件二 6 日志分析; 附件三 1.6.4").orElseThrow();
        assertTrue(both.startsWith("日志分析\n运维人员每月对办公楼安全防护设备产生的日志进行分析"), both);
        assertTrue(both.contains("\n\n1.6.4. 日志分析"), both);
        String config = texts.text("附件三 1.6.3 (4); 1.6.11 (2)(4)").orElseThrow();
        assertTrue(config.contains("(4) 配置管理\n根据网络安全设备运行情况"), config);
        assertTrue(texts.text("一般条款 七.1; 十.2").orElseThrow().contains("2. 乙方必须与甲方签订《安全保密协议》"));
    }

    @Test
    void an_id_finer_than_the_contract_reads_as_its_nearest_enclosing_clause() {
        assertEquals(texts.text("附件二 3"), texts.text("附件二 3 日志监控 (1) 系统管理员分配权限的日志"));
        assertEquals(texts.text("一般条款 四.2"), texts.text("一般条款 四.2-3"));
        assertTrue(texts.text("附件三 x.x.6（郊区 4 小时）").orElseThrow().contains("1小时内安排专人与用户电话具体联系"));
    }

    @Test
    void what_the_contract_does_not_contain_has_no_text() {
        assertEquals(Optional.empty(), texts.text("GB/T 39786-2021 6.2"));
        assertEquals(Optional.empty(), texts.text("测试条款"));
        assertEquals(Optional.empty(), texts.text(""));
        assertEquals(Optional.empty(), ClauseTexts.of(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()).text("一般条款 七.2"),
                "a definition without its texts");
        assertTrue(texts.size() > 700);
    }
}
