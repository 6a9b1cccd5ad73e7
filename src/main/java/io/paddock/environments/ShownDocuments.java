package io.paddock.environments;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.environments.EnvironmentDtos.VolumeView;
import io.paddock.provisioning.Provisioned;

/**
 * What a GET shows of an environment's stored documents and times, as last read for it: its provisioned document
 * parsed (with its volumes as the body shows them), its containers' names, its times as the body writes them. A list
 * of a thousand environments read again and again would otherwise parse a thousand documents each time, a third of
 * its CPU. Exact, not a cache with a lifetime: a part is reused only when the stored text (or time) it was made from
 * is the one just read ({@link String#equals}), so a change shows at once.
 */
@ApplicationScoped
class ShownDocuments {

    /**
     * Past this many environments, all are dropped: about 4 KB each (the texts and what was made of them), so at most
     * a few MB of the heap; enough for the largest list (an application's limit) and the environments read since.
     */
    static final int MAX_ENTRIES = 2_048;

    /** The parts of one environment, each with the text or time it was made from. */
    private record Entry(String provisionedText, Provisioned provisioned, List<VolumeView> volumes, String composeText,
            List<String> containerNames, OffsetDateTime createdAt, String createdText, OffsetDateTime updatedAt,
            String updatedText) {
    }

    /** What the body shows of one environment's documents and times. */
    record Parts(Provisioned provisioned, List<VolumeView> volumes, List<String> containerNames, String createdAt,
            String updatedAt) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    @Inject StoredJson json;

    /** The parts of {@code env} ({@code composeText} is its stored compose), made again only where its text changed. */
    Parts of(ApplicationEnvironment env, String composeText) {
        Entry old = entries.get(env.id);
        Entry entry = refreshed(old, env, composeText);
        if (entry != old) {
            if (old == null && entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(env.id, entry);
        }
        return new Parts(entry.provisioned(), entry.volumes(), entry.containerNames(), entry.createdText(),
                entry.updatedText());
    }

    private Entry refreshed(Entry old, ApplicationEnvironment env, String composeText) {
        if (old != null && Objects.equals(old.provisionedText(), env.provisioned)
                && old.composeText().equals(composeText) && Objects.equals(old.createdAt(), env.createdAt)
                && Objects.equals(old.updatedAt(), env.updatedAt)) {
            return old;
        }
        Provisioned provisioned;
        List<VolumeView> volumes;
        if (old != null && Objects.equals(old.provisionedText(), env.provisioned)) {
            provisioned = old.provisioned();
            volumes = old.volumes();
        } else {
            provisioned = env.provisioned == null ? null : json.provisioned(env.provisioned);
            volumes = EnvironmentViews.volumes(provisioned).stream().map(VolumeView::of).toList();
        }
        List<String> names = old != null && old.composeText().equals(composeText) ? old.containerNames()
                : json.containerNames(composeText);
        String created = old != null && Objects.equals(old.createdAt(), env.createdAt) ? old.createdText()
                : EnvironmentDtos.timestamp(env.createdAt);
        String updated = old != null && Objects.equals(old.updatedAt(), env.updatedAt) ? old.updatedText()
                : EnvironmentDtos.timestamp(env.updatedAt);
        return new Entry(env.provisioned, provisioned, volumes, composeText, names, env.createdAt, created,
                env.updatedAt, updated);
    }
}
