package dev.seedforge.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds free loopback ports and checks requested ones before a server fails on them with a less readable error. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("Could not find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    /** Whether a server can listen on the port now; SO_REUSEADDR as the servers use it, so TIME_WAIT does not count. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The port to use: the requested one if not 0 (it must be free), else the remembered one if still free, else any
     * free port; never one of {@code taken}, the ports the other servers of the stack already got.
     */
    static int resolve(String what, int requested, int remembered, int... taken) {
        if (requested < 0 || requested > 65535) {
            throw new LocalStackException(what + " port " + requested + " is not a valid port number");
        }
        if (requested > 0) {
            if (contains(taken, requested)) {
                throw new LocalStackException(what + " port " + requested + " is already used by another server of the stack");
            }
            if (!isFree(requested)) {
                throw new LocalStackException(what + " port " + requested + " on " + HOST
                        + " is already in use (is another local stack running?). Stop that process or pick another port.");
            }
            return requested;
        }
        if (remembered > 0 && !contains(taken, remembered) && isFree(remembered)) {
            return remembered;
        }
        while (true) {
            int port = free();
            if (!contains(taken, port)) {
                return port;
            }
        }
    }

    private static boolean contains(int[] ports, int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }
}
