package org.lvyue.demo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A SecureRandom whose bytes are SHA-256(seed || counter): key pairs and SM2 signatures (whose nonce is
 * random) come out the same for the same seed, which the demo year needs to be byte-for-byte
 * reproducible. Demo material only: these keys and nonces are predictable by design.
 */
final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final Spi spi;

    SeededRandom(long seed, String label) {
        this(new Spi(seed, label));
    }

    private SeededRandom(Spi spi) {
        super(spi, null);
        this.spi = spi;
    }

    /** Starts the stream again for another label: the bytes that follow are those of a new instance with it. */
    void reseed(String label) {
        spi.reset(label);
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final long base;
        private byte[] seed;
        private final transient MessageDigest sha;
        private long counter;
        private final byte[] block = new byte[32];
        private int used = 32;

        Spi(long seed, String label) {
            this.base = seed;
            reset(label);
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void reset(String label) {
            seed = (Long.toHexString(base) + "/" + label).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            counter = 0;
            used = block.length;
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            // deterministic by design: outside seeding is ignored
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (used == block.length) {
                    sha.update(seed);
                    sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
                    try {
                        sha.digest(block, 0, block.length);
                    } catch (java.security.DigestException e) {
                        throw new IllegalStateException(e);
                    }
                    used = 0;
                }
                bytes[i] = block[used++];
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] b = new byte[numBytes];
            engineNextBytes(b);
            return b;
        }
    }
}
