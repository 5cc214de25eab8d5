package org.lvyue.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.lvyue.api.engine.RuleProblem;
import org.lvyue.api.spi.DomainCatalogue;

/**
 * Compiles one domain bundle on its own, so a bundle with errors is refused alone while the rule
 * set of the others stays as it was.
 */
final class DomainCompiler {
    private DomainCompiler() {
    }

    static DomainModule compile(DomainSource source) {
        DomainCatalogue catalogue;
        if (source.catalogue() == null) {
            return DomainModule.refused(source, null,
                    List.of(new RuleProblem(source.cataloguePath(), -1, "缺少义务目录文件 (catalogue)")));
        }
        try {
            catalogue = CatalogueParser.parse(source.catalogue(), source.domainId());
        } catch (CatalogueException e) {
            return DomainModule.refused(source, null,
                    List.of(new RuleProblem(source.cataloguePath(), e.line(), e.getMessage())));
        }
        if (source.drlFiles().isEmpty()) {
            return DomainModule.refused(source, catalogue,
                    List.of(new RuleProblem("", -1, "规则目录中没有 .drl 文件")));
        }
        return DroolsClassLoading.call(() -> {
            ClassLoader loader = new CompositeClassLoader(
                    source.classLoader() == null ? List.of() : List.of(source.classLoader()),
                    DroolsClassLoading.engineClassLoader());
            KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, loader);
            KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
            for (Map.Entry<String, byte[]> drl : source.drlFiles().entrySet()) {
                builder.add(ResourceFactory.newByteArrayResource(drl.getValue()).setSourcePath(drl.getKey()),
                        ResourceType.DRL);
            }
            if (builder.hasErrors()) {
                List<RuleProblem> problems = new ArrayList<>();
                for (KnowledgeBuilderError error : builder.getErrors()) {
                    int[] lines = error.getLines();
                    String file = error.getResource() == null ? "" : error.getResource().getSourcePath();
                    problems.add(new RuleProblem(file, lines != null && lines.length > 0 ? lines[0] : -1,
                            error.getMessage().strip()));
                }
                return DomainModule.refused(source, catalogue, problems);
            }
            return DomainModule.compiled(source, builder.getKnowledgePackages(), catalogue);
        });
    }
}
