package com.careplace.decision;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay from a port on 127.0.0.1 to a target (the shared PostgreSQL), so a test can take the database
 * away from a service without stopping it for everyone else: {@link #cut()} drops every open connection and
 * stops listening (new connections are refused), {@link #resume()} listens again on the same port;
 * {@link #stall()} keeps connections open but forwards nothing (a database that hangs) until {@link #unstall()}.
 */
public final class TcpRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener; // guarded by this
    private long connections; // guarded by this
    private boolean stalled; // guarded by this

    /** Starts relaying a new ephemeral port to {@code host:targetPort}. */
    public TcpRelay(String host, int targetPort) {
        this.target = new InetSocketAddress(host, targetPort);
        try {
            this.listener = listen(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** The port to connect to instead of the target's. */
    public int port() {
        return port;
    }

    /** Connections relayed so far. */
    public synchronized long connections() {
        return connections;
    }

    /** Closes every relayed connection and refuses new ones until {@link #resume()}. */
    public synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void resume() {
        if (listener != null) {
            return;
        }
        try {
            listener = listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + port + " again", e);
        }
        accept(listener);
    }

    /** Holds every byte in both directions, on open and new connections, until {@link #unstall()}. */
    public synchronized void stall() {
        stalled = true;
    }

    public synchronized void unstall() {
        stalled = false;
        notifyAll();
    }

    private synchronized void awaitFlowing() throws InterruptedException {
        while (stalled) {
            wait();
        }
    }

    @Override
    public synchronized void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // the port of a cut relay must be free again at once on resume
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket from) {
        Thread.ofPlatform().daemon().name("tcp-relay-" + port).start(() -> {
            while (true) {
                Socket client;
                try {
                    client = from.accept();
                } catch (IOException e) {
                    return; // cut or closed
                }
                relay(from, client);
            }
        });
    }

    private void relay(ServerSocket from, Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        synchronized (this) {
            if (listener != from) {
                closeQuietly(client); // accepted just as the relay was cut
                closeQuietly(server);
                return;
            }
            open.add(client);
            open.add(server);
            connections++;
        }
        Thread.ofVirtual().start(() -> pump(client, server));
        Thread.ofVirtual().start(() -> pump(server, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitFlowing();
                out.write(buffer, 0, n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // either side closed, or the relay was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // closing for good
        }
    }
}
