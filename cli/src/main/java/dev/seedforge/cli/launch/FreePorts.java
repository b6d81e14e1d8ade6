package dev.seedforge.cli.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.function.IntSupplier;

/** Ports for the local pipeline's processes, chosen before they start. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A free port that is none of {@code taken}, added to it: the kernel may hand the same free port to two calls in a
     * row, and two services given one port left the slower to fail its bind after the faster had answered its
     * readiness checks.
     */
    public static int take(Set<Integer> taken) {
        return take(taken, FreePorts::next);
    }

    static int take(Set<Integer> taken, IntSupplier free) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = free.getAsInt();
            if (taken.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port outside " + taken + " in 100 tries");
    }

    private static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    /** Whether nothing listens on the port (on any interface, as the services bind). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
