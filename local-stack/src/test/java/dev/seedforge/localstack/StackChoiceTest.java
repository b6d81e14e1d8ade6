package dev.seedforge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class StackChoiceTest {

    @Test
    void oneSwitchChoosesTheStackAndAutoAsksDockerOnlyWhenItMustDecide() {
        AtomicInteger asked = new AtomicInteger();
        assertEquals(StackChoice.LOCAL, StackChoice.resolve("local", () -> asked.incrementAndGet() > 0));
        assertEquals(StackChoice.TESTCONTAINERS, StackChoice.resolve(" TestContainers ", () -> false));
        assertEquals(0, asked.get());
        assertEquals(StackChoice.TESTCONTAINERS, StackChoice.resolve("auto", () -> true));
        assertEquals(StackChoice.LOCAL, StackChoice.resolve("auto", () -> false));
        assertEquals(StackChoice.LOCAL, StackChoice.resolve(null, () -> false), "auto is the default");
        LocalStackException wrong = assertThrows(LocalStackException.class,
                () -> StackChoice.resolve("docker", () -> true));
        assertTrue(wrong.getMessage().contains("seedforge.stack"), wrong.getMessage());
    }

    /** This project's machines have no Docker engine: auto takes the local stack, as CI does. */
    @Test
    void withoutADockerEngineAutoIsTheLocalStack() {
        org.junit.jupiter.api.Assumptions.assumeFalse(ContainerStack.dockerAnswers(), "a Docker engine answers here");
        assertEquals(StackChoice.LOCAL, StackChoice.resolve("auto", ContainerStack::dockerAnswers));
    }
}
