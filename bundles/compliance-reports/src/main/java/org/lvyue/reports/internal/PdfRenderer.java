package org.lvyue.reports.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

/**
 * Fills the compiled templates with a {@link FormalReport} and exports the PDF. The templates are
 * loaded once; filling is thread-safe (each call has its own data sources and print).
 */
final class PdfRenderer {
    private static final String TEMPLATES = "org/lvyue/reports/templates/";
    static final TimeZone BEIJING = TimeZone.getTimeZone("Asia/Shanghai");

    private final JasperReport frame;
    private final Map<Section.Template, JasperReport> sections = new EnumMap<>(Section.Template.class);

    PdfRenderer() {
        frame = load("formal-report");
        for (Section.Template t : Section.Template.values()) {
            sections.put(t, load(t.resource));
        }
    }

    /** The PDF and its page count. */
    record Rendered(byte[] pdf, int pages) {
    }

    Rendered render(FormalReport report, String provenance, String signatureNote) {
        Map<String, Object> params = new HashMap<>();
        params.put("REPORT_ID", report.id());
        params.put("REPORT_TITLE", report.title());
        params.put("REPORT_SUBTITLE", report.subtitle());
        params.put("CONTRACT", report.contract().name());
        params.put("CONTRACT_NUMBER", blankAs(report.contract().number(), "（合同未载明）"));
        params.put("PROCUREMENT_NO", blankAs(report.contract().procurementNo(), "（未载明）"));
        params.put("CLIENT", report.contract().client() == null ? "" : report.contract().client().name());
        params.put("SUPPLIER", report.contract().supplier() == null ? "" : report.contract().supplier().name());
        params.put("PERIOD", report.period());
        params.put("AS_OF", report.asOf().toString());
        params.put("FACTS_DIGEST", report.facts().sha256());
        params.put("PROVENANCE", provenance);
        params.put("SIGNATURE_NOTE", signatureNote);
        Map<String, JasperReport> templates = new HashMap<>();
        sections.forEach((t, r) -> templates.put(t.name(), r));
        params.put("TEMPLATES", templates);
        params.put("SIGN_LABELS", report.signers().labels());
        params.put("SIGN_LINES", report.signers().lines());
        params.put(JRParameter.REPORT_LOCALE, Locale.SIMPLIFIED_CHINESE);
        params.put(JRParameter.REPORT_TIME_ZONE, BEIJING);

        List<Map<String, ?>> body = report.sections().stream().<Map<String, ?>>map(s -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("heading", s.heading());
            row.put("note", s.note());
            row.put("template", s.template().name());
            row.put("rows", new JRMapCollectionDataSource(s.rows()));
            Map<String, Object> sp = new HashMap<>(s.params());
            sp.put(JRParameter.REPORT_LOCALE, Locale.SIMPLIFIED_CHINESE);
            sp.put(JRParameter.REPORT_TIME_ZONE, BEIJING);
            row.put("params", sp);
            return row;
        }).toList();
        try {
            JasperPrint print = JasperFillManager.fillReport(frame, params, new JRMapCollectionDataSource(body));
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
            JRPdfExporter exporter = new JRPdfExporter();
            exporter.setExporterInput(new SimpleExporterInput(print));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
            SimplePdfExporterConfiguration config = new SimplePdfExporterConfiguration();
            config.setMetadataTitle(report.title() + " " + report.label());
            config.setMetadataSubject(report.contract().name() + " " + report.id());
            config.setMetadataAuthor("履约 Lvyue");
            config.setMetadataCreator("履约 Lvyue 合规引擎");
            config.setCompressed(false); // no object streams: see PdfNormalizer
            exporter.setConfiguration(config);
            exporter.exportReport();
            return new Rendered(PdfNormalizer.normalize(out.toByteArray(), report.asOf()), print.getPages().size());
        } catch (JRException e) {
            throw new IllegalStateException("报告生成失败 (" + report.id() + "): " + e.getMessage(), e);
        }
    }

    private static String blankAs(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }

    private static JasperReport load(String name) {
        String resource = TEMPLATES + name + ".jasper";
        try (InputStream in = PdfRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("report template missing from the bundle: " + resource);
            }
            return (JasperReport) JRLoader.loadObject(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JRException e) {
            throw new IllegalStateException("report template unreadable: " + resource + ": " + e.getMessage(), e);
        }
    }
}
