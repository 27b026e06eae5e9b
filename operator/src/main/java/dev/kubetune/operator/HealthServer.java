package dev.kubetune.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Liveness ({@code /q/health/live}: the operator runs), readiness ({@code /q/health/ready}: every
 * informer is synced and healthy) and Prometheus metrics ({@code /q/metrics}), on the paths a
 * Quarkus application would use so the chart's probes and ServiceMonitor need not know the difference.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /** Serves on {@code port} (0: a free one); a negative port serves nothing. */
    public static HealthServer start(int port, Operator operator, PrometheusMeterRegistry registry) {
        if (port < 0) {
            return new HealthServer(null);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/q/health/live", ex -> health(ex, operator.getRuntimeInfo().isStarted()));
            server.createContext("/q/health/ready", ex -> health(ex, operator.getRuntimeInfo().isStarted()
                    && operator.getRuntimeInfo().allEventSourcesAreHealthy()));
            server.createContext("/q/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4", registry.scrape()));
            server.start();
            return new HealthServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, boolean up) throws IOException {
        reply(exchange, up ? 200 : 503, "application/json", "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
    }

    private static void reply(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(1);
        }
    }
}
