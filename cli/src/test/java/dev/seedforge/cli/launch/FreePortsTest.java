package dev.seedforge.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Two services given one port: the slower failed its bind after the faster had answered its readiness checks. */
class FreePortsTest {

    @Test
    void aPortAlreadyGivenIsNotGivenAgainEvenWhenTheKernelOffersItTwice() {
        Iterator<Integer> offered = List.of(45603, 45603, 45611).iterator();

        Set<Integer> taken = new HashSet<>(Set.of(45603));

        assertEquals(45611, FreePorts.take(taken, offered::next));
        assertEquals(Set.of(45603, 45611), taken, "the port given is taken");
    }

    @Test
    void thePortsOfOneStartAreDistinct() {
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            FreePorts.take(taken);
        }
        assertEquals(20, taken.size(), "twenty ports, each its own: " + taken);
        assertThrows(IllegalStateException.class, () -> FreePorts.take(new HashSet<>(Set.of(1)), () -> 1));
    }
}
