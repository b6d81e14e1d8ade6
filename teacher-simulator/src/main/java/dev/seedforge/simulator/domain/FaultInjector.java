package dev.seedforge.simulator.domain;

import java.util.Optional;

/**
 * Decides whether a request fails instead of being answered (rate limits, server errors). The resource asks it
 * before answering; the simulator currently injects no faults, and rate limiting will plug in here.
 */
@FunctionalInterface
public interface FaultInjector {

    FaultInjector NONE = request -> Optional.empty();

    Optional<SimulatedFault> check(ChatInput request);
}
