package org.lvyue.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.drools.compiler.compiler.ImportError;
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
        return compile(source, null);
    }

    /**
     * Compiles the bundle, or takes its packages from the cache when they were compiled from the same
     * content before; packages compiled here are kept there for the next start.
     *
     * @param cache null for none
     */
    static DomainModule compile(DomainSource source, CompiledPackageCache cache) {
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
        // A domain without DRL is a catalogue only: the standard obligation rules hold its obligations.
        return DroolsClassLoading.call(() -> {
            ClassLoader loader = new CompositeClassLoader(
                    source.classLoader() == null ? List.of() : List.of(source.classLoader()),
                    DroolsClassLoading.engineClassLoader());
            if (cache != null) {
                java.util.Optional<java.util.Collection<org.kie.api.definition.KiePackage>> cached = cache.read(source, loader);
                if (cached.isPresent()) {
                    return DomainModule.compiled(source, cached.get(), catalogue);
                }
            }
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
                    // Drools uses 0 for "no line" (e.g. "Parser returned a null Package"); RuleProblem uses -1
                    int line = lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : -1;
                    if (error instanceof ImportError importError) {
                        // Drools reports every failed import at line 1: find the import's own line
                        line = importLine(source.drlFiles().get(file), importError.getGlobal());
                    }
                    problems.add(new RuleProblem(file, line, error.getMessage().strip()));
                }
                return DomainModule.refused(source, catalogue, problems);
            }
            if (cache != null) {
                cache.write(source, builder.getKnowledgePackages());
            }
            return DomainModule.compiled(source, builder.getKnowledgePackages(), catalogue);
        });
    }

    /** The 1-based line of {@code import target} in the DRL, or -1. */
    private static int importLine(byte[] drl, String target) {
        if (drl == null || target == null) {
            return -1;
        }
        Pattern p = Pattern.compile("^\\s*import\\s+(static\\s+|function\\s+)?" + Pattern.quote(target) + "\\s*(;|$)");
        String[] lines = new String(drl, StandardCharsets.UTF_8).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return -1;
    }
}
