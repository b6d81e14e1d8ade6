package dev.seedforge.simulator.domain;

import java.util.HexFormat;

/** Ids of files, batches and batch lines: unique in a run, and the same sequence for the same seed. */
final class Ids {

    private Ids() {
    }

    static String hex(long seed, long kind, long n) {
        return HexFormat.of().toHexDigits(RequestRandom.mix(RequestRandom.mix(seed, kind), n));
    }
}
