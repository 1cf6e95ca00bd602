package dev.junction.store;

import static dev.junction.store.generated.Tables.ONE_TIME_LINKS;
import static dev.junction.store.generated.Tables.PANEL_SESSIONS;
import static dev.junction.store.generated.Tables.USERS;
import static dev.junction.store.generated.Tables.USER_GRANTS;

import dev.junction.engine.access.Grant;
import dev.junction.engine.access.OneTimeLink;
import dev.junction.engine.access.Role;
import dev.junction.engine.access.SessionRecord;
import dev.junction.engine.access.User;
import dev.junction.engine.access.UserStore;
import dev.junction.engine.deployment.ConflictException;
import dev.junction.store.generated.tables.records.OneTimeLinksRecord;
import dev.junction.store.generated.tables.records.PanelSessionsRecord;
import dev.junction.store.generated.tables.records.UsersRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** People, their grants, one-time links and panel sessions in PostgreSQL; a change to people notifies "users". */
public final class JooqUserStore implements UserStore {
    private static final String CHANNEL = "users";
    private final DSLContext dsl;

    public JooqUserStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<User> all() {
        Map<UUID, List<GrantRow>> grants = new HashMap<>();
        dsl.selectFrom(USER_GRANTS).fetch().forEach(g -> grants.computeIfAbsent(g.getUserId(), k -> new ArrayList<>()).add(grantRow(g)));
        return dsl.selectFrom(USERS).orderBy(USERS.CREATED_AT, USERS.ID).fetch(r -> toUser(r, grants.getOrDefault(r.getId(), List.of())));
    }

    @Override
    public Optional<User> find(UUID id) {
        List<GrantRow> grants = dsl.selectFrom(USER_GRANTS).where(USER_GRANTS.USER_ID.eq(id)).fetch(JooqUserStore::grantRow);
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(r -> toUser(r, grants));
    }

    @Override
    public void insert(User user) {
        try {
            dsl.transaction(tx -> {
                tx.dsl().insertInto(USERS)
                        .set(USERS.ID, user.id())
                        .set(USERS.EMAIL, user.email())
                        .set(USERS.NAME, user.name())
                        .set(USERS.PASSWORD_HASH, user.passwordHash())
                        .set(USERS.OIDC_ISSUER, user.oidcIssuer())
                        .set(USERS.OIDC_SUBJECT, user.oidcSubject())
                        .set(USERS.CREATED_AT, at(user.createdAt()))
                        .set(USERS.UPDATED_AT, at(user.updatedAt()))
                        .set(USERS.LAST_SIGN_IN_AT, at(user.lastSignInAt()))
                        .set(USERS.DISABLED_AT, at(user.disabledAt()))
                        .execute();
                writeGrants(tx.dsl(), user);
                Notifications.publish(tx.dsl(), Notifications.of(CHANNEL));
            });
        } catch (IntegrityConstraintViolationException e) {
            throw new ConflictException("a person with email '" + user.email() + "' (or this sign-on identity) exists");
        }
    }

    @Override
    public void update(User user) {
        try {
            dsl.transaction(tx -> write(tx.dsl(), user));
        } catch (IntegrityConstraintViolationException e) {
            throw new ConflictException("a person with email '" + user.email() + "' (or this sign-on identity) exists");
        }
    }

    @Override
    public Optional<User> change(UUID id, java.util.function.UnaryOperator<User> change) {
        try {
            return dsl.transactionResult(tx -> {
                DSLContext db = tx.dsl();
                Optional<UsersRecord> row = db.selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOptional();
                if (row.isEmpty()) return Optional.<User>empty();
                List<GrantRow> grants = db.selectFrom(USER_GRANTS).where(USER_GRANTS.USER_ID.eq(id)).fetch(JooqUserStore::grantRow);
                User before = toUser(row.get(), grants);
                User after = change.apply(before);
                if (after == before) return Optional.of(before);
                write(db, after);
                return Optional.of(after);
            });
        } catch (IntegrityConstraintViolationException e) {
            throw new ConflictException("a person with this email (or this sign-on identity) exists");
        }
    }

