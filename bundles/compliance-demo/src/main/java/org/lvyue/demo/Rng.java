package org.lvyue.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random choices derived from the seed and a label naming what they are for, so each part of the year
 * draws from its own stream: adding a choice in one part never shifts another part's choices.
 * SplittableRandom's algorithm is specified, so the same seed gives the same year on every JVM.
 */
final class Rng {
    private final SplittableRandom r;

    private Rng(long seed) {
        this.r = new SplittableRandom(seed);
    }

    static Rng of(long seed, String label) {
        return new Rng(mix(seed, label));
    }

    static long mix(long seed, String label) {
        long h = seed ^ 0x6A09E667F3BCC908L;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
            h = Long.rotateLeft(h, 29);
        }
        return finish(h);
    }

    /** The splitmix64 finaliser. */
    static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    int nextInt(int bound) {
        return r.nextInt(bound);
    }

    /** Uniform in [from, to], both included. */
    int between(int from, int to) {
        return from + r.nextInt(to - from + 1);
    }

    double nextDouble() {
        return r.nextDouble();
    }

    long nextLong() {
        return r.nextLong();
    }

    boolean chance(double p) {
        return r.nextDouble() < p;
    }

    <T> T pick(List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    <T> T pick(T[] from) {
        return from[r.nextInt(from.length)];
    }
}
