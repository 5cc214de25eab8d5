package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.access.Organisation;

/** {@code compliance:organisations}: every organisation with its kind and its members' roles. */
@Service
@Command(scope = "compliance", name = "organisations", description = "列出机构：编号、类型、名称及成员角色 "
        + "(lists the organisations with kind, name and their members' roles)")
public class OrganisationsCommand extends PartiesAction {
    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Override
    void run(PrintStream out) {
        Table table = Table.of("机构 (organisation)", "类型 (kind)", "名称 (name)", "成员 (members)").emptyText("没有机构 (no organisations)");
        for (Organisation o : parties.organisations()) {
            String members = parties.members(o.id()).stream().map(m -> m.user() + ":" + m.role()).collect(Collectors.joining(", "));
            table.row(o.id(), o.kind(), o.name(), members.isEmpty() ? "-" : members);
        }
        table.print(out, !noFormat);
    }
}
