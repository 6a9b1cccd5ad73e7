package io.paddock.operate;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The bodies of the calls that read and operate a running environment, in Quant's 4.19 shapes. */
public final class OperateDtos {

    private OperateDtos() {
    }

    @Schema(name = "EnvironmentLogs", description = "A page of the environment's log events, oldest first")
    public record LogsView(
            List<LogEventView> logEvents,
            @Schema(description = "The token of the next page, for nextToken; null on the last page", nullable = true)
            @JsonInclude(JsonInclude.Include.ALWAYS) String nextToken) {
    }

    @Schema(name = "EnvironmentLogEvent")
    public record LogEventView(
            @Schema(description = "Unix timestamp in milliseconds") long timestamp,
            String message,
            @Schema(description = "Paddock's own: the log stream (<container>/<container>/<task id>)") String logStreamName) {
    }
}
