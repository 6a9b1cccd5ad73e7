package io.paddock.events;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.PaddockConfig;
import io.paddock.auth.Caller;
import io.paddock.auth.CurrentCaller;
import io.paddock.auth.OrganisationScoped;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The organisation's environments' status changes as server-sent events, scoped to the token: an organisation
 * token sees every environment of its organisation, an environment token those of its envName. A client that
 * reconnects sends the last id it saw as Last-Event-ID and receives what it missed, while it is kept.
 */
@Path("/api/v3/organizations/{organisation}/events")
@OrganisationScoped
public class EventResource {

    @Inject EnvironmentEvents events;

    @Inject CurrentCaller caller;

    @Inject ObjectMapper json;

    @Inject PaddockConfig config;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponses
    public Multi<OutboundSseEvent> streamEvents(@PathParam("organisation") String organisation,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        Caller who = caller.get();
        Uni<EventCursor> from = lastEventId == null || lastEventId.isBlank() ? events.now()
                : Uni.createFrom().item(EventCursor.parse(lastEventId));
        Multi<OutboundSseEvent> changes = from.onItem().transformToMulti(cursor -> events.follow(organisation, cursor,
                        event -> who.mayUseEnvironment(organisation, event.envName())))
                .map(event -> sse.newEventBuilder()
                        .id(event.id())
                        .name(event.type())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(write(event))
                        .build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(config.events().keepAlive())
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(changes, keepAlive);
    }

    private String write(EnvironmentEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event is always serialisable", e);
        }
    }
}
