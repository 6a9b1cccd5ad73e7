package io.paddock.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Names the operation a request started in its answer's {@value CurrentOperation#HEADER} header. Response filters
 * run in descending priority, so this one runs before the audit trail and the idempotency store read the header.
 */
public class OperationHeader {

    @Inject CurrentOperation operation;

    @ServerResponseFilter(priority = Priorities.USER + 1000)
    public void name(ContainerResponseContext response) {
        operation.find().ifPresent(id -> response.getHeaders().putSingle(CurrentOperation.HEADER, id.toString()));
    }
}
