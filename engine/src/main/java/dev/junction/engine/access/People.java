package dev.junction.engine.access;

import dev.junction.engine.deployment.ConflictException;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.InvalidSpecException;
import dev.junction.engine.deployment.NotFoundException;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * People: invitations, passwords, one-time links, grants, single sign-on. Users are held in memory (re-read on a
 * change notice from any instance), so resolving a session's person costs no database read; the store is the truth.
 *
 * <p>The last admin: a change (grants, disable, delete) that would leave no active person who is admin on everything,
 * where the person changed is one, is refused (409) — whoever makes it, the person themself included. The bootstrap
 * token stays an admin regardless (it is configuration).
 */
public final class People {
    public static final Duration INVITE_TTL = Duration.ofDays(7);
    public static final Duration RESET_TTL = Duration.ofHours(24);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,63}");
    private static final String LINK_PREFIX = "jlnk_";

    private final UserStore store;
    private final Clock clock;
    private final Ids ids;
    private volatile Map<UUID, User> byId = new ConcurrentHashMap<>();

    /** A new person and the invitation link's token (the only copy). */
    public record Invited(User user, String token, Instant expiresAt) {}

    public record Link(String token, Instant expiresAt) {}

    public People(UserStore store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /** Re-reads everyone; call at start and on a change notice. */
    public synchronized void reload() {
        Map<UUID, User> fresh = new ConcurrentHashMap<>();
        for (User u : store.all()) fresh.put(u.id(), u);
        byId = fresh;
    }

    public List<User> list() {
        return byId.values().stream().sorted(java.util.Comparator.comparing(User::createdAt).thenComparing(User::id)).toList();
    }

    public Optional<User> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    public User get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("no person with id '" + id + "'"));
    }

    /** The principal of an active person, or empty when they are unknown or disabled. */
    public Optional<Principal> principal(UUID id) {
        User u = byId.get(id);
        return u == null || u.disabledAt() != null ? Optional.empty() : Optional.of(u.principal());
    }

    /**
     * The person this email and password sign in, or empty. Unknown, disabled, invited (no password yet) and wrong
     * passwords all cost one Argon2id check and answer the same.
     */
    public Optional<User> checkPassword(String email, String password) {
        User u = email == null ? null : findByEmail(email).orElse(null);
        boolean ok = Passwords.matches(password, u == null ? null : u.passwordHash());
        if (!ok || u == null || u.disabledAt() != null) return Optional.empty();
        store.signedIn(u.id(), clock.instant());
        return Optional.of(u);
    }

    public Optional<User> findByEmail(String email) {
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        return byId.values().stream().filter(u -> u.email().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** Adds a person (no password yet) with the grants, and makes their invitation link. */
    public synchronized Invited invite(String email, String name, List<GrantInput> grants, String by) {
        List<FieldError> errors = new ArrayList<>();
        String cleanEmail = checkEmail(email, errors);
        String cleanName = checkName(name, cleanEmail, errors);
        List<Grant> checked = GrantInput.check("grants", grants, errors);
        if (!errors.isEmpty()) throw new InvalidSpecException(errors);
        if (findByEmail(cleanEmail).isPresent()) throw new ConflictException("a person with email '" + cleanEmail + "' exists");
        Instant now = clock.instant();
        User user = new User(ids.next(), cleanEmail, cleanName, null, null, null, checked, List.of(), now, now, null, null);
        store.insert(user);
        byId.put(user.id(), user);
        Link link = link(user, OneTimeLink.Kind.INVITE, by);
        return new Invited(user, link.token(), link.expiresAt());
    }

    /** A password reset link (an invitation again when the person never set a password). */
    public Link resetLink(UUID id, String by) {
        User user = get(id);
        if (user.disabledAt() != null) throw new ConflictException("'" + user.email() + "' is disabled: enable them first");
        if (user.sso()) {
            throw new ConflictException("'" + user.email() + "' signs in with single sign-on, so has no password here: their "
                    + "identity provider decides who they are (delete the person to let them be invited with a password)");
        }
        return link(user, user.passwordHash() == null ? OneTimeLink.Kind.INVITE : OneTimeLink.Kind.RESET, by);
    }

    private Link link(User user, OneTimeLink.Kind kind, String by) {
        String token = Secrets.generate(LINK_PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(kind == OneTimeLink.Kind.INVITE ? INVITE_TTL : RESET_TTL);
        store.expireLinksOf(user.id(), now); // only the newest link works
        store.insertLink(new OneTimeLink(Secrets.sha256(token), user.id(), kind, by, now, expires, null));
        return new Link(token, expires);
    }

    /** What a link is for, while it can be used. */
    public Optional<LinkView> linkInfo(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return store.findLink(Secrets.sha256(token.strip()))
                .filter(l -> l.usedAt() == null && clock.instant().isBefore(l.expiresAt()))
                .flatMap(l -> find(l.userId()).filter(u -> u.disabledAt() == null)
                        .map(u -> new LinkView(l.kind(), u.email(), l.expiresAt())));
    }

    public record LinkView(OneTimeLink.Kind kind, String email, Instant expiresAt) {}

    /**
     * Sets the password a link was made for; the link is used up and the person's other sessions end.
     *
     * @throws InvalidSpecException for a weak password (the link stays usable)
     * @throws NotFoundException for an unknown, used or expired link
     */
    public synchronized User acceptLink(String token, String password) {
        LinkView view = linkInfo(token).orElseThrow(() -> new NotFoundException("this link is unknown, used or expired: ask an admin for a new one"));
        Passwords.weakness(password, view.email()).ifPresent(e -> { throw new InvalidSpecException(List.of(e)); });
        OneTimeLink link = store.consumeLink(Secrets.sha256(token.strip()), clock.instant())
                .orElseThrow(() -> new NotFoundException("this link is unknown, used or expired: ask an admin for a new one"));
        String hash = Passwords.hash(password); // outside the row lock: it takes tens of milliseconds
        User updated = store.change(link.userId(), user -> {
            if (user.sso()) throw new NotFoundException("this link is unknown, used or expired: ask an admin for a new one");
            return user.with(user.email(), user.name(), hash, user.grants(), user.ssoGrants(), clock.instant(), user.disabledAt());
        }).orElseThrow(() -> new NotFoundException("this link is unknown, used or expired: ask an admin for a new one"));
        store.expireLinksOf(updated.id(), clock.instant());
        store.deleteSessionsOf(updated.id());
        byId.put(updated.id(), updated);
        return updated;
    }

    /**
     * Changes a person's name, admin-set grants or disabled state (null: unchanged).
     *
     * @throws ConflictException when it would leave no active admin on everything
     */
    public synchronized User update(UUID id, String name, List<GrantInput> grants, Boolean disabled) {
        get(id); // 404 before anything else
        User updated = store.change(id, user -> { // the row as stored: another instance's change since is kept
            List<FieldError> errors = new ArrayList<>();
            String newName = name == null ? user.name() : checkName(name, user.email(), errors);
            List<Grant> newGrants = grants == null ? user.grants() : GrantInput.check("grants", grants, errors);
            if (!errors.isEmpty()) throw new InvalidSpecException(errors);
            Instant disabledAt = disabled == null ? user.disabledAt()
                    : disabled ? (user.disabledAt() == null ? clock.instant() : user.disabledAt()) : null;
            User after = user.with(user.email(), newName, user.passwordHash(), newGrants, user.ssoGrants(), clock.instant(), disabledAt);
            keepAnAdmin(user, after);
            return after;
        }).orElseThrow(() -> new NotFoundException("no person " + id));
        if (updated.disabledAt() != null) store.deleteSessionsOf(id);
        byId.put(id, updated);
        return updated;
    }

    public synchronized void delete(UUID id) {
        User user = get(id);
        keepAnAdmin(user, null);
        store.delete(id);
        byId.remove(id);
    }

    private void keepAnAdmin(User before, User after) {
        if (!before.globalAdmin() || (after != null && after.globalAdmin())) return;
        boolean another = byId.values().stream().anyMatch(u -> !u.id().equals(before.id()) && u.globalAdmin());
        if (!another) {
            throw new ConflictException("'" + before.email() + "' is the last active admin on everything: make someone else "
                    + "admin first");
        }
    }

    /**
     * A single sign-on: finds the person by issuer and subject; else, when the provider vouches for the email
     * ({@code emailVerified}), by that email, which links the account to the identity (its password is dropped: from
     * then on the identity provider alone decides whether they get in, so turning someone off there turns them off
     * here); else creates them. Their SSO grants become {@code mapped}.
     *
     * @throws ConflictException when the person is disabled or ends up with no grant at all, or when an account with
     *         the email exists but cannot be linked (the email is not verified, or the account is another identity's)
     */
    public synchronized User signInExternal(String issuer, String subject, String email, boolean emailVerified, String name,
                                            List<Grant> mapped) {
        Instant now = clock.instant();
        String cleanEmail = email == null || email.isBlank() ? null : email.strip();
        Optional<User> known = byId.values().stream()
                .filter(u -> issuer.equals(u.oidcIssuer()) && subject.equals(u.oidcSubject())).findFirst();
        Optional<User> sameEmail = cleanEmail == null ? Optional.empty()
                : findByEmail(cleanEmail).filter(u -> known.isEmpty() || !u.id().equals(known.get().id()));
        User user;
        if (known.isPresent()) {
            User u = known.get();
            if (u.disabledAt() != null) throw new ConflictException("your account is disabled in Junction: ask an admin");
            String displayName = name == null || name.isBlank() ? u.name() : name.strip();
            // the email follows the provider when it vouches for it and nobody else here has it
            String newEmail = cleanEmail != null && emailVerified && sameEmail.isEmpty() ? cleanEmail : u.email();
            // the admin-set grants as stored now, not as this instance last heard of them
            user = store.change(u.id(), fresh -> {
                if (fresh.disabledAt() != null) throw new ConflictException("your account is disabled in Junction: ask an admin");
                User after = new User(fresh.id(), newEmail, displayName, null, issuer, subject, fresh.grants(), mapped,
                        fresh.createdAt(), now, now, null);
                if (after.allGrants().isEmpty()) throw new ConflictException("your account has no role in Junction: ask an admin");
                return after;
            }).orElseThrow(() -> new ConflictException("your account was just deleted in Junction: ask an admin"));
        } else if (sameEmail.isPresent()) {
            User u = sameEmail.get();
            if (u.sso()) {
                throw new ConflictException("the account '" + u.email() + "' belongs to another single sign-on identity: ask an admin");
            }
            if (!emailVerified) {
                throw new ConflictException("an account with the email '" + u.email() + "' exists, and your identity provider "
                        + "does not say that address is verified, so it cannot be linked: ask an admin");
            }
            if (u.disabledAt() != null) throw new ConflictException("your account is disabled in Junction: ask an admin");
            String displayName = name == null || name.isBlank() ? u.name() : name.strip();
            user = store.change(u.id(), fresh -> {
                if (fresh.sso() || fresh.disabledAt() != null) {
                    throw new ConflictException("the account '" + fresh.email() + "' changed meanwhile: sign in again");
                }
                User after = new User(fresh.id(), fresh.email(), displayName, null, issuer, subject, fresh.grants(), mapped,
                        fresh.createdAt(), now, now, null);
                if (after.allGrants().isEmpty()) throw new ConflictException("your account has no role in Junction: ask an admin");
                return after;
            }).orElseThrow(() -> new ConflictException("your account was just deleted in Junction: ask an admin"));
            store.expireLinksOf(u.id(), now);
            store.deleteSessionsOf(u.id()); // sessions opened with the password that is now gone
        } else {
            if (mapped.isEmpty()) throw new ConflictException("your account has no role in Junction: ask an admin");
            String newEmail = cleanEmail == null ? subject + "@" + java.net.URI.create(issuer).getHost() : cleanEmail;
            user = new User(ids.next(), newEmail, name == null || name.isBlank() ? newEmail : name.strip(), null, issuer, subject,
                    List.of(), mapped, now, now, now, null);
            store.insert(user);
        }
        store.signedIn(user.id(), now);
        byId.put(user.id(), user);
        return user;
    }

    private static String checkEmail(String email, List<FieldError> errors) {
        if (email == null || email.isBlank()) {
            errors.add(new FieldError("email", "required"));
            return null;
        }
        String clean = email.strip();
        if (clean.length() > 254 || !EMAIL.matcher(clean).matches()) errors.add(new FieldError("email", "is not an email address"));
        return clean;
    }

    private static String checkName(String name, String email, List<FieldError> errors) {
        if (name == null || name.isBlank()) return email;
        String clean = name.strip();
        if (clean.length() > 200) errors.add(new FieldError("name", "must be at most 200 characters"));
        if (clean.chars().anyMatch(Character::isISOControl)) errors.add(new FieldError("name", "must not hold control characters"));
        return clean;
    }
}
