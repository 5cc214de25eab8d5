package org.lvyue.demo;

import org.lvyue.api.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;

import com.fasterxml.jackson.databind.ObjectMapper;

/** SHA-256 of everything a generation produced, audit log included. */
final class Digests {
    private Digests() {
    }

    static String of(DemoData d) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ObjectMapper json = new ObjectMapper();
        sha.update(json.writeValueAsBytes(d.facts()));
        sha.update(d.certificatesZip());
        sha.update(d.crl());
        d.trustAnchors().forEach(sha::update);
        sha.update(d.violations().toString().getBytes(StandardCharsets.UTF_8));
        sha.update(d.missing().toString().getBytes(StandardCharsets.UTF_8));
        sha.update(d.approvedRequests().toString().getBytes(StandardCharsets.UTF_8));
        for (Iterator<AuditEvent> it = d.auditEvents(); it.hasNext(); ) {
            sha.update(it.next().toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
