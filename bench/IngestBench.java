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
 * REST ingestion throughput: posts batches of 1,000 valid facts to a running distribution on
 * loopback and reports facts per second (median of the runs). Bounded: a fixed number of batches.
 * Usage: java IngestBench.java [batches-per-run] [runs] [clients] [facts]
 * facts: drill (default: 应急演练 documents), staff-plain (roster entries with an 18-digit number in the unencrypted
 * {@code phone}), staff-sealed (the same number in {@code idNumber}, which the catalogue marks confidential: stored
 * SM4-encrypted). The two staff forms differ in that alone, so their rates give the cost of the encryption.
 */
public class IngestBench {
    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        // clients posting at once (issue #22): their batches are stored as they come and share evaluations
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        facts = args.length > 3 ? args[3] : "drill";
        if (!List.of("drill", "staff-plain", "staff-sealed").contains(facts)) {
            throw new IllegalArgumentException("facts: drill, staff-plain or staff-sealed, not " + facts);
        }
        HttpClient client = HttpClient.newHttpClient();
        // the supplier's engineer posts on the demo contract: the shared collector password reaches no contract (issue #21)
        String auth = "Basic " + Base64.getEncoder().encodeToString("engineer:engineer".getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:8181/api/contracts/bj-hrss-2022/facts");
        String tag = Long.toString(System.nanoTime(), 36);
        List<Double> rates = new ArrayList<>();
        for (int warm = -1; warm < runs; warm++) {
            long t0 = System.nanoTime();
            int run = warm + 1;
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> posting = new ArrayList<>();
            List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    try {
                        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                            post(client, auth, uri, tag, run, b);
                        }
                    } catch (Exception e) {
                        failures.add(e);
                    }
                });
                t.start();
                posting.add(t);
            }
            for (Thread t : posting) {
                t.join();
            }
            if (!failures.isEmpty()) {
                // said here: the source launcher hides the message of an exception with a short stack
                System.err.println("failed: " + failures.get(0));
                throw failures.get(0);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double rate = batches * 1000 / secs;
            System.out.printf("%s: %d facts in %.2f s = %.0f facts/s%n", warm < 0 ? "warm-up" : "run " + (warm + 1),
                    batches * 1000, secs, rate);
            if (warm >= 0) rates.add(rate);
        }
        Collections.sort(rates);
        System.out.printf("median: %.0f facts/s over %d runs of %d batches of 1000, %d client(s), facts %s%n",
                rates.get(rates.size() / 2), runs, batches, clients, facts);
    }

    static String facts = "drill";

    static void post(HttpClient client, String auth, URI uri, String tag, int run, int b) throws Exception {
        StringBuilder sb = new StringBuilder(200_000).append('[');
        for (int i = 0; i < 1000; i++) {
            if (i > 0) sb.append(',');
            LocalDate d = LocalDate.of(2022, 1, 1).plusDays((b * 1000L + i) % 365);
            sb.append("{\"id\":\"bench-").append(tag).append('-').append(run).append('-').append(b).append('-').append(i)
              .append("\",\"date\":\"").append(d);
            if (facts.equals("drill")) {
                sb.append("\",\"kind\":\"drill.document\",\"subject\":\"report\",\"status\":\"submitted\","
                        + "\"attributes\":{\"title\":\"应急演练报告\"}}");
            } else {
                // on the roster for its one day only (left = joined), so that the staffing rules' daily counts stay small
                String number = String.format("110101%012d", b * 1000L + i);
                sb.append("\",\"kind\":\"staff.member\",\"subject\":\"B").append(b).append('-').append(i)
                  .append("\",\"attributes\":{\"name\":\"王伟\",\"role\":\"staff.flex\",\"years\":3,\"left\":\"")
                  .append(d).append("\",\"").append(facts.equals("staff-sealed") ? "idNumber" : "phone").append("\":\"")
                  .append(number).append("\"}}");
            }
        }
        sb.append(']');
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sb.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
    }
}
