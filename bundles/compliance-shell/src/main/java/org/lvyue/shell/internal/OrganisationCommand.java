package org.lvyue.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.lvyue.api.access.Organisation;

/** {@code compliance:organisation}: adds an organisation, or changes its kind and name. */
@Service
@Command(scope = "compliance", name = "organisation", description = "新建或修改机构 (adds an organisation or changes its kind and name)")
public class OrganisationCommand extends PartiesAction {
    @Argument(index = 0, name = "id", required = true, description = "机构编号，如 gxbf (organisation id)")
    String id;

    @Argument(index = 1, name = "kind", required = true, description = "类型：client、supplier、evaluator (kind)")
    @Completion(value = StringsCompleter.class, values = {"client", "supplier", "evaluator"})
    String kind;

    @Argument(index = 2, name = "name", required = true, description = "名称 (full name)")
    String name;

    @Override
    void run(PrintStream out) {
        boolean existed = parties.organisation(id).isPresent();
        parties.saveOrganisation(new Organisation(id, name, kind), actor(), ADDRESS);
        out.println((existed ? "已修改机构 (changed) " : "已新建机构 (added) ") + id + "：" + name + "（" + kind + "）");
    }
}
