/*
 * JdbcViews.java: reads the BI views through PgJDBC, the driver Metabase,
 * Tableau and DBeaver use, as a BI tool does: the views DatabaseMetaData
 * lists in schema dp (all but internal ones, named with a leading _), each
 * column's java.sql.Types (a standard SQL type, never OTHER), the column
 * comments as REMARKS (what BI tools show as field descriptions), and every
 * row read with getObject as plain Java values.
 *
 * Run by jdbc.sh with Java's source launcher (one JVM):
 *   java JdbcViews.java DRIVER_JAR SOCKET DATABASE PROBE VIEW...
 * The VIEWs named (the BI views) must be among those listed and have rows
 * (the sample's); other views (for DBAs) are checked alike but may be empty.  PROBE (schema.view) is a view
 * the checks must reject (it has a column of type dp.capvec and one without a
 * comment): the proof that they can fail.  The server listens on a Unix
 * socket only, so the driver gets a socket factory (Java 16+ Unix-domain
 * channels) through its socketFactory property.  Prints "ok ..."/"not ok ..."
 * lines and "N passed, M failed".
 */
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.net.SocketFactory;

public class JdbcViews {
    /** Standard SQL types a BI tool maps without help. */
    static final Map<Integer, String> STANDARD = new LinkedHashMap<>();
    static {
        STANDARD.put(Types.DATE, "DATE");
        STANDARD.put(Types.DOUBLE, "DOUBLE");
        STANDARD.put(Types.REAL, "REAL");
        STANDARD.put(Types.NUMERIC, "NUMERIC");
        STANDARD.put(Types.DECIMAL, "DECIMAL");
        STANDARD.put(Types.INTEGER, "INTEGER");
        STANDARD.put(Types.BIGINT, "BIGINT");
        STANDARD.put(Types.SMALLINT, "SMALLINT");
        STANDARD.put(Types.VARCHAR, "VARCHAR");
        STANDARD.put(Types.CHAR, "CHAR");
        STANDARD.put(Types.BIT, "BIT");
        STANDARD.put(Types.BOOLEAN, "BOOLEAN");
        STANDARD.put(Types.TIMESTAMP, "TIMESTAMP");
        STANDARD.put(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP_WITH_TIMEZONE");
    }
    /** The Java classes getObject may return for them. */
    static final Set<Class<?>> PLAIN = Set.of(java.sql.Date.class, Double.class, Float.class, BigDecimal.class,
            Integer.class, Long.class, Short.class, String.class, Boolean.class, java.sql.Timestamp.class);

    /** Sockets to the server's Unix socket: socketFactoryArg is its path. */
    public static class UnixSocketFactory extends SocketFactory {
        private final String path;

        public UnixSocketFactory(Properties info) {
            path = info.getProperty("socketFactoryArg");
        }

        @Override
        public Socket createSocket() {
            return new UnixSocket(path);
        }

        private Socket connected() throws IOException {
            Socket s = createSocket();
            s.connect(null);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return connected();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected();
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return connected();
        }
    }

    /** A Socket over a Unix-domain channel; TCP options are ignored. */
    static class UnixSocket extends Socket {
        private final String path;
        private SocketChannel channel;

        UnixSocket(String path) {
            this.path = path;
        }

        @Override
        public void connect(SocketAddress address) throws IOException {
            connect(address, 0);
        }

        @Override
        public void connect(SocketAddress address, int timeout) throws IOException {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
        }

        @Override
        public boolean isConnected() {
            return channel != null && channel.isConnected();
        }

        @Override
        public boolean isClosed() {
            return channel != null && !channel.isOpen();
        }

        @Override
        public InputStream getInputStream() {
            return Channels.newInputStream(channel);
        }

        @Override
        public OutputStream getOutputStream() {
            return Channels.newOutputStream(channel);
        }

        @Override
        public synchronized void close() throws IOException {
            if (channel != null)
                channel.close();
        }

        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public void setKeepAlive(boolean on) {
        }

        @Override
        public synchronized void setSoTimeout(int timeout) {
        }

        @Override
        public synchronized int getSoTimeout() {
            return 0;
        }

        @Override
        public synchronized void setReceiveBufferSize(int size) {
        }

        @Override
        public synchronized void setSendBufferSize(int size) {
        }
    }

    static int passed = 0, failed = 0;

    static void report(boolean ok, String what) {
        System.out.println((ok ? "ok jdbc " : "not ok jdbc ") + what);
        if (ok)
            passed++;
        else
            failed++;
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0], socket = args[1], db = args[2];
        // the driver from its jar, with this file's classes (the socket factory) visible to it
        URLClassLoader loader = new URLClassLoader(new URL[] {new File(jar).toURI().toURL()},
                JdbcViews.class.getClassLoader());
        Driver driver = (Driver) Class.forName("org.postgresql.Driver", true, loader)
                .getDeclaredConstructor().newInstance();
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("socketFactory", UnixSocketFactory.class.getName());
        props.setProperty("socketFactoryArg", socket);

        try (Connection conn = driver.connect("jdbc:postgresql://localhost/" + db, props)) {
            DatabaseMetaData meta = conn.getMetaData();
            Set<String> views = new TreeSet<>();
            try (ResultSet rs = meta.getTables(null, "dp", "%", new String[] {"VIEW"})) {
                while (rs.next())
                    if (!rs.getString("TABLE_NAME").startsWith("_"))
                        views.add(rs.getString("TABLE_NAME"));
            }
            Set<String> required = new TreeSet<>(List.of(args).subList(4, args.length));
            for (String view : required)
                report(views.contains(view), "lists the view " + view);
            for (String view : views) {
                List<String> problems = new ArrayList<>();
                String summary = checkView(conn, meta, "dp", view, required.contains(view), problems);
                report(problems.isEmpty(), view + ": " + (problems.isEmpty() ? summary : String.join("; ", problems)));
            }
            // the checks can fail
            String[] probe = args[3].split("\\.");
            List<String> problems = new ArrayList<>();
            checkView(conn, meta, probe[0], probe[1], false, problems);
            report(problems.stream().anyMatch(p -> p.contains("OTHER"))
                   && problems.stream().anyMatch(p -> p.contains("no comment")),
                   "rejects " + args[3] + ": " + String.join("; ", problems));
        }
        System.out.println(passed + " passed, " + failed + " failed");
    }

