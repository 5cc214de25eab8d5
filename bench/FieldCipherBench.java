import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import org.lvyue.api.security.FieldCipher;
import org.lvyue.security.internal.SecurityConfig;
import org.lvyue.security.internal.Sm4FieldCipher;

/**
 * The cost of one SM4-GCM field value (issue #25 item 4), as the store pays it for each confidential attribute:
 * encrypt and decrypt an 18-character identity card number under its field's name, many times, on one thread.
 * Usage: java -cp <compliance-security jar>:<compliance-api jar>:<bcprov jar> bench/FieldCipherBench.java [values]
 */
public class FieldCipherBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path keys = Files.createTempDirectory("field-keys").resolve("keys.properties");
        SecurityConfig config = (SecurityConfig) Proxy.newProxyInstance(FieldCipherBench.class.getClassLoader(),
                new Class<?>[] {SecurityConfig.class}, (p, m, a) -> m.getName().equals("fieldKeysFile") ? keys.toString() : m.getDefaultValue());
        FieldCipher cipher = new Sm4FieldCipher(config);
        String context = "fact.staff.member.idNumber";
        for (int round = 0; round < 4; round++) {
            String[] sealed = new String[n];
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sealed[i] = cipher.encrypt(String.format("110101%012d", i), context);
            }
            long t1 = System.nanoTime();
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += cipher.decrypt(sealed[i], context).length();
            }
            long t2 = System.nanoTime();
            System.out.printf("%s: encrypt %.2f µs, decrypt %.2f µs per value (%d values, %d chars read back)%n",
                    round == 0 ? "warm-up" : "round " + round, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, n, sum);
        }
    }
}
