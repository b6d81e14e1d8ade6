package dev.seedforge.simulator.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

import dev.seedforge.simulator.domain.FaultInjector;
import dev.seedforge.simulator.domain.TeacherSimulator;
import dev.seedforge.simulator.domain.TokenCounter;

/** Wires the plain-Java simulator from the configuration. */
public class SimulatorBeans {

    @Produces
    @Singleton
    TeacherSimulator teacherSimulator(SimulatorConfig config) {
        return new TeacherSimulator(config.seed(), config.shares());
    }

    @Produces
    @Singleton
    FaultInjector faultInjector() {
        return FaultInjector.NONE;
    }

    /**
     * Builds the simulator at boot, so that bad rates fail the start, and loads the tokenizer vocabulary (seconds)
     * now rather than on the first request.
     */
    void warmUp(@Observes StartupEvent event, TeacherSimulator simulator) {
        new TokenCounter().count("warm-up " + simulator.seed());
    }
}