    /**
     * One view: types, comments as REMARKS, every row read as plain values
     * (and at least one if mustHaveRows).  Adds what is wrong to problems;
     * returns a summary.
     */
    static String checkView(Connection conn, DatabaseMetaData meta, String schema, String view,
                            boolean mustHaveRows, List<String> problems) throws Exception {
        Map<String, Integer> types = new LinkedHashMap<>();
        Map<String, String> remarks = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(null, schema, view, "%")) {
            while (rs.next()) {
                String col = rs.getString("COLUMN_NAME");
                int type = rs.getInt("DATA_TYPE");
                types.put(col, type);
                remarks.put(col, rs.getString("REMARKS"));
                if (!STANDARD.containsKey(type))
                    problems.add(col + " is " + rs.getString("TYPE_NAME") + " (java.sql.Types " + type
                            + (type == Types.OTHER ? ", OTHER" : "") + ")");
            }
        }
        // the comments as the catalog has them
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT a.attname, pg_catalog.col_description(a.attrelid, a.attnum) FROM pg_catalog.pg_attribute a"
                + " WHERE a.attrelid = pg_catalog.format('%I.%I', ?, ?)::pg_catalog.regclass AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setString(1, schema);
            ps.setString(2, view);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String col = rs.getString(1), comment = rs.getString(2);
                    if (comment == null || comment.isEmpty())
                        problems.add(col + " has no comment");
                    else if (!comment.equals(remarks.get(col)))
                        problems.add(col + ": REMARKS [" + remarks.get(col) + "], comment [" + comment + "]");
                }
            }
        }
        int rows = 0;
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + schema + "." + view)) {
            ResultSetMetaData rmd = rs.getMetaData();
            for (int c = 1; c <= rmd.getColumnCount(); c++) {
                Integer listed = types.get(rmd.getColumnName(c));
                if (listed == null || listed != rmd.getColumnType(c))
                    problems.add(rmd.getColumnName(c) + ": result type " + rmd.getColumnType(c)
                            + ", listed as " + listed);
            }
            while (rs.next()) {
                rows++;
                for (int c = 1; c <= rmd.getColumnCount(); c++) {
                    Object v = rs.getObject(c);
                    if (v != null && !PLAIN.contains(v.getClass()) && problems.size() < 20)
                        problems.add(rmd.getColumnName(c) + " reads as " + v.getClass().getName());
                }
            }
        }
        if (rows == 0 && mustHaveRows)
            problems.add("no rows read");
        if (types.isEmpty())
            problems.add("no columns listed");
        Set<String> names = new TreeSet<>();
        for (int t : types.values())
            names.add(STANDARD.getOrDefault(t, "?"));
        return types.size() + " columns (" + String.join(", ", names) + ") with their comments as REMARKS, "
                + rows + " rows";
    }
}
