package io.paddock.catalog;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.catalog.CatalogDtos.CloneCatalogEnvironmentRequest;
import io.paddock.catalog.CatalogDtos.CreateCatalogEnvironmentRequest;
import io.paddock.catalog.CatalogDtos.CatalogEnvironmentView;
import io.paddock.catalog.CatalogDtos.UpdateCatalogEnvironmentRequest;
import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.ApiException;
import io.paddock.errors.DatabaseErrors;
import io.paddock.errors.JsonPointers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CatalogEnvironmentService {

    @Inject CatalogEnvironmentRepository repository;
    @Inject ProjectCounts projectCounts;

    public Uni<List<CatalogEnvironmentView>> list() {
        return repository.listCommittedViews();
    }

    /** One environment; its projectCount may be one counted within {@code paddock.catalog.project-count-ttl}. */
    public Uni<CatalogEnvironmentView> get(String name) {
        Long counted = projectCounts.fresh(name);
        Uni<CatalogEnvironmentView> view;
        if (counted != null) {
            view = repository.findCommittedView(name, counted);
        } else {
            long asked = projectCounts.asking();
            view = repository.findCommittedView(name)
                    .invoke(found -> {
                        if (found != null) {
                            projectCounts.counted(name, found.projectCount(), asked);
                        }
                    });
        }
        return view.onItem().ifNull().failWith(() -> notFound(name));
    }

    /**
     * Creates the environment in one statement (its own transaction); the primary key, not a prior look-up,
     * decides who wins a race for a name.
     */
    public Uni<CatalogEnvironmentView> create(CreateCatalogEnvironmentRequest request) {
        boolean enabled = request.enabled() == null || request.enabled();
        return repository.insertReturningView(request.name(), request.type(), enabled, request.sortOrder())
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(failure -> nameTaken(request.name()));
    }

    /** A copy of an existing environment under a new name: its type unless given, its enabled flag, not protected. */
    @WithTransaction
    public Uni<CatalogEnvironmentView> cloneOf(String sourceName, CloneCatalogEnvironmentRequest request) {
        return repository.findById(sourceName)
                .onItem().ifNull().failWith(() -> notFound(sourceName))
                .invoke(source -> {
                    // The source is in this session already; persisting a second object with its id would fail
                    // in Hibernate before the database could answer with a unique violation.
                    if (source.name.equals(request.name())) {
                        throw nameTaken(request.name());
                    }
                })
                .chain(source -> sortOrderOrNext(request.sortOrder())
                        .map(sortOrder -> newEnvironment(request.name(),
                                request.type() == null ? source.type : request.type(), source.enabled, sortOrder)))
                .chain(this::insert)
                .chain(saved -> repository.findView(saved.name));
    }

    /** Changes type and sortOrder. The row is locked so the write cannot undo a concurrent change of other fields. */
    @WithTransaction
    public Uni<CatalogEnvironmentView> update(String name, UpdateCatalogEnvironmentRequest request) {
        return repository.findForUpdate(name)
                .onItem().ifNull().failWith(() -> notFound(name))
                .invoke(environment -> {
                    if (request.type() != null) {
                        environment.type = request.type();
                    }
                    if (request.sortOrder() != null) {
                        environment.sortOrder = request.sortOrder();
                    }
                })
                .call(environment -> repository.flush())
                .chain(environment -> repository.findView(name));
    }

    /**
     * Deletes an environment that is neither protected nor used. The row is locked before application
     * environments are counted, in a statement of its own: a transaction creating an application environment
     * holds a share lock on this row (see {@link CatalogEnvironmentRepository#rulesFor}), so once the lock is
     * ours, the count sees what such a transaction committed.
     */
    @WithTransaction
    public Uni<Void> delete(String name) {
        return repository.findForUpdate(name)
                .onItem().ifNull().failWith(() -> notFound(name))
                .invoke(environment -> {
                    if (environment.isProtected) {
                        throw new ApiException(409, "ProtectedEnvironmentError", "The environment \"" + name
                                + "\" is protected and cannot be deleted. To stop new application environments "
                                + "using it, disable it with POST /api/admin/environments/" + name + "/off.");
                    }
                })
                .call(environment -> repository.projectCount(name)
                        .invoke(count -> {
                            if (count > 0) {
                                throw new ApiException(409, "EnvironmentInUseError", "The environment \"" + name
                                        + "\" is still used by the application environments of " + count
                                        + " application(s) and cannot be deleted. Delete those application "
                                        + "environments first, or disable it with POST /api/admin/environments/"
                                        + name + "/off so it takes no new ones.");
                            }
                        }))
                .call(repository::delete)
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> setEnabled(String name, boolean enabled) {
        return repository.setEnabled(name, enabled)
                .invoke(changed -> {
                    if (changed == 0) {
                        throw notFound(name);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Sets the sortOrder of each named environment, all or nothing. The rows are locked in name order, so
     * concurrent changes take effect one after the other and never deadlock.
     */
    @WithTransaction
    public Uni<Void> updateSortOrder(Map<String, Integer> sortOrder) {
        List<Detail> missing = new ArrayList<>();
        sortOrder.forEach((name, value) -> {
            if (value == null) {
                missing.add(new Detail(JsonPointers.child("", name),
                        "must be an integer (a whole number from -2147483648 to 2147483647); you sent null"));
            }
        });
        if (!missing.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(missing));
        }
        if (sortOrder.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.lockAll(sortOrder.keySet())
                .invoke(found -> {
                    Set<String> unknown = new TreeSet<>(sortOrder.keySet());
                    found.forEach(environment -> unknown.remove(environment.name));
                    if (!unknown.isEmpty()) {
                        throw ApiException.notFound("The catalog has no environment named " + String.join(", ", unknown)
                                + ", so no sort order was changed. Send only names that GET /api/admin/environments lists.");
                    }
                })
                .invoke(found -> found.forEach(environment -> environment.sortOrder = sortOrder.get(environment.name)))
                .replaceWithVoid();
    }

    /** Succeeds when the name is free (its syntax was checked when the body was read). */
    @WithSession
    public Uni<Void> validateName(String name) {
        return repository.findById(name)
                .invoke(found -> {
                    if (found != null) {
                        throw nameTaken(name);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<CatalogEnvironment> insert(CatalogEnvironment environment) {
        return repository.persistAndFlush(environment)
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(failure -> nameTaken(environment.name));
    }

    private Uni<Integer> sortOrderOrNext(Integer requested) {
        if (requested != null) {
            return Uni.createFrom().item(requested);
        }
        return repository.maxSortOrder()
                .map(max -> max == null ? 1 : max == Integer.MAX_VALUE ? max : max + 1);
    }

    private static CatalogEnvironment newEnvironment(String name, String type, boolean enabled, int sortOrder) {
        CatalogEnvironment environment = new CatalogEnvironment();
        environment.name = name;
        environment.type = type;
        environment.enabled = enabled;
        environment.isProtected = false;
        environment.sortOrder = sortOrder;
        environment.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return environment;
    }

    static ApiException notFound(String name) {
        return ApiException.notFound("The catalog has no environment named \"" + name
                + "\". GET /api/admin/environments lists the environments there are.");
    }

    static ApiException nameTaken(String name) {
        return ApiException.nameExists("An environment named \"" + name + "\" already exists. Choose another name, "
                + "or change that environment with PUT /api/admin/environments/update/" + name + ".");
    }
}
