package org.lvyue.rules.pki;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.Obligation;

/** Reading certificate and CRL facts for the baseline rules; thresholds come from each check's params. */
public final class Pki {
    private Pki() {
    }

    public static LocalDateTime at(Fact f, String attribute) {
        String v = f.getAttributes().get(attribute);
        return v == null ? null : LocalDateTime.parse(v);
    }

    /** The last day a certificate is valid on. */
    public static LocalDate lastDay(Fact certificate) {
        return at(certificate, "notAfter").toLocalDate();
    }

    /** The first day a certificate is used after it expired: the day after its last valid day. */
    public static LocalDate firstDayExpired(Fact certificate) {
        return lastDay(certificate).plusDays(1);
    }

    /** Whether a certificate's last valid day falls before {@code asOf} + {@code warnDays}: inside the warning window. */
    public static boolean expiresWithin(Fact certificate, LocalDate asOf, int warnDays) {
        return lastDay(certificate).isBefore(asOf.plusDays(warnDays));
    }

    /** Whether a certificate has been in use (since its fact's date) for more than {@code days} days by {@code asOf}. */
    public static boolean inUseLongerThan(Fact certificate, int days, LocalDate asOf) {
        return certificate.getDate().plusDays(days).isBefore(asOf);
    }

    public static boolean weak(Fact certificate, Obligation check) {
        String alg = certificate.getAttributes().get("signatureAlgorithm");
        boolean weakDigest = Arrays.stream(check.params().get("weakDigests").split(","))
                .anyMatch(d -> alg != null && alg.startsWith(d.trim()));
        boolean shortRsa = "RSA".equals(certificate.getAttributes().get("keyAlgorithm"))
                // keyBits is any decimal intake accepts (4096.0, 99999999999), not necessarily an int
                && new java.math.BigDecimal(certificate.getAttributes().get("keyBits"))
                        .compareTo(new java.math.BigDecimal(check.params().get("minRsaBits").trim())) < 0;
        return weakDigest || shortRsa;
    }

    /**
     * Whether the newest CRL of an issuer is out of date on {@code asOf}: not refreshed within
     * {@code maxAgeHours} (the nightly update), or its own {@code nextUpdate} has passed.
     */
    public static boolean staleCrl(Fact crl, Obligation check, LocalDate asOf) {
        boolean old = at(crl, "thisUpdate").plusHours(param(check, "maxAgeHours")).toLocalDate().isBefore(asOf);
        LocalDateTime next = at(crl, "nextUpdate");
        return old || next != null && next.toLocalDate().isBefore(asOf);
    }

    public static int param(Obligation check, String name) {
        return Integer.parseInt(check.params().get(name));
    }
}
