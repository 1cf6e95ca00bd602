package dev.junction.engine.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.junction.engine.deployment.FieldError;
import java.util.Optional;

/**
 * Password hashing with Argon2id (password4j): 19 MiB, 2 passes, 1 lane, the minimum OWASP's cheat sheet gives,
 * stored as a PHC string that carries its parameters (so they can be raised later). Checking a password of a person
 * who does not exist runs the same work against a fixed hash, so the answer and its timing are the same.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    /** Long passwords cost no more to hash, but a bound keeps request bodies and Argon2's input small. */
    public static final int MAX_LENGTH = 256;
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    private static final String DUMMY = hash("not a password of anyone: evens out the timing");

    private Passwords() {}

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /** Whether the password matches the PHC string; a null hash (no password set) is checked against a dummy and fails. */
    public static boolean matches(String password, String hash) {
        if (password == null) password = "";
        if (password.length() > MAX_LENGTH) password = password.substring(0, MAX_LENGTH);
        String against = hash == null ? DUMMY : hash;
        boolean ok;
        try {
            ok = Password.check(password, against).with(Argon2Function.getInstanceFromHash(against));
        } catch (RuntimeException e) {
            ok = false; // a malformed stored hash: no sign-in, and no stack trace
        }
        return ok && hash != null;
    }

    /** What is wrong with a new password, if anything. */
    public static Optional<FieldError> weakness(String password, String email) {
        if (password == null || password.isEmpty()) return Optional.of(new FieldError("password", "required"));
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) return Optional.of(new FieldError("password", "must be at least " + MIN_LENGTH + " characters"));
        if (length > MAX_LENGTH) return Optional.of(new FieldError("password", "must be at most " + MAX_LENGTH + " characters"));
        if (email != null && password.equalsIgnoreCase(email)) return Optional.of(new FieldError("password", "must not be your email"));
        if (password.chars().distinct().count() < 4) return Optional.of(new FieldError("password", "is too repetitive"));
        return Optional.empty();
    }
}