    /** The user's row and grants as {@code user} says, in the caller's transaction; other instances are told. */
    private static void write(DSLContext tx, User user) {
        tx.update(USERS)
                .set(USERS.EMAIL, user.email())
                .set(USERS.NAME, user.name())
                .set(USERS.PASSWORD_HASH, user.passwordHash())
                .set(USERS.OIDC_ISSUER, user.oidcIssuer())
                .set(USERS.OIDC_SUBJECT, user.oidcSubject())
                .set(USERS.UPDATED_AT, at(user.updatedAt()))
                .set(USERS.DISABLED_AT, at(user.disabledAt()))
                .where(USERS.ID.eq(user.id()))
                .execute();
        tx.deleteFrom(USER_GRANTS).where(USER_GRANTS.USER_ID.eq(user.id())).execute();
        writeGrants(tx, user);
        Notifications.publish(tx, Notifications.of(CHANNEL));
    }

    private static void writeGrants(DSLContext tx, User user) {
        for (Grant g : user.grants()) insertGrant(tx, user.id(), g, "manual");
        for (Grant g : user.ssoGrants()) insertGrant(tx, user.id(), g, "sso");
    }

    private static void insertGrant(DSLContext tx, UUID userId, Grant g, String source) {
        tx.insertInto(USER_GRANTS)
                .set(USER_GRANTS.USER_ID, userId)
                .set(USER_GRANTS.ROLE, g.role().wire())
                .set(USER_GRANTS.SCOPE, g.scope())
                .set(USER_GRANTS.BODIES, g.bodies())
                .set(USER_GRANTS.SOURCE, source)
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public boolean delete(UUID id) {
        return dsl.transactionResult(tx -> {
            boolean deleted = tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(id)).execute() > 0;
            if (deleted) Notifications.publish(tx.dsl(), Notifications.of(CHANNEL));
            return deleted;
        });
    }

    @Override
    public void signedIn(UUID id, Instant at) {
        dsl.update(USERS).set(USERS.LAST_SIGN_IN_AT, at(at)).where(USERS.ID.eq(id)).execute();
    }

    @Override
    public void insertLink(OneTimeLink link) {
        dsl.insertInto(ONE_TIME_LINKS)
                .set(ONE_TIME_LINKS.TOKEN_HASH, link.tokenHash())
                .set(ONE_TIME_LINKS.USER_ID, link.userId())
                .set(ONE_TIME_LINKS.KIND, link.kind().wire())
                .set(ONE_TIME_LINKS.CREATED_BY, link.createdBy())
                .set(ONE_TIME_LINKS.CREATED_AT, at(link.createdAt()))
                .set(ONE_TIME_LINKS.EXPIRES_AT, at(link.expiresAt()))
                .execute();
    }

    @Override
    public Optional<OneTimeLink> consumeLink(String tokenHash, Instant now) {
        return dsl.update(ONE_TIME_LINKS)
                .set(ONE_TIME_LINKS.USED_AT, at(now))
                .where(ONE_TIME_LINKS.TOKEN_HASH.eq(tokenHash))
                .and(ONE_TIME_LINKS.USED_AT.isNull())
                .and(ONE_TIME_LINKS.EXPIRES_AT.gt(at(now)))
                .returning()
                .fetchOptional()
                .map(JooqUserStore::toLink);
    }

    @Override
    public void expireLinksOf(UUID userId, Instant now) {
        dsl.update(ONE_TIME_LINKS).set(ONE_TIME_LINKS.USED_AT, at(now))
                .where(ONE_TIME_LINKS.USER_ID.eq(userId)).and(ONE_TIME_LINKS.USED_AT.isNull()).execute();
    }

