package org.lvyue.api.report;

import java.time.LocalDate;
import java.util.List;

/**
 * One generated formal report: the PDF, its detached signature and what it was made from. The same
 * facts under the same rule bundles give the same PDF, byte for byte, so a signature fetched later
 * still verifies against a PDF fetched earlier while nothing changed.
 *
 * @param id            e.g. {@code bj-hrss-2022/quarterly/2022-Q3}
 * @param fileName      a file name for downloads, e.g. {@code bj-hrss-2022-季度考核-2022-Q3.pdf}
 * @param title         the report's title, in Chinese
 * @param asOf          the day of the data the report shows
 * @param pdf           the document
 * @param pdfSha256     SHA-256 of the document, hex
 * @param signature     detached CMS signature of the document ({@code .p7s}, DER)
 * @param factsDigest   SHA-256 over the facts the report used (see {@link org.lvyue.api.service.FactsDigest})
 * @param factCount     how many facts that digest covers
 * @param ruleBundles   the rule bundles and versions that produced the findings and amounts, {@code name version}
 * @param pages         number of pages
 */
public record Report(String id, String fileName, String title, LocalDate asOf, byte[] pdf, String pdfSha256,
                     byte[] signature, String factsDigest, int factCount, List<String> ruleBundles, int pages) {
    public Report {
        ruleBundles = List.copyOf(ruleBundles);
    }
}
