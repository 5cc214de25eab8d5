package org.lvyue.reports.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Compiles every {@code .jrxml} of a folder to {@code .jasper} at build time, so the product needs no
 * Java compiler at run time and a broken template fails the build with its file name, not a report
 * request. Style templates ({@code .jrtx}) are copied beside them.
 */
public final class CompileTemplates {
    private CompileTemplates() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CompileTemplates <source folder> <target folder>");
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Files.createDirectories(target);
        List<Path> files;
        try (Stream<Path> s = Files.list(source)) {
            files = s.sorted().toList();
        }
        int failed = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".jrtx")) {
                Files.copy(file, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            } else if (name.endsWith(".jrxml")) {
                Path out = target.resolve(name.substring(0, name.length() - ".jrxml".length()) + ".jasper");
                try {
                    JasperCompileManager.compileReportToFile(file.toString(), out.toString());
                } catch (JRException e) {
                    failed++;
                    System.err.println(file + ": " + e.getMessage());
                }
            }
        }
        if (failed > 0) {
            System.exit(1);
        }
    }
}
