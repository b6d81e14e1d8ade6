package dev.seedforge.generator;

import java.time.Duration;

import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.support.llm.PricesConfig;

/** A {@link GeneratorConfig} for tests without Quarkus: call slots, the in-flight cap and the teacher's limits. */
public final class TestGeneratorConfigs {

    /** The prices' defaults ({@code @WithDefault}), no model of its own. */
    public static final PricesConfig DEFAULT_PRICES = new PricesConfig() {
        public double inputPerMillion() {
            return 0.15;
        }

        public double cachedInputPerMillion() {
            return 0.075;
        }

        public double outputPerMillion() {
            return 0.60;
        }

        public double batchShare() {
            return 0.5;
        }

        public java.util.Map<String, ModelPrices> models() {
            return java.util.Map.of();
        }
    };

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
                return DEFAULT_PRICES;
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
