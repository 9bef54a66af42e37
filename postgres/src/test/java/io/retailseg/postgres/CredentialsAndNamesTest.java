package io.retailseg.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URLs, the libpq password lookup and identifiers, without a server. */
class CredentialsAndNamesTest {
    @TempDir
    Path home;

    PgEnvironment env(Map<String, String> variables) {
        return new PgEnvironment(variables, home);
    }

    @Test
    void urlsInBothSpellingsWithLibpqDefaults() {
        PgEnvironment env = env(Map.of("PGHOST", "db.example", "PGPORT", "6543", "PGDATABASE", "shop",
                "PGUSER", "etl"));
        assertThat(PgTarget.parse("postgresql://h:5433/retail", env)).isEqualTo(new PgTarget("h", 5433, "retail",
                "etl"));
        // as libpq: what the URL leaves out comes from the environment
        assertThat(PgTarget.parse("jdbc:postgresql://ana@h/retail", env)).isEqualTo(new PgTarget("h", 6543,
                "retail", "ana"));
        assertThat(PgTarget.parse("postgresql://h/retail", env(Map.of()))).isEqualTo(new PgTarget("h", 5432, "retail",
                System.getProperty("user.name")));
        assertThat(PgTarget.parse("postgresql:///", env)).isEqualTo(new PgTarget("db.example", 6543, "shop", "etl"));
        assertThat(PgTarget.parse("postgresql://h:5433/retail", env).display()).isEqualTo("postgresql://h:5433/retail");
        assertThat(PgTarget.isUrl("JDBC:postgresql://x/y")).isTrue();
        assertThat(PgTarget.isUrl("postgresql.csv")).isFalse();
    }

    @Test
    void aPasswordInTheUrlIsRefusedSayingHowToPassIt() {
        for (String url : List.of("postgresql://ana:hunter2@h/db", "jdbc:postgresql://h/db?password=hunter2",
                "postgresql://h/db?user=x&password=hunter2")) {
            assertThatThrownBy(() -> PgTarget.parse(url, env(Map.of()))).as(url)
                    .hasMessage("the URL holds a password: leave it out and give it through PGPASSWORD, ~/.pgpass or"
                            + " --password-file")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void passwordsComeFromTheFileTheVariableOrPgpassInThatOrder() throws Exception {
        PgTarget target = new PgTarget("db.example", 5432, "shop", "etl");
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, String.join("\n", "# comment", "other:5432:shop:etl:wrong",
                "db.example:5432:shop:nobody:wrong", "db.example:*:shop:etl:pa\\:ss\\\\word:with:colons",
                "*:*:*:*:fallback", ""));
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        assertThat(Passwords.find(target, Optional.empty(), env(Map.of())).password())
                .contains("pa:ss\\word:with:colons");
        assertThat(Passwords.find(new PgTarget("x", 1, "y", "z"), Optional.empty(), env(Map.of())).password())
                .contains("fallback");
        assertThat(Passwords.find(target, Optional.empty(), env(Map.of("PGPASSWORD", "from-env"))).password())
                .contains("from-env");
        Path file = home.resolve("secret");
        Files.writeString(file, "from-file\nignored\n");
        assertThat(Passwords.find(target, Optional.of(file), env(Map.of("PGPASSWORD", "from-env"))).password())
                .contains("from-file");
        // PGPASSFILE names another file
        Path elsewhere = home.resolve("elsewhere");
        Files.writeString(elsewhere, "*:*:*:*:from-pgpassfile\n");
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        assertThat(Passwords.find(target, Optional.empty(), env(Map.of("PGPASSFILE", elsewhere.toString())))
                .password()).contains("from-pgpassfile");
    }

    @Test
    void aPgpassOthersCanReadIsIgnoredWithLibpqsWarning() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "*:*:*:*:secret\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r-----"));
        Passwords.Found found = Passwords.find(new PgTarget("h", 5432, "d", "u"), Optional.empty(), env(Map.of()));
        assertThat(found.password()).isEmpty();
        assertThat(found.warning()).contains("password file \"" + pgpass + "\" has group or world access;"
                + " permissions should be u=rw (0600) or less");
    }

    @Test
    void anEmptyPasswordFileIsBadInput() throws Exception {
        Path file = home.resolve("empty");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> Passwords.find(new PgTarget("h", 1, "d", "u"), Optional.of(file), env(Map.of())))
                .isInstanceOf(InputException.class).hasMessageContaining("--password-file: expected the password");
    }

    @Test
    void namesAreFoldedOrKeptExactlyAndAlwaysQuoted() {
        assertThat(SqlName.parse("Sales.Lines", 2, "--table").quoted()).isEqualTo("\"sales\".\"lines\"");
        assertThat(SqlName.parse("\"Sales\".\"Odd \"\"name\"\"\"", 2, "--table").quoted())
                .isEqualTo("\"Sales\".\"Odd \"\"name\"\"\"");
        for (String bad : List.of("lines; DROP TABLE x", "a.b.c", "x--", "", "1abc", "a.", "\"open", "a b",
                "x".repeat(64))) {
            assertThatThrownBy(() -> SqlName.parse(bad, 2, "--table")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--table: not a valid name");
        }
        assertThatThrownBy(() -> SqlName.parse("a.b", 1, "--schema")).hasMessageEndingWith("expected one name");
    }
}
