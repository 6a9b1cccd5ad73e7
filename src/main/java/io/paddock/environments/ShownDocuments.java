package io.paddock.environments;

import java.time.OffsetDateTime;
import java.util.HashMap;
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
 * is the one just read ({@link String#equals}), or when the row is the very row version it was read from (the same
 * id and xmin, which every UPDATE of a row changes): a list sends the versions it knows
 * ({@link #known()}), and the database leaves out the documents of those rows.
 */
@ApplicationScoped
class ShownDocuments {

    /**
     * Past this many environments, all are dropped: about 4 KB each (the texts and what was made of them), so at most
     * a few MB of the heap; enough for the largest list (an application's limit) and the environments read since.
     */
    static final int MAX_ENTRIES = 2_048;

    /** No row version known (read through Hibernate, which does not read xmin). */
    static final long UNKNOWN_VERSION = -1;

    /** The parts of one environment, each with the text or time it was made from, and the row version read. */
    record Entry(long rowVersion, String provisionedText, String composeText, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, Parts parts) {
    }

    /** What the body shows of one environment's documents and times. */
    record Parts(Provisioned provisioned, List<VolumeView> volumes, List<String> containerNames, String createdAt,
            String updatedAt) {
    }

    /** The row versions whose parts are known, as a list statement's parameters, and their entries. */
    record Known(UUID[] ids, Long[] rowVersions, Map<UUID, Entry> entries) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    @Inject StoredJson json;

    /** The row versions known now; the entries are those of that moment, whatever is stored after. */
    Known known() {
        Map<UUID, Entry> now = new HashMap<>(entries.size() * 2);
        entries.forEach((id, entry) -> {
            if (entry.rowVersion() != UNKNOWN_VERSION) {
                now.put(id, entry);
            }
        });
        UUID[] ids = new UUID[now.size()];
        Long[] versions = new Long[now.size()];
        int i = 0;
        for (Map.Entry<UUID, Entry> one : now.entrySet()) {
            ids[i] = one.getKey();
            versions[i] = one.getValue().rowVersion();
            i++;
        }
        return new Known(ids, versions, now);
    }

    /**
     * The parts of {@code env} ({@code composeText} is its stored compose; {@code rowVersion} its xmin, or
     * {@link #UNKNOWN_VERSION}), made again only where its text changed.
     */
    Parts of(ApplicationEnvironment env, String composeText, long rowVersion) {
        Entry old = entries.get(env.id);
        Entry entry = refreshed(old, env, composeText, rowVersion);
        if (entry != old) {
            if (old == null && entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(env.id, entry);
        }
        return entry.parts();
    }

    private Entry refreshed(Entry old, ApplicationEnvironment env, String composeText, long rowVersion) {
        boolean sameProvisioned = old != null && Objects.equals(old.provisionedText(), env.provisioned);
        boolean sameCompose = old != null && old.composeText().equals(composeText);
        boolean sameCreated = old != null && Objects.equals(old.createdAt(), env.createdAt);
        boolean sameUpdated = old != null && Objects.equals(old.updatedAt(), env.updatedAt);
        if (sameProvisioned && sameCompose && sameCreated && sameUpdated) {
            // The same texts in another row version (its counts were stored, say): known under that version now.
            return rowVersion == UNKNOWN_VERSION || rowVersion == old.rowVersion() ? old
                    : new Entry(rowVersion, old.provisionedText(), old.composeText(), old.createdAt(), old.updatedAt(),
                            old.parts());
        }
        Provisioned provisioned;
        List<VolumeView> volumes;
        if (sameProvisioned) {
            provisioned = old.parts().provisioned();
            volumes = old.parts().volumes();
        } else {
            provisioned = env.provisioned == null ? null : json.provisioned(env.provisioned);
            volumes = EnvironmentViews.volumes(provisioned).stream().map(VolumeView::of).toList();
        }
        List<String> names = sameCompose ? old.parts().containerNames() : json.containerNames(composeText);
        String created = sameCreated ? old.parts().createdAt() : EnvironmentDtos.timestamp(env.createdAt);
        String updated = sameUpdated ? old.parts().updatedAt() : EnvironmentDtos.timestamp(env.updatedAt);
        return new Entry(rowVersion, env.provisioned, composeText, env.createdAt, env.updatedAt,
                new Parts(provisioned, volumes, names, created, updated));
    }
}