    @Override
    public Optional<OneTimeLink> findLink(String tokenHash) {
        return dsl.selectFrom(ONE_TIME_LINKS).where(ONE_TIME_LINKS.TOKEN_HASH.eq(tokenHash)).fetchOptional().map(JooqUserStore::toLink);
    }

    @Override
    public void insertSession(SessionRecord s) {
        dsl.insertInto(PANEL_SESSIONS)
                .set(PANEL_SESSIONS.ID_HASH, s.idHash())
                .set(PANEL_SESSIONS.USER_ID, s.userId())
                .set(PANEL_SESSIONS.CREDENTIAL_HASH, s.credentialHash())
                .set(PANEL_SESSIONS.CSRF_TOKEN, s.csrfToken())
                .set(PANEL_SESSIONS.CREATED_AT, at(s.createdAt()))
                .set(PANEL_SESSIONS.LAST_SEEN_AT, at(s.lastSeenAt()))
                .set(PANEL_SESSIONS.IP, s.ip())
                .set(PANEL_SESSIONS.USER_AGENT, s.userAgent())
                .execute();
    }

    @Override
    public Optional<SessionRecord> findSession(String idHash) {
        return dsl.selectFrom(PANEL_SESSIONS).where(PANEL_SESSIONS.ID_HASH.eq(idHash)).fetchOptional().map(JooqUserStore::toSession);
    }

    @Override
    public void touchSession(String idHash, Instant at) {
        dsl.update(PANEL_SESSIONS).set(PANEL_SESSIONS.LAST_SEEN_AT, at(at)).where(PANEL_SESSIONS.ID_HASH.eq(idHash)).execute();
    }

    @Override
    public void deleteSession(String idHash) {
        dsl.deleteFrom(PANEL_SESSIONS).where(PANEL_SESSIONS.ID_HASH.eq(idHash)).execute();
    }

    @Override
    public void deleteSessionsOf(UUID userId) {
        dsl.deleteFrom(PANEL_SESSIONS).where(PANEL_SESSIONS.USER_ID.eq(userId)).execute();
    }

    @Override
    public int purgeSessions(Instant before) {
        return dsl.deleteFrom(PANEL_SESSIONS).where(PANEL_SESSIONS.LAST_SEEN_AT.lt(at(before))).execute();
    }

    private record GrantRow(String source, Grant grant) {}

    private static GrantRow grantRow(dev.junction.store.generated.tables.records.UserGrantsRecord g) {
        return new GrantRow(g.getSource(), new Grant(Role.parse(g.getRole()).orElseThrow(), g.getScope(), g.getBodies()));
    }

    private static User toUser(UsersRecord r, List<GrantRow> grants) {
        List<Grant> manual = grants.stream().filter(g -> g.source().equals("manual")).map(GrantRow::grant).toList();
        List<Grant> sso = grants.stream().filter(g -> g.source().equals("sso")).map(GrantRow::grant).toList();
        return new User(r.getId(), r.getEmail(), r.getName(), r.getPasswordHash(), r.getOidcIssuer(), r.getOidcSubject(),
                manual, sso, instant(r.getCreatedAt()), instant(r.getUpdatedAt()), instant(r.getLastSignInAt()),
                instant(r.getDisabledAt()));
    }

    private static OneTimeLink toLink(OneTimeLinksRecord r) {
        return new OneTimeLink(r.getTokenHash(), r.getUserId(), OneTimeLink.Kind.valueOf(r.getKind().toUpperCase(Locale.ROOT)),
                r.getCreatedBy(), instant(r.getCreatedAt()), instant(r.getExpiresAt()), instant(r.getUsedAt()));
    }

    private static SessionRecord toSession(PanelSessionsRecord r) {
        return new SessionRecord(r.getIdHash(), r.getUserId(), r.getCredentialHash(), r.getCsrfToken(), instant(r.getCreatedAt()),
                instant(r.getLastSeenAt()), r.getIp(), r.getUserAgent());
    }

    private static OffsetDateTime at(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
