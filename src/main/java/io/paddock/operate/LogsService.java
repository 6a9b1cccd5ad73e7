package io.paddock.operate;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.PaddockConfig;
import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.ApplicationEnvironmentRepository;
import io.paddock.environments.Compose;
import io.paddock.environments.EnvironmentKey;
import io.paddock.environments.StoredJson;
import io.paddock.operate.OperateDtos.LogEventView;
import io.paddock.operate.OperateDtos.LogsView;
import io.paddock.provisioning.EnvironmentRuntime;
import io.paddock.provisioning.LogPort;
import io.paddock.provisioning.LogPort.LogQuery;
import io.paddock.provisioning.ProviderException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * An environment's log events: FilterLogEvents on its log group, narrowed to one container's streams when asked,
 * a page at a time. Every query parameter is checked before the provider is called.
 */
@ApplicationScoped
public class LogsService {

    static final int MAX_LIMIT = 10_000;
    static final int DEFAULT_LIMIT = 100;

    @Inject ApplicationEnvironmentRepository environments;
    @Inject StoredJson json;
    @Inject EnvironmentRuntime runtime;
    @Inject PaddockConfig config;

    /** The query parameters as sent (text, so that a malformed one is a 422 naming it, never a 404 or 500). */
    public record LogsRequest(String startTime, String endTime, String containerName, String filterPattern,
            String limit, String nextToken) {
    }

    public Uni<LogsView> logs(EnvironmentKey key, LogsRequest request) {
        QueryProblems problems = new QueryProblems();
        Long start = problems.time("startTime", request.startTime(), false);
        Long end = problems.time("endTime", request.endTime(), false);
        Integer limit = problems.integer("limit", request.limit(), 1, MAX_LIMIT, DEFAULT_LIMIT);
        LogTokens.Position position = null;
        if (request.nextToken() != null) {
            position = LogTokens.read(request.nextToken());
            if (position == null) {
                problems.add("nextToken", "is not a token this call answered; send the nextToken of the previous page"
                        + " as it was, or leave it out for the first page");
            }
        }
        TimeWindow window = position != null ? position.window() : TimeWindow.of(start, end,
                config.operate().defaultRange(), config.operate().maxLogRange(), problems);
        if (position != null && ((start != null && start != window.start()) || (end != null && end != window.end()))) {
            problems.add("nextToken", "continues another time range; send the startTime and endTime of the first page,"
                    + " or none");
        }
        String providerToken = position == null ? null : position.providerToken();
        return Panache.withSession(() -> environments.findVisible(key))
                .map(key::found)
                .chain(env -> {
                    String container = request.containerName();
                    if (container != null && !containers(env).contains(container)) {
                        problems.add("containerName", "is not a container of environment " + key.envName()
                                + "; send one of " + containers(env));
                    }
                    problems.check();
                    if (env.provisioned == null) {
                        return Uni.createFrom().item(new LogsView(List.of(), null));
                    }
                    String group = LogPort.logGroupOf(json.provisioned(env.provisioned).service().name());
                    LogQuery query = new LogQuery(group, container == null ? null : LogPort.streamPrefixOf(container),
                            window.start(), window.end(), blankToNull(request.filterPattern()), limit, providerToken);
                    return runtime.logs(query)
                            .onFailure(ProviderException.class)
                            .transform(failure -> Refusals.of((ProviderException) failure, request.nextToken() != null,
                                    request.filterPattern() != null))
                            .map(page -> new LogsView(page.events().stream()
                                    .map(event -> new LogEventView(event.timestamp(), event.message(),
                                            event.logStreamName()))
                                    .toList(),
                                    page.nextToken() == null ? null : LogTokens.write(window, page.nextToken())));
                });
    }

    private List<String> containers(ApplicationEnvironment env) {
        return json.compose(env.compose).containers().stream().map(Compose.Container::name).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
