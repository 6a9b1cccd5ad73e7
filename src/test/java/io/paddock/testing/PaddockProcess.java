package io.paddock.testing;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged application (target/quarkus-app/quarkus-run.jar) as a process of its own, for tests that
 * must kill it and start it again. It runs the prod profile against the test database.
 */
public final class PaddockProcess {

    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    public PaddockProcess(Map<String, String> settings, Path log) {
        this.port = freePort();
        this.log = log;
        this.environment = new HashMap<>(settings);
        environment.put("QUARKUS_PROFILE", "prod");
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("PADDOCK_DB_NAME", testDatabase());
        environment.put("PADDOCK_INIT_ADMIN_API_TOKENS", Api.ADMIN);
    }

    public static String testDatabase() {
        return System.getenv().getOrDefault("PADDOCK_TEST_DB_NAME", "paddock_test");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the application and waits until it is ready. */
    public void start() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Paddock exited with " + process.exitValue() + "; see " + log);
            }
            if (ready()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Paddock did not become ready; see " + log);
    }

    /** SIGKILL: the process gets no chance to finish or release anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: a graceful stop. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path logFile(String name) {
        File dir = new File("target/crash-logs");
        dir.mkdirs();
        return new File(dir, name).toPath();
    }
}
