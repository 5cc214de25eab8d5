package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.security.CertificateLogin;
import org.lvyue.api.security.CertificateLogin.Result;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.SettableClock;
import org.lvyue.testing.Sm2TestKeys;

/**
 * Logins by SM2 signature on two nodes' stores of one real H2 database, with the real SM4 key file: the holder of the
 * registered key signs a challenge the product issued, once; any other key, account, challenge or server, an expired
 * challenge or certificate, is refused with its reason. Keys and signatures are BouncyCastle's own
 * ({@link Sm2TestKeys}), not the product's.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Sm2CertificateLoginTest {
    private static final String HOST = "lvyue.example.gov.cn:8443";
    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(Instant.now(), ZoneOffset.UTC);
    private JdbcStore store;
    private JdbcStore otherNode;
    private Sm2CertificateLogin login;
    private Sm2CertificateLogin otherLogin;
    private final Sm2TestKeys zhang = Sm2TestKeys.generate("CN=张三,O=北京市人社局");

    @BeforeEach
    void twoNodes() {
        String url = "jdbc:h2:file:" + dir.resolve("lvyue");
        Sm4FieldCipher cipher = new Sm4FieldCipher(FieldKeys.load(dir.resolve("keys.properties"), new SecureRandom()), new SecureRandom());
        store = new JdbcStore(url, "sa", "", 2, Clock.systemUTC(), JdbcStore.DEFAULT_CHAIN_ALGORITHM, cipher);
        otherNode = new JdbcStore(url, "sa", "", 2, Clock.systemUTC(), JdbcStore.DEFAULT_CHAIN_ALGORITHM, cipher);
        login = new Sm2CertificateLogin(store, cipher, clock);
        otherLogin = new Sm2CertificateLogin(otherNode, cipher, clock);
    }

    /** Registers {@code keys}' certificate for {@code user} as its holder does: proving the key with a signed challenge. */
    private CertificateLogin.Registered register(String user, Sm2TestKeys keys, byte[] certificate) {
        CertificateLogin.Challenge c = login.challenge();
        return login.register(user, certificate, c.value(), HOST, keys.sign(CertificateLogin.signedText(user, c.value(), HOST)));
    }

    private CertificateLogin.Registered register(String user, Sm2TestKeys keys) {
        return register(user, keys, keys.certificate());
    }

    @AfterEach
    void close() {
        otherNode.close();
        store.close();
    }

    @Test
    void the_holder_of_the_registered_key_answers_a_challenge_once_on_whichever_node() {
        CertificateLogin.Registered registered = register("zhang", zhang);
        assertEquals("CN=张三,O=北京市人社局", registered.subject());
        assertEquals("zhang", registered.registeredBy(), "by its holder");
        assertEquals(Sm2CertificateLogin.sha256(zhang.certificate()), registered.sha256());
        assertEquals(Optional.of(registered), otherLogin.registered("zhang"), "registered on one node, known on the other");

        CertificateLogin.Challenge c = login.challenge();
        byte[] signature = zhang.sign(CertificateLogin.signedText("zhang", c.value(), HOST));
        assertEquals(Result.ACCEPTED, otherLogin.verify("zhang", c.value(), HOST, signature), "issued by one node, answered on the other");
        assertEquals(Result.CHALLENGE_REFUSED, login.verify("zhang", c.value(), HOST, signature), "a second answer, on any node");
        assertEquals(Result.CHALLENGE_REFUSED, otherLogin.verify("zhang", c.value(), HOST, signature));
    }

    @Test
    void a_signature_of_another_key_or_for_another_account_challenge_or_server_is_refused_and_spends_nothing() {
        register("zhang", zhang);
        register("li", Sm2TestKeys.generate("CN=李四"));
        CertificateLogin.Challenge c = login.challenge();
        CertificateLogin.Challenge other = login.challenge();
        Sm2TestKeys stranger = Sm2TestKeys.generate("CN=张三");

        assertEquals(Result.SIGNATURE_REFUSED, login.verify("zhang", c.value(), HOST,
                stranger.sign(CertificateLogin.signedText("zhang", c.value(), HOST))), "another key, the same subject");
        assertEquals(Result.SIGNATURE_REFUSED, login.verify("li", c.value(), HOST,
                zhang.sign(CertificateLogin.signedText("zhang", c.value(), HOST))), "zhang's answer offered as li's");
        assertEquals(Result.SIGNATURE_REFUSED, login.verify("zhang", c.value(), HOST,
                zhang.sign(CertificateLogin.signedText("zhang", other.value(), HOST))), "signed for another challenge");
        assertEquals(Result.SIGNATURE_REFUSED, login.verify("zhang", c.value(), HOST,
                zhang.sign(CertificateLogin.signedText("zhang", c.value(), "phishing.example.com"))), "signed for another server");
        assertEquals(Result.SIGNATURE_REFUSED, login.verify("zhang", c.value(), HOST, "not a signature".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Result.NO_CERTIFICATE, login.verify("wang", c.value(), HOST,
                zhang.sign(CertificateLogin.signedText("wang", c.value(), HOST))));

        assertEquals(Result.ACCEPTED, login.verify("zhang", c.value(), HOST,
                zhang.sign(CertificateLogin.signedText("zhang", c.value(), HOST))), "the wrong answers did not spend it");
    }

    @Test
    void a_challenge_the_product_did_not_issue_or_one_past_its_two_minutes_is_refused() {
        register("zhang", zhang);
        CertificateLogin.Challenge c = login.challenge();
        String[] parts = c.value().split("\\.", 3);
        // the holder's own challenge, or the product's with a later expiry: their seals do not verify
        String own = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA." + parts[1] + "." + parts[2];
        String extended = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        for (String forged : List.of(own, extended, "no dots at all", parts[0] + "." + parts[1])) {
            assertEquals(Result.CHALLENGE_REFUSED, login.verify("zhang", forged, HOST,
                    zhang.sign(CertificateLogin.signedText("zhang", forged, HOST))), forged);
        }

        clock.advance(CertificateLogin.CHALLENGE_LIFETIME.plusSeconds(1));
        assertEquals(Result.CHALLENGE_REFUSED, login.verify("zhang", c.value(), HOST,
                zhang.sign(CertificateLogin.signedText("zhang", c.value(), HOST))), "past its two minutes");
    }

    @Test
    void only_a_valid_sm2_certificate_whose_key_its_holder_proves_is_registered_and_one_that_expired_since_logs_in_no_more() {
        IllegalArgumentException notOne = assertThrows(IllegalArgumentException.class,
                () -> register("zhang", zhang, "hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("不是 X.509 证书（DER 或 PEM）", notOne.getMessage());
        Instant now = clock.instant();
        Sm2TestKeys old = Sm2TestKeys.generate("CN=张三", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));
        IllegalArgumentException expired = assertThrows(IllegalArgumentException.class, () -> register("zhang", old));
        assertTrue(expired.getMessage().startsWith("证书已于 "), expired.getMessage());
        // someone else's certificate (a colleague's, an administrator's own) without its key: no proof, no registration
        CertificateLogin.Challenge c0 = login.challenge();
        IllegalArgumentException notTheirs = assertThrows(IllegalArgumentException.class, () -> login.register("zhang",
                zhang.certificate(), c0.value(), HOST, Sm2TestKeys.generate("CN=王五").sign(CertificateLogin.signedText("zhang", c0.value(), HOST))));
        assertTrue(notTheirs.getMessage().startsWith("签名验证未通过"), notTheirs.getMessage());
        assertEquals(Optional.empty(), login.registered("zhang"));

        Sm2TestKeys shortLived = Sm2TestKeys.generate("CN=张三", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
        // PEM as a person copies it, accepted as well as DER
        register("zhang", shortLived, shortLived.certificatePem().getBytes(StandardCharsets.US_ASCII));
        CertificateLogin.Challenge c = login.challenge();
        assertEquals(Result.ACCEPTED, login.verify("zhang", c.value(), HOST,
                shortLived.sign(CertificateLogin.signedText("zhang", c.value(), HOST))));

        clock.advance(Duration.ofDays(2));
        CertificateLogin.Challenge later = login.challenge();
        assertEquals(Result.CERTIFICATE_NOT_VALID, login.verify("zhang", later.value(), HOST,
                shortLived.sign(CertificateLogin.signedText("zhang", later.value(), HOST))));
        assertTrue(login.remove("zhang"));
        assertEquals(List.of(), login.registered());
    }
}
