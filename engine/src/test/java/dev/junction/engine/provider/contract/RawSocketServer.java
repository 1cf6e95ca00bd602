package dev.junction.engine.provider.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP server on 127.0.0.1 that misbehaves below HTTP: it drops every connection, or never answers. */
public final class RawSocketServer implements AutoCloseable {
    public enum Behaviour {
        /** Accepts, then closes at once with a TCP reset, before any byte of a response. */
        RESET,
        /** Accepts, reads nothing, answers nothing, until closed. */
        SILENT
    }

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private RawSocketServer(Behaviour behaviour) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("raw-socket-server").start(() -> acceptLoop(behaviour));
    }

    public static RawSocketServer start(Behaviour behaviour) {
        try {
            return new RawSocketServer(behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    public String rootUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void acceptLoop(Behaviour behaviour) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (behaviour == Behaviour.RESET) {
                    client.setSoLinger(true, 0);
                    client.close();
                } else {
                    held.add(client);
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            for (Socket client : held) {
                client.close();
            }
            acceptor.join(1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
