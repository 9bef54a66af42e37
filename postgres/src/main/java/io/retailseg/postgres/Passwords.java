package io.retailseg.postgres;

import io.retailseg.InputException;
import io.retailseg.OutputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the password for a {@link PgTarget} the ways libpq does, never from the command line: {@code
 * --password-file} (its first line), else {@code PGPASSWORD}, else the password file ({@code PGPASSFILE} or
 * {@code ~/.pgpass}: lines {@code host:port:database:user:password}, {@code *} matching anything, {@code \}
 * escaping {@code :} and itself, the first matching line winning). As libpq does, a password file that the
 * group or others may read or write is ignored (with a warning), and so is one that is not a regular file.
 */
public final class Passwords {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private Passwords() {
    }

    /** A password found and where from (for messages: never the password itself). */
    public record Found(Optional<String> password, Optional<String> warning) {
    }

    /**
     * The password for {@code target}.
     *
     * @param passwordFile {@code --password-file}, when given
     * @throws InputException when {@code --password-file} cannot be read or is empty
     */
    public static Found find(PgTarget target, Optional<Path> passwordFile, PgEnvironment env) {
        if (passwordFile.isPresent()) {
            return new Found(Optional.of(readPasswordFile(passwordFile.get())), Optional.empty());
        }
        Optional<String> fromVariable = env.get("PGPASSWORD");
        if (fromVariable.isPresent()) {
            return new Found(fromVariable, Optional.empty());
        }
        Path file = env.get("PGPASSFILE").map(Path::of).orElse(env.home().resolve(".pgpass"));
        if (!Files.exists(file)) {
            return new Found(Optional.empty(), Optional.empty());
        }
        if (!Files.isRegularFile(file)) {
            return new Found(Optional.empty(), Optional.of("password file \"" + file + "\" is not a plain file"));
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                return new Found(Optional.empty(), Optional.of("password file \"" + file + "\" has group or world"
                        + " access; permissions should be u=rw (0600) or less"));
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Optional<String> p = match(line, target);
                if (p.isPresent()) {
                    return new Found(p, Optional.empty());
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return new Found(Optional.empty(), Optional.of("password file \"" + file + "\" cannot be read"));
        }
        return new Found(Optional.empty(), Optional.empty());
    }

    /** The password of a {@code .pgpass} line when its first four fields match {@code target}. */
    static Optional<String> match(String line, PgTarget target) {
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        List<String> fields = split(line);
        if (fields.size() < 5) {
            return Optional.empty();
        }
        String[] wanted = {target.host(), Integer.toString(target.port()), target.database(), target.user()};
        for (int i = 0; i < wanted.length; i++) {
            String f = fields.get(i);
            if (!f.equals("*") && !f.equals(wanted[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(fields.get(4));
    }

    /** Splits a line at unescaped colons into four fields and the rest (the password may hold colons). */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String readPasswordFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file.toString(), "--password-file: cannot read: " + OutputException.reason(e));
        }
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
        if (first.isEmpty()) {
            throw new InputException(file.toString(), "--password-file: expected the password on the first line,"
                    + " found an empty line");
        }
        return first;
    }
}
