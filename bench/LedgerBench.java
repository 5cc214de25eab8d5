import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Issue #3 figures on a running distribution: loads a year of facts into the demo contract (the
 * general-terms events of 2022 plus 100 check records a day as bulk), then times the full ledger
 * (GET /ledger, a new day each call so the rules re-fire) and a what-if (POST /what-if with a
 * hypothetical payment), each the median of the runs.
 * Usage: java LedgerBench.java [runs]
 */
public class LedgerBench {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String BASE = "http://127.0.0.1:8181/api/contracts/bj-hrss-2022";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> year = new ArrayList<>();
        year.add(f("y-inv", "payment.invoice", "2022-12-15", null, null, "6085700.00", "\"invoiceNo\":\"INV-2022\""));
        year.add(f("y-bond", "bond.received", "2022-12-20", null, null, "608570.00", "\"validUntil\":\"2022-12-31\""));
        for (int m = 1; m <= 12; m++) {
            LocalDate sent = LocalDate.of(2022, m, 5);
            String month = String.format("2022-%02d", m == 1 ? 12 : m - 1);
            if (m > 1) {
                year.add(f("y-rep-" + m, "report.monthly-submitted", sent.toString(), month, null, null, "\"title\":\"月报\""));
                if (m % 3 != 0) {
                    year.add(f("y-rev-" + m, "report.monthly-reviewed", sent.plusDays(10).toString(), month, "approved", null, null));
                }
            }
            year.add(f("y-fail-" + m, "service.failure", LocalDate.of(2022, m, 20).toString(), null,
                    m % 4 == 0 ? "disputed" : "confirmed", null, "\"description\":\"日检缺项\""));
        }
        for (int q = 1; q <= 4; q++) {
            year.add(f("y-q" + q, "assessment.quarterly", LocalDate.of(2022, q * 3, 28).toString(), "2022-Q" + q,
                    q == 3 ? "fail" : "pass", null, "\"score\":\"" + (q == 3 ? 74 : 90) + "\""));
        }
        year.add(f("y-staff-1", "staff.replacement-request", "2022-03-01", "R-1", null, null, "\"person\":\"张三\""));
        year.add(f("y-staff-1d", "staff.replaced", "2022-03-11", "R-1", null, null, "\"newPerson\":\"李四\""));
        year.add(f("y-drill", "drill.performed", "2022-06-15", null, null, null, "\"scenario\":\"核心数据库宕机\""));
        post("/facts", "[" + String.join(",", year) + "]");
        // bulk: 100 check records a day for the year, 1,000 per batch
        List<String> batch = new ArrayList<>();
        int n = 0;
        for (LocalDate d = LocalDate.of(2022, 1, 1); d.getYear() == 2022; d = d.plusDays(1)) {
            for (int i = 0; i < 100; i++) {
                batch.add(f("y-doc-" + d + "-" + i, "drill.document", d.toString(), i % 2 == 0 ? "plan" : "scheme",
                        "submitted", null, "\"title\":\"检查记录\""));
                if (batch.size() == 1000) {
                    post("/facts", "[" + String.join(",", batch) + "]");
                    n += batch.size();
                    batch.clear();
                }
            }
        }
        post("/facts", "[" + String.join(",", batch) + "]");
        n += batch.size();
        System.out.printf("loaded %d general-terms facts and %d bulk facts%n", year.size(), n);

        List<Double> ledger = new ArrayList<>();
        String lastLedger = "";
        for (int r = 0; r < runs + 3; r++) {
            String day = LocalDate.of(2023, 2, 1).plusDays(r).toString();
            long t0 = System.nanoTime();
            lastLedger = get("/ledger?asOf=" + day);
            if (r >= 3) ledger.add((System.nanoTime() - t0) / 1e6);
        }
        List<Double> whatIf = new ArrayList<>();
        String lastWhatIf = "";
        for (int r = 0; r < runs + 3; r++) {
            String body = "{\"asOf\":\"2023-03-31\",\"facts\":[" + f("wi-pay", "payment.received",
                    LocalDate.of(2023, 2, 15).plusDays(r).toString(), null, null, "6085700.00", null) + "]}";
            long t0 = System.nanoTime();
            lastWhatIf = post("/what-if", body);
            if (r >= 3) whatIf.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ledger);
        Collections.sort(whatIf);
        System.out.printf("ledger:  median %.1f ms, max %.1f ms over %d runs (%d entries)%n", ledger.get(runs / 2),
                ledger.get(runs - 1), runs, lastLedger.split("\"key\"").length - 1);
        System.out.printf("what-if: median %.1f ms, max %.1f ms over %d runs (%d bytes of answer)%n", whatIf.get(runs / 2),
                whatIf.get(runs - 1), runs, lastWhatIf.length());
    }

    static String f(String id, String kind, String date, String subject, String status, String amount, String attrs) {
        return "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"date\":\"" + date + "\""
                + (subject == null ? "" : ",\"subject\":\"" + subject + "\"")
                + (status == null ? "" : ",\"status\":\"" + status + "\"")
                + (amount == null ? "" : ",\"amount\":\"" + amount + "\"")
                + (attrs == null ? "" : ",\"attributes\":{" + attrs + "}") + "}";
    }

    static String auth(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization",
                auth("evaluator")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
        return r.body();
    }

    static String post(String path, String json) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", auth(path.equals("/facts") ? "engineer" : "evaluator"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
        return r.body();
    }
}
