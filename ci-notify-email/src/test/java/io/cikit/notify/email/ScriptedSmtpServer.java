package io.cikit.notify.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server for tests whose replies are set per command, so 4xx/5xx classification, authentication
 * failures, silence (timeouts) and a closed port can be produced on demand. Records the Message-ID of each mail it
 * accepts. Plain SMTP only.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    volatile String greeting = "220 scripted ESMTP";
    volatile String mailReply = "250 2.1.0 OK";
    volatile String rcptReply = "250 2.1.5 OK";
    volatile String dataReply = "250 2.0.0 queued";
    volatile String authReply = "235 2.7.0 OK";
    volatile boolean silent;
    final List<String> messageIds = new CopyOnWriteArrayList<>();
    private final int port;
    private volatile ServerSocket socket;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    ScriptedSmtpServer() throws IOException {
        socket = bind(0);
        port = socket.getLocalPort();
        serve(socket);
    }

    int port() {
        return port;
    }

    void accepting() {
        silent = false;
        greeting = "220 scripted ESMTP";
        mailReply = "250 2.1.0 OK";
        rcptReply = "250 2.1.5 OK";
        dataReply = "250 2.0.0 queued";
        authReply = "235 2.7.0 OK";
        listen();
    }

    /** Closes the port; {@link #listen} opens it again. */
    void stopListening() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void listen() {
        if (socket.isClosed()) {
            try {
                socket = bind(port);
            } catch (IOException e) {
                throw new IllegalStateException("could not listen on " + port + " again", e);
            }
            serve(socket);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void serve(ServerSocket server) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    clients.add(client);
                    Thread h = new Thread(() -> handle(client), "scripted-smtp-client");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "scripted-smtp");
        t.setDaemon(true);
        t.start();
    }

    private void handle(Socket client) {
        try (client) {
            if (silent) {
                // accept and never answer: the client's read timeout must end this
                client.getInputStream().read(new byte[1024]);
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            reply(out, greeting);
            if (!greeting.startsWith("2")) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (cmd) {
                    case "EHLO" -> reply(out, "250-scripted\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 scripted");
                    case "AUTH" -> reply(out, authReply);
                    case "MAIL" -> reply(out, mailReply);
                    case "RCPT" -> reply(out, rcptReply);
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        String id = null;
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            if (id == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                                id = data.substring(11).strip();
                            }
                        }
                        if (dataReply.startsWith("2")) {
                            messageIds.add(String.valueOf(id));
                        }
                        reply(out, dataReply);
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket c : clients) {
            c.close();
        }
    }
}
