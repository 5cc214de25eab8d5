package org.lvyue.pki.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.lvyue.api.engine.EvaluationClock;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.PkiIntake;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Reads every file (and every entry of a zip archive), refuses the whole upload if any file is not
 * PKI material, checks each signature against the issuer keys known for the contract, and hands the
 * facts to the compliance service as one batch: the certificates and CRLs, the signatures that
 * verified ({@code pki.signature}), and changes to the configured trust anchors
 * ({@code pki.trust-anchor}).
 */
@Component(service = PkiIntake.class, configurationPid = "org.lvyue.pki")
@Designate(ocd = PkiConfig.class)
public class DefaultPkiIntake implements PkiIntake {
    static final int MAX_FILES = 100_000;
    static final long MAX_ENTRY_BYTES = 1 << 20;

    private final Contracts contracts;
    private final FactIntake intake;
    private final FactQueries queries;
    private volatile Path trustAnchors;
    /** Issuer keys per contract, read from the store once and kept up to date by each upload. */
    private final Map<String, Issuers> issuers = new ConcurrentHashMap<>();

    @Activate
    public DefaultPkiIntake(@Reference Contracts contracts, @Reference FactIntake intake, @Reference FactQueries queries,
                            PkiConfig config) {
        this.contracts = contracts;
        this.intake = intake;
        this.queries = queries;
        modified(config);
    }

    @Modified
    void modified(PkiConfig config) {
        trustAnchors = config == null || config.trustAnchors().isBlank() ? null : Path.of(config.trustAnchors().trim());
    }

    @Override
    public IngestResult importFiles(String contractId, Map<String, byte[]> files, String system, String user) {
        return intake.ingest(contractId, read(contractId, files, system), user);
    }

    @Override
    public List<Map<String, Object>> read(String contractId, Map<String, byte[]> files, String system) {
        contracts.contract(contractId);
        List<PkiContent> contents = new ArrayList<>();
        List<FactProblem> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : expand(files).entrySet()) {
            try {
                contents.add(PkiReader.read(file.getKey(), file.getValue()));
            } catch (PkiFormatException e) {
                problems.add(new FactProblem(-1, e.file(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.size() + " 个文件不是证书或 CRL，整批未保存", problems);
        }
        if (contents.isEmpty()) {
            throw new InvalidInputException("没有收到证书或 CRL", List.of(new FactProblem(-1, "$", "至少需要一个文件")));
        }
        List<PkiContent> anchors = readTrustAnchors();
        Issuers known = issuers.computeIfAbsent(contractId, this::storedIssuers);
        return PkiBatch.facts(known, contents, system, anchors, queries.facts(contractId, "pki.trust-anchor"),
                now(contracts));
    }

    /** The product's today (configurable, e.g. for a replay of the 2022 year) at the wall clock's time of day. */
    static LocalDateTime now(Contracts contracts) {
        // milliseconds: a collector run and the removal of its target may fall in the same second
        return contracts.today().atTime(java.time.LocalTime.now(java.time.ZoneId.of(EvaluationClock.ZONE)))
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** The CA keys of certificates stored before this bundle started. */
    private Issuers storedIssuers(String contractId) {
        Issuers out = new Issuers();
        for (Fact f : queries.facts(contractId, "pki.certificate")) {
            out.add(f);
        }
        return out;
    }

    /** The anchor certificates of the configured folder; a file there that is not one is a configuration error. */
    List<PkiContent> readTrustAnchors() {
        Path folder = trustAnchors;
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        List<PkiContent> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (!(name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") || name.endsWith(".der")
                        || name.endsWith(".p7b"))) {
                    continue;
                }
                try {
                    out.add(PkiReader.read("trust-anchors/" + p.getFileName(), Files.readAllBytes(p)));
                } catch (PkiFormatException e) {
                    throw new InvalidInputException("信任锚配置有误，请修正 " + folder + " 后重试",
                            List.of(new FactProblem(-1, e.file(), e.getMessage())));
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("无法读取信任锚目录", List.of(new FactProblem(-1, folder.toString(), e.toString())));
        }
        return out;
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
