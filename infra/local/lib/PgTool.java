// Run by infra/local/stack with the JDK's source launcher (not part of the Maven build):
//   java -cp postgresql.jar infra/local/lib/PgTool.java HOST PORT SUPERUSER_PASSWORD_FILE
// The zonky PostgreSQL binaries ship no psql, so this is the stack's SQL client. It:
//   1. connects as the superuser `postgres` over TCP (scram-sha-256) and, idempotently, creates the
//      application role (LOGIN CREATEDB, password set) and the databases it owns;
//   2. creates the pg_stat_statements extension (statement statistics) in database `postgres`;
//   3. connects to each database as the application role with its password and runs `select 1`.
// Role, password and databases come from -Dpg.appUser, -Dpg.appPassword and -Dpg.databases
// (comma separated); the defaults are the stack's: trading / trading / command,saga,identity.
// Exit code 0 when everything is in place and reachable; 1 with a message otherwise.

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class PgTool {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: PgTool HOST PORT SUPERUSER_PASSWORD_FILE");
            System.exit(2);
        }
        String base = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/";
        String superPassword = Files.readString(Path.of(args[2])).strip();
        String appUser = System.getProperty("pg.appUser", "trading");
        String appPassword = System.getProperty("pg.appPassword", "trading");
        String[] databases = System.getProperty("pg.databases", "command,saga,identity").split(",");
        DriverManager.setLoginTimeout(10);
        try {
            try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", superPassword);
                 Statement st = c.createStatement()) {
                if (!exists(c, "select 1 from pg_roles where rolname = ?", appUser)) {
                    st.execute("create role " + ident(appUser));
                    System.out.println("created role " + appUser);
                }
                st.execute("alter role " + ident(appUser) + " with login createdb password " + literal(appPassword));
                for (String db : databases) {
                    if (!exists(c, "select 1 from pg_database where datname = ?", db)) {
                        st.execute("create database " + ident(db) + " owner " + ident(appUser));
                        System.out.println("created database " + db + " owned by " + appUser);
                    } else {
                        st.execute("alter database " + ident(db) + " owner to " + ident(appUser));
                    }
                }
            }
            // Statement statistics of every database (the server preloads the library: stack.conf),
            // for operators and make bench-orders. Its view lives in the maintenance database
            // `postgres`, not next to the services' schemas (Flyway owns those); creating an
            // extension needs the superuser.
            try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", superPassword);
                 Statement st = c.createStatement()) {
                st.execute("create extension if not exists pg_stat_statements");
            }
            for (String db : databases) {
                try (Connection c = DriverManager.getConnection(base + db, appUser, appPassword);
                     Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select 1")) {
                    rs.next();
                }
            }
        } catch (SQLException e) {
            System.err.println("PostgreSQL: " + e.getMessage());
            System.exit(1);
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
