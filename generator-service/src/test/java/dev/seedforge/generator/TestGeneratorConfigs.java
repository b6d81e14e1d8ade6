package dev.seedforge.generator;

import java.time.Duration;

import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.support.llm.PricesConfig;

/** A {@link GeneratorConfig} for tests without Quarkus: call slots, the in-flight cap and the teacher's limits. */
public final class TestGeneratorConfigs {

    private TestGeneratorConfigs() {
    }

    public static GeneratorConfig of(int maxConcurrentCalls, int maxCandidatesInFlight, long rpm, long tpm,
            Duration maxPause) {
        return new GeneratorConfig() {
            public int maxConcurrentCalls() {
                return maxConcurrentCalls;
            }

            public int maxConsecutiveFailedCalls() {
                return 8;
            }

            public int maxCandidatesInFlight() {
                return maxCandidatesInFlight;
            }

            public PricesConfig prices() {
                return null;
            }

            public Estimate estimate() {
                return null;
            }

            public Batch batch() {
                return null;
            }

            public RateLimit rateLimit() {
                return new RateLimit() {
                    public long requestsPerMinute() {
                        return rpm;
                    }

                    public long tokensPerMinute() {
                        return tpm;
                    }

                    public Duration maxProviderPause() {
                        return maxPause;
                    }
                };
            }
        };
    }
}
