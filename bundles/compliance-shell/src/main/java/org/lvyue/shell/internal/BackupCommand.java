package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.lvyue.api.store.StoreBackup;

/**
 * {@code compliance:backup}: a consistent copy of the whole store, taken while the product runs,
 * with the evidence-chain head of each contract it holds: after a restore, {@code compliance:integrity}
 * must end at that same head. Restoring is done with the product stopped (README, "Backup and restore").
 */
@Service
@Command(scope = "compliance", name = "backup", description = "在线备份整个数据库到 zip 文件，并列出各合同证据链末条，恢复后可据此核对 "
        + "(backs up the whole store to a zip while running, with each contract's evidence-chain head)")
public class BackupCommand extends ComplianceAction {
    @Reference
    StoreBackup backup;

    @Reference(optional = true)
    Session session;

    @Argument(index = 0, name = "file", required = true, description = "备份文件（.zip，不得已存在） (the backup zip; must not exist)")
    @Completion(FileCompleter.class)
    String file;

    @Override
    void run(PrintStream out) throws Exception {
        Path target = currentDir(session).resolve(file.trim()).toAbsolutePath().normalize();
        if (!target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            throw fail("备份文件名应以 .zip 结尾 (the backup file name must end in .zip)：" + target);
        }
        StoreBackup.BackupResult r;
        try {
            r = backup.backup(target);
        } catch (IllegalArgumentException | UnsupportedOperationException e) { // the latter: a PostgreSQL store, pg_dump
            throw fail(e.getMessage());
        }
        out.println("已备份 (backed up) " + r.file() + "，" + r.bytes() + " 字节 (bytes)");
        Table heads = Table.of("合同 (contract)", "证据链末条 (evidence chain head)").emptyText("没有证据链 (no evidence chains)");
        for (Map.Entry<String, String> e : r.heads().entrySet()) {
            heads.row(e.getKey(), e.getValue());
        }
        heads.print(out, true);
    }
}
