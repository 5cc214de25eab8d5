package org.lvyue.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, shared by every test of a JVM; each caller takes a fresh
 * database of its own ({@link #freshDatabase}) and drops it afterwards.
 *
 * <p>How the server is found, in order:
 * <ol>
 *   <li>a server already reachable at {@code lvyue.test.postgres.host}:{@code lvyue.test.postgres.port}
 *       (system properties, default {@code localhost:5432}) with the role {@value #ROLE} (password
 *       {@value #ROLE}, allowed to create databases), e.g. the one {@code .ci/run} starts;</li>
 *   <li>as root, the Debian cluster {@code 15/main}: started with {@code pg_ctlcluster} when it is down,
 *       the role created through {@code runuser -u postgres -- psql};</li>
 *   <li>as another user, a private cluster made with {@code initdb} under {@code target/postgresql},
 *       on a free port, stopped when the JVM exits.</li>
 * </ol>
 * When none works, {@link #shared()} throws with the reason and the command that makes a server
 * available: a test on PostgreSQL fails, it never skips.
 */
public final class PostgresServer {
    /** The role (and its password) the tests connect as. */
    public static final String ROLE = "lvyue_test";
    private static final String BIN = System.getProperty("lvyue.test.postgres.bin", "/usr/lib/postgresql/15/bin");
    private static final String CLUSTER_VERSION = "15";
    private static final String CLUSTER_NAME = "main";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** The databases made and not yet dropped: dropped when the JVM exits (an IT's container may still hold one). */
    private static final java.util.Set<Database> LEFT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static PostgresServer shared;
    private static IllegalStateException failure;

    /** A database of its own for one test: connect with {@link #url} (which carries the credentials), or user and password. */
    public record Database(String name, String host, int port, String user, String password) {
        /** The JDBC URL with the user and password in it. */
        public String url() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name + "?user=" + user + "&password=" + password;
        }

        /** The JDBC URL without credentials, for a configuration that names user and password apart. */
        public String plainUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    private final String host;
    private final int port;
    private final String how;

    private PostgresServer(String host, int port, String how) {
        this.host = host;
        this.port = port;
        this.how = how;
    }

    /**
     * The server of this JVM, found or started on first use.
     *
     * @throws IllegalStateException when no server can be had, with the reason and the command to run
     */
    public static synchronized PostgresServer shared() {
        if (shared != null) {
            return shared;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            shared = find();
            PostgresServer server = shared;
            // registered after the private cluster's stop hook; hooks run concurrently, so a drop may find it gone
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Database d : LEFT) {
                    try {
                        server.drop(d);
                    } catch (RuntimeException ignored) {
                        // the server is going too; a private one's data goes with mvn clean
                    }
                }
            }));
            return shared;
        } catch (IllegalStateException e) {
            failure = e;
            throw e;
        }
    }

    /** How the server was had, for messages: reachable, started cluster, private cluster. */
    public String how() {
        return how;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** A new, empty database named after {@code hint} (a test class, say), owned by {@value #ROLE}. */
    public Database freshDatabase(String hint) {
        String name = ("lvyue_t_" + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
        name = name.substring(0, Math.min(name.length(), 40)) + "_" + ProcessHandle.current().pid() + "_"
                + DATABASES.incrementAndGet();
        admin("CREATE DATABASE " + name);
        Database database = new Database(name, host, port, ROLE, ROLE);
        LEFT.add(database);
        return database;
    }

    /**
     * Drops a database {@link #freshDatabase} made, disconnecting whoever is still connected to it. An
     * autovacuum worker busy on it (after a test wrote many rows) cannot be ended by a role that is not
     * superuser, and PostgreSQL refuses the drop (42501) until the worker is done, within moments: the
     * drop is tried again until it goes, for at most 30 s.
     */
    public void drop(Database database) {
        String sql = "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                execute(sql);
                break;
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw failed(sql, e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dropping " + database.name(), e);
            }
        }
        LEFT.remove(database);
    }

    private void admin(String sql) {
        try {
            execute(sql);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(host, port); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private IllegalStateException failed(String sql, SQLException e) {
        return new IllegalStateException("PostgreSQL 测试服务器上执行失败 (failed on the PostgreSQL test server "
                + host + ":" + port + "): " + sql + ": " + e.getMessage(), e);
    }

    // ---------------------------------------------------------------- finding a server

    private static PostgresServer find() {
        String host = System.getProperty("lvyue.test.postgres.host", "localhost");
        int port = Integer.getInteger("lvyue.test.postgres.port", 5432);
        List<String> tried = new ArrayList<>();
        SQLException first = tryConnect(host, port);
        if (first == null) {
            return new PostgresServer(host, port, "reachable at " + host + ":" + port);
        }
        tried.add("connecting to " + host + ":" + port + " as " + ROLE + ": " + first.getMessage());
        boolean root = "root".equals(System.getProperty("user.name"));
        Path cluster = Path.of("/etc/postgresql", CLUSTER_VERSION, CLUSTER_NAME);
        if (root && Files.isDirectory(cluster) && port == 5432 && isLocal(host)) {
            // one test JVM at a time starts the cluster: modules built in parallel would otherwise both start it,
            // and the second start fails on the running cluster
            try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(
                    Path.of(System.getProperty("java.io.tmpdir"), "lvyue-test-postgres.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 java.nio.channels.FileLock held = lock.lock()) {
                SQLException meanwhile = tryConnect(host, port);
                if (meanwhile == null) {
                    return new PostgresServer(host, port, "cluster " + CLUSTER_VERSION + "/" + CLUSTER_NAME
                            + ", started by another test JVM");
                }
                if (!"28P01".equals(meanwhile.getSQLState()) && !"28000".equals(meanwhile.getSQLState())
                        && !"3D000".equals(meanwhile.getSQLState())) {
                    run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", CLUSTER_VERSION, CLUSTER_NAME, "start"), true);
                }
                createRole();
                SQLException again = tryConnect(host, port);
                if (again == null) {
                    return new PostgresServer(host, port, "cluster " + CLUSTER_VERSION + "/" + CLUSTER_NAME);
                }
                tried.add("after starting cluster " + CLUSTER_VERSION + "/" + CLUSTER_NAME + ": " + again.getMessage());
            } catch (IOException e) {
                tried.add("starting cluster " + CLUSTER_VERSION + "/" + CLUSTER_NAME + ": " + e.getMessage());
            }
        } else if (!root && Files.isExecutable(Path.of(BIN, "initdb"))) {
            try {
                return privateCluster();
            } catch (IOException e) {
                tried.add("a private cluster with " + BIN + "/initdb: " + e.getMessage());
            }
        } else if (root) {
            tried.add(Files.isDirectory(cluster) ? "the installed cluster " + cluster + " serves localhost:5432 only"
                    : "no installed cluster " + cluster);
        } else {
            tried.add("no " + BIN + "/initdb to make a private cluster with");
        }
        throw new IllegalStateException("没有可用的 PostgreSQL 测试服务器 (no PostgreSQL server for the tests): "
                + String.join("; ", tried) + ". 请先启动服务器并建立角色 (start one and create the role), e.g. as root:"
                + " pg_ctlcluster --skip-systemctl-redirect 15 main start && runuser -u postgres -- psql -c \"CREATE ROLE "
                + ROLE + " LOGIN CREATEDB PASSWORD '" + ROLE + "'\"; or point the tests at another server with"
                + " -Dlvyue.test.postgres.host=... -Dlvyue.test.postgres.port=...");
    }

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
    }

    /** Creates the role, or gives it back its password and rights when it exists. */
    private static void createRole() throws IOException {
        String sql = "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE + "') THEN CREATE ROLE "
                + ROLE + " LOGIN CREATEDB PASSWORD '" + ROLE + "'; ELSE ALTER ROLE " + ROLE + " LOGIN CREATEDB PASSWORD '"
                + ROLE + "'; END IF; END $$";
        run(List.of("runuser", "-u", "postgres", "--", "psql", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql), true);
    }

    /** A cluster of this build's own under target/postgresql, trusting local connections, stopped at exit. */
    private static PostgresServer privateCluster() throws IOException {
        Path dir = Path.of("target", "postgresql", Long.toString(ProcessHandle.current().pid())).toAbsolutePath();
        Path data = dir.resolve("data");
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(List.of(BIN + "/initdb", "-D", data.toString(), "-U", ROLE, "--auth=trust", "-E", "UTF8", "--no-locale"), true);
        run(List.of(BIN + "/pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on", "start"), true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(List.of(BIN + "/pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"), false);
            } catch (IOException ignored) {
                // the JVM is going; a leftover server under target/ goes with mvn clean
            }
        }));
        SQLException e = tryConnect("127.0.0.1", port);
        if (e != null) {
            throw new IOException("the private cluster under " + dir + " does not answer: " + e.getMessage());
        }
        return new PostgresServer("127.0.0.1", port, "private cluster under " + dir);
    }

    private static SQLException tryConnect(String host, int port) {
        try (Connection c = connect(host, port)) {
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static Connection connect(String host, int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres?connectTimeout=5", ROLE, ROLE);
    }

    private static void run(List<String> command, boolean check) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (check && p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
        }
    }
}
