package io.paddock.environments;

import static io.paddock.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.paddock.environments.Admission.Admitted;
import io.paddock.environments.Admission.NameTaken;
import io.paddock.environments.EnvironmentTransitions.Deletion;
import io.paddock.environments.EnvironmentTransitions.Stranded;
import io.paddock.errors.ApiException;
import io.paddock.testing.EnvironmentRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The lifecycle's state machine against a real PostgreSQL: every request the lifecycle owner takes, asked of an
 * environment in every status. The table says what each must end in; a cell that is not a status is a refusal:
 * {@code -} (the write is refused as not this holder's: the row keeps its status and lease), {@code 409} or
 * {@code 404} (the request is answered with that error and nothing changes).
 */
@QuarkusTest
class EnvironmentTransitionsTest {

    /*
     * Rows: the status the environment is in; FAILED+ is FAILED with a resource left in its ledger.
     * admit: a create of the seeded environment's name (CREATING: a new environment was admitted).
     * takeOver: with the seeded lease run out (*: taken over, same status, a new fencing token).
     * undo: of a change that started from STOPPED. stalled (!): recorded as a terminal failure.
     * retryLater (~): the lease let go until the wait is over, one more failed try counted.
     */
    private static final String TABLE = """
            from      admit     created  createFailed  claim     changed  undo     beginDelete  deleted  stalled    cleanedUp  retryLater  takeOver
            CREATING  409       ACTIVE   FAILED        409       -        -        409          -        -          -          CREATING~   CREATING*
            ACTIVE    409       -        -             UPDATING  -        -        DELETING     -        -          -          -           -
            UPDATING  409       -        -             409       ACTIVE   STOPPED  409          -        -          -          UPDATING~   UPDATING*
            STOPPED   409       -        -             UPDATING  -        -        DELETING     -        -          -          -           -
            FAILED    CREATING  -        -             409       -        -        gone         -        FAILED!    FAILED     FAILED~     -
            FAILED+   409       -        -             409       -        -        DELETING     -        FAILED!    FAILED     FAILED~     FAILED*
            DELETING  CREATING  -        -             404       -        -        404          gone     DELETING!  -          DELETING~   DELETING*
            """;

    /** Which transition each request makes when it is allowed. */
    private static final Map<String, List<Transition>> MAKES = Map.ofEntries(
            Map.entry("admit", List.of(Transition.CREATE)),
            Map.entry("created", List.of(Transition.CREATED)),
            Map.entry("createFailed", List.of(Transition.CREATE_FAILED)),
            Map.entry("claim", List.of(Transition.CHANGE)),
            Map.entry("changed", List.of(Transition.CHANGED)),
            Map.entry("undo", List.of(Transition.CHANGE_UNDONE)),
            Map.entry("beginDelete", List.of(Transition.DELETE, Transition.DISCARD)),
            Map.entry("deleted", List.of(Transition.DELETED)),
            Map.entry("stalled", List.of(Transition.STALLED)),
            Map.entry("cleanedUp", List.of(Transition.CLEANED_UP)),
            Map.entry("retryLater", List.of(Transition.RETRY_LATER)),
            Map.entry("takeOver", List.of(Transition.TAKE_OVER)));

    @Inject
    EnvironmentTransitions transitions;

    @Inject
    EnvironmentRows rows;

    static Stream<Arguments> cells() {
        List<String> lines = TABLE.lines().filter(line -> !line.isBlank()).toList();
        String[] requests = lines.get(0).trim().split("\\s+");
        List<Arguments> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cell = line.trim().split("\\s+");
            for (int i = 1; i < requests.length; i++) {
                cells.add(Arguments.of(requests[i], cell[0], cell[i]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} of a {1} environment: {2}")
    @MethodSource("cells")
    void everyRequestOfEveryStatusEndsAsTheTableSays(String request, String row, String expected) throws Throwable {
        EnvironmentStatus from = status(row);
        String app = unique("transitions");
        UUID token = UUID.randomUUID();
        UUID id = rows.seed(app, "dev", from.name(), token, request.equals("takeOver"));
        if (row.endsWith("+")) {
            rows.leaveInLedger(id);
        }
        EnvironmentKey key = new EnvironmentKey("acme", app, "dev");
        Fence fence = new Fence(id, token);
        try {
            Object answer;
            try {
                answer = ask(request, key, fence);
            } catch (ApiException refused) {
                assertThat(String.valueOf(refused.status())).as("the refusal").isEqualTo(expected);
                assertUnchanged(id, from, token);
                if (refused.status() == 409 && !request.equals("admit")) {
                    assertThat(refused).isInstanceOf(TransitionRefused.class);
                }
                return;
            }
            switch (expected) {
                case "-" -> {
                    assertThat(answer).as("the answer").isIn(Settled.LEASE_LOST, Boolean.FALSE);
                    assertUnchanged(id, from, token);
                }
                case "409", "404" -> throw new AssertionError("expected " + expected + ", answered " + answer);
                case "gone" -> assertThat(rows.exists(id)).as("the row").isFalse();
                default -> {
                    String status = expected.replaceAll("[*!~]", "");
                    if (request.equals("admit")) {
                        assertThat(answer).isInstanceOf(Admitted.class);
                        assertThat(rows.string(((Admitted) answer).fence().environmentId(), "status")).isEqualTo(status);
                        assertThat(rows.exists(id)).as("the failed namesake gives way").isEqualTo(from != EnvironmentStatus.FAILED);
                        rows.remove(((Admitted) answer).fence().environmentId());
                        return;
                    }
                    assertThat(answer).as("the answer").isIn(Settled.DONE, Boolean.TRUE);
                    assertThat(rows.string(id, "status")).isEqualTo(status);
                    if (expected.endsWith("*")) {
                        assertThat(rows.string(id, "lease_token")).as("a new fencing token").isNotEqualTo(token.toString());
                    }
                    if (expected.endsWith("~")) {
                        assertThat(rows.string(id, "lease_token")).as("nobody's lease").isNull();
                        assertThat(rows.string(id, "attempts")).isEqualTo("1");
                        assertThat(rows.leaseSecondsLeft(id)).as("the wait").isBetween(50.0, 61.0);
                    }
                    assertThat(rows.string(id, "failure_terminal")).isEqualTo(expected.endsWith("!") ? "true" : "false");
                }
            }
        } finally {
            rows.remove(id);
        }
    }

    /** Asks the owner for {@code request}; the answer as a Settled, an Admission, or whether a row moved. */
    private Object ask(String request, EnvironmentKey key, Fence fence) throws Throwable {
        ApplicationEnvironment env = new ApplicationEnvironment();
        env.id = fence.environmentId();
        env.envName = key.envName();
        env.status = EnvironmentStatus.valueOf(rows.string(env.id, "status"));
        Stranded stranded = new Stranded(env, fence);
        Claim claim = new Claim(env, fence, new Claim.Before(EnvironmentStatus.STOPPED, "{\"containers\": []}", 1, 2, "[]"));
        return switch (request) {
            case "admit" -> {
                Admission admission = await(() -> transitions.admit(newEnvironment(key), 10));
                if (admission instanceof Admitted admitted) {
                    transitions.letGo(admitted.fence());
                    yield admitted;
                }
                if (admission instanceof Admission.LeftoversPending) {
                    throw new ApiException(409, "EnvironmentBusyError", "leftovers");
                }
                // Admission answers a live namesake as NameTaken, which the create answers with 409.
                assertThat(((NameTaken) admission).status()).isEqualTo(EnvironmentStatus.valueOf(rows.string(
                        fence.environmentId(), "status")));
                throw new ApiException(409, "NameExistsError", "taken");
            }
            case "created" -> await(() -> transitions.created(fence, "{}"));
            case "createFailed" -> await(() -> transitions.createFailed(fence, "a step failed", false));
            case "claim" -> {
                Claim made = await(() -> transitions.claim(key, Change.of("changed"), ignored -> {
                }));
                transitions.letGo(made.fence());
                yield Boolean.TRUE;
            }
            case "changed" -> await(() -> transitions.changed(claim, Outcome.in(EnvironmentStatus.ACTIVE)));
            case "undo" -> await(() -> transitions.undo(claim, "the change failed"));
            case "beginDelete" -> {
                Deletion deletion = await(() -> transitions.beginDelete(key));
                if (deletion instanceof Deletion.Deleting deleting) {
                    transitions.letGo(deleting.fence());
                }
                yield Boolean.TRUE;
            }
            case "deleted" -> await(() -> transitions.deleted(fence));
            case "stalled" -> await(() -> transitions.stalled(stranded, "refused"));
            case "cleanedUp" -> await(() -> transitions.cleanedUp(stranded));
            case "retryLater" -> await(() -> transitions.retryLater(stranded, java.time.Duration.ofMinutes(1)));
            case "takeOver" -> {
                List<Stranded> taken = await(() -> transitions.takeOver(1));
                taken.forEach(one -> transitions.letGo(one.fence()));
                yield taken.stream().anyMatch(one -> one.env().id.equals(fence.environmentId()));
            }
            default -> throw new IllegalArgumentException(request);
        };
    }

    private static EnvironmentStatus status(String row) {
        return EnvironmentStatus.valueOf(row.replace("+", ""));
    }

    private static ApplicationEnvironment newEnvironment(EnvironmentKey key) {
        ApplicationEnvironment env = new ApplicationEnvironment();
        env.id = UUID.randomUUID();
        env.organisation = key.organisation();
        env.application = key.application();
        env.envName = key.envName();
        env.minCapacity = 1;
        env.maxCapacity = 2;
        env.desiredCount = 1;
        env.compose = "{\"containers\": []}";
        return env;
    }

    private void assertUnchanged(UUID id, EnvironmentStatus from, UUID token) {
        assertThat(rows.string(id, "status")).as("the status").isEqualTo(from.name());
        assertThat(rows.string(id, "lease_token")).as("the lease").isEqualTo(token.toString());
    }

    private static <T> T await(Supplier<Uni<T>> call) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(call);
    }

    @Test
    void theTableAndTheTransitionsAgree() {
        Map<String, Map<String, String>> byRequest = new LinkedHashMap<>();
        cells().forEach(args -> byRequest.computeIfAbsent((String) args.get()[0], r -> new LinkedHashMap<>())
                .put((String) args.get()[1], (String) args.get()[2]));
        for (Map.Entry<String, Map<String, String>> request : byRequest.entrySet()) {
            Set<EnvironmentStatus> allowed = EnumSet.noneOf(EnvironmentStatus.class);
            request.getValue().forEach((from, cell) -> {
                if (!Set.of("-", "409", "404").contains(cell)) {
                    allowed.add(status(from));
                }
            });
            Set<EnvironmentStatus> declared = EnumSet.noneOf(EnvironmentStatus.class);
            MAKES.get(request.getKey()).forEach(t -> declared.addAll(t.from()));
            if (request.getKey().equals("admit")) {
                // A create starts from no environment: what the table names is the namesake that lets it through.
                assertThat(allowed).isEqualTo(Arrays.stream(EnvironmentStatus.values())
                        .filter(s -> !s.isLive()).collect(() -> EnumSet.noneOf(EnvironmentStatus.class), Set::add, Set::addAll));
            } else {
                assertThat(allowed).as(request.getKey()).isEqualTo(declared);
            }
        }
        assertThat(MAKES.values().stream().flatMap(List::stream).distinct().toList())
                .as("every transition is in the table").containsExactlyInAnyOrder(Transition.values());
    }

    @Test
    void theDatabaseAndTheCodeAgreeOnWhichEnvironmentsAreLive() {
        for (EnvironmentStatus status : EnvironmentStatus.values()) {
            assertThat(rows.liveInTheDatabase(status.name())).as(status.name()).isEqualTo(status.isLive());
        }
    }

    @Test
    void aFenceFromAnEarlierHolderWritesNothing() throws Throwable {
        UUID token = UUID.randomUUID();
        UUID id = rows.seed(unique("transitions"), "dev", "CREATING", token, false);
        try {
            assertThat((Object) await(() -> transitions.created(new Fence(id, UUID.randomUUID()), "{}")))
                    .isEqualTo(Settled.LEASE_LOST);
            assertUnchanged(id, EnvironmentStatus.CREATING, token);
        } finally {
            rows.remove(id);
        }
    }

    @Test
    void aRefusedChangeSaysWhyInItsName() {
        String app = unique("transitions");
        UUID id = rows.seed(app, "dev", "STOPPED", UUID.randomUUID(), false);
        try {
            assertThatThrownBy(() -> await(() -> transitions.claim(new EnvironmentKey("acme", app, "dev"),
                    Change.activeOnly("given a scaling policy"), ignored -> {
                    })))
                    .isInstanceOfSatisfying(TransitionRefused.class, refused -> {
                        assertThat(refused.name()).isEqualTo("EnvironmentNotActiveError");
                        assertThat(refused.from()).isEqualTo(EnvironmentStatus.STOPPED);
                    });
        } finally {
            rows.remove(id);
        }
    }
}
