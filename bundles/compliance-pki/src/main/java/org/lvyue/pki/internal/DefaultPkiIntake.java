package org.lvyue.pki.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.ComplianceService;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.PkiIntake;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads every file (and every entry of a zip archive), refuses the whole upload if any file is not
 * PKI material, and hands the facts to the compliance service as one batch.
 */
@Component(service = PkiIntake.class)
public class DefaultPkiIntake implements PkiIntake {
    static final int MAX_FILES = 100_000;
    static final long MAX_ENTRY_BYTES = 1 << 20;

    private final ComplianceService service;

    @Activate
    public DefaultPkiIntake(@Reference ComplianceService service) {
        this.service = service;
    }

    @Override
    public IngestResult importFiles(String contractId, Map<String, byte[]> files, String system, String user) {
        service.contract(contractId);
        Map<String, byte[]> expanded = expand(files);
        List<FactProblem> problems = new ArrayList<>();
        List<Map<String, Object>> facts = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : expanded.entrySet()) {
            try {
                for (Map<String, Object> f : PkiFacts.of(PkiReader.read(file.getKey(), file.getValue()), system)) {
                    // the same certificate in two files of one upload is one fact
                    if (seen.putIfAbsent((String) f.get("id"), facts.size()) == null) {
                        facts.add(f);
                    }
                }
            } catch (PkiFormatException e) {
                problems.add(new FactProblem(-1, e.file(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.size() + " 个文件不是证书或 CRL，整批未保存", problems);
        }
        if (facts.isEmpty()) {
            throw new InvalidInputException("没有收到证书或 CRL", List.of(new FactProblem(-1, "$", "至少需要一个文件")));
        }
        return service.ingest(contractId, facts, user);
    }

    /** Opens zip archives (one level) and keeps other files as they are. */
    static Map<String, byte[]> expand(Map<String, byte[]> files) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (!f.getKey().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                out.put(f.getKey(), f.getValue());
                continue;
            }
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(f.getValue()))) {
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) {
                    if (e.isDirectory()) {
                        continue;
                    }
                    byte[] content = zip.readNBytes((int) MAX_ENTRY_BYTES + 1);
                    if (content.length > MAX_ENTRY_BYTES) {
                        throw new InvalidInputException("归档中的文件过大", List.of(new FactProblem(-1, f.getKey() + "!" + e.getName(),
                                "单个证书或 CRL 文件不应超过 1 MB")));
                    }
                    out.put(f.getKey() + "!" + e.getName(), content);
                    if (out.size() > MAX_FILES) {
                        throw new InvalidInputException("文件过多", List.of(new FactProblem(-1, f.getKey(),
                                "一次最多 " + MAX_FILES + " 个文件")));
                    }
                }
            } catch (IOException e) {
                throw new InvalidInputException("无法读取 zip 归档", List.of(new FactProblem(-1, f.getKey(), e.getMessage())));
            }
        }
        return out;
    }
}
