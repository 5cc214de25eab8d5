package org.lvyue.api.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.FactKind.AttributeSpec;
import org.lvyue.api.fact.FactKind.ValueType;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PersonalKindTest {

    @Test
    void a_name_keeps_its_surname_and_an_organisation_before_it() {
        assertEquals("张*", PersonalKind.NAME.mask("张三"));
        assertEquals("王**", PersonalKind.NAME.mask("王秀英"));
        assertEquals("市人社局信息中心 王*", PersonalKind.NAME.mask("市人社局信息中心 王伟"));
        assertEquals("z*******", PersonalKind.NAME.mask("zhangwei"));
        assertEquals("张*", PersonalKind.NAME.mask("张"), "a single character is still hidden behind one star");
    }

    @Test
    void an_identity_card_number_and_a_phone_keep_their_first_three_and_last_four() {
        assertEquals("110***********1234", PersonalKind.ID_NUMBER.mask("110101199003071234"));
        assertEquals("138****5678", PersonalKind.PHONE.mask("13812345678"));
        assertEquals("1*****", PersonalKind.PHONE.mask("123456"), "too short to keep both ends: only the first stays");
    }

    @Test
    void an_address_keeps_the_network_of_an_ip_and_the_district_of_a_postal_one() {
        assertEquals("10.99.*.*", PersonalKind.ADDRESS.mask("10.99.1.7"));
        assertEquals("北京市通州区********", PersonalKind.ADDRESS.mask("北京市通州区运河东大街57号"));
    }

    @Test
    void the_catalogue_spelling_reads_back_to_its_kind() {
        for (PersonalKind k : PersonalKind.values()) {
            assertSame(k, PersonalKind.of(k.label()));
        }
        assertEquals("id-number", PersonalKind.ID_NUMBER.label());
        assertNull(PersonalKind.of("email"));
    }

    @Test
    void a_kind_masks_only_the_attributes_its_catalogue_marks_and_names_the_confidential_ones() {
        FactKind member = new FactKind("staff.member", "staffing", "人员", true, null, null, false, false, List.of(
                new AttributeSpec("name", ValueType.TEXT, true, null, PersonalKind.NAME, false),
                new AttributeSpec("role", ValueType.TEXT, true, null),
                new AttributeSpec("idNumber", ValueType.TEXT, false, null, PersonalKind.ID_NUMBER, true)));
        assertEquals(Map.of("name", "王*", "role", "staff.pm", "idNumber", "110***********1234"),
                member.masked(Map.of("name", "王伟", "role", "staff.pm", "idNumber", "110101199003071234")));
        Map<String, String> none = Map.of("role", "staff.pm");
        assertSame(none, member.masked(none), "nothing personal in the fact: the same map");
        assertEquals(Set.of("idNumber"), member.confidentialAttributes());
        assertEquals(Set.of("name", "idNumber"), member.personalAttributes().keySet());
    }
}
