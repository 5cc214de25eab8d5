package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.store.StoreMigration.ContractCopy;

class MigrateCommandTest {
    private static final String HEAD = "11:" + "ab".repeat(32);

    private static MigrateCommand command(List<ContractCopy> results, List<String> asked) {
        MigrateCommand c = new MigrateCommand();
        c.migration = (url, user, password, progress) -> {
            asked.add(url + " " + user + " " + password);
            results.forEach(progress);
            return results;
        };
        c.url = " jdbc:postgresql://db:5432/lvyue ";
        c.user = "lvyue";
        c.password = "secret";
        return c;
    }

    @Test
    @DisplayName("each contract copied is printed, Chinese first, with the head it verified to on the target")
    void printsEachContract() throws Exception {
        List<String> asked = new ArrayList<>();
        String out = Run.output(command(List.of(new ContractCopy("bj-hrss-2022", Map.of("fact", 117_384L), HEAD, HEAD, List.of()),
                new ContractCopy("HT-2", Map.of("fact", 3L), "0:" + "cd".repeat(32), "0:" + "cd".repeat(32), List.of())), asked));
        assertEquals(List.of("jdbc:postgresql://db:5432/lvyue lvyue secret"), asked);
        assertTrue(out.startsWith("合同 bj-hrss-2022：已复制并核对，证据链末条一致 " + HEAD), out);
        assertTrue(out.contains("合同 HT-2：已复制并核对") && out.contains("fact=117384"), out);
        assertTrue(out.contains("迁移完成：2 个合同"), out);
    }

    @Test
    @DisplayName("a contract that does not verify on the target is named and the command fails")
    void failsWhenATargetDoesNotVerify() {
        List<String> asked = new ArrayList<>();
        String refusal = Run.refusal(command(List.of(new ContractCopy("bj-hrss-2022", Map.of(), HEAD, "10:" + "ef".repeat(32),
                List.of("#3 fact F-1: altered"))), asked));
        assertTrue(refusal.startsWith("1 个合同在目标库核对不符"), refusal);
    }

    @Test
    @DisplayName("a target that holds data is refused in one line")
    void refusesANonEmptyTarget() {
        MigrateCommand c = new MigrateCommand();
        c.migration = (url, user, password, progress) -> {
            throw new IllegalArgumentException("目标数据库不是空的，已有合同 bj-hrss-2022 的数据，不迁移");
        };
        c.url = "jdbc:postgresql://db/lvyue";
        assertTrue(Run.refusal(c).startsWith("目标数据库不是空的，已有合同 bj-hrss-2022"));
    }
}
