package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeParties;

class PartiesCommandsTest {
    private final FakeParties parties = new FakeParties();
    private final FakeContracts contracts = Sample.contracts();

    private <T extends PartiesAction> T command(T c) {
        c.parties = parties;
        return c;
    }

    @Test
    @DisplayName("an organisation is added, then changed, and listed with its members' roles; each change is recorded")
    void organisationsAreAddedAndListed() throws Exception {
        OrganisationCommand add = command(new OrganisationCommand());
        add.id = "gxbf";
        add.kind = "supplier";
        add.name = "北京国信博飞科技发展有限公司";
        assertTrue(Run.output(add).startsWith("已新建机构 (added) gxbf"));
        assertTrue(Run.output(add).startsWith("已修改机构 (changed) gxbf"));
        MemberCommand member = command(new MemberCommand());
        member.organisation = "gxbf";
        member.user = "engineer";
        member.role = "engineer";
        assertTrue(Run.output(member).startsWith("已授予 (added)"));
        assertTrue(Run.output(member).startsWith("已有该角色 (held already)"));

        OrganisationsCommand list = command(new OrganisationsCommand());
        list.noFormat = true;
        assertEquals("gxbf\tsupplier\t北京国信博飞科技发展有限公司\tengineer:engineer", Run.output(list).lines().filter(l -> l.startsWith("gxbf")).findFirst().orElseThrow());
        assertEquals(List.of("shell organisation-save gxbf", "shell organisation-save gxbf", "shell member-add gxbf"), parties.changes,
                "the actor is the shell's user (\"shell\" outside a session)");

        member.remove = true;
        assertTrue(Run.output(member).startsWith("已收回 (removed)"));
        assertEquals("用户 'engineer' 不是机构 'gxbf' 的 engineer (the user does not hold that role)", Run.refusal(member));
    }

    @Test
    @DisplayName("a member of an organisation that does not exist, or a bad role, is refused in one line")
    void badInputIsOneLine() {
        parties.organisations.put("gxbf", new Organisation("gxbf", "国信博飞", Organisation.SUPPLIER));
        MemberCommand member = command(new MemberCommand());
        member.organisation = "no-such";
        member.user = "zhang";
        member.role = "admin";
        assertEquals("机构 'no-such' 不存在", Run.refusal(member));
        FakeParties refusing = new FakeParties() {
            @Override
            public boolean addMember(Membership m, String actor, String address) {
                throw new InvalidInputException("成员数据有误，未保存", List.of(new FactProblem(-1, "role", "角色应为 admin、engineer、evaluator、collector 之一")));
            }
        };
        MemberCommand bad = new MemberCommand();
        bad.parties = refusing;
        bad.organisation = "gxbf";
        bad.user = "zhang";
        bad.role = "owner";
        assertEquals("成员数据有误，未保存（role: 角色应为 admin、engineer、evaluator、collector 之一）", Run.refusal(bad));
    }

    @Test
    @DisplayName("a token is issued with its secret printed once, listed without it, and revoked")
    void tokensAreIssuedListedAndRevoked() throws Exception {
        TokensCommand issue = command(new TokensCommand());
        issue.contracts = contracts;
        issue.contract = Sample.ID;
        issue.issue = "巡检采集机";
        String issued = Run.output(issue);
        assertTrue(issued.contains("令牌只显示这一次") && issued.contains("lvy_fake-secret-1"), issued);

        TokensCommand list = command(new TokensCommand());
        list.contracts = contracts;
        list.contract = Sample.ID;
        list.noFormat = true;
        String listed = Run.output(list);
        assertTrue(listed.contains("巡检采集机") && !listed.contains("lvy_"), listed);

        TokensCommand revoke = command(new TokensCommand());
        revoke.contracts = contracts;
        revoke.contract = Sample.ID;
        revoke.revoke = "1";
        assertEquals("已吊销令牌 #1 (token revoked)", Run.output(revoke).strip());
        assertTrue(parties.tokens.get(1L).revoked());
        assertEquals("合同 '" + Sample.ID + "' 没有编号为 1 的有效令牌 (no such valid token)", Run.refusal(revoke));
        revoke.contract = "no-such";
        assertFalse(Run.refusal(revoke).isEmpty());
    }
}
